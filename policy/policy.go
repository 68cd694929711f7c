// Package policy is the one place that says who may do what: a table of
// actions and the roles allowed to take them. The web route tables name an
// action per route (checked before a handler reads the request body), the
// service checks the action at the top of each use case, and the state
// tables of the application and the certification take their actors from
// here. docs/access.md is generated from Table.
//
// The administrator runs the system — users, catalog editions, jobs, the
// demo clock — and reads what staff read, including the audit trail; it
// takes no step of a review and no certification decision. Decisions are
// the secretariat's, assessments the reviewers', opinions the committee's:
// separation of duties, so that whoever can change the system's users and
// rules cannot also decide on a certification (ISO/IEC 17065 4.2, 7.6:
// impartial decisions by the body's designated persons).
package policy

import (
	"slices"

	"nintei"
)

// Action is something a user may be allowed to do.
type Action string

// System is the role of the background jobs (the expiry sweep). No user
// holds it: it is not one of nintei.Roles.
const System nintei.Role = "system"

// The actions. Public and SignedIn are the two that need no particular role.
const (
	Public   Action = "public"    // anyone, signed in or not
	SignedIn Action = "signed_in" // any signed-in user; what they see is scoped by the service

	Apply              Action = "apply"               // open, edit, submit, resubmit and withdraw the provider's applications
	AnswerInquiry      Action = "answer_inquiry"      // answer the body's inquiries
	RequestWithholding Action = "request_withholding" // ask to withhold answers from publication
	FollowUp           Action = "follow_up"           // open a renewal or change notice, declare proper mark use
	ReportIncident     Action = "report_incident"     // report incidents and maintenance, answer supervision
	ViewMembers        Action = "view_members"        // see the provider's people
	InviteMember       Action = "invite_member"       // invite people to the provider
	Terminate          Action = "terminate"           // file the termination notice

	ReadApplications  Action = "read_applications"  // read every submitted application, its review and staff-only files
	ReadIncidents     Action = "read_incidents"     // the lists of open incidents, notices and supervision requests
	Assess            Action = "assess"             // assess Form B items
	OpenInquiry       Action = "open_inquiry"       // send an inquiry to the applicant
	GiveOpinion       Action = "give_opinion"       // declare a conflict of interest, give the committee's opinion
	RunReview         Action = "run_review"         // formal review, investigation, committee referral, reminders
	AssignReviewers   Action = "assign_reviewers"   // assign reviewers to an application and end assignments
	ReviewerWork      Action = "reviewer_work"      // the reviewer's dashboard: the applications assigned to them first
	CloseStalled      Action = "close_stalled"      // close an application left overdue by the applicant (取下げ扱い)
	ConfirmPayment    Action = "confirm_payment"    // record the fee as paid
	Certify           Action = "certify"            // decide: certify or not, renew or not, accept or reject a change
	Revoke            Action = "revoke"             // revoke a certification
	RecordSuccession  Action = "record_succession"  // record a succession that ends a certification
	RecordReturn      Action = "record_return"      // record the certificate's return
	DecideWithholding Action = "decide_withholding" // decide a withholding request
	RecordDisclosure  Action = "record_disclosure"  // record a disclosure compelled by law
	Supervise         Action = "supervise"          // request, resolve and publish improvements
	ManageReturns     Action = "manage_returns"     // the returns list and disposal of documents
	ViewQueue         Action = "view_queue"         // the review dashboard (read only)
	ReadAudit         Action = "read_audit"         // read and verify the audit trail
	ManageUsers       Action = "manage_users"       // list every account; create users from the command line
	InviteStaff       Action = "invite_staff"       // invite a staff user with a role
	ChangeRole        Action = "change_role"        // change a user's role
	DeactivateUser    Action = "deactivate_user"    // deactivate a user (their sessions end) or reactivate one
	EditCatalog       Action = "edit_catalog"       // import catalog editions
	MoveIn            Action = "move_in"            // bring in the certifications issued on the body's old site
	ManageJobs        Action = "manage_jobs"        // background jobs and the demo clock
	Expire            Action = "expire"             // end a certification past its last valid day
)

// Short names of the roles, for the table below.
const (
	owner       = nintei.RoleOwner
	member      = nintei.RoleMember
	secretariat = nintei.RoleSecretariat
	reviewer    = nintei.RoleReviewer
	committee   = nintei.RoleCommittee
	admin       = nintei.RoleAdmin
)

// Rule is one row of the policy: an action, the roles allowed, and why.
type Rule struct {
	Action Action
	Roles  []nintei.Role
	Why    string
}

