package catalog

import "slices"

// conditions checks every required_when: its shape, its target, the values it compares
// with, and that conditions do not refer to each other in a circle.
func (v *validator) conditions() {
	for i, it := range v.e.Items {
		if it.RequiredWhen != nil {
			v.condition(join(index("items", i), "required_when"), it)
		}
	}
	v.conditionCycles()
}

func (v *validator) condition(path string, it Item) {
	c := it.RequiredWhen
	if it.Required {
		v.report(path, codeCondAlreadyRequired, "")
	}
	hasEquals, hasIn := c.Equals != "", len(c.In) > 0
	if hasEquals == hasIn {
		v.report(path, codeCondNeedsOneValue, "")
	}
	if c.Item == "" {
		return
	}
	j := v.itemIndex(c.Item)
	if j < 0 {
		v.report(join(path, "item"), codeCondUnknownItem, c.Item)
		return
	}
	target := v.e.Items[j].Answer
	if !target.Type.Known() {
		return // reported on the target item itself
	}
	if !target.Type.isYesNo() && !target.Type.hasOptions() {
		v.report(join(path, "item"), codeCondUnsupportedType, string(target.Type))
		return
	}
	if hasEquals {
		v.conditionValue(join(path, "equals"), target, c.Equals)
	}
	for k, value := range c.In {
		v.conditionValue(index(join(path, "in"), k), target, value)
	}
}

// conditionValue checks that value is an answer the target item can actually have;
// a condition on an impossible value would never fire, silently.
func (v *validator) conditionValue(path string, target AnswerSpec, value string) {
	if !possibleValue(target, value) {
		v.report(path, codeCondInvalidValue, value)
	}
}

// possibleValue reports whether value is a condition value the target can produce:
// "yes"/"no" for yes/no items, an option for choice items.
func possibleValue(target AnswerSpec, value string) bool {
	if target.Type.isYesNo() {
		return value == valueYes || value == valueNo
	}
	return slices.Contains(target.Options, value)
}

func (v *validator) conditionCycles() {
	items := v.e.Items
	next := func(i int) (int, bool) {
		if items[i].RequiredWhen == nil || items[i].RequiredWhen.Item == "" {
			return 0, false
		}
		j := v.itemIndex(items[i].RequiredWhen.Item)
		return j, j >= 0
	}
	for _, cycle := range findCycles(len(items), next) {
		ids := make([]string, len(cycle))
		for k, i := range cycle {
			ids[k] = items[i].ID
		}
		v.report(join(join(index("items", cycle[0]), "required_when"), "item"), codeCondCycle, cycleText(ids))
	}
}

// keyRules checks every key rule: known kind, fits the answer type, and the item is
// unconditionally required, since a key item that may be left blank could never be judged.
func (v *validator) keyRules() {
	for i, it := range v.e.Items {
		if it.Key != nil {
			v.keyRule(join(index("items", i), "key"), it)
		}
	}
}

func (v *validator) keyRule(path string, it Item) {
	k := it.Key
	if !it.Required {
		v.report(path, codeKeyNotRequired, it.ID)
	}
	v.checkEvidence(join(path, "evidence"), k.Evidence)
	if k.Rule == "" {
		return
	}
	if !slices.Contains(keyRuleKinds, k.Rule) {
		v.report(join(path, "rule"), codeKeyUnknownRule, string(k.Rule))
		return
	}
	if it.Answer.Type.Known() && !ruleFits(k.Rule, it.Answer.Type) {
		v.report(join(path, "rule"), codeKeyRuleTypeMismatch, string(k.Rule))
	}
	v.keyChoiceIn(join(path, "choice_in"), it)
}

// keyChoiceIn checks the choice_in list: required (and made of options) for the choice_in
// rule, forbidden for the others.
func (v *validator) keyChoiceIn(path string, it Item) {
	k := it.Key
	if k.Rule != KeyChoiceIn {
		if len(k.ChoiceIn) > 0 {
			v.report(path, codeKeyChoiceInUnexpected, "")
		}
		return
	}
	v.uniqueNonEmpty(path, k.ChoiceIn, codeKeyChoiceInMissing, codeItemOptionDuplicate)
	if !it.Answer.Type.hasOptions() {
		return // the rule/type mismatch is already reported
	}
	for i, value := range k.ChoiceIn {
		if value != "" && !slices.Contains(it.Answer.Options, value) {
			v.report(index(path, i), codeKeyChoiceInNotOption, value)
		}
	}
}

// keyRuleKinds lists the known key rule kinds.
var keyRuleKinds = []KeyRuleKind{KeyYes, KeyYesWithDetail, KeyNonEmpty, KeyContacts, KeyChoiceIn}

// ruleFits reports whether a key rule can be judged on answers of type t.
func ruleFits(rule KeyRuleKind, t AnswerType) bool {
	switch rule {
	case KeyYes:
		return t.isYesNo()
	case KeyYesWithDetail:
		return t == TypeYesNoDetail
	case KeyNonEmpty:
		return !t.isYesNo() && t != TypeContacts
	case KeyContacts:
		return t == TypeContacts
	case KeyChoiceIn:
		return t.hasOptions()
	}
	return false
}
