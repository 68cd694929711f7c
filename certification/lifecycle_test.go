package certification

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"nintei"
	"nintei/policy"
)

// actors are every role a user may hold, and the system.
var actors = append(append([]nintei.Role{}, nintei.Roles...), RoleSystem)

// legal is the lifecycle written out by hand, independently of Table:
// "from event" → the roles that may fire it, and where it leads. A change
// to Table that this does not share fails TestLifecycleExhaustively.
var legal = map[string]struct {
	to    Status
	roles string
}{
	// a renewal handed in within the window keeps the
	// certification in force until the decision.
	"valid submit_renewal": {RenewalPending, "owner member"},
	// the renewal certified, or withdrawn or refused (then, past the
	// last valid day, expire follows). Deciding is the secretariat's alone:
	// the administrator takes no certification decision (docs/access.md).
	"renewal_pending renew":            {Valid, "secretariat"},
	"renewal_pending refuse_renewal":   {Valid, "secretariat"},
	"renewal_pending withdraw_renewal": {Valid, "owner member"},
	// only the system expires, and only a valid certification
	// (a pending renewal is never swept, R-9.2).
	"valid expire": {Expired, "system"},
	// the provider's owner files termination.
	"valid terminate":           {Terminated, "owner"},
	"renewal_pending terminate": {Terminated, "owner"},
	// the secretariat decides revocation.
	"valid revoke":           {Revoked, "secretariat"},
	"renewal_pending revoke": {Revoked, "secretariat"},
	// the secretariat records a succession.
	"valid record_succession":           {Lapsed, "secretariat"},
	"renewal_pending record_succession": {Lapsed, "secretariat"},
}

// Every (status, event, actor): allowed exactly as legal says, leading
// where it says; refused otherwise with not-yours (wrong actor) or
// not-in-force (wrong status)..
func TestLifecycleExhaustively(t *testing.T) {
	events := map[Event]bool{}
	for _, tr := range Table {
		events[tr.Event] = true
	}
	allowed := 0
	for _, s := range Statuses {
		for ev := range events {
			row, isLegal := legal[string(s)+" "+string(ev)]
			for _, role := range actors {
				tr, err := Next(s, ev, role)
				want := isLegal && strings.Contains(" "+row.roles+" ", " "+string(role)+" ")
				switch {
				case want && err != nil:
					t.Errorf("%s --%s--> by %s refused: %v", s, ev, role, err)
				case want && tr.To != row.to:
					t.Errorf("%s --%s--> %s, want %s", s, ev, tr.To, row.to)
				case want:
					allowed++
				case err == nil:
					t.Errorf("%s --%s--> %s by %s allowed, want refused", s, ev, tr.To, role)
				case !errors.Is(err, ErrNotYours) && !errors.Is(err, ErrNotInForce):
					t.Errorf("%s --%s--> by %s: err %v, want not-yours or not-in-force", s, ev, role, err)
				}
			}
		}
	}
	want := 0
	for _, row := range legal {
		want += len(strings.Fields(row.roles))
	}
	if allowed != want {
		t.Errorf("%d legal (status, event, actor) combinations, want %d", allowed, want)
	}
	if _, err := Next(Valid, "teleport", nintei.RoleSecretariat); !errors.Is(err, ErrUnknownEvent) {
		t.Errorf("unknown event: %v", err)
	}
}

// Ended certifications are final: no event, by anyone, leaves them.
func TestEndedStatusesAreFinal(t *testing.T) {
	for _, s := range Statuses {
		for _, role := range actors {
			if evs := Available(s, role); s.Ended() && len(evs) != 0 {
				t.Errorf("%s is not final: %s may %v", s, role, evs)
			}
		}
	}
}

// The actor check alone (before anything is loaded) agrees with Next, and
// EndEvent maps the three early ends to their events.
func TestPermitsAndEndEvent(t *testing.T) {
	for _, tr := range Table {
		for _, role := range actors {
			if (Permits(tr.Event, role) == nil) != policy.Allows(role, tr.By) {
				t.Errorf("Permits(%s, %s) disagrees with the table", tr.Event, role)
			}
		}
	}
	for kind, want := range map[Status]Event{Terminated: EvTerminate, Revoked: EvRevoke, Lapsed: EvRecordSuccession} {
		if ev, ok := EndEvent(kind); !ok || ev != want {
			t.Errorf("EndEvent(%s) = %s, %v", kind, ev, ok)
		}
	}
	for _, kind := range []Status{Valid, RenewalPending, Expired, "gone"} {
		if _, ok := EndEvent(kind); ok {
			t.Errorf("%s is an early end", kind)
		}
	}
}

// Every status is reachable from valid (where the certify decision puts a
// certification).
func TestEveryStatusReachable(t *testing.T) {
	seen := map[Status]bool{Valid: true}
	for changed := true; changed; {
		changed = false
		for _, tr := range Table {
			for _, f := range tr.From {
				if seen[f] && !seen[tr.To] {
					seen[tr.To], changed = true, true
				}
			}
		}
	}
	var missing []string
	for _, s := range Statuses {
		if !seen[s] {
			missing = append(missing, string(s))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("unreachable: %v", missing)
	}
}

// docs/lifecycle.md shows the diagram generated from the table.
func TestDocsHaveTheLifecycleDiagram(t *testing.T) {
	doc, err := os.ReadFile("../docs/lifecycle.md")
	if err != nil {
		t.Fatal(err)
	}
	if block := fmt.Sprintf("```mermaid\n%s```", Mermaid()); !strings.Contains(string(doc), block) {
		t.Errorf("docs/lifecycle.md's certification diagram is out of date; paste this:\n%s", block)
	}
}
