package bizday

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// the fee is due about one week after the invoice, on a day the body
// works. Each case is issue date + payment days → due date.
func TestDueDateOnBusinessDay_R4_6(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name, issued string
		days         int
		want         string
	}{
		{"a plain weekday stays", "2026-11-27", 7, "2026-12-04"},
		{"year-end closing and 1-3 January move to Monday 4 January", "2026-12-25", 7, "2027-01-04"},
		{"a Saturday moves to Monday", "2027-02-26", 8, "2027-03-08"}, // 2027-03-06 is a Saturday
		{"a Sunday moves to Monday", "2027-02-26", 9, "2027-03-08"},
		{"Coming of Age Day (2027-01-11) moves to Tuesday", "2027-01-04", 7, "2027-01-12"},
		{"Golden Week moves past 5 May", "2027-04-26", 7, "2027-05-06"}, // 05-03..05-05 holidays
		{"a substitute holiday moves (2027-03-22 for 03-21, a Sunday)", "2027-03-15", 7, "2027-03-23"},
		{"the citizens' holiday between two holidays (2026-09-22)", "2026-09-15", 7, "2026-09-24"},
	} {
		got := c.DueDate(day(tc.issued), tc.days).Format("2006-01-02")
		if got != tc.want {
			t.Errorf("%s: %s + %d days = %s, want %s", tc.name, tc.issued, tc.days, got, tc.want)
		}
	}
}

// an invoice issued on 2026-12-25 is due in January 2027 on a
// business day, never on 1-3 January, and 2027-01-04 (a Monday) is one.
func TestYearEndInvoiceDueInJanuary_R4_6(t *testing.T) {
	c := Default()
	for _, s := range []string{"2026-12-29", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"} {
		if c.IsBusinessDay(day(s)) {
			t.Errorf("%s is a business day; 年末年始 is closed", s)
		}
	}
	if !c.IsBusinessDay(day("2027-01-04")) || day("2027-01-04").Weekday() != time.Monday {
		t.Error("2027-01-04, a Monday, is not a business day")
	}
	if !c.IsHoliday(day("2027-01-11")) {
		t.Error("2027-01-11 (成人の日) is not a holiday")
	}
	due := c.DueDate(day("2026-12-25"), 7)
	if due.Year() != 2027 || due.Month() != time.January || due.Day() <= 3 || !c.IsBusinessDay(due) {
		t.Errorf("due %s", due.Format("2006-01-02"))
	}
}

// Without closing days, 1 January (元日) is still a holiday and 29 December
// a business day: the closings are the body's, the holidays the law's.
func TestClosingsAreConfigurable_R4_6(t *testing.T) {
	none := New(nil)
	if none.IsBusinessDay(day("2027-01-01")) {
		t.Error("元日 is a business day without closings")
	}
	if !none.IsBusinessDay(day("2026-12-29")) {
		t.Error("2026-12-29 (Tuesday) is closed without closings")
	}
	obon, err := ParseClosings("08-13..08-15")
	if err != nil {
		t.Fatal(err)
	}
	if got := New(obon).DueDate(day("2027-08-06"), 7).Format("2006-01-02"); got != "2027-08-16" {
		t.Errorf("due during お盆 closing = %s, want 2027-08-16", got)
	}
}

func TestParseClosings(t *testing.T) {
	got, err := ParseClosings(" 12-29..01-03, 08-15 ")
	if err != nil || len(got) != 2 || got[0].String() != "12-29..01-03" || got[1].String() != "08-15" {
		t.Errorf("ParseClosings = %v, %v", got, err)
	}
	if got, err := ParseClosings(""); err != nil || len(got) != 0 {
		t.Errorf("empty = %v, %v", got, err)
	}
	for _, bad := range []string{"13-01", "12-32", "02-30", "12/29", "12-29..", "x"} {
		if _, err := ParseClosings(bad); err == nil {
			t.Errorf("ParseClosings(%q) accepted", bad)
		}
	}
}
