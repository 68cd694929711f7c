package aftercare

import (
	"testing"
	"time"
)

// The moment an incident began may be written as a person writes it.
func TestParseLocalTimeAsWritten(t *testing.T) {
	want := time.Date(2026, 11, 27, 0, 30, 0, 0, time.UTC) // 9:30 in Japan
	for _, in := range []string{"2026-11-27 09:30", "2026-11-27T09:30", "2026年11月27日 9:30", "2026/11/27 09:30", "２０２６年１１月２７日 9:30"} {
		got, err := parseLocalTime(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseLocalTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2026年11月27日 25:00", "昨日 9:30", "2026年2月30日 9:30"} {
		if got, err := parseLocalTime(in); err == nil {
			t.Errorf("parseLocalTime(%q) = %v, want an error", in, got)
		}
	}
}
