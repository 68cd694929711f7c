package xlsx

import (
	"bytes"
	"io"
	"testing"
)

// BenchmarkExport writes a complete Form B of the shipped edition (target: ≤ 100 ms).
func BenchmarkExport(b *testing.B) {
	ed := shippedEdition(b)
	form := completeForm(ed)
	for b.Loop() {
		if err := Export(io.Discard, ed, form, testMeta); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport reads a complete Form B of the shipped edition (target: ≤ 200 ms).
func BenchmarkImport(b *testing.B) {
	ed := shippedEdition(b)
	data := exportBytes(b, ed, completeForm(ed))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(bytes.NewReader(data), int64(len(data)), ed); err != nil {
			b.Fatal(err)
		}
	}
}
