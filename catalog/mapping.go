package catalog

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// FormatMappingV1 is the format of an edition mapping file.
const FormatMappingV1 = "nintei-catalog-mapping/1"

// MapKind says what became of old items in a new edition.
type MapKind string

// The kinds of mapping row. Kept carries the answer as it is; merged joins
// the answers of several old items into one new item; split copies one old
// answer to several new items; new has no old item; removed has no new item.
const (
	MapKept    MapKind = "kept"
	MapMerged  MapKind = "merged"
	MapSplit   MapKind = "split"
	MapNew     MapKind = "new"
	MapRemoved MapKind = "removed"
)

// MappingRow is one line of a mapping: old items to new items.
type MappingRow struct {
	Kind MapKind  `json:"kind"`
	From []string `json:"from,omitempty"`
	To   []string `json:"to,omitempty"`
	Note string   `json:"note,omitempty"`
	Line int      `json:"-"`
}

// Mapping says, for every item of the From edition, what it became in the
// To edition, and which items of To are new. It is imported together with
// To, and moves the answers of applications still being written.
type Mapping struct {
	Format string       `json:"format"`
	From   string       `json:"from"`
	To     string       `json:"to"`
	Rows   []MappingRow `json:"items"`
}

// mappingArity is how many old and new items each kind takes: min old,
// max old (0 = any), min new, max new.
var mappingArity = map[MapKind][4]int{
	MapKept: {1, 1, 1, 1}, MapMerged: {2, 0, 1, 1}, MapSplit: {1, 1, 2, 0},
	MapNew: {0, 0, 1, 1}, MapRemoved: {1, 1, 0, 0},
}

// MappingHeader reads only the edition IDs a mapping file names, so that
// the caller can load the old edition before the full check.
func MappingHeader(data []byte) (from, to string, err error) {
	root, problems := readDocument(data)
	if root == nil || len(problems) > 0 {
		return "", "", &ValidationError{Problems: problems}
	}
	d := newDecoder()
	m := d.decodeMapping(root)
	if len(d.problems) > 0 || m == nil {
		sortProblems(d.problems)
		return "", "", &ValidationError{Problems: d.problems}
	}
	return m.From, m.To, nil
}

// ParseMapping decodes a mapping file and checks it strictly against the
// two editions: every old item accounted for exactly once, every new item
// reached exactly once or declared new, every ID existing. It returns the
// mapping only if there is no problem at all, otherwise a *ValidationError
// with every problem and its line.
func ParseMapping(data []byte, from, to *Edition) (*Mapping, error) {
	root, problems := readDocument(data)
	if root == nil {
		return nil, &ValidationError{Problems: problems}
	}
	d := newDecoder()
	m := d.decodeMapping(root)
	problems = append(problems, d.problems...)
	if m != nil {
		problems = append(problems, checkMapping(m, from, to, d.lines)...)
	}
	if len(problems) > 0 {
		sortProblems(problems)
		return nil, &ValidationError{Problems: problems}
	}
	return m, nil
}

func (d *decoder) decodeMapping(root *yaml.Node) *Mapping {
	if format, line, ok := formatOf(root); ok && format != FormatMappingV1 {
		d.report(line, "format", codeMapFormat, format)
		return nil
	}
	f := d.fields(root, "", "format", "from", "to", "items")
	if f == nil {
		return nil
	}
	m := &Mapping{Format: d.requiredStr(f, root.Line, "", "format"), From: d.requiredStr(f, root.Line, "", "from"),
		To: d.requiredStr(f, root.Line, "", "to")}
	if !d.need(f, root.Line, "", "items") {
		return m
	}
	for i, n := range d.list(f["items"], "items") {
		path := index("items", i)
		rf := d.fields(n, path, "kind", "from", "to", "note")
		if rf == nil {
			continue
		}
		row := MappingRow{Kind: MapKind(d.requiredStr(rf, n.Line, path, "kind")), Note: d.str(rf, path, "note"), Line: n.Line}
		row.From = d.idOrList(rf, path, "from")
		row.To = d.idOrList(rf, path, "to")
		m.Rows = append(m.Rows, row)
	}
	return m
}

