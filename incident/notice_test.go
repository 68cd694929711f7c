package incident

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// the notice period is read from the published answer as the
// examples of the rule say.
func TestParseNoticePeriod_R11_2(t *testing.T) {
	cases := []struct {
		text   string
		amount int
		unit   string
		ok     bool
	}{
		{"有\n7日前までにWebサイトで告知", 7, UnitDay, true},
		{"有\n１週間前", 1, UnitWeek, true},
		{"有\n原則として2週間前までにメールで通知", 2, UnitWeek, true},
		{"有 七日前", 7, UnitDay, true},
		{"有 十四日前までに告知", 14, UnitDay, true},
		{"有 1か月前", 1, UnitMonth, true},
		{"有 1ヶ月以上前に告知", 1, UnitMonth, true},
		{"有 5営業日前", 5, UnitBusinessDay, true},
		{"有 48時間前", 48, UnitHour, true},
		{"有 前日までに告知", 1, UnitDay, true},
		{"通常は14日前、緊急の場合は3日前までに告知", 3, UnitDay, true},
		{"有\n規程に基づき事前に告知", 0, "", false},
		{"無", 0, "", false},
		{"", 0, "", false},
		{"有 一時的な停止は事前に告知", 0, "", false},
	}
	for _, c := range cases {
		p, ok := ParseNoticePeriod(c.text)
		if ok != c.ok || p.Amount != c.amount || p.Unit != c.unit {
			t.Errorf("%q → %+v %v, want %d %s %v", c.text, p, ok, c.amount, c.unit, c.ok)
		}
	}
}

// at its boundary: announced exactly the disclosed period before
// the start is in time; one day later is late.
func TestLateNotice_R11_2(t *testing.T) {
	cases := []struct {
		text, announced, start string
		late                   bool
	}{
		{"7日前", "2026-12-01", "2026-12-08", false},
		{"7日前", "2026-12-02", "2026-12-08", true},
		{"1週間前", "2026-12-01", "2026-12-08", false},
		{"1週間前", "2026-12-02", "2026-12-08", true},
		{"2週間前まで", "2026-11-24", "2026-12-08", false},
		{"2週間前まで", "2026-11-25", "2026-12-08", true},
		{"1か月前", "2027-02-03", "2027-03-03", false},
		{"1か月前", "2027-02-04", "2027-03-03", true},
		{"48時間前", "2026-12-06", "2026-12-08", false},
		{"48時間前", "2026-12-07", "2026-12-08", true},
		// 2026-12-07 is a Monday: 3 business days before is Wednesday 2 December.
		{"3営業日前", "2026-12-02", "2026-12-07", false},
		{"3営業日前", "2026-12-03", "2026-12-07", true},
	}
	for _, c := range cases {
		p, ok := ParseNoticePeriod(c.text)
		if !ok {
			t.Fatalf("%q not parsed", c.text)
		}
		if got := p.Late(day(c.announced), day(c.start)); got != c.late {
			t.Errorf("%s announced %s for %s: late = %v, want %v", c.text, c.announced, c.start, got, c.late)
		}
	}
}
