package xlsx

import (
	"fmt"
	"reflect"
	"testing"

	"nintei/catalog"
	"nintei/formb"
)

// TestRoundTripComplete exports a complete, valid Form B and imports it back unchanged
// every item answered with its evidence), for the shipped edition and for the test
// edition that has every answer type.
func TestRoundTripComplete(t *testing.T) {
	for name, ed := range map[string]*catalog.Edition{
		"shipped": shippedEdition(t), "all-types": allTypesEdition(t),
	} {
		t.Run(name, func(t *testing.T) {
			want := completeForm(ed)
			for _, it := range ed.Items {
				if ps := it.ValidateAnswer(want[it.ID].Answer); len(ps) > 0 {
					t.Fatalf("test answer for %s is invalid: %v", it.ID, ps)
				}
			}
			res, err := importBytes(exportBytes(t, ed, want), ed)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("got warnings %v, want none", res.Warnings)
			}
			assertFormsEqual(t, res.Form, want)
		})
	}
}

// TestRoundTripEmpty exports an empty form: it imports as an empty draft, with a warning
// for every required item.
func TestRoundTripEmpty(t *testing.T) {
	ed := shippedEdition(t)
	res, err := importBytes(exportBytes(t, ed, formb.Form{}), ed)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Form), 0; got != want {
		t.Errorf("got %d entries, want %d", got, want)
	}
	var got []string
	for _, w := range res.Warnings {
		if w.Code != CodeRequiredMissing {
			t.Errorf("unexpected warning %v", w)
		}
		got = append(got, w.ItemID)
	}
	var want []string
	for _, it := range ed.RequiredItems() {
		want = append(want, it.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("required-missing warnings for\n%v\nwant\n%v", got, want)
	}
}

// TestRoundTripNoAndExempt: a 無 answer and an 実施なし answer need no evidence
// and come back as written.
func TestRoundTripNoAndExempt(t *testing.T) {
	ed := shippedEdition(t)
	no := false
	want := completeForm(ed)
	want["IPIOT-025"] = formb.Entry{ItemID: "IPIOT-025", Answer: catalog.Answer{Yes: &no}}
	want["IPIOT-032"] = formb.Entry{ItemID: "IPIOT-032", Answer: catalog.Answer{Value: "実施なし"}}
	delete(want, "IPIOT-026") // required only when IPIOT-025 is 有
	res, err := importBytes(exportBytes(t, ed, want), ed)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("got warnings %v, want none", res.Warnings)
	}
	assertFormsEqual(t, res.Form, want)
}

func assertFormsEqual(t *testing.T, got, want formb.Form) {
	t.Helper()
	for id, w := range want {
		if g, ok := got[id]; !ok {
			t.Errorf("%s: missing after import", id)
		} else if !reflect.DeepEqual(g, w) {
			t.Errorf("%s:\n got %s\nwant %s", id, describe(g), describe(w))
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s: unexpected entry %s", id, describe(got[id]))
		}
	}
}

// describe prints an entry with the yes/no pointer dereferenced.
func describe(e formb.Entry) string {
	yes := "<nil>"
	if e.Answer.Yes != nil {
		yes = fmt.Sprint(*e.Answer.Yes)
	}
	a := e.Answer
	a.Yes = nil
	return fmt.Sprintf("yes=%s %+v doc=%q loc=%q", yes, a, e.EvidenceDoc, e.EvidenceLoc)
}
