package application

import "time"

// State is where an application is in its life.
type State string

// The states of an application. Review states (formal review onwards) are
// driven by the secretariat; this package names them all so the workflow
// table can grow without renaming.
const (
	Draft     State = "draft"     // being prepared by the applicant
	Submitted State = "submitted" // handed in; waiting for formal review
	Withdrawn State = "withdrawn" // withdrawn by the applicant before a decision
)

// Kind tells a first application from a renewal.
type Kind string

// Application kinds.
const (
	New     Kind = "new"
	Renewal Kind = "renewal"
	Change  Kind = "change" // a change notice (変更の届出, R-9.9)
)

// Kinds lists the kinds, for filters.
var Kinds = []Kind{New, Renewal, Change}

// Application is one application for one service, bound to the
// catalog edition current when it was opened.
type Application struct {
	ID          int64
	OrgID       int64
	EditionID   string
	Kind        Kind
	State       State
	FormA       FormA
	Version     int64 // bumped on every change; a stale form post is a conflict
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	SubmittedAt *time.Time

	// A renewal names the certification it renews and the
	// application of the term it renews, whose Form B it is compared with.
	RenewsCertificationID int64
	PreviousApplicationID int64
	// MarkUseDeclaredAt is when the applicant declared that the mark was
	// used properly during the term; renewals only.
	MarkUseDeclaredAt *time.Time
}

// Editable reports whether the applicant may still change the forms.
func (a Application) Editable() bool { return a.State == Draft || a.State == Returned }

// Withdrawable reports whether the applicant may withdraw: any time before
// a decision.
func (a Application) Withdrawable() bool {
	for _, s := range openStates {
		if a.State == s {
			return true
		}
	}
	return false
}

// Title names the application for lists: the service name, or a
// placeholder until one is given.
func (a Application) Title() string {
	if a.FormA.Service.Name != "" {
		return a.FormA.Service.Name
	}
	return ""
}
