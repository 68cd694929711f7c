package catalog

import "slices"

// items checks each item's id, references and answer parameters.
func (v *validator) items() {
	categories := map[string]bool{}
	for _, c := range v.e.Categories {
		categories[c.ID] = true
	}
	firstAt := map[string]int{} // item id -> index of its first occurrence
	for i, it := range v.e.Items {
		path := index("items", i)
		v.checkID(join(path, "id"), it.ID)
		if _, dup := firstAt[it.ID]; dup && it.ID != "" {
			v.report(join(path, "id"), codeItemDuplicateID, it.ID)
		} else {
			firstAt[it.ID] = i
		}
		if it.Category != "" && !categories[it.Category] {
			v.report(join(path, "category"), codeItemUnknownCategory, it.Category)
		}
		v.itemParent(path, i, it, firstAt)
		v.answerSpec(join(path, "answer"), it.Answer)
		v.provenance(join(path, "provenance"), it.Provenance)
	}
}

// itemParent checks a sub-row's parent. The parent must come earlier (a sub-row is shown
// under its parent, and this also rules out parent cycles) and sit in the same category.
func (v *validator) itemParent(path string, i int, it Item, firstAt map[string]int) {
	if it.Parent == "" {
		return
	}
	p := join(path, "parent")
	j, earlier := firstAt[it.Parent]
	switch {
	case earlier && j < i:
		if parent := v.e.Items[j]; parent.Category != it.Category && it.Category != "" {
			v.report(p, codeItemParentCategory, it.Parent)
		}
	case v.itemIndex(it.Parent) >= 0:
		v.report(p, codeItemParentNotBefore, it.Parent)
	default:
		v.report(p, codeItemUnknownParent, it.Parent)
	}
}

// itemIndex returns the index of the first item with the id, or -1.
func (v *validator) itemIndex(id string) int {
	if i, ok := v.itemAt[id]; ok {
		return i
	}
	return -1
}

// answerSpec checks that the type is known and that exactly its parameters are given.
func (v *validator) answerSpec(path string, s AnswerSpec) {
	if s.Type == "" {
		return
	}
	if !s.Type.Known() {
		v.report(join(path, "type"), codeItemUnknownType, string(s.Type))
		return
	}
	v.paramsAllowed(path, s)
	switch {
	case s.Type.hasOptions():
		v.uniqueNonEmpty(join(path, "options"), s.Options, codeItemOptionsMissing, codeItemOptionDuplicate)
	case s.Type == TypeDuration:
		v.durationUnits(join(path, "units"), s.Units)
	case s.Type == TypeList:
		v.listFields(join(path, "fields"), s.Fields)
	}
}

// paramsAllowed reports parameters that mean nothing for the type: a stray `options:` on
// a text item is most likely a mistaken type, and silently ignoring it would hide that.
func (v *validator) paramsAllowed(path string, s AnswerSpec) {
	given := map[string]bool{
		"unit":    s.Unit != "",
		"units":   s.Units != nil,
		"options": s.Options != nil,
		"fields":  s.Fields != nil,
	}
	allowed := map[AnswerType]string{
		TypeInteger: "unit", TypeMoney: "unit", TypeDuration: "units",
		TypeChoice: "options", TypeMultiChoice: "options", TypeList: "fields",
	}
	for _, param := range []string{"unit", "units", "options", "fields"} {
		if given[param] && allowed[s.Type] != param {
			v.report(join(path, param), codeItemParamNotAllowed, param)
		}
	}
}

// uniqueNonEmpty checks a list that needs at least one entry and no repeats.
func (v *validator) uniqueNonEmpty(path string, values []string, missing, duplicate string) {
	if len(values) == 0 {
		v.report(path, missing, "")
		return
	}
	seen := map[string]bool{}
	for i, s := range values {
		if s == "" {
			v.report(index(path, i), codeFieldEmpty, "")
		} else if seen[s] {
			v.report(index(path, i), duplicate, s)
		}
		seen[s] = true
	}
}

func (v *validator) durationUnits(path string, units []string) {
	v.uniqueNonEmpty(path, units, codeItemUnitsMissing, codeItemUnitDuplicate)
	for i, u := range units {
		if u != "" && !slices.Contains(DurationUnits(), u) {
			v.report(index(path, i), codeItemUnitUnknown, u)
		}
	}
}

func (v *validator) listFields(path string, fields []ListField) {
	if len(fields) == 0 {
		v.report(path, codeItemFieldsMissing, "")
		return
	}
	seen := map[string]bool{}
	for i, f := range fields {
		p := join(index(path, i), "id")
		v.checkID(p, f.ID)
		if f.ID != "" && seen[f.ID] {
			v.report(p, codeItemFieldDuplicate, f.ID)
		}
		seen[f.ID] = true
	}
}

// provenance checks the kind and confidence words and the evidence ids. An official
// edition may not carry reconstructed rows: that would present a guess as the official list.
func (v *validator) provenance(path string, p Provenance) {
	switch p.Source {
	case "", SourceVerified:
	case SourceReconstructed:
		if v.e.Status == StatusOfficial {
			v.report(join(path, "source"), codeProvenanceNotOfficial, string(p.Source))
		}
	default:
		v.report(join(path, "source"), codeProvenanceSource, string(p.Source))
	}
	switch p.Confidence {
	case "", ConfidenceHigh, ConfidenceMedium, ConfidenceLow:
	default:
		v.report(join(path, "confidence"), codeProvenanceConfidence, string(p.Confidence))
	}
	v.checkEvidence(join(path, "evidence"), p.Evidence)
}
