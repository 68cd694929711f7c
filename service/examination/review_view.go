package examination

import (
	"context"
	"errors"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/review"
	"nintei/service/aftercare"
	"nintei/service/core"
)

// ReviewView is the staff's view of one application: what the review page
// and GET /api/v1/applications/{id}/review show, assembled in one place.
type ReviewView struct {
	App            application.Application
	Edition        *catalog.Edition
	Org            nintei.Organization
	Checklist      []Point
	Revocations    []aftercare.RecentRevocation // the provider's services revoked within the year (R-4.2e)
	Invoices       []review.Invoice
	Readiness      Readiness
	Renewal        *aftercare.RenewalView // renewals and change notices only
	Form           formb.Form
	Assessments    map[string]review.Assessment
	Inquiries      []review.Inquiry
	Investigations []review.Investigation
	Files          []application.Attachment // staff-only files (investigation records)
	Attachments    []application.Attachment // all of this application's files, for the items they back
	Members        []review.Member
	Conclusion     string
	MetOn          string
	CommitteeUsers []nintei.User
	Durations      map[application.State]time.Duration
	Decision       *review.Decision
}

// ReviewView loads and authorizes the application once and reads
// everything the review shows; each read is one query (or a fixed few),
// whatever the number of applications. A non-empty via records the view
// in the audit trail, naming the surface ("review", "api.review").
func (s *Examination) ReviewView(ctx context.Context, p core.Principal, id int64, via string) (ReviewView, error) {
	var v ReviewView
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return v, err
	}
	v.App = a
	if v.Edition, err = s.ApplicationEdition(ctx, a); err != nil {
		return v, err
	}
	if err := s.reviewFacts(ctx, p, &v); err != nil {
		return v, err
	}
	if err := s.reviewRecords(ctx, &v); err != nil {
		return v, err
	}
	if via != "" {
		return v, s.RecordStaffView(ctx, p, id, via)
	}
	return v, nil
}

// reviewFacts reads the provider, the Form B and the files once, and
// derives the checklist, the verdict and the readiness from them.
func (s *Examination) reviewFacts(ctx context.Context, p core.Principal, v *ReviewView) error {
	a := v.App
	var err error
	if v.Org, err = s.Store.Organization(ctx, a.OrgID); err != nil {
		return err
	}
	if v.Form, err = s.Store.FormB(ctx, a.ID); err != nil {
		return err
	}
	files, err := s.ReviewedFiles(ctx, a)
	if err != nil {
		return err
	}
	if v.Checklist, err = s.checklistOf(ctx, a, v.Edition, v.Form, files); err != nil {
		return err
	}
	if v.Revocations, err = s.RecentRevocations(ctx, p, a); err != nil {
		return err
	}
	if v.Assessments, err = s.Store.Assessments(ctx, a.ID); err != nil {
		return err
	}
	verdict := verdictOf(v.Edition, v.Form, files)
	if v.Readiness, err = s.readinessOf(ctx, a, v.Edition, v.Form, verdict, v.Assessments); err != nil {
		return err
	}
	if a.Kind == application.Renewal || a.Kind == application.Change {
		r, err := s.RenewalViewOf(ctx, a)
		if err != nil {
			return err
		}
		v.Renewal = &r
	}
	return nil
}

// reviewRecords reads the review's records: one query each.
func (s *Examination) reviewRecords(ctx context.Context, v *ReviewView) error {
	id := v.App.ID
	errs := make([]error, 9)
	v.Invoices, errs[0] = s.Store.Invoices(ctx, id)
	v.Inquiries, errs[2] = s.Store.Inquiries(ctx, id)
	v.Investigations, errs[3] = s.Store.Investigations(ctx, id)
	v.Members, errs[4] = s.Store.Members(ctx, id)
	v.Conclusion, v.MetOn, errs[5] = s.Store.Conclusion(ctx, id)
	v.CommitteeUsers, errs[6] = s.Store.UsersWithRole(ctx, nintei.RoleCommittee)
	v.Attachments, errs[7] = s.Store.Attachments(ctx, id) // this application's own (reviewedFiles adds the previous term's)
	for _, att := range v.Attachments {
		if att.Purpose.StaffOnly() {
			v.Files = append(v.Files, att)
		}
	}
	hist, err := s.Store.StateHistory(ctx, id)
	errs[8] = err
	v.Durations = s.durations(hist)
	if err := errors.Join(errs...); err != nil {
		return err
	}
	d, err := s.Store.Decision(ctx, id)
	if err == nil {
		v.Decision = &d
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	return nil
}
