package api

import (
	"net/http"

	"nintei/internal/i18n"
)

// contactJSON is the contact window in the API. Hours is the configured
// text, or the site's default hours in Japanese.
type contactJSON struct {
	Name       string `json:"name"`
	Department string `json:"department"`
	Hours      string `json:"hours"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	PostalCode string `json:"postal_code"`
	Address    string `json:"address"`
	URL        string `json:"url"`
	Page       string `json:"page"` // the public page, relative to the site
}

func (s *Server) apiContact(w http.ResponseWriter, r *http.Request) error {
	c := s.svc.ContactWindow(r.Context())
	if c.Hours == "" {
		c.Hours = s.msgs.T(i18n.Japanese, "contact.hours_default", nil)
	}
	return writeJSON(w, http.StatusOK, contactJSON{Name: c.Name, Department: c.Department, Hours: c.Hours, Email: c.Email,
		Phone: c.Phone, PostalCode: c.PostalCode, Address: c.Address, URL: c.URL, Page: "/contact"})
}
