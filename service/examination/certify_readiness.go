package examination

import (
	"context"
	"strings"

	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/review"
)

// Why an item stands in the way of certification (message keys, shown
// beside the item on the review page).
const (
	BlockNotMet     = "decision.blocker.not_met"    // a reviewer judged a mandatory item 不適
	BlockPending    = "decision.blocker.pending"    // a mandatory item is still under inquiry: not yet judged adequate
	BlockUnassessed = "decision.blocker.unassessed" // a mandatory item no reviewer has judged (未評価)
)

// Blocker is one item that keeps an application from being certified, and
// why: a blocking finding of the automatic verdict (its code), or the
// reviewers' judgement of a mandatory item.
type Blocker struct {
	ItemID string `json:"item_id"`
	Name   string `json:"name"` // the item's name in the catalog edition
	Code   string `json:"code"` // a message key
}

// Readiness says whether an application may be certified:
// the automatic verdict passes and every mandatory item is judged adequate.
// There is no override; whoever decides, a blocked application is not
// certified.
type Readiness struct {
	Verdict  Verdict
	Blockers []Blocker
}

// Certifiable reports whether nothing blocks certification.
func (r Readiness) Certifiable() bool { return r.Verdict.Pass && len(r.Blockers) == 0 }

// CertifyReadiness evaluates an application against the criteria: the
// automatic verdict (mandatory items answered, key measures in place,
// evidence) and the reviewers' assessment of every mandatory item.
func (s *Examination) CertifyReadiness(ctx context.Context, a application.Application) (Readiness, error) {
	v, err := s.AutomaticVerdict(ctx, a)
	if err != nil {
		return Readiness{}, err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return Readiness{}, err
	}
	form, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return Readiness{}, err
	}
	assessed, err := s.Store.Assessments(ctx, a.ID)
	if err != nil {
		return Readiness{}, err
	}
	return s.readinessOf(ctx, a, ed, form, v, assessed)
}

// readinessOf is CertifyReadiness from what is already read.
func (s *Examination) readinessOf(ctx context.Context, a application.Application, ed *catalog.Edition, form formb.Form, v Verdict, assessed map[string]review.Assessment) (Readiness, error) {
	mandatory, toAssess, err := s.mandatoryOf(ctx, a, ed, form)
	if err != nil {
		return Readiness{}, err
	}
	r := Readiness{Verdict: v}
	r.Blockers = append(verdictBlockers(ed, v.Findings), assessmentBlockers(mandatory, toAssess, assessed)...)
	return r, nil
}

// ItemsToAssess returns the mandatory items (必須開示項目) a reviewer must
// judge adequate before the application can be certified, in catalog order.
func (s *Examination) ItemsToAssess(ctx context.Context, a application.Application) ([]catalog.Item, error) {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return nil, err
	}
	mandatory, toAssess, err := s.mandatoryItems(ctx, a, ed)
	if err != nil {
		return nil, err
	}
	var out []catalog.Item
	for _, it := range mandatory {
		if toAssess[it.ID] {
			out = append(out, it)
		}
	}
	return out, nil
}

// mandatoryItems returns the items mandatory now (required, or required by
// another answer) and which of them this review must judge: all of them,
// except in a renewal, which reviews only the items changed since the
// last application; the others were judged adequate for the term
// it renews.
func (s *Examination) mandatoryItems(ctx context.Context, a application.Application, ed *catalog.Edition) ([]catalog.Item, map[string]bool, error) {
	form, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return nil, nil, err
	}
	return s.mandatoryOf(ctx, a, ed, form)
}

// mandatoryOf is mandatoryItems from the Form B already read.
func (s *Examination) mandatoryOf(ctx context.Context, a application.Application, ed *catalog.Edition, form formb.Form) ([]catalog.Item, map[string]bool, error) {
	var changed map[string]bool
	if a.Kind == application.Renewal {
		rv, err := s.RenewalViewOf(ctx, a)
		if err != nil {
			return nil, nil, err
		}
		changed = rv.ChangedItems()
	}
	answers := make(map[string]catalog.Answer, len(form))
	for id, e := range form {
		answers[id] = e.Answer
	}
	var mandatory []catalog.Item
	toAssess := map[string]bool{}
	for _, it := range ed.Items {
		if ed.RequiredNow(it.ID, answers) {
			mandatory = append(mandatory, it)
			toAssess[it.ID] = changed == nil || changed[it.ID]
		}
	}
	return mandatory, toAssess, nil
}

// verdictBlockers names each item with a blocking finding once.
func verdictBlockers(ed *catalog.Edition, fs []formb.Finding) []Blocker {
	var out []Blocker
	seen := map[string]bool{}
	for _, f := range fs {
		if k := f.ItemID + "\x00" + f.Code; !seen[k] {
			seen[k] = true
			out = append(out, Blocker{ItemID: f.ItemID, Name: ed.ItemOrZero(f.ItemID).NameJA, Code: f.Code})
		}
	}
	return out
}

// assessmentBlockers lists the mandatory items not judged adequate (適).
// An "inquiry" assessment blocks too: a mandatory item must be judged
// adequate, and an open question is not that judgement. A 不適 blocks
// wherever it stands, even on an item a renewal carried over. Optional
// items never decide the result.
func assessmentBlockers(mandatory []catalog.Item, toAssess map[string]bool, assessed map[string]review.Assessment) []Blocker {
	var out []Blocker
	for _, it := range mandatory {
		code := ""
		switch as, ok := assessed[it.ID]; {
		case ok && as.Verdict == review.AssessNotMet:
			code = BlockNotMet
		case ok && as.Verdict == review.AssessInquiry:
			code = BlockPending
		case !ok && toAssess[it.ID]:
			code = BlockUnassessed
		}
		if code != "" {
			out = append(out, Blocker{ItemID: it.ID, Name: it.NameJA, Code: code})
		}
	}
	return out
}

// blockedItems names the blocking items for an error message: "ID name",
// each item once, in the order found.
func blockedItems(bs []Blocker) string {
	var names []string
	seen := map[string]bool{}
	for _, b := range bs {
		if !seen[b.ItemID] {
			seen[b.ItemID] = true
			names = append(names, strings.TrimSpace(b.ItemID+" "+b.Name))
		}
	}
	return strings.Join(names, "、")
}
