// Package bizday is the certification body's business calendar: which days
// the secretariat works, so that a date it sets for an applicant (the
// invoice's due date, R-4.6) never falls on a day nobody can act on it.
//
// A day is not a business day when it is a Saturday or Sunday, a Japanese
// national holiday (国民の祝日, 振替休日, 国民の休日) or one of the body's own
// closing days (年末年始 by default). The national holidays come from the
// maintained github.com/rickar/cal/v2/jp definitions, not from a list kept here.
package bizday

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/jp"
)

// DefaultClosings is the body's closing period when configuration says
// nothing: the year-end and New Year holidays (年末年始), 29 December to
// 3 January, as most Japanese offices close.
const DefaultClosings = "12-29..01-03"

// Closing is a yearly period the body is closed, from one month-day to
// another, both included; a period may run over the new year (12-29..01-03).
type Closing struct {
	FromMonth time.Month
	FromDay   int
	ToMonth   time.Month
	ToDay     int
}

// contains reports whether the month-day of d falls in the period.
func (c Closing) contains(d time.Time) bool {
	md := monthDay(d.Month(), d.Day())
	from, to := monthDay(c.FromMonth, c.FromDay), monthDay(c.ToMonth, c.ToDay)
	if from <= to {
		return from <= md && md <= to
	}
	return md >= from || md <= to // over the new year
}

func monthDay(m time.Month, d int) int { return int(m)*100 + d }

// String writes the period as it is configured: MM-DD..MM-DD (or MM-DD).
func (c Closing) String() string {
	from := fmt.Sprintf("%02d-%02d", int(c.FromMonth), c.FromDay)
	if c.FromMonth == c.ToMonth && c.FromDay == c.ToDay {
		return from
	}
	return from + fmt.Sprintf("..%02d-%02d", int(c.ToMonth), c.ToDay)
}

// ParseClosings reads a comma-separated list of closing periods, each
// MM-DD..MM-DD or a single MM-DD, e.g. "12-29..01-03,08-13..08-15". An empty
// string is no closing days at all.
func ParseClosings(s string) ([]Closing, error) {
	var out []Closing
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fromS, toS, isRange := strings.Cut(part, "..")
		if !isRange {
			toS = fromS
		}
		fm, fd, err := parseMonthDay(strings.TrimSpace(fromS))
		if err != nil {
			return nil, err
		}
		tm, td, err := parseMonthDay(strings.TrimSpace(toS))
		if err != nil {
			return nil, err
		}
		out = append(out, Closing{FromMonth: fm, FromDay: fd, ToMonth: tm, ToDay: td})
	}
	return out, nil
}

// parseMonthDay reads MM-DD; 02-29 is allowed (it closes in leap years).
func parseMonthDay(s string) (time.Month, int, error) {
	ms, ds, ok := strings.Cut(s, "-")
	m, errM := strconv.Atoi(ms)
	d, errD := strconv.Atoi(ds)
	if !ok || errM != nil || errD != nil || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m)) {
		return 0, 0, fmt.Errorf("%q is not a month-day MM-DD (e.g. 12-29)", s)
	}
	return time.Month(m), d, nil
}

func daysIn(m time.Month) int {
	return time.Date(2024, m+1, 0, 0, 0, 0, 0, time.UTC).Day() // 2024 is a leap year: 02-29 is a day
}

// Calendar tells business days from the others. Its zero value is not
// usable; build one with New.
type Calendar struct {
	closings []Closing
	holidays *cal.Calendar
}

// New returns the body's calendar with the given closing periods.
func New(closings []Closing) *Calendar {
	h := &cal.Calendar{Cacheable: true}
	h.AddHoliday(jp.Holidays...)
	return &Calendar{closings: closings, holidays: h}
}

// Default is the calendar with the default closing days (年末年始).
func Default() *Calendar {
	c, err := ParseClosings(DefaultClosings)
	if err != nil {
		panic(err) // a constant that does not parse is a bug
	}
	return New(c)
}

// IsBusinessDay reports whether the body works on d's calendar date
// (the time of day and location are ignored: d is a date in Japan).
func (c *Calendar) IsBusinessDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if c.IsHoliday(d) {
		return false
	}
	for _, cl := range c.closings {
		if cl.contains(d) {
			return false
		}
	}
	return true
}

// IsHoliday reports whether d is a Japanese national holiday, including a
// substitute holiday (振替休日) and a citizens' holiday (国民の休日).
func (c *Calendar) IsHoliday(d time.Time) bool {
	actual, observed, _ := c.holidays.IsHoliday(date(d))
	return actual || observed
}

// OnOrAfter returns d if it is a business day, else the next business day.
func (c *Calendar) OnOrAfter(d time.Time) time.Time {
	d = date(d)
	for i := 0; i < 366 && !c.IsBusinessDay(d); i++ { // bounded: closings cannot cover a whole year of weekdays for ever
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// DueDate is the day a payment is due: days after issued, moved to the next
// business day when it falls on a weekend, holiday or closing day.
func (c *Calendar) DueDate(issued time.Time, days int) time.Time {
	return c.OnOrAfter(date(issued).AddDate(0, 0, days))
}

// date keeps d's calendar date at midnight UTC, the form the service uses
// for dates in Japan, so that the weekday and holiday tests read that date.
func date(d time.Time) time.Time {
	y, m, day := d.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}
