package ui

import (
	"net/http"
	"strconv"

	"nintei/incident"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/core"
)

type supervisionPage struct {
	afterCertPage
	Requests   []core.SupervisionRequest
	Kinds      []string
	KindKeys   map[string]string
	StateKeys  map[string]string
	Overdue    map[int64]bool
	ShowsPub   bool
	PublicPath string
}

var (
	supervisionKindKeys  = aftercare.SupervisionKindKeys
	supervisionStateKeys = map[string]string{
		incident.RequestOpen: "supervision.state.open", incident.RequestAnswered: "supervision.state.answered",
		incident.RequestResolved: "supervision.state.resolved",
	}
)

// showSupervision is the supervision page of a certified service:
// the secretariat's requests, the provider's answers and follow-ups.
func (s *Server) showSupervision(w http.ResponseWriter, r *http.Request) error {
	return s.renderSupervision(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderSupervision(w http.ResponseWriter, r *http.Request, status int, failed string, cause error) error {
	base, err := s.afterCert(w, r)
	if err != nil {
		return err
	}
	page := supervisionPage{afterCertPage: base, Kinds: incident.RequestKinds, KindKeys: supervisionKindKeys,
		StateKeys: supervisionStateKeys, Overdue: map[int64]bool{}, PublicPath: entryURL(base.Cert.Number)}
	if cause != nil {
		fe, ok := s.formError(page.Layout, cause)
		if !ok {
			return cause
		}
		page.Error, page.Failed, page.Form = &fe, failed, r.PostForm
	}
	if page.Requests, err = s.svc.SupervisionRequests(r.Context(), *principal(r), base.App.ID); err != nil {
		return err
	}
	for _, q := range page.Requests {
		page.Overdue[q.ID] = aftercare.Overdue(q, s.svc.Today())
		page.ShowsPub = page.ShowsPub || q.PublishedOn != ""
	}
	return s.render(w, r, status, "supervision", page)
}

func (s *Server) supervisionFailed(w http.ResponseWriter, r *http.Request, form string, err error) error {
	if !showsOnForm(err) {
		return err
	}
	_, status := classify(err)
	return s.renderSupervision(w, r, status, form, err)
}

// requestSupervision records the secretariat's request.
func (s *Server) requestSupervision(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	in := aftercare.NewSupervisionRequest{Kind: r.PostFormValue("kind"), Body: r.PostFormValue("body"), DueOn: r.PostFormValue("due_on"),
		Publish: r.PostFormValue("publish") == "1"}
	rid, err := s.svc.RequestSupervision(r.Context(), *principal(r), id, in)
	if err != nil {
		return s.supervisionFailed(w, r, "new", err)
	}
	return redirect(w, r, appURL(id, "/supervision#request-"+strconv.FormatInt(rid, 10)), "flash.supervision.requested")
}

// supervisionAction handles the answer, resolve and publish buttons of
// one request.
func (s *Server) supervisionAction(act func(r *http.Request, p service.Principal, id, rid int64) error, form, flashKey string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		id, err1 := pathID(r, "id")
		rid, err2 := pathID(r, "rid")
		if err1 != nil || err2 != nil {
			return errNoRoute
		}
		if err := act(r, *principal(r), id, rid); err != nil {
			return s.supervisionFailed(w, r, form+"-"+strconv.FormatInt(rid, 10), err)
		}
		return redirect(w, r, appURL(id, "/supervision#request-"+strconv.FormatInt(rid, 10)), flashKey)
	}
}

func (s *Server) respondSupervision(r *http.Request, p service.Principal, id, rid int64) error {
	return s.svc.RespondSupervision(r.Context(), p, id, rid, r.PostFormValue("body"))
}

func (s *Server) resolveSupervision(r *http.Request, p service.Principal, id, rid int64) error {
	return s.svc.ResolveSupervision(r.Context(), p, id, rid)
}

func (s *Server) publishSupervision(r *http.Request, p service.Principal, id, rid int64) error {
	return s.svc.PublishSupervision(r.Context(), p, id, rid)
}
