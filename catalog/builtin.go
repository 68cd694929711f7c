package catalog

import (
	"embed"
	"io/fs"
	"path"
)

// editionFiles holds the editions shipped with the program, so a fresh installation has a
// catalog before the secretariat imports anything.
//
//go:embed editions/*.yaml
var editionFiles embed.FS

// defaultEditionFile is the edition DefaultEdition returns.
const defaultEditionFile = "iaas-paas-iot-2018-draft.yaml"

// BuiltinEdition is one shipped edition file, unparsed, e.g. to seed a database.
type BuiltinEdition struct {
	Name string // file name, e.g. "iaas-paas-iot-2018-draft.yaml"
	Data []byte
}

// Builtin returns the shipped edition files, sorted by name.
func Builtin() []BuiltinEdition {
	names, err := fs.Glob(editionFiles, "editions/*.yaml")
	if err != nil {
		return nil // the pattern is constant and valid
	}
	out := make([]BuiltinEdition, 0, len(names))
	for _, name := range names {
		data, err := editionFiles.ReadFile(name)
		if err != nil {
			continue // cannot happen for a name Glob just returned
		}
		out = append(out, BuiltinEdition{Name: path.Base(name), Data: data})
	}
	return out
}

// DefaultEdition parses the shipped IaaS・PaaS（IoT） draft edition. It returns a
// *ValidationError only if the shipped file is broken, which the package tests rule out.
// Each call parses afresh, so callers may modify the result.
func DefaultEdition() (*Edition, error) {
	data, err := editionFiles.ReadFile(path.Join("editions", defaultEditionFile))
	if err != nil {
		return nil, err
	}
	return Parse(data)
}
