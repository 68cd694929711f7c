package ui

import (
	"net/http"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb"
	"nintei/policy"
	"nintei/review"
	"nintei/service/apply"
	"nintei/service/core"
	"nintei/service/examination"
)

type applicationsPage struct {
	Layout
	Apps    []application.Application
	CanOpen bool
}

// showOwnApplications is the provider's list of its applications.
func (s *Server) showOwnApplications(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	apps, err := s.svc.Applications(r.Context(), *p)
	if err != nil {
		return err
	}
	page := applicationsPage{Layout: s.layout(w, r), Apps: apps, CanOpen: policy.Allows(p.User.Role, policy.Apply)}
	return s.render(w, r, http.StatusOK, "applications", page)
}

func (s *Server) openApplication(w http.ResponseWriter, r *http.Request) error {
	a, err := s.svc.OpenApplication(r.Context(), *principal(r), r.PostFormValue("scheme"))
	if err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, "/form-a"), "flash.application_opened")
}

// sectionLink is a Form B section in the overview, with its progress.
type sectionLink struct {
	ID, Name        string
	Answered, Total int
	Blocking        int
}

type applicationPage struct {
	Layout
	Returned    []examination.Point
	Invoices    []review.Invoice
	Inquiries   []inquiryView
	Decision    *review.Decision
	Cert        *certification.Certification
	Lifecycle   *lifecycleView
	Badge       *badgeOffer // the live badge to embed, while the certification is in force
	Withholding []core.Withholding
	// CanWithhold: the applicant may ask to withhold answers now — with the
	// application before publication, or for the certification in force.
	CanWithhold bool
	// WithholdBefore: the application is not published yet, so a request
	// is decided before its answers are.
	WithholdBefore bool
	Today          string
	App            application.Application
	Edition        *catalog.Edition
	Precheck       apply.Precheck
	Sections       []sectionLink
	ItemSection    map[string]string // item ID → editor section, for links from the pre-check
	Renewal        renewalPanel
	Returns        []core.ReturnItem // the application's files on the return list
}

func (s *Server) showApplication(w http.ResponseWriter, r *http.Request) error {
	a, ed, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	pc, err := s.svc.RunPrecheck(r.Context(), *principal(r), a.ID)
	if err != nil {
		return err
	}
	form, err := s.svc.FormB(r.Context(), *principal(r), a)
	if err != nil {
		return err
	}
	page := applicationPage{Layout: s.layout(w, r), App: a, Edition: ed, Precheck: pc, ItemSection: map[string]string{},
		Today: s.svc.Today().Format("2006-01-02")}
	if err := s.reviewForApplicant(r, &page, form); err != nil {
		return err
	}
	page.WithholdBefore = !a.State.Decided() && a.State != application.Withdrawn
	page.CanWithhold = page.May(string(policy.RequestWithholding)) && (page.WithholdBefore || (page.Lifecycle != nil && page.Lifecycle.InForce))
	for _, sec := range sections(ed) {
		page.Sections = append(page.Sections, sectionProgress(sec, form, pc.Findings))
		for _, it := range sec.Items {
			page.ItemSection[it.ID] = sec.ID
		}
	}
	return s.render(w, r, http.StatusOK, "application", page)
}

func sectionProgress(sec section, form formb.Form, findings []formb.Finding) sectionLink {
	l := sectionLink{ID: sec.ID, Name: sec.Path[len(sec.Path)-1].NameJA, Total: len(sec.Items)}
	in := map[string]bool{}
	for _, it := range sec.Items {
		in[it.ID] = true
		if it.IsAnswered(form[it.ID].Answer) {
			l.Answered++
		}
	}
	for _, f := range findings {
		if f.Blocking && in[f.ItemID] {
			l.Blocking++
		}
	}
	return l
}

// versionOf reads the version the editor loaded, for optimistic saving.
func versionOf(r *http.Request) int64 { return parseInt64(r.PostFormValue("version")) }

func (s *Server) submitApplication(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	if err := s.svc.Submit(r.Context(), *principal(r), a.ID, versionOf(r), langOf(r)); err != nil {
		if nintei.KindOf(err) == nintei.KindInvalid {
			return redirect(w, r, appURL(a.ID, ""), "flash.precheck_failed")
		}
		return err
	}
	return redirect(w, r, appURL(a.ID, ""), "flash.submitted")
}

func (s *Server) withdrawApplication(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	if err := s.svc.Withdraw(r.Context(), *principal(r), a.ID, versionOf(r)); err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, ""), "flash.withdrawn")
}

// inquiryView is an inquiry with what the applicant needs to answer it.
type inquiryView struct {
	review.Inquiry
	Item  catalog.Item
	Field itemField
}

// reviewForApplicant adds what the applicant sees of the review: the
// points to correct, invoices, inquiries to answer and the decision —
// never reviewer notes or the committee.
func (s *Server) reviewForApplicant(r *http.Request, page *applicationPage, form formb.Form) error {
	ctx, p, a := r.Context(), *principal(r), page.App
	var err error
	if a.State == application.Returned {
		if page.Returned, err = s.svc.Returned(ctx, a); err != nil {
			return err
		}
	}
	if page.Invoices, err = s.svc.Invoices(ctx, p, a.ID); err != nil {
		return err
	}
	qs, err := s.svc.Inquiries(ctx, p, a.ID)
	if err != nil {
		return err
	}
	for _, q := range qs {
		it, _ := page.Edition.Item(q.ItemID)
		page.Inquiries = append(page.Inquiries, inquiryView{Inquiry: q, Item: it, Field: newItemField(it, form[it.ID], true, nil)})
	}
	if d, err := s.svc.Decision(ctx, p, a.ID); err == nil {
		page.Decision = &d
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	if c, err := s.svc.Certification(ctx, p, a.ID); err == nil {
		page.Cert = &c
		status := c.StatusOn(civil.DateOf(s.svc.Today()))
		if page.Lifecycle, err = s.lifecycleOf(r, p, a.ID, status); err != nil {
			return err
		}
		page.Badge = s.badgeOffer(page.Layout, c.Number, status)
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	if page.Withholding, err = s.svc.Withholdings(ctx, p, a.ID); err != nil {
		return err
	}
	if page.Returns, err = s.svc.ReturnsOf(ctx, p, a.ID); err != nil {
		return err
	}
	page.Renewal, err = s.renewalPanelOf(r, a)
	return err
}
