package review

import "testing"

// the fee schedule, tax rounded down to the yen.
func TestFees_R4_6(t *testing.T) {
	f := DefaultFees()
	cases := []struct {
		kind           FeeKind
		base, tax, tot int64
	}{{FeeNew, 190000, 19000, 209000}, {FeeRenewal, 95000, 9500, 104500}, {FeeReissue, 9500, 950, 10450}}
	for _, c := range cases {
		got := f.Price(c.kind)
		if got.BaseYen != c.base || got.TaxYen != c.tax || got.TotalYen != c.tot {
			t.Errorf("%s = %+v", c.kind, got)
		}
	}
	odd := Fees{NewYen: 12345, TaxPercent: 8}
	if got := odd.Price(FeeNew); got.TaxYen != 987 || got.TotalYen != 13332 { // 987.6 rounded down
		t.Errorf("rounding: %+v", got)
	}
	inv := Invoice{DueOn: "2026-12-04"}
	if inv.Overdue("2026-12-04") || !inv.Overdue("2026-12-05") {
		t.Error("overdue from the day after the due date")
	}
}
