package registry

import (
	"testing"
	"time"
)

// renewal is applied for from 60 to 30 days before the expiry date,
// both included — checked at 61, 60, 30 and 29 days before.
func TestRenewalWindow_R9_1(t *testing.T) {
	until := time.Date(2028, 11, 26, 0, 0, 0, 0, time.UTC)
	opens, closes := RenewalWindow(until)
	in := func(daysBefore int) bool {
		d := until.AddDate(0, 0, -daysBefore)
		return !d.Before(opens) && !d.After(closes)
	}
	for days, want := range map[int]bool{61: false, 60: true, 45: true, 30: true, 29: false, 0: false} {
		if got := in(days); got != want {
			t.Errorf("%d days before expiry: in window = %v, want %v", days, got, want)
		}
	}
	if got := RenewalGuidanceDay(until).Format("2006-01-02"); got != "2028-07-26" {
		t.Errorf("guidance day = %s, want four months before, 2028-07-26", got)
	}
}
