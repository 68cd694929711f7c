package catalog

import (
	"slices"
	"strings"
)

// Answer is an applicant's answer (申請内容) to one item, in typed form so that it can be
// checked and so that key measures can be judged without reading free text.
//
// Which fields are used depends on the item's answer type (others are ignored):
//
//	date, year_month, text, long_text, url, corporate_number, percent, choice: Value
//	integer: Value, Unit          money: Value, Unit, Period      duration: Value, Unit
//	yes_no: Yes                   yes_no_detail: Yes, Detail
//	multi_choice: Choices         list: Rows                      contacts: Contacts
//
// Numbers are kept as text, as written (R-7.2 publishes answers exactly as written), e.g.
// Value "16,859,430", Unit "千円", Period "2022年12月期".
type Answer struct {
	// Value is the answer text: the date, number, URL, text or selected option.
	Value string `json:"value,omitempty"`
	// Yes is the 有/無 answer; nil means not answered yet.
	Yes *bool `json:"yes,omitempty"`
	// Detail explains a yes_no_detail answer (method, scope, timing).
	Detail string `json:"detail,omitempty"`
	// Choices are the selected options of a multi_choice item.
	Choices []string `json:"choices,omitempty"`
	// Rows are the entries of a list item, each mapping a list field id to its text.
	Rows []map[string]string `json:"rows,omitempty"`
	// Contacts are the contact channels of a contacts item.
	Contacts []Contact `json:"contacts,omitempty"`
	// Unit is the unit of an integer, money or duration answer; for integer and money
	// items with a fixed unit it may be left empty (Normalize fills it in).
	Unit string `json:"unit,omitempty"`
	// Period labels a money answer's fiscal period, e.g. "2023年3月期".
	Period string `json:"period,omitempty"`
}

// Contact is one contact channel of a contacts answer (連絡先).
type Contact struct {
	// Kind is one of ContactKinds: phone, email, web_form, fax, other.
	Kind string `json:"kind"`
	// Value is the number, address or URL.
	Value string `json:"value,omitempty"`
	// Hours tells when the channel is staffed, e.g. "平日 9:00-17:00".
	Hours string `json:"hours,omitempty"`
}

// IsAnswered reports whether a carries an answer for this item at all, whatever its
// quality: required items must be answered, and an empty optional item is simply
// not disclosed. Whitespace-only text counts as no answer.
func (i Item) IsAnswered(a Answer) bool {
	switch i.Answer.Type {
	case TypeYesNo, TypeYesNoDetail:
		return a.Yes != nil
	case TypeMultiChoice:
		return slices.ContainsFunc(a.Choices, notBlank)
	case TypeList:
		return slices.ContainsFunc(a.Rows, rowHasText)
	case TypeContacts:
		return hasContactValue(a.Contacts)
	}
	return notBlank(a.Value)
}

func notBlank(s string) bool { return strings.TrimSpace(s) != "" }

func rowHasText(row map[string]string) bool {
	for _, v := range row {
		if notBlank(v) {
			return true
		}
	}
	return false
}

// hasContactValue reports whether at least one contact channel has a value.
func hasContactValue(cs []Contact) bool {
	return slices.ContainsFunc(cs, func(c Contact) bool { return notBlank(c.Value) })
}

// ValidateAnswer checks a against the item's answer type and parameters and returns the
// problems found (Line 0, Field naming the Answer part, e.g. "value", "rows[0].ratio").
// It checks the normalised answer (see Normalize), so full-width digits are accepted.
// An unanswered item has no problems: whether it must be answered is RequiredNow's job.
func (i Item) ValidateAnswer(a Answer) []Problem {
	a = i.Normalize(a)
	c := &answerCheck{spec: i.Answer}
	switch i.Answer.Type {
	case TypeDate, TypeYearMonth, TypeText, TypeURL, TypeCorporateNumber, TypePercent:
		c.formatted(a.Value)
	case TypeInteger, TypeMoney, TypeDuration:
		c.quantity(a)
	case TypeYesNoDetail:
		if a.Yes == nil && notBlank(a.Detail) {
			c.report("detail", codeAnswerDetailWithoutYes, "")
		}
	case TypeChoice:
		if a.Value != "" && !slices.Contains(i.Answer.Options, a.Value) {
			c.report("value", codeAnswerNotAnOption, a.Value)
		}
	case TypeMultiChoice:
		c.choices(a.Choices)
	case TypeList:
		c.rows(a.Rows)
	case TypeContacts:
		c.contacts(a.Contacts)
	}
	return c.problems
}

// answerCheck collects the problems of one answer.
type answerCheck struct {
	spec     AnswerSpec
	problems []Problem
}

func (c *answerCheck) report(field, code, value string) {
	c.problems = append(c.problems, Problem{Field: field, Code: code, Value: displayValue(value)})
}
