package public

import (
	"encoding/xml"
	"net/url"
	"strconv"
	"time"

	"nintei/internal/i18n"
	"nintei/store"
)

// The Atom feeds of the registry (RFC 4287): the whole registry's events
// at /registry/feed.atom and one service's at /registry/{number}/feed.atom.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// atomPerson is the feed's author (§4.1.1: a feed without one needs an
// author in every entry): the certification body, which publishes the
// registry.
type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string     `xml:"title"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Summary string     `xml:"summary"`
}

// feedKeys names the message of each registry event kind.
var feedKeys = map[string]string{
	"certified": "feed.certified", "changed": "feed.changed", "renewed": "feed.renewed", "withheld": "feed.withheld",
	"expired": "feed.expired", "terminated": "feed.terminated", "revoked": "feed.revoked", "lapsed": "feed.lapsed",
	"improvement_requested": "feed.improvement_requested",
}

// feedSpec is what differs between the registry's feed and a service's.
type feedSpec struct {
	title     string
	tagPath   string // the feed's own tag: URI after the tagging entity
	self      string // the feed's path
	alternate string // the page it is the feed of
}

// buildFeed writes events as a feed. Entry IDs are tag: URIs (RFC 4151)
// of the configured tagging entity and the event's sequence number, so
// that an entry keeps its ID in both feeds, in both languages, and when the
// site changes its domain. The feed's updated is its newest entry's
// (the epoch for a feed without entries: it has never changed).
func (s *Server) buildFeed(lang i18n.Lang, author atomPerson, spec feedSpec, events []store.RegistryEvent) (atomFeed, time.Time) {
	tag := "tag:" + s.tagEntity() + ":"
	feed := atomFeed{Lang: string(lang), Title: spec.title, ID: tag + spec.tagPath, Author: author,
		Links: []atomLink{{Href: s.absURL(spec.self), Rel: "self", Type: "application/atom+xml"},
			{Href: s.absURL(spec.alternate), Rel: "alternate", Type: "text/html"}}}
	var newest time.Time
	for _, e := range events {
		key, ok := feedKeys[e.Kind]
		if !ok {
			continue
		}
		at := e.RecordedAt.UTC().Truncate(time.Second)
		if at.After(newest) {
			newest = at
		}
		feed.Entries = append(feed.Entries, atomEntry{
			Title: s.msgs.T(lang, key, map[string]any{"Number": e.Number, "Service": e.ServiceName}),
			ID:    tag + "registry/event/" + strconv.FormatInt(e.ID, 10), Updated: at.Format(time.RFC3339),
			Links:   []atomLink{{Href: s.absURL(entryURL(e.Number)), Rel: "alternate", Type: "text/html"}},
			Summary: e.OccurredOn,
		})
	}
	feed.Updated = newest.Format(time.RFC3339)
	if newest.IsZero() {
		feed.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	return feed, newest
}

// tagEntity is the configured tagging entity, or the base URL's host and
// the fixed default date.
func (s *Server) tagEntity() string {
	if s.opts.FeedTag != "" {
		return s.opts.FeedTag
	}
	host := "localhost"
	if u, err := url.Parse(s.svc.Settings().BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return host + "," + DefaultFeedTagDate
}

// DefaultFeedTagDate is the tag date when none is configured (as config's
// default, for servers built without it, such as the tests').
const DefaultFeedTagDate = "2026-01-01"
