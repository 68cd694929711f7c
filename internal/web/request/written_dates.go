package request

import (
	"net/url"
	"strings"

	"nintei/civil"
)

// NormalizeWrittenDates rewrites the date fields of a form (names ending
// in _on or _date, and date, until, from, to) from the way a person writes
// them (2026/12/7, 2026年12月7日, full-width digits) to YYYY-MM-DD, the one
// form the service reads. A value that is not a date is left as it was,
// so the service's check names the field and what it expects.
func NormalizeWrittenDates(v url.Values) {
	for k, vals := range v {
		if !isDateField(k) {
			continue
		}
		for i, s := range vals {
			vals[i] = WrittenDate(s)
		}
	}
}

func isDateField(name string) bool {
	switch name {
	case "date", "until", "from", "to":
		return true
	}
	return strings.HasSuffix(name, "_on") || strings.HasSuffix(name, "_date")
}

// WrittenDate is s as YYYY-MM-DD when it is a day, else s unchanged.
func WrittenDate(s string) string {
	d, err := civil.ParseWritten(s)
	if err != nil || d.IsZero() {
		return s
	}
	return d.String()
}
