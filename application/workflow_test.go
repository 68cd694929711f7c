package application

import (
	"errors"
	"os"
	"strings"
	"testing"

	"nintei"
)

// Every (state, event, role) combination: allowed exactly when the table
// has a row for it, and refused with the right error otherwise.
func TestStateTableExhaustively(t *testing.T) {
	events := map[Event]bool{}
	for _, tr := range Table {
		events[tr.Event] = true
	}
	allowed, refused := 0, 0
	for _, s := range States {
		for ev := range events {
			for _, role := range nintei.Roles {
				tr, err := Next(s, ev, role)
				want := rowAllows(s, ev, role)
				switch {
				case want && err != nil:
					t.Errorf("%s --%s--> by %s refused: %v", s, ev, role, err)
				case !want && err == nil:
					t.Errorf("%s --%s--> %s by %s allowed, want refused", s, ev, tr.To, role)
				case want:
					allowed++
				default:
					refused++
					if !errors.Is(err, ErrNotYours) && nintei.KindOf(err) != nintei.KindConflict {
						t.Errorf("%s --%s--> by %s: err %v, want not-yours or not-now", s, ev, role, err)
					}
				}
			}
		}
	}
	t.Logf("%d allowed, %d refused combinations checked", allowed, refused)
	if _, err := Next(Draft, "teleport", nintei.RoleAdmin); !errors.Is(err, ErrUnknownEvent) {
		t.Errorf("unknown event: %v", err)
	}
}

func rowAllows(s State, ev Event, role nintei.Role) bool {
	for _, tr := range Table {
		if tr.Event != ev || !tr.By.Allows(role) {
			continue
		}
		for _, f := range tr.From {
			if f == s {
				return true
			}
		}
	}
	return false
}

// decisions are final; only the secretariat decides; an applicant
// may withdraw from every open state and never after a decision.
func TestWorkflowRules_R6(t *testing.T) {
	for _, s := range []State{Certified, NotCertified, Withdrawn} {
		for _, role := range nintei.Roles {
			if evs := Available(s, role); len(evs) != 0 {
				t.Errorf("%s is not final: %s may %v", s, role, evs)
			}
		}
	}
	for _, role := range []nintei.Role{nintei.RoleReviewer, nintei.RoleCommittee, nintei.RoleOwner, nintei.RoleMember} {
		if _, err := Next(DocumentReview, EvCertify, role); err == nil {
			t.Errorf("%s may certify", role)
		}
	}
	for _, s := range openStates {
		if _, err := Next(s, EvWithdraw, nintei.RoleMember); err != nil {
			t.Errorf("an applicant cannot withdraw from %s: %v", s, err)
		}
	}
	// document review only after payment.
	for _, tr := range Table {
		if tr.To == DocumentReview && tr.Event != EvConfirmPayment {
			for _, f := range tr.From {
				if f == AwaitingPay || f == FormalReview || f == Submitted {
					t.Errorf("%s reaches document review from %s without payment", tr.Event, f)
				}
			}
		}
	}
}

// Every state is reachable from draft, and every open state leads on.
func TestEveryStateReachable(t *testing.T) {
	seen := map[State]bool{Draft: true}
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
	for _, s := range States {
		if !seen[s] {
			t.Errorf("%s is unreachable", s)
		}
	}
}

// docs/lifecycle.md shows the diagram generated from the table.
func TestDocsHaveTheWorkflowDiagram(t *testing.T) {
	doc, err := os.ReadFile("../docs/lifecycle.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```mermaid\n"+Mermaid()+"```") {
		t.Errorf("docs/lifecycle.md's workflow diagram is out of date: run `go run ./cmd/gendocs`")
	}
}
