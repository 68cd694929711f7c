package ui

import (
	"net/http"
	"strings"

	"nintei/service"
)

// requestWithholding files the applicant's request.
func (s *Server) requestWithholding(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	err = s.svc.RequestWithholding(r.Context(), *principal(r), id, r.PostForm["item"], r.PostFormValue("reason"),
		strings.TrimSpace(r.PostFormValue("until")))
	if err != nil {
		return err
	}
	return redirect(w, r, appURL(id, ""), "flash.withholding_requested")
}

func (s *Server) decideWithholding(r *http.Request, p service.Principal, id, _ int64) error {
	return s.svc.DecideWithholding(r.Context(), p, id, parseInt64(r.PostFormValue("withholding")), r.PostFormValue("decision") == "approve",
		r.PostFormValue("until"))
}
