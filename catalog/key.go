package catalog

import (
	"slices"
	"strings"
)

// KeyMeasureInPlace reports whether a shows that the key item's measure is in place
// . A key item without its measure makes the application fail however complete the
// rest is, so this errs on the side of "not in place": the answer must also pass
// ValidateAnswer, because a measure shown by a malformed answer is not shown.
//
// By rule: yes — answered yes; yes_with_detail — answered yes with a non-blank detail;
// nonempty — answered at all; contacts — at least one contact channel with a value;
// choice_in — the selected option (or, for multi_choice, any selected option) is listed.
// An item without a key rule has no key requirement, so the result is true.
func (i Item) KeyMeasureInPlace(a Answer) bool {
	if i.Key == nil {
		return true
	}
	a = i.Normalize(a)
	if len(i.ValidateAnswer(a)) > 0 {
		return false
	}
	yes := a.Yes != nil && *a.Yes
	switch i.Key.Rule {
	case KeyYes:
		return yes
	case KeyYesWithDetail:
		return yes && strings.TrimSpace(a.Detail) != ""
	case KeyNonEmpty:
		return i.IsAnswered(a)
	case KeyContacts:
		return hasContactValue(a.Contacts)
	case KeyChoiceIn:
		return slices.ContainsFunc(selectedOptions(i.Answer.Type, a), func(s string) bool {
			return slices.Contains(i.Key.ChoiceIn, s)
		})
	}
	return false
}

// selectedOptions returns what a choice or multi_choice answer selected.
func selectedOptions(t AnswerType, a Answer) []string {
	if t == TypeMultiChoice {
		return a.Choices
	}
	if a.Value == "" {
		return nil
	}
	return []string{a.Value}
}

// RequiredNow reports whether the item with the given id must be answered, given the
// answers so far (keyed by item id): always for required items, and for items with
// required_when when the referenced answer matches. An unknown id is never required.
// Unanswered references do not match, so a conditional item becomes required only once
// its trigger is answered.
func (e *Edition) RequiredNow(id string, answers map[string]Answer) bool {
	it, ok := e.Item(id)
	if !ok {
		return false
	}
	if it.Required {
		return true
	}
	if it.RequiredWhen == nil {
		return false
	}
	target, ok := e.Item(it.RequiredWhen.Item)
	if !ok {
		return false
	}
	return it.RequiredWhen.matches(target, answers[target.ID])
}

// matches reports whether the target item's answer a meets the condition: a yes/no answer
// as "yes"/"no", a choice as its option, a multi_choice when any selected option matches.
func (c *Condition) matches(target Item, a Answer) bool {
	want := c.In
	if c.Equals != "" {
		want = []string{c.Equals}
	}
	var got []string
	switch {
	case target.Answer.Type.isYesNo() && a.Yes != nil:
		got = []string{yesNoValue(*a.Yes)}
	case target.Answer.Type.hasOptions():
		got = selectedOptions(target.Answer.Type, target.Normalize(a))
	}
	return slices.ContainsFunc(got, func(s string) bool { return slices.Contains(want, s) })
}

// yesNoValue gives the condition word for a yes/no answer.
func yesNoValue(yes bool) string {
	if yes {
		return valueYes
	}
	return valueNo
}
