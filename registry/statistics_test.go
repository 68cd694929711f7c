package registry

import (
	"fmt"
	"testing"
	"time"

	"nintei/civil"
)

func TestStatisticsHelpers(t *testing.T) {
	if got := fmt.Sprint(QuarterRange("2025-Q3", "2026-Q2")); got != "[2025-Q3 2025-Q4 2026-Q1 2026-Q2]" {
		t.Errorf("QuarterRange = %s", got)
	}
	if got := QuarterOf(civil.MustParse("2026-12-31")); got != "2026-Q4" {
		t.Errorf("QuarterOf = %s", got)
	}
	if m := Median([]int{40, 45, 10, 100}); m == nil || *m != 42.5 {
		t.Errorf("Median even = %v", m)
	}
	if m := Median([]int{3, 1, 2}); m == nil || *m != 2 {
		t.Errorf("Median odd = %v", m)
	}
	if Median(nil) != nil {
		t.Error("Median of none is not nil")
	}
	// 23:30 UTC on 30 November is 1 December in Japan: 14 days to the 15th.
	if got := DaysToDecision(time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), civil.MustParse("2026-12-15")); got != 14 {
		t.Errorf("DaysToDecision = %d", got)
	}
	for text, want := range map[string]string{"99.99%": "ge_99.99", "99.95%": "ge_99.9", "99.9%": "ge_99.9", "99.5": "ge_99.5",
		"99.49%": "ge_99", "95%": "ge_90", "35.2": "lt_50", "50": "ge_50", "高い": "other"} {
		if got := PercentBand(text); got != want {
			t.Errorf("PercentBand(%q) = %s, want %s", text, got, want)
		}
	}
	if got := fmt.Sprint(PercentBandKeys()); got != "[ge_99.99 ge_99.9 ge_99.5 ge_99 ge_90 ge_50 lt_50 other]" {
		t.Errorf("PercentBandKeys = %s", got)
	}
}
