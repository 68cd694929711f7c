package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse, seeded with every test and shipped file. Parse
// must never panic, and must return either a valid edition or a *ValidationError with at
// least one problem, each with a line of 1 or more.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, b := range Builtin() {
		f.Add(b.Data)
	}
	f.Add([]byte("{}"))
	f.Add([]byte("format: nintei-catalog/1\nitems: [&a {id: x}, *a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Parse(data)
		if err == nil {
			if e == nil || len(e.Items) == 0 {
				t.Fatalf("no error but edition %v", e)
			}
			_ = e.Digest()
			return
		}
		var ve *ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) == 0 {
			t.Fatalf("error %T %v, want *ValidationError with problems", err, err)
		}
		for _, p := range ve.Problems {
			if p.Line < 1 || !slices.Contains(codes, p.Code) {
				t.Fatalf("bad problem %+v", p)
			}
			_ = ve.Error()
		}
	})
}
