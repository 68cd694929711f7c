package formb_test

import (
	"strings"
	"testing"

	"nintei/catalog"
	"nintei/formb"
	"nintei/formb/formbtest"
)

// an evidence reference names the document and where in it. A
// named document without a location blocks; a location that points at no
// page, chapter or section is advice only; 実施なし / 開示なし need neither.
func TestEvidenceLocation_R4_4(t *testing.T) {
	ed := edition(t)
	var text catalog.Item
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText && it.Key == nil {
			text = it
			break
		}
	}
	cases := []struct {
		answer, doc, loc string
		want             string // the finding, "" for none
		blocking         bool
	}{
		{"記載あり", "情報セキュリティ基本方針", "", formb.LocationMissing, true},
		{"記載あり", "情報セキュリティ基本方針", "  ", formb.LocationMissing, true},
		{"記載あり", "情報セキュリティ基本方針", "該当部分", formb.LocationVague, false},
		{"記載あり", "情報セキュリティ基本方針", "p.3", "", false},
		{"記載あり", "情報セキュリティ基本方針", "第2章 運用", "", false},
		{"記載あり", "運用規程", "§4.1", "", false},
		{"記載あり", "Service Terms", "Section Four", "", false},
		{"実施なし", "", "", "", false},
	}
	for _, c := range cases {
		form := formbtest.CompleteForm(ed)
		form[text.ID] = formb.Entry{ItemID: text.ID, Answer: catalog.Answer{Value: c.answer}, EvidenceDoc: c.doc, EvidenceLoc: c.loc}
		var got []string
		blocking := false
		for _, f := range formb.Check(ed, form) {
			if f.ItemID == text.ID && f.Code != formb.OptionalNotGiven {
				got = append(got, f.Code)
				blocking = blocking || f.Blocking
			}
		}
		if strings.Join(got, ",") != c.want || blocking != c.blocking {
			t.Errorf("R-4.4 %q/%q/%q: findings %v blocking %v, want %q blocking %v", c.answer, c.doc, c.loc, got, blocking, c.want, c.blocking)
		}
	}
}