// Table is the policy, in the order docs/access.md shows it.
var Table = []Rule{
	{Apply, []nintei.Role{owner, member}, "the provider's people prepare and hand in its applications (R-4)"},
	{AnswerInquiry, []nintei.Role{owner, member}, "the applicant answers and may amend (R-6.2)"},
	{RequestWithholding, []nintei.Role{owner, member}, "the applicant asks; the body decides (R-7.3)"},
	{FollowUp, []nintei.Role{owner, member}, "renewal and change notices are the provider's (R-9)"},
	{ReportIncident, []nintei.Role{owner, member}, "the provider notifies and reports (R-11.1, R-11.2)"},
	{ViewMembers, []nintei.Role{owner, member}, "the provider's own people"},
	{InviteMember, []nintei.Role{owner}, "the owner manages the provider's people"},
	{Terminate, []nintei.Role{owner}, "the provider's owner files the termination notice (R-9.10); the secretariat records the certificate's return"},
	{ReadApplications, []nintei.Role{secretariat, reviewer, committee, admin}, "staff read submitted applications; every view is audited (R-12)"},
	{ReadIncidents, []nintei.Role{secretariat, reviewer, committee, admin}, "staff follow incidents and supervision (R-11)"},
	{Assess, []nintei.Role{secretariat, reviewer}, "reviewers assess; the secretariat may too"},
	{OpenInquiry, []nintei.Role{secretariat, reviewer}, "those who assess ask (R-6.2)"},
	{GiveOpinion, []nintei.Role{committee}, "only committee members give the committee's opinion (R-6.4)"},
	{RunReview, []nintei.Role{secretariat}, "the secretariat runs every step (R-6)"},
	{AssignReviewers, []nintei.Role{secretariat}, "the secretariat runs the review and shares out its work"},
	{ReviewerWork, []nintei.Role{reviewer}, "a reviewer's own assignments come first on their dashboard"},
	{CloseStalled, []nintei.Role{secretariat}, "the secretariat closes an application the applicant left overdue, with the reason"},
	{ConfirmPayment, []nintei.Role{secretariat}, "the review starts once the secretariat confirms payment (R-4.6)"},
	{Certify, []nintei.Role{secretariat}, "decisions are the secretariat's, never the administrator's (separation of duties)"},
	{Revoke, []nintei.Role{secretariat}, "as for certifying (R-11.5)"},
	{RecordSuccession, []nintei.Role{secretariat}, "as for certifying (R-11.4)"},
	{RecordReturn, []nintei.Role{secretariat}, "the secretariat receives the certificate (R-9.10)"},
	{DecideWithholding, []nintei.Role{secretariat}, "the body judges the reason (R-7.3)"},
	{RecordDisclosure, []nintei.Role{secretariat}, "the secretariat answers the court or authority (R-12.1)"},
	{Supervise, []nintei.Role{secretariat}, "the body asks for explanations and improvements (R-11.3)"},
	{ManageReturns, []nintei.Role{secretariat}, "the secretariat keeps and returns documents (R-10)"},
	{ViewQueue, []nintei.Role{secretariat, admin}, "the review dashboard: the secretariat's work, read by the administrator for oversight"},
	{ReadAudit, []nintei.Role{secretariat, admin}, "oversight: the secretariat and the administrator read and verify the trail"},
	{ManageUsers, []nintei.Role{admin}, "the administrator manages accounts"},
	{InviteStaff, []nintei.Role{admin}, "staff accounts are the administrator's; a provider's owner invites the provider's people"},
	{ChangeRole, []nintei.Role{admin}, "roles decide who may do what; the last active administrator keeps the role"},
	{DeactivateUser, []nintei.Role{admin}, "the administrator ends access at once; the last active administrator stays"},
	{EditCatalog, []nintei.Role{admin}, "catalog editions are data the administrator imports (R-5.1)"},
	{MoveIn, []nintei.Role{admin}, "moving in: the administrator loads what the body already certified elsewhere, as issued; nothing is decided here"},
	{ManageJobs, []nintei.Role{admin}, "the administrator runs the system's jobs and the demo clock"},
	{Expire, []nintei.Role{System}, "only the expiry sweep expires (R-8.2)"},
}

// Roles are the roles allowed to take an action: every role for SignedIn,
// none for Public (it needs none) or an unknown action.
func Roles(a Action) []nintei.Role {
	if a == SignedIn {
		return nintei.Roles
	}
	for _, r := range Table {
		if r.Action == a {
			return r.Roles
		}
	}
	return nil
}

// Allows reports whether a role may take an action. Public allows anyone,
// SignedIn any role a user holds.
func Allows(role nintei.Role, a Action) bool {
	return a == Public || slices.Contains(Roles(a), role)
}

// ErrForbidden is the answer of Check.
var ErrForbidden = nintei.Errorf(nintei.KindForbidden, "error.forbidden")

// Check is Allows as an error: nil, or ErrForbidden.
func Check(role nintei.Role, a Action) error {
	if Allows(role, a) {
		return nil
	}
	return ErrForbidden
}

// Known reports whether an action is in the policy.
func Known(a Action) bool { return a == Public || a == SignedIn || Roles(a) != nil }
