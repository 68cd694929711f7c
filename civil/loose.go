package civil

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// looseDate is a day as people type it: 2026-12-07, 2026/12/7, 2026.12.7
// or 2026年12月7日.
var looseDate = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseLoose reads a day written as people write one in a form: the
// forms of looseDate, in full-width digits too. "" is the zero Date; a day
// that does not exist (2026-02-30) is an error.
func ParseLoose(s string) (Date, error) {
	s = strings.TrimSpace(width.Narrow.String(s))
	if s == "" {
		return Date{}, nil
	}
	m := looseDate.FindStringSubmatch(s)
	if m == nil {
		return Date{}, fmt.Errorf("civil: %q is not a date", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return Date{}, fmt.Errorf("civil: %q is not a day of the calendar", s)
	}
	return DateOf(t), nil
}
