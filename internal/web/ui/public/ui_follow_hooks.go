package public

import (
	"net/http"

	"nintei/service/follow"
)

// Webhooks for organisations (issue 20): the registration form, the
// confirmation link's page (which shows the signing secret and the
// management link, once) and the management page with the delivery log.

// hookPage is every state of the webhook pages: "form", "sent",
// "confirm", "confirmed", "manage", "deleted" and "invalid".
type hookPage struct {
	Layout
	Mode    string
	Target  follow.Target
	URL     string
	Contact string
	Token   string
	Hook    follow.HookInfo
	Invalid string
	Error   *fieldError
}

func (s *Server) hookPage(w http.ResponseWriter, r *http.Request, mode string) hookPage {
	return hookPage{Layout: s.layout(w, r), Mode: mode}
}

func (s *Server) showHookForm(w http.ResponseWriter, r *http.Request) error {
	page := s.hookPage(w, r, "form")
	page.Target = follow.Target{Kind: r.URL.Query().Get("kind"), Target: r.URL.Query().Get("target")}
	return s.render(w, r, http.StatusOK, "follow_hook", page)
}

// registerHook asks for a webhook; the confirmation goes to the contact
// address, and the answer is the same whatever that address is.
func (s *Server) registerHook(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	page := s.hookPage(w, r, "sent")
	page.Target = follow.Target{Kind: r.PostFormValue("kind"), Target: r.PostFormValue("target")}
	page.URL, page.Contact = r.PostFormValue("url"), r.PostFormValue("contact")
	err := s.limits.follow(r, page.Contact)
	if err == nil {
		err = s.svc.RegisterHook(r.Context(), page.Target.Kind, page.Target.Target, page.URL, page.Contact, langOf(r))
	}
	if err != nil {
		fe, status, err := s.formFailure(w, page.Layout, err)
		if err != nil {
			return err
		}
		page.Mode, page.Error = "form", fe
		return s.render(w, r, status, "follow_hook", page)
	}
	return s.render(w, r, http.StatusOK, "follow_hook", page)
}

func (s *Server) showHookConfirm(w http.ResponseWriter, r *http.Request) error {
	page := s.hookPage(w, r, "confirm")
	page.Token = r.PathValue("token")
	h, err := s.svc.PendingHook(r.Context(), page.Token)
	if err != nil {
		return s.hookLinkInvalid(w, r, page, err)
	}
	page.Hook = h
	return s.render(w, r, http.StatusOK, "follow_hook", page)
}

// confirmHook confirms and shows the secret and the management link: the
// page is not stored anywhere, so they are not shown again.
func (s *Server) confirmHook(w http.ResponseWriter, r *http.Request) error {
	page := s.hookPage(w, r, "confirmed")
	h, err := s.svc.ConfirmHook(r.Context(), r.PathValue("token"))
	if err != nil {
		return s.hookLinkInvalid(w, r, page, err)
	}
	page.Hook, page.URL = h, s.absURL(h.ManagePath)
	return s.render(w, r, http.StatusOK, "follow_hook", page)
}

// showHookLog is the management page: the webhook and its delivery log.
func (s *Server) showHookLog(w http.ResponseWriter, r *http.Request) error {
	page := s.hookPage(w, r, "manage")
	page.Token = r.PathValue("token")
	h, err := s.svc.Hook(r.Context(), page.Token)
	if err != nil {
		return s.hookLinkInvalid(w, r, page, err)
	}
	page.Hook = h
	return s.render(w, r, http.StatusOK, "follow_hook", page)
}

func (s *Server) deleteHook(w http.ResponseWriter, r *http.Request) error {
	if err := s.svc.DeleteHook(r.Context(), r.PathValue("token")); err != nil {
		return s.hookLinkInvalid(w, r, s.hookPage(w, r, "deleted"), err)
	}
	return s.render(w, r, http.StatusOK, "follow_hook", s.hookPage(w, r, "deleted"))
}

func (s *Server) hookLinkInvalid(w http.ResponseWriter, r *http.Request, page hookPage, err error) error {
	if !isNotFound(err) {
		return err
	}
	ne, _ := classify(err)
	page.Mode, page.Invalid = "invalid", s.msgs.T(page.Lang, ne.Key, ne.Args)
	return s.render(w, r, http.StatusNotFound, "follow_hook", page)
}
