package formb

import (
	"slices"
	"strings"

	"nintei/catalog"
)

// Mark kinds: what the applicant must do about an item after the form
// moved to a new catalog edition.
const (
	MarkAnswer = "answer" // 要回答: a new item, nothing carried
	MarkReview = "review" // 要確認: an answer carried from a merged or split item, or a changed answer type
)

// Mark is one item of a moved form that needs the applicant's attention.
type Mark struct {
	ItemID string   `json:"item_id"`
	Kind   string   `json:"kind"`
	Map    string   `json:"map"`  // the mapping kind: new, merged, split, kept
	From   []string `json:"from"` // the old items the answer came from
}

// Carry moves a form of the mapping's old edition to its new edition: kept
// items keep their answer, merged items get the old answers joined, split
// items get the old answer copied to each part, new items start empty.
// Everything but a plain kept answer of the same type is marked, so the
// applicant looks at it before submitting.
func Carry(m *catalog.Mapping, from, to *catalog.Edition, form Form) (Form, []Mark) {
	out := Form{}
	var marks []Mark
	for _, it := range to.Items {
		r, ok := m.RowFor(it.ID)
		if !ok || r.Kind == catalog.MapNew {
			marks = append(marks, Mark{ItemID: it.ID, Kind: MarkAnswer, Map: string(catalog.MapNew)})
			continue
		}
		var olds []Entry
		for _, id := range r.From {
			if e, ok := form[id]; ok {
				olds = append(olds, e)
			}
		}
		e := joinEntries(it, olds)
		if len(olds) > 0 {
			out[it.ID] = e
		}
		if r.Kind == catalog.MapKept && !typeChanged(from, r.From[0], it) {
			continue
		}
		marks = append(marks, Mark{ItemID: it.ID, Kind: MarkReview, Map: string(r.Kind), From: slices.Clone(r.From)})
	}
	return out, marks
}

func typeChanged(from *catalog.Edition, oldID string, it catalog.Item) bool {
	old, ok := from.Item(oldID)
	return !ok || old.Answer.Type != it.Answer.Type
}

// joinEntries makes one entry of several old ones: free text joined line
// by line, yes/no "yes" when any was, lists and contacts concatenated, any
// other type the first answer. Evidence references are joined too.
func joinEntries(it catalog.Item, olds []Entry) Entry {
	e := Entry{ItemID: it.ID}
	var docs, locs []string
	for _, o := range olds {
		docs, locs = appendText(docs, o.EvidenceDoc), appendText(locs, o.EvidenceLoc)
		a := o.Answer
		switch it.Answer.Type {
		case catalog.TypeText:
			e.Answer.Value = joinText(e.Answer.Value, firstText(a.Value, a.Detail), "／")
		case catalog.TypeLongText:
			e.Answer.Value = joinText(e.Answer.Value, firstText(a.Value, a.Detail), "\n")
		case catalog.TypeYesNo, catalog.TypeYesNoDetail:
			if a.Yes != nil && (e.Answer.Yes == nil || *a.Yes) {
				e.Answer.Yes = a.Yes
			}
			e.Answer.Detail = joinText(e.Answer.Detail, firstText(a.Detail, a.Value), "\n")
		case catalog.TypeList:
			e.Answer.Rows = append(e.Answer.Rows, a.Rows...)
		case catalog.TypeContacts:
			e.Answer.Contacts = append(e.Answer.Contacts, a.Contacts...)
		default:
			if !it.IsAnswered(e.Answer) {
				e.Answer = a
			}
		}
	}
	if it.Answer.Type != catalog.TypeYesNoDetail {
		e.Answer.Detail = ""
	}
	e.EvidenceDoc, e.EvidenceLoc = strings.Join(docs, "、"), strings.Join(locs, "、")
	return e
}

func firstText(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func joinText(a, b, sep string) string {
	switch {
	case strings.TrimSpace(b) == "":
		return a
	case strings.TrimSpace(a) == "":
		return b
	}
	return a + sep + b
}

func appendText(list []string, s string) []string {
	if s = strings.TrimSpace(s); s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// MarkFindings turns the marks of a moved form into blocking findings, so
// the pre-check keeps the form from being submitted until the applicant has
// dealt with each marked item.
func MarkFindings(marks []Mark) []Finding {
	out := make([]Finding, 0, len(marks))
	for _, m := range marks {
		code := EditionReview
		if m.Kind == MarkAnswer {
			code = EditionAnswer
		}
		out = append(out, Finding{ItemID: m.ItemID, Code: code, Blocking: true})
	}
	return out
}

// Finding codes for the items of a form moved to a new edition.
const (
	EditionAnswer = "precheck.edition_answer" // 要回答: a new item of the new edition
	EditionReview = "precheck.edition_review" // 要確認: a carried answer to look at again
)

// Entries lists a form's entries in the edition's item order.
func Entries(ed *catalog.Edition, form Form) []Entry {
	var out []Entry
	for _, it := range ed.Items {
		if e, ok := form[it.ID]; ok {
			out = append(out, e)
		}
	}
	return out
}
