package i18n

import (
	"testing"

	"nintei/civil"
)

// fill replaces named placeholders once, leaves unknown ones and stray
// braces as written, and does not rescan what it put in.
func TestFill(t *testing.T) {
	args := map[string]any{"Count": 5, "Name": "{Count}", "Date": "2027年3月31日"}
	for m, want := range map[string]string{
		"{Count}件":            "5件",
		"{{Count}}":           "{5}",
		"{Unknown} {Date}":    "{Unknown} 2027年3月31日",
		"{Name}":              "{Count}",
		"{":                   "{",
		"a}b{":                "a}b{",
		"{Count}{Count}{Date": "55{Date",
	} {
		if got := fill(m, args, nil); got != want {
			t.Errorf("fill(%q) = %q, want %q", m, got, want)
		}
	}
}

// A day handed to a message, as a civil.Date or as YYYY-MM-DD text, is
// written the way the language writes a day; other text is left alone.
func TestMessageWritesDaysInTheLanguagesStyle(t *testing.T) {
	args := map[string]any{"Date": "2026-12-15", "Other": "2026-12-1x"}
	got := datesWritten(Japanese, args)
	if got["Date"] != "2026年12月15日" || got["Other"] != "2026-12-1x" || args["Date"] != "2026-12-15" {
		t.Errorf("Japanese = %v (args now %v)", got, args)
	}
	if got := datesWritten(English, map[string]any{"Date": civil.MustParse("2026-12-15")}); got["Date"] != "15 December 2026" {
		t.Errorf("English = %v", got)
	}
}
