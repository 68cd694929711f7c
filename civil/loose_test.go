package civil

import "testing"

func TestParseLoose(t *testing.T) {
	want := MustParse("2026-12-07")
	for _, in := range []string{"2026-12-07", "2026/12/7", "2026年12月7日", " 2026年12月07日 ", "２０２６／１２／７", "2026.12.7"} {
		got, err := ParseLoose(in)
		if err != nil || got != want {
			t.Errorf("ParseLoose(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if d, err := ParseLoose(""); err != nil || !d.IsZero() {
		t.Errorf(`ParseLoose("") = %v, %v; want the zero Date`, d, err)
	}
	for _, in := range []string{"2026-02-30", "12/7/2026", "昨日", "2026-13-01", "2026年12月"} {
		if _, err := ParseLoose(in); err == nil {
			t.Errorf("ParseLoose(%q) succeeded, want an error", in)
		}
	}
}
