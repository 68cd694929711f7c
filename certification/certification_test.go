package certification

import (
	"testing"

	"nintei/civil"
)

var day = civil.MustParse

// the number's form.
func TestNumber_R8_4(t *testing.T) {
	if got := Number("IP-IoT", 1, day("2026-11-27")); got != "IP-IoT 0001-2611" {
		t.Errorf("got %q", got)
	}
	if got := Number("ASP", 12345, day("2030-01-05")); got != "ASP 12345-3001" {
		t.Errorf("got %q", got)
	}
}

// valid two years from the certification date, last day stated
// exactly, leap days included.
func TestValidUntil_R8_2(t *testing.T) {
	cases := map[string]string{
		"2026-11-27": "2028-11-26",
		"2026-01-01": "2027-12-31",
		"2024-02-29": "2026-02-28", // certified on a leap day: the anniversary counts as 1 March
		"2028-02-29": "2030-02-28",
		"2027-03-01": "2029-02-28",
		"2026-03-01": "2028-02-29", // the term ends on a leap day
	}
	for in, want := range cases {
		if got := ValidUntil(day(in), 2); got.String() != want {
			t.Errorf("ValidUntil(%s) = %s, want %s", in, got, want)
		}
	}
	if got := ValidUntil(day("2024-02-29"), 0); got.String() != "2026-02-28" {
		t.Errorf("a scheme without validity gets R-8.2's two years: %s", got)
	}
	if got := ValidUntil(day("2024-02-29"), 4); got.String() != "2028-02-28" {
		t.Errorf("four years from 2024-02-29 = %s", got)
	}
}

// a valid certification past its last valid day is expired;
// one whose renewal was handed in stays in force; the mark may be shown
// only in force.
func TestPublicStatus_R8_2_R9_2(t *testing.T) {
	until := day("2028-11-26")
	cases := []struct {
		stored Status
		today  string
		want   Status
	}{
		{Valid, "2028-11-26", Valid},
		{Valid, "2028-11-27", Expired},
		{RenewalPending, "2029-01-10", RenewalPending},
		{Revoked, "2027-01-01", Revoked},
	}
	for _, c := range cases {
		got := PublicStatus(c.stored, until, day(c.today))
		if got != c.want {
			t.Errorf("%s on %s = %s, want %s", c.stored, c.today, got, c.want)
		}
		if InForce(got) != (got == Valid || got == RenewalPending) {
			t.Errorf("InForce(%s) wrong", got)
		}
	}
	c := Certification{Status: Valid, ValidUntil: until}
	if !c.InForceOn(until) || c.InForceOn(until.AddDays(1)) {
		t.Error("InForceOn does not end after the last valid day")
	}
}

// renewal is handed in from 60 to 30 days before the expiry date,
// both included — checked at 61, 60, 45, 30, 29 and 0 days before.
func TestRenewalWindow_R9_1(t *testing.T) {
	until := day("2028-11-26")
	for days, want := range map[int]bool{61: false, 60: true, 45: true, 30: true, 29: false, 0: false} {
		if got := InRenewalWindow(until, until.AddDays(-days)); got != want {
			t.Errorf("%d days before expiry: in window = %v, want %v", days, got, want)
		}
	}
	if opens, closes := RenewalWindow(until); opens.String() != "2028-09-27" || closes.String() != "2028-10-27" {
		t.Errorf("window %s–%s", opens, closes)
	}
	if got := RenewalGuidanceDay(until).String(); got != "2028-07-26" {
		t.Errorf("guidance day = %s, want four months before, 2028-07-26", got)
	}
}

// exactly the grounds a to j, ground j in the program's words;
// exactly the four kinds of succession.
func TestGroundsAndSuccessions_R11_4_R11_5(t *testing.T) {
	var letters string
	for _, g := range Grounds {
		letters += string(g.Ground)
		if !g.Ground.Valid() || g.Text == "" {
			t.Errorf("ground %s", g.Ground)
		}
	}
	if letters != "abcdefghij" {
		t.Errorf("R-11.5 grounds = %q, want a to j", letters)
	}
	if Grounds[9].Text != "不法行為及び法令違反行為を行ったとき" {
		t.Errorf("R-11.5j reads %q", Grounds[9].Text)
	}
	for _, bad := range []Ground{"", "k", "A", "a,b"} {
		if bad.Valid() {
			t.Errorf("ground %q accepted", bad)
		}
	}
	want := []Succession{"transfer", "merger", "split", "inheritance"}
	if len(Successions) != len(want) {
		t.Fatalf("R-11.4 kinds = %v, want %v", Successions, want)
	}
	for i, k := range want {
		if Successions[i] != k || !k.Valid() {
			t.Errorf("R-11.4 kind %d = %s, want %s", i, Successions[i], k)
		}
	}
	if Succession("bankruptcy").Valid() {
		t.Error("a kind not in R-11.4 accepted")
	}
}

// The badge folds the public statuses into four words: in force (valid,
// renewal under review), 失効 for every ending but a revocation, 取消し.
func TestBadgeStateOf_R8_4(t *testing.T) {
	want := map[Status]BadgeState{Valid: BadgeValid, RenewalPending: BadgeRenewal, Expired: BadgeLapsed,
		Terminated: BadgeLapsed, Lapsed: BadgeLapsed, Revoked: BadgeRevoked, "gone": BadgeUnknown}
	for st, w := range want {
		if got := BadgeStateOf(st); got != w || got.InForce() != InForce(st) {
			t.Errorf("BadgeStateOf(%s) = %s (in force %v)", st, got, got.InForce())
		}
	}
}
