package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Digest returns the hex SHA-256 of a canonical JSON encoding of the edition. It depends on
// the content only, not on how the file was written (YAML or JSON, key order, quoting,
// comments, flow or block style), so an import can tell an identical re-import from a
// changed edition that needs a new version.
//
// The encoding is encoding/json of the Edition value: struct fields in declaration order,
// map keys sorted, empty optional fields omitted. Changing the Edition struct therefore
// changes digests; stored digests are only compared with digests of the same build family.
func (e *Edition) Digest() string {
	data, err := json.Marshal(e)
	if err != nil {
		// Edition holds only strings, ints, bools, slices and string-keyed maps, which
		// always encode; failing loudly beats returning a digest that matches nothing.
		panic("catalog: cannot encode edition: " + err.Error())
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
