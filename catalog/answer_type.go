package catalog

import "slices"

// AnswerType names the shape of an item's answer. The set is closed: a new type needs code
// (validation, input widgets), while new items of existing types need only data.
type AnswerType string

// The answer types. See docs/catalog-schema.md for the parameters each takes and the
// Answer fields each uses.
const (
	TypeDate            AnswerType = "date"             // Value: YYYY-MM-DD
	TypeYearMonth       AnswerType = "year_month"       // Value: YYYY-MM
	TypeText            AnswerType = "text"             // Value: one line
	TypeLongText        AnswerType = "long_text"        // Value: several lines
	TypeURL             AnswerType = "url"              // Value: absolute http(s) URL
	TypeCorporateNumber AnswerType = "corporate_number" // Value: 13-digit 法人番号
	TypeInteger         AnswerType = "integer"          // Value (+ Unit): whole number >= 0
	TypeMoney           AnswerType = "money"            // Value + Unit + Period
	TypePercent         AnswerType = "percent"          // Value: 0..100, decimals allowed
	TypeDuration        AnswerType = "duration"         // Value + Unit (one of spec Units)
	TypeYesNo           AnswerType = "yes_no"           // Yes
	TypeYesNoDetail     AnswerType = "yes_no_detail"    // Yes + Detail
	TypeChoice          AnswerType = "choice"           // Value: one option
	TypeMultiChoice     AnswerType = "multi_choice"     // Choices: options
	TypeList            AnswerType = "list"             // Rows: field id -> text
	TypeContacts        AnswerType = "contacts"         // Contacts
)

// AnswerTypes lists every answer type in a fixed order, e.g. for an editor's type picker.
func AnswerTypes() []AnswerType {
	return []AnswerType{
		TypeDate, TypeYearMonth, TypeText, TypeLongText, TypeURL, TypeCorporateNumber,
		TypeInteger, TypeMoney, TypePercent, TypeDuration, TypeYesNo, TypeYesNoDetail,
		TypeChoice, TypeMultiChoice, TypeList, TypeContacts,
	}
}

// Known reports whether t is one of the answer types this package understands.
func (t AnswerType) Known() bool { return slices.Contains(AnswerTypes(), t) }

// isYesNo reports whether answers of t carry a yes/no (Answer.Yes).
func (t AnswerType) isYesNo() bool { return t == TypeYesNo || t == TypeYesNoDetail }

// hasOptions reports whether t picks from AnswerSpec.Options.
func (t AnswerType) hasOptions() bool { return t == TypeChoice || t == TypeMultiChoice }

// DurationUnits returns the vocabulary of units a duration item may allow. It is fixed so
// that answers stay comparable across items and editions.
func DurationUnits() []string {
	return []string{"minute", "hour", "day", "week", "month", "year"}
}

// ContactKinds returns the vocabulary of contact channels (Contact.Kind).
func ContactKinds() []string {
	return []string{"phone", "email", "web_form", "fax", "other"}
}

// Condition values for yes/no items: canonical English words, so that a file does not depend
// on the display labels 有/無.
const (
	valueYes = "yes"
	valueNo  = "no"
)
