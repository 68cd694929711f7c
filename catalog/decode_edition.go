package catalog

import "go.yaml.in/yaml/v3"

// edition decodes the whole file. It returns nil when the file is not a catalog at all
// (not a mapping, or another format), in which case semantic validation is pointless.
func (d *decoder) edition(root *yaml.Node) *Edition {
	if format, line, ok := formatOf(root); ok && format != FormatV1 {
		// Another format has other fields: reporting them as unknown would only add noise.
		d.report(line, "format", codeFormatUnsupported, format)
		return nil
	}
	m := d.fields(root, "", "format", "scheme", "edition", "sources", "categories", "items")
	if m == nil {
		return nil
	}
	e := &Edition{Format: d.requiredStr(m, root.Line, "", "format")}
	if d.need(m, root.Line, "", "scheme") {
		e.Scheme = d.scheme(m["scheme"], "scheme")
	}
	if d.need(m, root.Line, "", "edition") {
		d.editionInfo(m["edition"], "edition", e)
	}
	if m["sources"] != nil {
		e.Sources = d.sources(m["sources"], "sources")
	}
	if d.need(m, root.Line, "", "categories") {
		e.Categories = d.categories(m["categories"], "categories")
	}
	if d.need(m, root.Line, "", "items") {
		e.Items = d.items(m["items"], "items")
	}
	return e
}

// formatOf finds the top-level `format:` value without judging the rest of the file.
func formatOf(root *yaml.Node) (format string, line int, ok bool) {
	if root.Kind != yaml.MappingNode {
		return "", 0, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		if key.Kind == yaml.ScalarNode && key.Value == "format" && value.Kind == yaml.ScalarNode && !isNull(value) {
			return value.Value, key.Line, true
		}
	}
	return "", 0, false
}

func (d *decoder) scheme(n *yaml.Node, path string) Scheme {
	m := d.fields(n, path, "id", "name_ja", "name_en", "number_prefix", "validity_years")
	if m == nil {
		return Scheme{}
	}
	s := Scheme{
		ID:           d.requiredStr(m, n.Line, path, "id"),
		NameJA:       d.requiredStr(m, n.Line, path, "name_ja"),
		NameEN:       d.str(m, path, "name_en"),
		NumberPrefix: d.requiredStr(m, n.Line, path, "number_prefix"),
	}
	years, ok := d.integer(m, n.Line, path, "validity_years")
	if ok && (years < minValidityYears || years > maxValidityYears) {
		d.report(m["validity_years"].Line, join(path, "validity_years"), codeSchemeValidityRange, m["validity_years"].Value)
	}
	s.ValidityYears = years
	return s
}

// The accepted range of Scheme.ValidityYears: wide enough for any real scheme (this one has
// 2, R-8.2), narrow enough to catch a typo such as 20.
const (
	minValidityYears = 1
	maxValidityYears = 10
)

// editionInfo decodes the `edition:` block into the flattened fields of e.
func (d *decoder) editionInfo(n *yaml.Node, path string, e *Edition) {
	m := d.fields(n, path, "id", "version", "title_ja", "title_en", "status", "published", "guideline_ja", "notes")
	if m == nil {
		return
	}
	e.ID = d.requiredStr(m, n.Line, path, "id")
	e.Version = d.requiredStr(m, n.Line, path, "version")
	e.TitleJA = d.requiredStr(m, n.Line, path, "title_ja")
	e.TitleEN = d.str(m, path, "title_en")
	e.Status = Status(d.requiredStr(m, n.Line, path, "status"))
	e.Published = d.str(m, path, "published")
	e.GuidelineJA = d.str(m, path, "guideline_ja")
	e.Notes = d.str(m, path, "notes")
}

func (d *decoder) sources(n *yaml.Node, path string) map[string]Source {
	out := map[string]Source{}
	for _, en := range d.entries(n, path) {
		p := join(path, en.key)
		m := d.fields(en.value, p, "url", "title")
		if m == nil {
			out[en.key] = Source{}
			continue
		}
		out[en.key] = Source{URL: d.str(m, p, "url"), Title: d.requiredStr(m, en.value.Line, p, "title")}
	}
	return out
}

// categories decodes the category list. Every element yields a Category, even a broken
// one, so that indexes in later problem paths match the file.
func (d *decoder) categories(n *yaml.Node, path string) []Category {
	els := d.list(n, path)
	if len(els) == 0 {
		d.reportEmptyList(n, path)
	}
	out := make([]Category, len(els))
	for i, el := range els {
		p := index(path, i)
		m := d.fields(el, p, "id", "name_ja", "name_en", "parent")
		if m == nil {
			continue
		}
		out[i] = Category{
			ID:     d.requiredStr(m, el.Line, p, "id"),
			NameJA: d.requiredStr(m, el.Line, p, "name_ja"),
			NameEN: d.str(m, p, "name_en"),
			Parent: d.str(m, p, "parent"),
		}
	}
	return out
}

// reportEmptyList flags a required list that has no elements (a list of the wrong kind has
// already been reported by list).
func (d *decoder) reportEmptyList(n *yaml.Node, path string) {
	if isNull(n) || n.Kind == yaml.SequenceNode {
		d.report(n.Line, path, codeFieldEmpty, "")
	}
}
