package api

import (
	"net/http"

	"nintei/internal/i18n"
	"nintei/registry"
)

type registryItemJSON struct {
	Number       string `json:"number"`
	ServiceName  string `json:"service_name"`
	ProviderName string `json:"provider_name"`
	CertifiedOn  string `json:"certified_on"`
	ValidUntil   string `json:"valid_until"`
	Status       string `json:"status"`
	URL          string `json:"url"`
	// Snippet is where a search matched the service's published answers.
	Snippet *registry.Snippet `json:"snippet,omitempty"`
}

// apiRegistry is the public list as JSON: q, page, per_page; the names
// are a contract others build on.
func (s *Server) apiRegistry(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, err := s.svc.FilteredRegistry(r.Context(), q.Get("q"), registryFilter(q), atoiOr(q.Get("page"), 1), atoiOr(q.Get("per_page"), 50))
	if err != nil {
		return err
	}
	snippets, err := s.svc.RegistrySnippets(r.Context(), q.Get("q"), page.Numbers())
	if err != nil {
		return err
	}
	items := make([]registryItemJSON, 0, len(page.Entries))
	for _, e := range page.Entries {
		item := registryItemJSON{Number: e.Number, ServiceName: e.ServiceName, ProviderName: e.ProviderName,
			CertifiedOn: e.CertifiedOn, ValidUntil: e.ValidUntil, Status: e.Status, URL: s.absURL(entryURL(e.Number))}
		if sn, ok := snippets[e.Number]; ok {
			item.Snippet = &sn
		}
		items = append(items, item)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": page.Total, "page": page.Page, "per_page": page.PerPage})
}

// apiRegistryEntry is one service with its public answers.
func (s *Server) apiRegistryEntry(w http.ResponseWriter, r *http.Request) error {
	pub, status, err := s.svc.RegistryService(r.Context(), r.PathValue("number"))
	if err != nil {
		return err
	}
	pub.Bases, pub.Items = orEmpty(pub.Bases), orEmpty(pub.Items)
	for i := range pub.Items {
		pub.Items[i].Category = orEmpty(pub.Items[i].Category)
	}
	out := map[string]any{"service": pub, "status": status, "url": s.absURL(entryURL(pub.Number))}
	if ending, err := s.svc.RegistryEnding(r.Context(), pub, status); err != nil {
		return err
	} else if ending != nil { // how it ended: status, ended_on, a revocation's grounds
		out["ending"] = ending
	}
	imps, err := s.svc.PublishedImprovements(r.Context(), pub.Number)
	if err != nil {
		return err
	}
	if len(imps) > 0 { // published improvement requests; absent when there are none
		list := make([]map[string]string, 0, len(imps))
		for _, p := range imps {
			list = append(list, map[string]string{"requested_on": p.RequestedOn, "body": p.Body, "due_on": p.DueOn, "status": p.Status})
		}
		out["improvement_requests"] = list
	}
	return writeJSON(w, http.StatusOK, out)
}

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

// apiStatistics is the public statistics, the figures /statistics shows.
func (s *Server) apiStatistics(w http.ResponseWriter, r *http.Request) error {
	st, err := s.svc.Statistics(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}