// idOrList reads `from: A` or `from: [A, B]`.
func (d *decoder) idOrList(m map[string]*yaml.Node, path, key string) []string {
	n := m[key]
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	return d.strs(m, path, key)
}

// checkMapping applies the rules that need both editions.
func checkMapping(m *Mapping, from, to *Edition, lines map[string]int) []Problem {
	var out []Problem
	bad := func(line int, field, code, value string) {
		out = append(out, Problem{Line: max(line, 1), Field: field, Code: code, Value: displayValue(value)})
	}
	if m.From != from.ID {
		bad(lines["from"], "from", codeMapFromEdition, m.From)
	}
	if m.To != to.ID {
		bad(lines["to"], "to", codeMapToEdition, m.To)
	}
	if from.Scheme.ID != to.Scheme.ID {
		bad(lines["to"], "to", codeMapSchemeMismatch, to.Scheme.ID)
	}
	seenFrom, seenTo := map[string]bool{}, map[string]bool{}
	for i, r := range m.Rows {
		path := index("items", i)
		ar, ok := mappingArity[r.Kind]
		if !ok {
			bad(r.Line, path+".kind", codeMapKindUnknown, string(r.Kind))
			continue
		}
		if len(r.From) < ar[0] || (ar[1] > 0 && len(r.From) > ar[1]) || len(r.To) < ar[2] || (ar[3] > 0 && len(r.To) > ar[3]) ||
			(ar[1] == 0 && ar[0] == 0 && len(r.From) > 0) || (ar[3] == 0 && ar[2] == 0 && len(r.To) > 0) {
			bad(r.Line, path, codeMapArity, string(r.Kind))
		}
		for _, id := range r.From {
			checkMapID(id, from, seenFrom, r.Line, path+".from", codeMapUnknownFrom, codeMapFromTwice, bad)
		}
		for _, id := range r.To {
			checkMapID(id, to, seenTo, r.Line, path+".to", codeMapUnknownTo, codeMapToTwice, bad)
		}
	}
	itemsLine := lines["items"]
	for _, it := range from.Items {
		if !seenFrom[it.ID] {
			bad(itemsLine, "items", codeMapFromMissing, it.ID)
		}
	}
	for _, it := range to.Items {
		if !seenTo[it.ID] {
			bad(itemsLine, "items", codeMapToMissing, it.ID)
		}
	}
	return out
}

func checkMapID(id string, ed *Edition, seen map[string]bool, line int, field, unknown, twice string, bad func(int, string, string, string)) {
	if _, ok := ed.Item(id); !ok {
		bad(line, field, unknown, id)
		return
	}
	if seen[id] {
		bad(line, field, twice, id)
	}
	seen[id] = true
}

// RowFor returns the row that names the new item id (ok false if none).
func (m *Mapping) RowFor(newID string) (MappingRow, bool) {
	for _, r := range m.Rows {
		if slices.Contains(r.To, newID) {
			return r, true
		}
	}
	return MappingRow{}, false
}

// RowFrom returns the row that names the old item id.
func (m *Mapping) RowFrom(oldID string) (MappingRow, bool) {
	for _, r := range m.Rows {
		if slices.Contains(r.From, oldID) {
			return r, true
		}
	}
	return MappingRow{}, false
}

// NewIDs translates old item IDs into the new items they became (in
// order, without repeats); removed items drop out.
func (m *Mapping) NewIDs(old []string) []string {
	var out []string
	for _, id := range old {
		r, _ := m.RowFrom(id)
		for _, to := range r.To {
			if !slices.Contains(out, to) {
				out = append(out, to)
			}
		}
	}
	return out
}
