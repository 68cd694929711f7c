package demo

import (
	"testing"

	"nintei/catalog"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/registry"
)

// The demo registry's providers are coherent: each has a valid corporate
// number and homepage of its own, fewer officers than employees, profit
// below sales, and a Form B that passes the checks of submission.
func TestDemoProvidersAreCoherent(t *testing.T) {
	ed, err := catalog.DefaultEdition()
	if err != nil {
		t.Fatal(err)
	}
	numbers, slugs := map[string]string{}, map[string]string{}
	for i, p := range registryProviders {
		cn := corporateNumberOf(p.org)
		if !catalog.ValidCorporateNumber(cn) {
			t.Errorf("%s: corporate number %s is not valid", p.org, cn)
		}
		if other, dup := numbers[cn]; dup {
			t.Errorf("%s and %s share the corporate number %s", p.org, other, cn)
		}
		if other, dup := slugs[p.slug]; dup {
			t.Errorf("%s and %s share the homepage %s", p.org, other, p.slug)
		}
		numbers[cn], slugs[p.slug] = p.org, p.org
		f := figuresOf(p, i)
		if f.officers >= p.employees || f.profitK <= 0 || f.profitK >= f.salesK || f.equityPct <= 0 || f.equityPct >= 100 {
			t.Errorf("%s: figures do not agree: %+v, %d employees", p.org, f, p.employees)
		}
		form := formbtest.CompleteForm(ed)
		disclose(form, p, i)
		for _, it := range ed.Items {
			if probs := it.ValidateAnswer(form[it.ID].Answer); len(probs) > 0 {
				t.Errorf("%s %s: %v", p.org, it.ID, probs)
			}
		}
		for _, f := range formb.Check(ed, form) {
			if f.Blocking {
				t.Errorf("%s: Form B finding %+v", p.org, f)
			}
		}
	}
}

// Any three neighbouring services differ in most items, so a comparison
// of three shows real differences.
func TestDemoServicesDiffer(t *testing.T) {
	ed, err := catalog.DefaultEdition()
	if err != nil {
		t.Fatal(err)
	}
	forms := make([]formb.Form, len(registryProviders))
	for i, p := range registryProviders {
		forms[i] = formbtest.CompleteForm(ed)
		disclose(forms[i], p, i)
	}
	for i := 0; i+2 < len(forms); i++ {
		same := 0
		for _, it := range ed.Items {
			a, b, c := registry.PublicText(it, forms[i][it.ID].Answer), registry.PublicText(it, forms[i+1][it.ID].Answer),
				registry.PublicText(it, forms[i+2][it.ID].Answer)
			if a == b && b == c {
				same++
			}
		}
		if same > len(ed.Items)/4 {
			t.Errorf("services %d to %d answer %d of %d items alike", i+1, i+3, same, len(ed.Items))
		}
	}
}
