package examination

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"nintei"
	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// assignmentDetail is the audit detail of an assignment or its end.
type assignmentDetail struct {
	ReviewerID    int64  `json:"reviewer_id"`
	ReviewerEmail string `json:"reviewer_email"`
}

var (
	errNotReviewer     = nintei.Invalid("error.casework.not_reviewer", "reviewer")
	errAlreadyAssigned = nintei.Errorf(nintei.KindConflict, "error.casework.already_assigned")
	errNotAssigned     = nintei.Errorf(nintei.KindConflict, "error.casework.not_assigned")
)

// AssignReviewer assigns a reviewer to an application; the assignment is
// audited and the reviewer is told by mail.
func (s *Examination) AssignReviewer(ctx context.Context, p core.Principal, id, reviewerID int64) error {
	a, u, err := s.assignment(ctx, p, id, reviewerID)
	if err != nil {
		return err
	}
	if a.State.Decided() || a.State == application.Withdrawn || a.State == application.ClosedStalled {
		return application.ErrNotNow.With("State", string(a.State))
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.AssignReviewer(ctx, id, u.ID, p.User.ID); errors.Is(err, nintei.ErrDuplicate) {
			return errAlreadyAssigned.With("Name", u.Name)
		} else if err != nil {
			return err
		}
		if err := s.auditAssignment(ctx, tx, p, "reviewer.assign", id, u); err != nil {
			return err
		}
		return s.mailReviewer(ctx, tx, u, a, "casework.mail.assigned")
	})
	return err
}

// UnassignReviewer ends a reviewer's assignment, audited and mailed.
func (s *Examination) UnassignReviewer(ctx context.Context, p core.Principal, id, reviewerID int64) error {
	a, u, err := s.assignment(ctx, p, id, reviewerID)
	if err != nil {
		return err
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.UnassignReviewer(ctx, id, u.ID); errors.Is(err, nintei.ErrNotFound) {
			return errNotAssigned.With("Name", u.Name)
		} else if err != nil {
			return err
		}
		if err := s.auditAssignment(ctx, tx, p, "reviewer.unassign", id, u); err != nil {
			return err
		}
		return s.mailReviewer(ctx, tx, u, a, "casework.mail.unassigned")
	})
	return err
}

// assignment checks the actor and loads the application and the reviewer.
func (s *Examination) assignment(ctx context.Context, p core.Principal, id, reviewerID int64) (application.Application, nintei.User, error) {
	if err := p.May(policy.AssignReviewers); err != nil {
		return application.Application{}, nintei.User{}, err
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return a, nintei.User{}, err
	}
	u, err := s.Store.User(ctx, reviewerID)
	if err != nil || u.Role != nintei.RoleReviewer || !u.Active() {
		return a, u, errNotReviewer
	}
	return a, u, nil
}

func (s *Examination) auditAssignment(ctx context.Context, tx store.Tx, p core.Principal, action string, id int64, u nintei.User) error {
	detail, err := json.Marshal(assignmentDetail{ReviewerID: u.ID, ReviewerEmail: u.Email})
	if err != nil {
		return err
	}
	ev := core.Event(&p.User, action, "application", strconv.FormatInt(id, 10))
	ev.Detail = string(detail)
	return tx.Audit(ctx, ev)
}

// mailReviewer tells a reviewer of an assignment or its end, addressed to
// them by name and signed by the body (the frame of mailframe.go), queued in
// the assignment's transaction.
func (s *Examination) mailReviewer(ctx context.Context, tx store.Tx, u nintei.User, a application.Application, key string) error {
	lang := i18n.Japanese
	args := map[string]any{"Name": u.Name, "ID": a.ID, "Service": a.Title(),
		"URL": s.Config.BaseURL + "/applications/" + strconv.FormatInt(a.ID, 10) + "/review"}
	text := s.MailT(lang, "casework.mail.greeting", args) + "\n" + s.MailT(lang, key+".body", args) +
		"\n\n" + s.Signature(lang, s.Issuer(ctx))
	m := mail.Message{To: u.Email, Subject: s.MailT(lang, key+".subject", args), Text: text}
	return s.QueueMail(ctx, tx, m, core.Mailed{Type: "application", ID: strconv.FormatInt(a.ID, 10)})
}

// Reviewers lists the reviewers assigned to an application, for staff.
func (s *Examination) Reviewers(ctx context.Context, p core.Principal, id int64) ([]store.Reviewer, error) {
	if _, err := s.StaffApplication(ctx, p, id); err != nil {
		return nil, err
	}
	return s.Store.Reviewers(ctx, id)
}

// ReviewerAccounts lists the active reviewers the secretariat may assign.
func (s *Examination) ReviewerAccounts(ctx context.Context, p core.Principal) ([]nintei.User, error) {
	if err := p.May(policy.AssignReviewers); err != nil {
		return nil, err
	}
	return s.Store.UsersWithRole(ctx, nintei.RoleReviewer)
}

// ReviewerWork is a reviewer's dashboard: the applications assigned to
// them, then the others in document review.
type ReviewerWork struct {
	Assigned []Case
	Others   []Case
}

// MyReviewWork lists a reviewer's work, longest waiting first.
func (s *Examination) MyReviewWork(ctx context.Context, p core.Principal) (ReviewerWork, error) {
	if err := p.May(policy.ReviewerWork); err != nil {
		return ReviewerWork{}, err
	}
	all, err := s.allCases(ctx, p)
	if err != nil {
		return ReviewerWork{}, err
	}
	sortCases(all, "days", true)
	var w ReviewerWork
	for _, c := range all {
		switch {
		case c.AssignedToU && !c.State.Decided() && c.State != application.Withdrawn && c.State != application.ClosedStalled:
			w.Assigned = append(w.Assigned, c)
		case inReview(c.Application):
			w.Others = append(w.Others, c)
		}
	}
	return w, nil
}
