package policy

import (
	"strings"
	"testing"

	"nintei"
)

// want is the policy written out by hand, independently of Table: a change
// of who may do what must change both, deliberately. Letters: o owner,
// m member, s secretariat, r reviewer, c committee, a admin, y system.
var want = map[Action]string{
	Apply: "om", AnswerInquiry: "om", RequestWithholding: "om", FollowUp: "om", ReportIncident: "om",
	ViewMembers: "om", InviteMember: "o", Terminate: "o",
	ReadApplications: "srca", ReadIncidents: "srca", Assess: "sr", OpenInquiry: "sr", GiveOpinion: "c",
	RunReview: "s", AssignReviewers: "s", ReviewerWork: "r", CloseStalled: "s", ConfirmPayment: "s", Certify: "s", Revoke: "s", RecordSuccession: "s", RecordReturn: "s",
	DecideWithholding: "s", RecordDisclosure: "s", Supervise: "s", ManageReturns: "s", ViewQueue: "sa",
	ReadAudit: "sa", ManageUsers: "a", InviteStaff: "a", ChangeRole: "a", DeactivateUser: "a", EditCatalog: "a", MoveIn: "a", ManageJobs: "a", Expire: "y",
}

var letter = map[nintei.Role]string{nintei.RoleOwner: "o", nintei.RoleMember: "m", nintei.RoleSecretariat: "s",
	nintei.RoleReviewer: "r", nintei.RoleCommittee: "c", nintei.RoleAdmin: "a", System: "y"}

// Every action × every role (and the system, and no role): allowed exactly
// as want says. The decisions of are the
// secretariat's alone; R-6.4's opinion the committee's alone.
func TestPolicyExhaustively(t *testing.T) {
	if len(Table) != len(want) {
		t.Errorf("%d actions in Table, %d written out here", len(Table), len(want))
	}
	roles := append(append([]nintei.Role{}, nintei.Roles...), System, "", "root")
	for _, rule := range Table {
		w, ok := want[rule.Action]
		if !ok {
			t.Errorf("%s is not written out in the test", rule.Action)
		}
		if rule.Why == "" {
			t.Errorf("%s says not why", rule.Action)
		}
		for _, role := range roles {
			l := letter[role]
			if got := Allows(role, rule.Action); got != (l != "" && strings.Contains(w, l)) {
				t.Errorf("Allows(%q, %s) = %v", role, rule.Action, got)
			}
			if (Check(role, rule.Action) == nil) != Allows(role, rule.Action) {
				t.Errorf("Check and Allows disagree on %q, %s", role, rule.Action)
			}
		}
	}
}

// Separation of duties: the administrator manages the system and reads,
// but takes no step of a review and no certification decision; nobody
// who decides (the secretariat) manages users or the catalog.
func TestAdministratorDoesNotDecide_R6_5_R11_5(t *testing.T) {
	for _, a := range []Action{Certify, Revoke, RecordSuccession, RunReview, ConfirmPayment, Assess, OpenInquiry,
		GiveOpinion, DecideWithholding, Supervise, RecordReturn, ManageReturns, Apply} {
		if Allows(nintei.RoleAdmin, a) {
			t.Errorf("the administrator may %s", a)
		}
	}
	for _, a := range []Action{ManageUsers, EditCatalog, ManageJobs} {
		if Allows(nintei.RoleSecretariat, a) || !Allows(nintei.RoleAdmin, a) {
			t.Errorf("%s is not the administrator's alone", a)
		}
	}
}

func TestPublicAndSignedIn(t *testing.T) {
	if !Allows("", Public) || Allows("", SignedIn) || Allows(System, SignedIn) {
		t.Error("public / signed-in")
	}
	for _, r := range nintei.Roles {
		if !Allows(r, SignedIn) {
			t.Errorf("%s is not signed in", r)
		}
	}
	if Known("teleport") || Allows(nintei.RoleAdmin, "teleport") || !Known(Public) || !Known(Revoke) {
		t.Error("unknown actions")
	}
}
