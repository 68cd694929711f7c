package catalog

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"nintei/civil"
)

// Normalize returns a copy of a in canonical form, the form ValidateAnswer checks and that
// should be stored. Japanese input methods often produce full-width digits and punctuation
// (２０１８－０４－０１, ７０００…); these are folded to ASCII for the number-like types only,
// so that free text and option labels stay exactly as written.
//
//   - date, year_month, integer, money, percent, duration, corporate_number: NFKC (full-width
//     digits, comma, period, percent and minus become ASCII), dash look-alikes become "-",
//     surrounding spaces are removed; a percent loses a trailing "%"; a corporate number
//     loses its hyphens and spaces.
//   - text, url, choice: surrounding spaces are removed.
//   - integer, money: an empty Unit takes the item's fixed unit.
//   - contacts: phone and fax values are folded like numbers; all values are trimmed.
func (i Item) Normalize(a Answer) Answer {
	a.Unit = strings.TrimSpace(a.Unit)
	switch i.Answer.Type {
	case TypeDate:
		a.Value = writtenDay(foldNumber(a.Value))
	case TypeYearMonth, TypeInteger, TypeMoney, TypeDuration:
		a.Value = foldNumber(a.Value)
	case TypePercent:
		a.Value = trimPercent(foldNumber(a.Value))
	case TypeCorporateNumber:
		a.Value = normalizeCorporateNumber(a.Value)
	case TypeText, TypeURL, TypeChoice:
		a.Value = strings.TrimSpace(a.Value)
	case TypeContacts:
		a.Contacts = normalizeContacts(a.Contacts)
	}
	if (i.Answer.Type == TypeInteger || i.Answer.Type == TypeMoney) && a.Unit == "" && notBlank(a.Value) {
		a.Unit = i.Answer.Unit
	}
	return a
}

// writtenDay reads a day as people write it (2024/4/1, 2024年4月1日) and
// stores it as YYYY-MM-DD; anything else stays as written, for
// ValidateAnswer to refuse.
func writtenDay(v string) string {
	if d, err := civil.ParseWritten(v); err == nil && !d.IsZero() {
		return d.String()
	}
	return v
}

// dashes are characters people type for a hyphen or minus in numbers and dates; NFKC leaves
// them alone, so they are mapped to "-" explicitly.
var dashes = strings.NewReplacer(
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-",
	"\u2015", "-", "\u2212", "-", "\u30FC", "-",
)

// foldNumber folds full-width characters to ASCII (NFKC) and dash look-alikes to "-".
func foldNumber(s string) string {
	return strings.TrimSpace(dashes.Replace(norm.NFKC.String(s)))
}

// trimPercent removes one trailing "%" and the spaces before it. A value that would still
// end in "%" ("99 %%") is left as it is, to be refused as not a number: removing only one
// sign would make a second Normalize change the stored answer again (found by FuzzAnswer).
func trimPercent(v string) string {
	if t := strings.TrimSpace(strings.TrimSuffix(v, "%")); !strings.HasSuffix(t, "%") {
		return t
	}
	return v
}

// normalizeContacts trims every contact and folds phone and fax numbers. It copies the
// slice so that the caller's answer is left untouched.
func normalizeContacts(cs []Contact) []Contact {
	out := slices.Clone(cs)
	for k := range out {
		c := &out[k]
		c.Kind = strings.TrimSpace(c.Kind)
		c.Value = strings.TrimSpace(c.Value)
		c.Hours = strings.TrimSpace(c.Hours)
		if c.Kind == "phone" || c.Kind == "fax" {
			c.Value = foldNumber(c.Value)
		}
	}
	return out
}
