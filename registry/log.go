package registry

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// GenesisPrev is the prev of the first log entry: 64 zeros.
var GenesisPrev = strings.Repeat("0", 64)

// Fields are the public fields of one certified service as the log and the
// snapshot carry them (docs/registry.md, "Public fields"): every value a
// string, nothing that is not public.
type Fields map[string]string

// LogEntry is one entry of the public, hash-chained registry log:
// a public event of a certification number and the public fields it
// changed (a nil value: the field was removed).
type LogEntry struct {
	Seq    int64
	Time   string // RFC 3339, UTC, to the second
	Number string
	Kind   string
	On     string // the day the event takes effect (YYYY-MM-DD)
	Fields map[string]*string
	Prev   string
	Hash   string
}

// Canonical is the entry's canonical line without its hash: the bytes its
// hash is the SHA-256 of. Members in this order, no spaces, fields' keys
// sorted by byte order, strings as encodeString writes them.
func (e LogEntry) Canonical() []byte {
	var b bytes.Buffer
	b.WriteString(`{"seq":`)
	b.WriteString(strconv.FormatInt(e.Seq, 10))
	for _, m := range [][2]string{{"time", e.Time}, {"number", e.Number}, {"kind", e.Kind}, {"on", e.On}} {
		b.WriteString(`,"` + m[0] + `":`)
		encodeString(&b, m[1])
	}
	b.WriteString(`,"fields":{`)
	for i, k := range slices.Sorted(maps.Keys(e.Fields)) {
		if i > 0 {
			b.WriteByte(',')
		}
		encodeString(&b, k)
		b.WriteByte(':')
		if v := e.Fields[k]; v == nil {
			b.WriteString("null")
		} else {
			encodeString(&b, *v)
		}
	}
	b.WriteString(`},"prev":`)
	encodeString(&b, e.Prev)
	b.WriteByte('}')
	return b.Bytes()
}

// Seal sets the entry's hash from its canonical line.
func (e *LogEntry) Seal() {
	sum := sha256.Sum256(e.Canonical())
	e.Hash = hex.EncodeToString(sum[:])
}

// Line is the entry as the log serves it: the canonical line with the
// hash added as its last member (no newline).
func (e LogEntry) Line() []byte {
	c := e.Canonical()
	return append(c[:len(c)-1], []byte(`,"hash":"`+e.Hash+`"}`)...)
}

// encodeString writes s as a JSON string the way encoding/json does with
// HTML escaping off: \" \\ \n \r \t, other control characters and U+2028,
// U+2029 as \u00XX / \u2028, invalid UTF-8 as U+FFFD, everything else as
// is (UTF-8).
func encodeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode's newline
}

// wireEntry is a served line as JSON.
type wireEntry struct {
	Seq    *int64             `json:"seq"`
	Time   string             `json:"time"`
	Number string             `json:"number"`
	Kind   string             `json:"kind"`
	On     string             `json:"on"`
	Fields map[string]*string `json:"fields"`
	Prev   string             `json:"prev"`
	Hash   string             `json:"hash"`
}

// ParseLine reads one served line and checks that it is in canonical form
// (so that its hash is the hash of its own bytes) and that its hash is
// right.
func ParseLine(line []byte) (LogEntry, error) {
	var w wireEntry
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil || w.Seq == nil || w.Fields == nil {
		return LogEntry{}, errors.New("not a log entry")
	}
	e := LogEntry{Seq: *w.Seq, Time: w.Time, Number: w.Number, Kind: w.Kind, On: w.On, Fields: w.Fields, Prev: w.Prev, Hash: w.Hash}
	if !bytes.Equal(e.Line(), line) {
		return e, errors.New("not in canonical form")
	}
	sum := sha256.Sum256(e.Canonical())
	if hex.EncodeToString(sum[:]) != e.Hash {
		return e, errors.New("hash does not match the entry")
	}
	return e, nil
}

// Changes are the fields that differ between two states of a service: the
// new value, or nil for a field that is gone.
func Changes(old, now Fields) map[string]*string {
	out := map[string]*string{}
	for k, v := range now {
		if o, ok := old[k]; !ok || o != v {
			out[k] = &v
		}
	}
	for k := range old {
		if _, ok := now[k]; !ok {
			out[k] = nil
		}
	}
	return out
}

// Apply returns state with the changes made.
func Apply(state Fields, changes map[string]*string) Fields {
	out := maps.Clone(state)
	if out == nil {
		out = Fields{}
	}
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = *v
		}
	}
	return out
}

// Replay checks the chain of served lines (from sequence 1) up to and
// including sequence upTo (all when 0) and returns the registry they
// describe and the last entry read. An error names the first bad
// sequence.
func Replay(lines [][]byte, upTo int64) (map[string]Fields, LogEntry, error) {
	state := map[string]Fields{}
	last := LogEntry{Hash: GenesisPrev}
	for i, line := range lines {
		want := int64(i + 1)
		if upTo > 0 && want > upTo {
			break
		}
		e, err := ParseLine(line)
		switch {
		case err != nil:
			return state, last, fmt.Errorf("log entry %d: %w", want, err)
		case e.Seq != want:
			return state, last, fmt.Errorf("log entry %d: sequence is %d", want, e.Seq)
		case e.Prev != last.Hash:
			return state, last, fmt.Errorf("log entry %d: prev does not match the hash of entry %d", want, want-1)
		}
		state[e.Number] = Apply(state[e.Number], e.Fields)
		last = e
	}
	if upTo > 0 && last.Seq != upTo {
		return state, last, fmt.Errorf("log entry %d: missing (the log ends at %d)", last.Seq+1, last.Seq)
	}
	return state, last, nil
}
