package civil

import "testing"

func TestParseWritten(t *testing.T) {
	want := MustParse("2026-12-07")
	for _, in := range []string{"2026-12-07", "2026/12/7", "2026年12月7日", " 2026.12.7 ", "２０２６／１２／７", "2026年 12月 7日", "2026-12-7"} {
		got, err := ParseWritten(in)
		if err != nil || got != want {
			t.Errorf("ParseWritten(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2026-02-30", "2026/13/1", "12/7/2026", "昨日", "2026-12", "2026年12月7日火曜"} {
		if got, err := ParseWritten(in); err == nil {
			t.Errorf("ParseWritten(%q) = %v, want an error", in, got)
		}
	}
	if got, err := ParseWritten("  "); err != nil || !got.IsZero() {
		t.Errorf("blank = %v, %v", got, err)
	}
}
