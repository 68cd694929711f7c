package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseAndString(t *testing.T) {
	for _, s := range []string{"2026-11-27", "2024-02-29", "0001-01-01", ""} {
		d, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if got := d.String(); got != s {
			t.Errorf("Parse(%q).String() = %q", s, got)
		}
	}
	for _, bad := range []string{"2026-2-3", "2025-02-29", "2026-13-01", "26-11-27", "2026/11/27", "2026-11-27T00:00:00Z"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// Dates compare as days, not as text: "2026-9-1" would sort after
// "2026-10-01" as text; as Dates, September is before October.
func TestCompare(t *testing.T) {
	a, b := Date{2026, time.September, 1}, MustParse("2026-10-01")
	if !a.Before(b) || b.Before(a) || !b.After(a) || a.After(b) || a.Compare(a) != 0 {
		t.Errorf("%v vs %v compare wrong", a, b)
	}
	if !(Date{}).Before(a) || !(Date{}).IsZero() || a.IsZero() {
		t.Error("zero date")
	}
}

// Leap years: day arithmetic crosses 29 February only in a leap year, and a
// year after 29 February is 1 March (time.AddDate's normalisation), which
// R-8.2's ValidUntil relies on.
func TestArithmeticLeapYears(t *testing.T) {
	cases := []struct {
		got  Date
		want string
	}{
		{MustParse("2024-02-28").AddDays(1), "2024-02-29"},
		{MustParse("2025-02-28").AddDays(1), "2025-03-01"},
		{MustParse("2024-03-01").AddDays(-1), "2024-02-29"},
		{MustParse("2024-02-29").AddYears(1), "2025-03-01"},
		{MustParse("2024-02-29").AddYears(4), "2028-02-29"},
		{MustParse("2100-02-28").AddDays(1), "2100-03-01"}, // 2100 is not a leap year
		{MustParse("2000-02-28").AddDays(1), "2000-02-29"}, // 2000 is
		{MustParse("2028-11-26").AddMonths(-4), "2028-07-26"},
		{MustParse("2026-12-31").AddDays(1), "2027-01-01"},
	}
	for _, c := range cases {
		if c.got.String() != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

func TestDateOfKeepsTheLocalDay(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	if got := DateOf(time.Date(2026, 11, 27, 23, 59, 0, 0, jst)); got.String() != "2026-11-27" {
		t.Errorf("DateOf = %s", got)
	}
}

func TestJSONAndSQL(t *testing.T) {
	var v struct {
		On Date `json:"on"`
	}
	if err := json.Unmarshal([]byte(`{"on":"2028-02-29"}`), &v); err != nil || v.On != MustParse("2028-02-29") {
		t.Fatalf("unmarshal: %v %v", v.On, err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"on":"2028-02-29"}` {
		t.Errorf("marshal: %s", b)
	}
	if err := json.Unmarshal([]byte(`{"on":"2028-02-30"}`), &v); err == nil {
		t.Error("30 February accepted")
	}
	// Stored as the TEXT the columns held before: "YYYY-MM-DD", and "" for none.
	for _, d := range []Date{MustParse("2026-11-27"), {}} {
		val, err := d.Value()
		if err != nil || val != d.String() {
			t.Errorf("Value(%v) = %#v, %v", d, val, err)
		}
	}
	var d Date
	for _, c := range []struct {
		src  any
		want string
	}{{"2026-11-27", "2026-11-27"}, {[]byte("2027-01-05"), "2027-01-05"}, {nil, ""}, {"", ""},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026-03-01"}} {
		if err := d.Scan(c.src); err != nil || d.String() != c.want {
			t.Errorf("Scan(%#v) = %s, %v; want %s", c.src, d, err, c.want)
		}
	}
	if err := d.Scan(42); err == nil {
		t.Error("Scan(int) accepted")
	}
}
