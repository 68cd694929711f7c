package registry

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
)

// SnapshotFormat names the snapshot's format and version.
const SnapshotFormat = "nintei-registry-snapshot/1"

// Snapshot is the whole public registry as of a log head, signed daily.
type Snapshot struct {
	GeneratedAt string // RFC 3339, UTC
	KeyID       string // the key that signs it
	HeadSeq     int64
	HeadHash    string
	Services    map[string]Fields // number → public fields
}

// Encode writes the snapshot canonically (docs/registry.md): members in
// this order, no spaces, services by number, fields' keys sorted.
func (s Snapshot) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(`{"format":`)
	encodeString(&b, SnapshotFormat)
	b.WriteString(`,"generated_at":`)
	encodeString(&b, s.GeneratedAt)
	b.WriteString(`,"key_id":`)
	encodeString(&b, s.KeyID)
	b.WriteString(`,"log_head":{"sequence":` + strconv.FormatInt(s.HeadSeq, 10) + `,"hash":`)
	encodeString(&b, s.HeadHash)
	b.WriteString(`},"services":[`)
	for i, n := range slices.Sorted(maps.Keys(s.Services)) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"number":`)
		encodeString(&b, n)
		b.WriteString(`,"fields":{`)
		f := s.Services[n]
		for j, k := range slices.Sorted(maps.Keys(f)) {
			if j > 0 {
				b.WriteByte(',')
			}
			encodeString(&b, k)
			b.WriteByte(':')
			encodeString(&b, f[k])
		}
		b.WriteString("}}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

type wireSnapshot struct {
	Format      string `json:"format"`
	GeneratedAt string `json:"generated_at"`
	KeyID       string `json:"key_id"`
	LogHead     struct {
		Sequence int64  `json:"sequence"`
		Hash     string `json:"hash"`
	} `json:"log_head"`
	Services []struct {
		Number string `json:"number"`
		Fields Fields `json:"fields"`
	} `json:"services"`
}

// ParseSnapshot reads a snapshot; it does not check it against a log.
func ParseSnapshot(b []byte) (Snapshot, error) {
	var w wireSnapshot
	if err := json.Unmarshal(b, &w); err != nil {
		return Snapshot{}, errors.New("snapshot: not JSON")
	}
	if w.Format != SnapshotFormat {
		return Snapshot{}, errors.New("snapshot: unknown format " + strconv.Quote(w.Format))
	}
	s := Snapshot{GeneratedAt: w.GeneratedAt, KeyID: w.KeyID, HeadSeq: w.LogHead.Sequence, HeadHash: w.LogHead.Hash,
		Services: map[string]Fields{}}
	for _, e := range w.Services {
		s.Services[e.Number] = e.Fields
	}
	return s, nil
}
