package public

import (
	"net/http"

	"nintei/service/core"
)

// contactPage is the body's contact window (問合せ窓口, R-13.1).
type contactPage struct {
	Layout
	Window core.ContactWindow
}

func (s *Server) showContact(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "contact", contactPage{Layout: s.layout(w, r), Window: s.svc.ContactWindow(r.Context())})
}

// showDisclaimer states the body's confidentiality and its disclaimer
// (守秘義務及び免責, R-12.1 to ).
func (s *Server) showDisclaimer(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "disclaimer", struct{ Layout }{s.layout(w, r)})
}
