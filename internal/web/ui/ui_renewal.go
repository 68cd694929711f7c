package ui

import (
	"net/http"

	"nintei"
	"nintei/application"
	"nintei/service"
	"nintei/service/aftercare"
)

// renewalPanel is what the application page shows about renewal: on
// the application of a certification's current term, the window and the
// button or the renewal under way; on a renewal, what it renews and the
// mark-use declaration.
type renewalPanel struct {
	Offer *aftercare.RenewalOffer
	View  *aftercare.RenewalView
}

func (s *Server) renewalPanelOf(r *http.Request, a application.Application) (renewalPanel, error) {
	ctx, p := r.Context(), *principal(r)
	var out renewalPanel
	if a.Kind == application.Renewal || a.Kind == application.Change {
		v, err := s.svc.Renewal(ctx, p, a.ID)
		if err != nil {
			return out, err
		}
		out.View = &v
		return out, nil
	}
	o, ok, err := s.svc.RenewalOffer(ctx, p, a.ID)
	if ok {
		out.Offer = &o
	}
	return out, err
}

// openRenewal starts a renewal and opens it.
func (s *Server) openRenewal(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	a, err := s.svc.OpenRenewal(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, ""), "flash.renewal_opened")
}

// declareMarkUse records the self-declaration of proper mark use.
func (s *Server) declareMarkUse(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r) // another provider's application is not found, whatever the form says
	if err != nil {
		return err
	}
	if r.PostFormValue("declare") != "1" {
		return nintei.Invalid("error.renewal.declare_unchecked", "declare")
	}
	if _, err := s.svc.DeclareMarkUse(r.Context(), *principal(r), a.ID, versionOf(r)); err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, ""), "flash.mark_use_declared")
}

type changesPage struct {
	Layout
	App     application.Application
	Renewal aftercare.RenewalView
}

// showChanges is the side-by-side view of what a renewal changed,
// for the applicant and the reviewer alike.
func (s *Server) showChanges(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	v, err := s.svc.Renewal(r.Context(), *principal(r), a.ID)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "changes", changesPage{Layout: s.layout(w, r), App: a, Renewal: v})
}

// openChangeNotice starts a change notice and opens it.
func (s *Server) openChangeNotice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	a, err := s.svc.OpenChangeNotice(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, ""), "flash.change_opened")
}

func (s *Server) acceptChange(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.AcceptChange(r.Context(), p, id, v)
}

func (s *Server) rejectChange(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.RejectChange(r.Context(), p, id, v, r.PostFormValue("reason"))
}
