package catalog

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Number shapes, checked after normalisation (half-width digits). Thousands separators are
// allowed because applicants copy figures from financial statements ("16,859,430").
var (
	wholeNumber  = regexp.MustCompile(`^(\d+|\d{1,3}(,\d{3})+)$`)
	signedAmount = regexp.MustCompile(`^[-△▲]?(\d+|\d{1,3}(,\d{3})+)$`) // △/▲: Japanese accounting minus
	decimal      = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// formatted checks the single-value types whose Value has a fixed shape.
func (c *answerCheck) formatted(v string) {
	if v == "" {
		return
	}
	switch c.spec.Type {
	case TypeDate:
		if !isDate(v) {
			c.report("value", codeAnswerDateInvalid, v)
		}
	case TypeYearMonth:
		if _, err := time.Parse("2006-01", v); err != nil {
			c.report("value", codeAnswerYearMonthInvalid, v)
		}
	case TypeText:
		if strings.ContainsAny(v, "\r\n") {
			c.report("value", codeAnswerTextMultiline, "")
		}
	case TypeURL:
		if !isWebURL(v) {
			c.report("value", codeAnswerURLInvalid, v)
		}
	case TypeCorporateNumber:
		c.corporateNumber(v)
	case TypePercent:
		c.percent(v)
	}
}

func (c *answerCheck) corporateNumber(v string) {
	switch {
	case !isCorporateNumberShape(v):
		c.report("value", codeAnswerCorpNumberFormat, v)
	case !ValidCorporateNumber(v):
		c.report("value", codeAnswerCorpNumberCheck, v)
	}
}

func (c *answerCheck) percent(v string) {
	if !decimal.MatchString(v) {
		c.report("value", codeAnswerPercentInvalid, v)
		return
	}
	if f, err := strconv.ParseFloat(v, 64); err != nil || f > 100 {
		c.report("value", codeAnswerPercentRange, v)
	}
}

// quantity checks integer, money and duration answers: the number and its unit, plus the
// period label that makes a money figure meaningful.
func (c *answerCheck) quantity(a Answer) {
	if a.Value == "" {
		return
	}
	switch c.spec.Type {
	case TypeInteger:
		if !wholeNumber.MatchString(a.Value) {
			c.report("value", codeAnswerIntegerInvalid, a.Value)
		}
	case TypeMoney:
		if !signedAmount.MatchString(a.Value) {
			c.report("value", codeAnswerMoneyInvalid, a.Value)
		}
		if !notBlank(a.Period) {
			c.report("period", codeAnswerPeriodMissing, "")
		}
	case TypeDuration:
		if !wholeNumber.MatchString(a.Value) {
			c.report("value", codeAnswerDurationInvalid, a.Value)
		}
	}
	c.unit(a.Unit)
}

// unit checks the answer's unit against the item's fixed unit (integer, money) or its
// allowed units (duration).
func (c *answerCheck) unit(u string) {
	switch {
	case u == "":
		c.report("unit", codeAnswerUnitMissing, "")
	case c.spec.Type == TypeDuration && !slices.Contains(c.spec.Units, u):
		c.report("unit", codeAnswerDurationUnit, u)
	case c.spec.Type != TypeDuration && c.spec.Unit != "" && u != c.spec.Unit:
		c.report("unit", codeAnswerUnitMismatch, u)
	}
}

func (c *answerCheck) choices(choices []string) {
	seen := map[string]bool{}
	for k, ch := range choices {
		field := index("choices", k)
		switch {
		case !slices.Contains(c.spec.Options, ch):
			c.report(field, codeAnswerNotAnOption, ch)
		case seen[ch]:
			c.report(field, codeAnswerChoiceDuplicate, ch)
		}
		seen[ch] = true
	}
}

func (c *answerCheck) rows(rows []map[string]string) {
	known := map[string]bool{}
	for _, f := range c.spec.Fields {
		known[f.ID] = true
	}
	for k, row := range rows {
		for _, id := range slices.Sorted(maps.Keys(row)) {
			if !known[id] {
				c.report(join(index("rows", k), id), codeAnswerListUnknownField, id)
			}
		}
	}
}

func (c *answerCheck) contacts(cs []Contact) {
	for k, ct := range cs {
		path := index("contacts", k)
		switch {
		case !slices.Contains(ContactKinds(), ct.Kind):
			c.report(join(path, "kind"), codeAnswerContactKindUnknown, ct.Kind)
		case ct.Value == "":
			c.report(join(path, "value"), codeAnswerContactValueMissing, "")
		case !contactValueOK(ct.Kind, ct.Value):
			c.report(join(path, "value"), codeAnswerContactValueInvalid, ct.Value)
		}
	}
}

// phoneNumber accepts the usual ways of writing a phone or fax number (after
// normalisation): digits with hyphens, spaces or brackets, optionally international.
var phoneNumber = regexp.MustCompile(`^\+?[0-9][0-9 ()-]*[0-9]$`)

// contactValueOK checks a contact value by kind: a number must have 6 to 15 digits
// (short toll-free numbers to international), an e-mail address one @ with a dotted domain,
// a web form an http(s) URL.
func contactValueOK(kind, v string) bool {
	switch kind {
	case "phone", "fax":
		n := countDigits(v)
		return phoneNumber.MatchString(v) && n >= 6 && n <= 15
	case "email":
		local, domain, ok := strings.Cut(v, "@")
		return ok && local != "" && strings.Contains(domain, ".") &&
			!strings.ContainsAny(v, " \t\r\n<>") && !strings.Contains(domain, "@") &&
			!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
	case "web_form":
		return isWebURL(v)
	}
	return true
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
