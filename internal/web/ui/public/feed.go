package public

import (
	"encoding/xml"
	"net/http"
	"strconv"
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

// feedKeys names the message of each registry event kind.
var feedKeys = map[string]string{
	"certified": "feed.certified", "changed": "feed.changed", "renewed": "feed.renewed", "withheld": "feed.withheld",
	"expired": "feed.expired", "terminated": "feed.terminated", "revoked": "feed.revoked", "lapsed": "feed.lapsed",
	"improvement_requested": "feed.improvement_requested",
}

// registryFeed is an Atom feed of the registry's public events: certified,
// changed, renewed, withheld, expired, terminated, revoked, lapsed, and
// improvement requests published. The
// events table holds only public facts (number, kind, day).
func (s *Server) registryFeed(w http.ResponseWriter, r *http.Request) error {
	events, err := s.svc.RegistryEvents(r.Context(), 100)
	if err != nil {
		return err
	}
	lang := langOf(r)
	feed := atomFeed{Title: s.msgs.T(lang, "feed.title", nil), ID: s.absURL("/registry/feed.atom"),
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339), Link: []atomLink{{Href: s.absURL("/registry/feed.atom"), Rel: "self"},
			{Href: s.absURL("/registry")}}}
	for _, e := range events {
		key, ok := feedKeys[e.Kind]
		if !ok {
			continue
		}
		updated := e.RecordedAt.UTC().Format(time.RFC3339)
		if updated > feed.Updated {
			feed.Updated = updated
		}
		feed.Entries = append(feed.Entries, atomEntry{
			Title: s.msgs.T(lang, key, map[string]any{"Number": e.Number, "Service": e.ServiceName}),
			ID:    s.absURL(entryURL(e.Number)) + "#event-" + strconv.FormatInt(e.ID, 10), Updated: updated,
			Link: atomLink{Href: s.absURL(entryURL(e.Number))}, Summary: e.OccurredOn,
		})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	return xml.NewEncoder(w).Encode(feed)
}
