package web

import (
	"encoding/xml"
	"net/http"
	"time"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// registryFeed is an Atom feed of registry events. Today the registry
// records certifications; changes, renewals, withholding, expiry,
// termination and revocation join as those events are built.
func (s *Server) registryFeed(w http.ResponseWriter, r *http.Request) error {
	page, err := s.svc.Registry(r.Context(), "", 1, 50)
	if err != nil {
		return err
	}
	lang := langOf(r)
	feed := atomFeed{Title: s.msgs.T(lang, "feed.title", nil), ID: s.absURL("/registry/feed.atom"),
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339), Link: []atomLink{{Href: s.absURL("/registry/feed.atom"), Rel: "self"},
			{Href: s.absURL("/registry")}}}
	for _, e := range page.Entries {
		updated := e.PublishedAt.UTC().Format(time.RFC3339)
		if updated > feed.Updated {
			feed.Updated = updated
		}
		feed.Entries = append(feed.Entries, atomEntry{
			Title: s.msgs.T(lang, "feed.certified", map[string]any{"Number": e.Number, "Service": e.ServiceName}),
			ID:    s.absURL(entryURL(e.Number)) + "#certified", Updated: updated, Link: atomLink{Href: s.absURL(entryURL(e.Number))},
			Summary: e.ProviderName + " · " + e.CertifiedOn,
		})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	return xml.NewEncoder(w).Encode(feed)
}
