package ui

import (
	"net/url"
	"strconv"
	"strings"

	"nintei/catalog"
	"nintei/formb"
	"nintei/store"
)

// section is one page of the Form B editor: the items under one
// second-level category (e.g. 事業者 ＞ 人材), in catalog order.
type section struct {
	ID    string
	Path  []catalog.Category
	Items []catalog.Item
}

// sections splits an edition into editor pages.
func sections(ed *catalog.Edition) []section {
	var out []section
	index := map[string]int{}
	for _, it := range ed.Items {
		path := ed.CategoryPath(it.Category)
		if len(path) > 2 {
			path = path[:2]
		}
		id := path[len(path)-1].ID
		i, ok := index[id]
		if !ok {
			i = len(out)
			index[id] = i
			out = append(out, section{ID: id, Path: path})
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

// Rows of list and contacts answers the editor offers beyond those filled,
// so more can be added without JavaScript.
const spareRows = 2

// itemField is an item with its current entry, prepared for the template.
type itemField struct {
	Type       string // the answer type, as text for the template's comparisons
	Item       catalog.Item
	Entry      formb.Entry
	Required   bool
	Findings   []formb.Finding
	ListRows   []map[string]string
	Contacts   []catalog.Contact
	YesChecked string           // "yes", "no" or ""
	Linked     map[int64]bool   // attachments that support this item
	Mark       *store.FormBMark // set when the item awaits an answer or a look after an edition move
}

// Name builds an input name for this item, e.g. a.IPIOT-001.value.
func (f itemField) Name(parts ...string) string {
	return "a." + f.Item.ID + "." + strings.Join(parts, ".")
}

// RowName builds the name of a list/contacts cell.
func (f itemField) RowName(group string, row int, field string) string {
	return f.Name(group, strconv.Itoa(row), field)
}

// Chosen reports whether a multi-choice option is selected.
func (f itemField) Chosen(opt string) bool {
	for _, c := range f.Entry.Answer.Choices {
		if c == opt {
			return true
		}
	}
	return false
}

// DOMID is an id safe for HTML attributes.
func (f itemField) DOMID(suffix string) string {
	return "f-" + strings.NewReplacer(".", "-", " ", "-").Replace(f.Item.ID) + "-" + suffix
}

func newItemField(it catalog.Item, e formb.Entry, required bool, findings []formb.Finding) itemField {
	f := itemField{Type: string(it.Answer.Type), Item: it, Entry: e, Required: required, Findings: findings}
	f.ListRows = append(append([]map[string]string{}, e.Answer.Rows...), make([]map[string]string, spareRows)...)
	f.Contacts = append(append([]catalog.Contact{}, e.Answer.Contacts...), make([]catalog.Contact, spareRows)...)
	if e.Answer.Yes != nil {
		f.YesChecked = map[bool]string{true: "yes", false: "no"}[*e.Answer.Yes]
	}
	return f
}

// parseEntries reads the posted answers of a section's items. Every item
// of the section is posted, so an emptied input clears the answer.
func parseEntries(items []catalog.Item, form url.Values) []formb.Entry {
	out := make([]formb.Entry, 0, len(items))
	for _, it := range items {
		get := func(parts ...string) string {
			return strings.TrimSpace(form.Get("a." + it.ID + "." + strings.Join(parts, ".")))
		}
		e := formb.Entry{ItemID: it.ID, EvidenceDoc: get("evidence_doc"), EvidenceLoc: get("evidence_loc")}
		e.Answer = parseAnswer(it, form, get)
		out = append(out, e)
	}
	return out
}

func parseAnswer(it catalog.Item, form url.Values, get func(...string) string) catalog.Answer {
	a := catalog.Answer{Value: get("value"), Detail: get("detail"), Unit: get("unit"), Period: get("period")}
	switch get("yes") {
	case "yes":
		t := true
		a.Yes = &t
	case "no":
		f := false
		a.Yes = &f
	}
	for _, c := range form["a."+it.ID+".choices"] {
		if c = strings.TrimSpace(c); c != "" {
			a.Choices = append(a.Choices, c)
		}
	}
	for i := 0; i < 50; i++ {
		row := map[string]string{}
		for _, fld := range it.Answer.Fields {
			if v := get("rows", strconv.Itoa(i), fld.ID); v != "" {
				row[fld.ID] = v
			}
		}
		if len(row) > 0 {
			a.Rows = append(a.Rows, row)
		}
		c := catalog.Contact{Kind: get("contacts", strconv.Itoa(i), "kind"), Value: get("contacts", strconv.Itoa(i), "value"),
			Hours: get("contacts", strconv.Itoa(i), "hours")}
		if c.Value != "" || c.Hours != "" {
			a.Contacts = append(a.Contacts, c)
		}
	}
	return a
}

// sectionOf is a one-item list, for parsing a single item's inputs.
func sectionOf(it catalog.Item) []catalog.Item { return []catalog.Item{it} }
