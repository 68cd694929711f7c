// Package civil is the program's calendar day: a date in Japan with no time
// and no zone (認定日, 有効期限). The database keeps it as "YYYY-MM-DD" text,
// in SQLite and PostgreSQL alike, so it sorts and compares as the string did;
// in Go it compares as a date, never as text.
package civil

import (
	"database/sql/driver"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Layout is the text form of a Date.
const Layout = "2006-01-02"

// Date is a day of the calendar. The zero Date means "no day" (a renewal
// never decided, a certificate not yet returned) and prints as "".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's location: the service's clock is
// already in Japan time, so this is the Japanese day.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Parse reads "YYYY-MM-DD"; "" is the zero Date.
func Parse(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(Layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("civil: %q is not a date (YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// MustParse is Parse for constants in code and tests; it panics on error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date ("no day").
func (d Date) IsZero() bool { return d == Date{} }

// String is "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time is midnight UTC of d: for formatting and day arithmetic only.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Compare is -1, 0 or +1 as d is before, the same as or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month - e.Month))
	}
	return sign(d.Day - e.Day)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays is the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths is the day n months later, normalised as time.AddDate does
// (31 March plus one month is 1 May).
func (d Date) AddMonths(n int) Date { return DateOf(d.Time().AddDate(0, n, 0)) }

// AddYears is the same day n years later; 29 February becomes 1 March in a
// year that has no 29 February (as time.AddDate does).
func (d Date) AddYears(n int) Date { return DateOf(d.Time().AddDate(n, 0, 0)) }

// Format formats the day with a time layout (e.g. "0601" for YYMM).
func (d Date) Format(layout string) string { return d.Time().Format(layout) }

// MarshalText writes "YYYY-MM-DD" (JSON writes it as a string).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "YYYY-MM-DD"; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	x, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = x
	return nil
}

// Value stores the day as "YYYY-MM-DD" text (the columns are TEXT in both
// dialects), and the zero Date as "", as the columns held before this type.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a "YYYY-MM-DD" text column; NULL and "" are the zero Date. A
// time.Time (a DATE column, should one appear) is read as its day.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		*d = DateOf(v)
		return nil
	}
	return fmt.Errorf("civil: cannot scan %T into a Date", src)
}

// ParseWritten reads a day the way a person writes it in a form:
// 2026-12-07, 2026/12/7, 2026.12.7 or 2026年12月7日, with full-width digits
// and surrounding spaces allowed. "" is the zero Date.
func ParseWritten(s string) (Date, error) {
	s = strings.TrimSpace(strings.Map(halfWidthDigit, s))
	if s == "" {
		return Date{}, nil
	}
	m := writtenDate.FindStringSubmatch(s)
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

var writtenDate = regexp.MustCompile(`^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$`)

// halfWidthDigit maps full-width digits and separators to ASCII.
func halfWidthDigit(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r == '／':
		return '/'
	case r == '－' || r == '‐' || r == '−':
		return '-'
	case r == '．':
		return '.'
	case r == '　':
		return ' '
	}
	return r
}
