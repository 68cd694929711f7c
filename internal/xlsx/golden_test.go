package xlsx

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/good.xlsx from the current Export")

const goodWorkbook = "testdata/good.xlsx"

// TestGoodWorkbookIsCurrent: Export's output is byte-for-byte the committed
// testdata/good.xlsx, so that any change of the workbook format shows up as a changed file
// in review. After an intended change, run `go test ./xlsx -run TestGoodWorkbook -update`.
func TestGoodWorkbookIsCurrent(t *testing.T) {
	ed := allTypesEdition(t)
	got := exportBytes(t, ed, completeForm(ed))
	if *update {
		if err := os.WriteFile(goodWorkbook, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goodWorkbook)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Export output (%d bytes) differs from %s (%d bytes); if intended, rerun with -update and review",
			len(got), goodWorkbook, len(want))
	}
}

// TestGoodWorkbookImports: the committed workbook still imports to the complete form, so a
// change that breaks workbooks already in applicants' hands fails here.
func TestGoodWorkbookImports(t *testing.T) {
	ed := allTypesEdition(t)
	data, err := os.ReadFile(goodWorkbook)
	if err != nil {
		t.Fatal(err)
	}
	res, err := importBytes(data, ed)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("got warnings %v, want none", res.Warnings)
	}
	assertFormsEqual(t, res.Form, completeForm(ed))
}
