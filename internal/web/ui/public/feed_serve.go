package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"nintei/internal/web/request"
	"nintei/store"
)

// registryFeed is an Atom feed of the registry's public events: certified,
// changed, renewed, withheld, expired, terminated, revoked, lapsed, and
// improvement requests published. The events table holds only
// public facts (number, kind, day).
func (s *Server) registryFeed(w http.ResponseWriter, r *http.Request) error {
	events, err := s.svc.RegistryEvents(r.Context(), 100)
	if err != nil {
		return err
	}
	lang := langOf(r)
	spec := feedSpec{title: s.msgs.T(lang, "feed.title", nil), tagPath: "registry", self: "/registry/feed.atom", alternate: "/registry"}
	feed, newest := s.buildFeed(lang, s.feedAuthor(r), spec, events)
	return writeFeed(w, r, feed, newest)
}

// serviceFeedScan is how many of the newest registry events a service's
// feed looks through: the service reads events only newest first across
// the registry, so a service's older events fall out of its feed once this
// many newer ones of other services follow them.
const serviceFeedScan = 5000

// serviceFeed is the Atom feed of one service's public events, linked from
// its page.
func (s *Server) serviceFeed(w http.ResponseWriter, r *http.Request) error {
	pub, _, err := s.svc.VerifyService(r.Context(), r.PathValue("number"))
	if err != nil {
		return err
	}
	all, err := s.svc.RegistryEvents(r.Context(), serviceFeedScan)
	if err != nil {
		return err
	}
	var events []store.RegistryEvent
	for _, e := range all {
		if e.Number == pub.Number && len(events) < 100 {
			events = append(events, e)
		}
	}
	lang := langOf(r)
	spec := feedSpec{title: s.msgs.T(lang, "feed.service_title", map[string]any{"Number": pub.Number, "Service": pub.ServiceName}),
		tagPath: "registry/" + url.PathEscape(pub.Number), self: entryURL(pub.Number) + "/feed.atom", alternate: entryURL(pub.Number)}
	feed, newest := s.buildFeed(lang, s.feedAuthor(r), spec, events)
	return writeFeed(w, r, feed, newest)
}

// feedAuthor is the certification body as its contact window names it,
// with its website (or the site's address).
func (s *Server) feedAuthor(r *http.Request) atomPerson {
	cw := s.svc.ContactWindow(r.Context())
	p := atomPerson{Name: cw.Name, URI: cw.URL}
	if p.Name == "" {
		p.Name = s.msgs.T(langOf(r), "app.name", nil)
	}
	if p.URI == "" {
		p.URI = s.absURL("/")
	}
	return p
}

// writeFeed sends a feed with its validators: a strong ETag of its bytes
// (which differ by language) and Last-Modified of its newest entry, and
// answers a conditional GET that still holds them with 304 (RFC 9110
// §13). The public cache keeps the headers and answers the same way.
func writeFeed(w http.ResponseWriter, r *http.Request, feed atomFeed, newest time.Time) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if err := xml.NewEncoder(&b).Encode(feed); err != nil {
		return err
	}
	sum := sha256.Sum256(b.Bytes())
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("Cache-Control", request.CachePublicData)
	h.Set("Vary", "Cookie") // the language is the cookie's
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	if !newest.IsZero() {
		h.Set("Last-Modified", newest.Format(http.TimeFormat))
	}
	if request.NotModified(r, h) {
		request.WriteNotModified(w, h)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	_, err := b.WriteTo(w)
	return err
}
