package xlsx

import (
	"strings"
	"testing"
)

// the workbook import says which items lack where in the evidence
// document, and which give a location that points at no page, chapter or
// section, at the location cell of the item's row.
func TestImportNamesItemsWithoutLocation_R4_4(t *testing.T) {
	ed := shippedEdition(t)
	form := completeForm(ed)
	e := form["IPIOT-018"]
	e.EvidenceLoc = ""
	form["IPIOT-018"] = e
	e = form["IPIOT-005"]
	e.EvidenceLoc = "該当部分"
	form["IPIOT-005"] = e
	res, err := importBytes(exportBytes(t, ed, form), ed)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, line(w))
	}
	want := []string{
		"IPIOT-005 xlsx.form.evidence_location_vague 該当箇所「該当部分」からは、資料のどこか（ページ・章・節など）が分かりません。",
		"IPIOT-018 xlsx.form.evidence_location_missing 添付書類等の該当箇所（ページ・章など）を記入してください。",
	}
	if len(got) != len(want) {
		t.Fatalf("R-4.4: warnings\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasSuffix(got[i], want[i]) {
			t.Errorf("R-4.4: warning %q, want …%q", got[i], want[i])
		}
	}
}
