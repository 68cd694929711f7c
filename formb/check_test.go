package formb_test

import (
	"testing"

	"nintei/catalog"
	"nintei/formb"
	"nintei/formb/formbtest"
)

func edition(t *testing.T) *catalog.Edition {
	t.Helper()
	ed, err := catalog.DefaultEdition()
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func codes(fs []formb.Finding, id string) []string {
	var out []string
	for _, f := range fs {
		if f.ItemID == id && f.Code != formb.OptionalNotGiven {
			out = append(out, f.Code)
		}
	}
	return out
}

// a Form B with every item properly disclosed and every key measure
// in place has no blocking finding.
func TestCompleteFormPasses_R5_2(t *testing.T) {
	ed := edition(t)
	fs := formb.Check(ed, formbtest.CompleteForm(ed))
	if formb.Blocking(fs) {
		t.Fatalf("complete form blocked: %+v", fs)
	}
	if p := formb.Measure(ed, formbtest.CompleteForm(ed)); p.Percent() != 100 || p.Answered != p.Total {
		t.Errorf("progress = %+v", p)
	}
}

// a missing mandatory answer blocks; a missing optional one does not.
func TestRequiredAndOptional_R5_2(t *testing.T) {
	ed := edition(t)
	req, opt := ed.RequiredItems()[0], firstOptional(ed)
	form := formbtest.CompleteForm(ed)
	delete(form, req.ID)
	delete(form, opt.ID)
	fs := formb.Check(ed, form)
	if got := codes(fs, req.ID); len(got) == 0 || got[0] != formb.RequiredMissing {
		t.Errorf("mandatory %s: codes %v, want required_missing", req.ID, got)
	}
	if got := codes(fs, opt.ID); len(got) != 0 {
		t.Errorf("optional %s: codes %v, want none (R-5.2: optional items never decide)", opt.ID, got)
	}
	if !formb.Blocking(fs) {
		t.Error("missing mandatory answer did not block")
	}
}

func firstOptional(ed *catalog.Edition) catalog.Item {
	for _, it := range ed.Items {
		if !it.Required && it.RequiredWhen == nil {
			return it
		}
	}
	panic("no optional item")
}

// each of the five key items blocks when its measure is absent,
// even though the item is answered.
func TestKeyItemsMustBeInPlace_R5_3(t *testing.T) {
	ed := edition(t)
	no := false
	for _, it := range ed.KeyItems() {
		form := formbtest.CompleteForm(ed)
		e := form[it.ID]
		switch it.Answer.Type {
		case catalog.TypeYesNoDetail, catalog.TypeYesNo:
			e.Answer = catalog.Answer{Yes: &no}
		case catalog.TypeContacts:
			e.Answer = catalog.Answer{Contacts: []catalog.Contact{{Kind: "other", Value: "", Hours: "x"}}}
		}
		form[it.ID] = e
		got := codes(formb.Check(ed, form), it.ID)
		if !containsCode(got, formb.KeyNotInPlace) {
			t.Errorf("key item %s answered without the measure: codes %v, want key_not_in_place", it.ID, got)
		}
	}
}

// answered items need an evidence reference, except 実施なし/開示なし
// answers and 無 on yes/no items.
func TestEvidenceReference_R4_4(t *testing.T) {
	ed := edition(t)
	no, yes := false, true
	var text, yn catalog.Item
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText && it.Key == nil && text.ID == "" {
			text = it
		}
		if it.Answer.Type == catalog.TypeYesNoDetail && it.Key == nil && yn.ID == "" {
			yn = it
		}
	}
	cases := []struct {
		name   string
		item   catalog.Item
		answer catalog.Answer
		want   bool
	}{
		{"answered text", text, catalog.Answer{Value: "記載あり"}, true},
		{"実施なし", text, catalog.Answer{Value: "実施なし"}, false},
		{"開示なし", text, catalog.Answer{Value: " 開示なし "}, false},
		{"無", yn, catalog.Answer{Yes: &no}, false},
		{"有 needs evidence", yn, catalog.Answer{Yes: &yes, Detail: "実施している"}, true},
		{"unanswered", text, catalog.Answer{}, false},
	}
	for _, c := range cases {
		form := formbtest.CompleteForm(ed)
		form[c.item.ID] = formb.Entry{ItemID: c.item.ID, Answer: c.answer}
		got := containsCode(codes(formb.Check(ed, form), c.item.ID), formb.EvidenceMissing)
		if got != c.want {
			t.Errorf("%s: evidence_missing = %v, want %v", c.name, got, c.want)
		}
	}
}

func containsCode(cs []string, c string) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
