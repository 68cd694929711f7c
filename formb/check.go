package formb

import (
	"nintei/catalog"
)

// Finding is what the rules say about one item of a Form B.
type Finding struct {
	ItemID string `json:"item_id"`
	Code   string `json:"code"` // a message key, e.g. "precheck.required_missing"
	// Blocking findings keep a Form B from being submitted (and from being
	// certified, R-5.2); the others are advice.
	Blocking bool `json:"blocking"`
}

// Finding codes.
const (
	RequiredMissing  = "precheck.required_missing"   // a mandatory item has no answer
	InvalidAnswer    = "precheck.invalid_answer"     // the answer does not fit the item's type
	EvidenceMissing  = "precheck.evidence_missing"   // an answered item cites no document
	KeyNotInPlace    = "precheck.key_not_in_place"   // a key item's measure is absent
	OptionalNotGiven = "precheck.optional_not_given" // an optional item left empty: allowed, encouraged
)

// Check applies the rules of to a Form B, item by
// item in catalog order. The applicant's pre-check and the reviewers'
// automatic verdict call it, so both always agree.
func Check(ed *catalog.Edition, form Form) []Finding {
	answers := make(map[string]catalog.Answer, len(form))
	for id, e := range form {
		answers[id] = e.Answer
	}
	var out []Finding
	for _, it := range ed.Items {
		out = append(out, checkItem(ed, it, form[it.ID], answers)...)
	}
	return out
}

func checkItem(ed *catalog.Edition, it catalog.Item, e Entry, answers map[string]catalog.Answer) []Finding {
	f := func(code string, blocking bool) Finding {
		return Finding{ItemID: it.ID, Code: code, Blocking: blocking}
	}
	if !it.IsAnswered(e.Answer) {
		if ed.RequiredNow(it.ID, answers) {
			out := []Finding{f(RequiredMissing, true)}
			if it.Key != nil {
				out = append(out, f(KeyNotInPlace, true))
			}
			return out
		}
		return []Finding{f(OptionalNotGiven, false)}
	}
	var out []Finding
	if len(it.ValidateAnswer(e.Answer)) > 0 {
		out = append(out, f(InvalidAnswer, true))
	}
	if NeedsEvidence(it, e.Answer) {
		if !e.HasEvidenceReference() {
			out = append(out, f(EvidenceMissing, true))
		} else {
			out = append(out, checkLocation(e, f)...) // the document and where in it
		}
	}
	if it.Key != nil && !it.KeyMeasureInPlace(e.Answer) {
		out = append(out, f(KeyNotInPlace, true))
	}
	return out
}

// Blocking reports whether any finding blocks submission.
func Blocking(fs []Finding) bool {
	for _, f := range fs {
		if f.Blocking {
			return true
		}
	}
	return false
}

// Progress counts answered items against all items that are required now,
// for the completeness meter.
type Progress struct {
	RequiredAnswered, Required int
	Answered, Total            int
}

// Measure computes the completeness of a Form B.
func Measure(ed *catalog.Edition, form Form) Progress {
	answers := make(map[string]catalog.Answer, len(form))
	for id, e := range form {
		answers[id] = e.Answer
	}
	var p Progress
	for _, it := range ed.Items {
		answered := it.IsAnswered(form[it.ID].Answer)
		p.Total++
		if answered {
			p.Answered++
		}
		if ed.RequiredNow(it.ID, answers) {
			p.Required++
			if answered {
				p.RequiredAnswered++
			}
		}
	}
	return p
}

// Percent is the share of required items answered, 0–100.
func (p Progress) Percent() int {
	if p.Required == 0 {
		return 100
	}
	return p.RequiredAnswered * 100 / p.Required
}

// EvidenceFileMissing: an answered item that needs evidence has no
// uploaded file linked to it.
const EvidenceFileMissing = "precheck.evidence_file_missing"

// CheckEvidenceFiles adds, for every item that needs evidence,
// whether an uploaded file supports it; linked holds the item IDs that have
// at least one attachment.
func CheckEvidenceFiles(ed *catalog.Edition, form Form, linked map[string]bool) []Finding {
	var out []Finding
	for _, it := range ed.Items {
		e, ok := form[it.ID]
		if ok && NeedsEvidence(it, e.Answer) && !linked[it.ID] {
			out = append(out, Finding{ItemID: it.ID, Code: EvidenceFileMissing, Blocking: true})
		}
	}
	return out
}
