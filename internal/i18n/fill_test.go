package i18n

import "testing"

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
