package catalog

import "go.yaml.in/yaml/v3"

// items decodes the item list; like categories, one Item per element, even a broken one.
func (d *decoder) items(n *yaml.Node, path string) []Item {
	els := d.list(n, path)
	if len(els) == 0 {
		d.reportEmptyList(n, path)
	}
	out := make([]Item, len(els))
	for i, el := range els {
		out[i] = d.item(el, index(path, i))
	}
	return out
}

func (d *decoder) item(n *yaml.Node, path string) Item {
	m := d.fields(n, path, "id", "no", "category", "parent", "item_ja", "name_ja", "name_en",
		"answer", "required", "required_when", "key", "provenance")
	if m == nil {
		return Item{}
	}
	it := Item{
		ID:       d.requiredStr(m, n.Line, path, "id"),
		No:       d.str(m, path, "no"),
		Category: d.requiredStr(m, n.Line, path, "category"),
		Parent:   d.str(m, path, "parent"),
		ItemJA:   d.requiredStr(m, n.Line, path, "item_ja"),
		NameJA:   d.requiredStr(m, n.Line, path, "name_ja"),
		NameEN:   d.str(m, path, "name_en"),
		Required: d.boolean(m, n.Line, path, "required"),
	}
	if d.need(m, n.Line, path, "answer") {
		it.Answer = d.answerSpec(m["answer"], join(path, "answer"))
	}
	if m["required_when"] != nil {
		it.RequiredWhen = d.condition(m["required_when"], join(path, "required_when"))
	}
	if m["key"] != nil {
		it.Key = d.keyRule(m["key"], join(path, "key"))
	}
	if d.need(m, n.Line, path, "provenance") {
		it.Provenance = d.provenance(m["provenance"], join(path, "provenance"))
	}
	return it
}

func (d *decoder) answerSpec(n *yaml.Node, path string) AnswerSpec {
	m := d.fields(n, path, "type", "unit", "units", "options", "fields")
	if m == nil {
		return AnswerSpec{}
	}
	spec := AnswerSpec{
		Type:    AnswerType(d.requiredStr(m, n.Line, path, "type")),
		Unit:    d.str(m, path, "unit"),
		Units:   d.strs(m, path, "units"),
		Options: d.strs(m, path, "options"),
	}
	if m["fields"] != nil {
		spec.Fields = d.listFields(m["fields"], join(path, "fields"))
	}
	return spec
}

func (d *decoder) listFields(n *yaml.Node, path string) []ListField {
	els := d.list(n, path)
	out := make([]ListField, len(els))
	for i, el := range els {
		p := index(path, i)
		m := d.fields(el, p, "id", "name_ja", "name_en")
		if m == nil {
			continue
		}
		out[i] = ListField{
			ID:     d.requiredStr(m, el.Line, p, "id"),
			NameJA: d.requiredStr(m, el.Line, p, "name_ja"),
			NameEN: d.str(m, p, "name_en"),
		}
	}
	return out
}

func (d *decoder) condition(n *yaml.Node, path string) *Condition {
	m := d.fields(n, path, "item", "equals", "in")
	if m == nil {
		return &Condition{}
	}
	return &Condition{
		Item:   d.requiredStr(m, n.Line, path, "item"),
		Equals: d.str(m, path, "equals"),
		In:     d.strs(m, path, "in"),
	}
}

func (d *decoder) keyRule(n *yaml.Node, path string) *KeyRule {
	m := d.fields(n, path, "rule", "choice_in", "label_ja", "label_en", "evidence")
	if m == nil {
		return &KeyRule{}
	}
	return &KeyRule{
		Rule:     KeyRuleKind(d.requiredStr(m, n.Line, path, "rule")),
		ChoiceIn: d.strs(m, path, "choice_in"),
		LabelJA:  d.requiredStr(m, n.Line, path, "label_ja"),
		LabelEN:  d.str(m, path, "label_en"),
		Evidence: d.strs(m, path, "evidence"),
	}
}

func (d *decoder) provenance(n *yaml.Node, path string) Provenance {
	m := d.fields(n, path, "source", "confidence", "evidence", "scope", "notes")
	if m == nil {
		return Provenance{}
	}
	return Provenance{
		Source:     SourceKind(d.requiredStr(m, n.Line, path, "source")),
		Confidence: Confidence(d.requiredStr(m, n.Line, path, "confidence")),
		Evidence:   d.strs(m, path, "evidence"),
		Scope:      d.str(m, path, "scope"),
		Notes:      d.str(m, path, "notes"),
	}
}
