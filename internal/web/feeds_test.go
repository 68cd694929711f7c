package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// atomDoc is what the tests read of a feed.
type atomDoc struct {
	Lang   string `xml:"lang,attr"`
	ID     string `xml:"id"`
	Author struct {
		Name string `xml:"name"`
		URI  string `xml:"uri"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, r reply) atomDoc {
	t.Helper()
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed = %d %q\n%.300s", r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	var d atomDoc
	if err := xml.Unmarshal([]byte(r.Body), &d); err != nil {
		t.Fatalf("feed is not XML: %v", err)
	}
	return d
}

func (d atomDoc) link(rel string) string {
	for _, l := range d.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

// jing finds Debian's jing (scripts/install-test-deps.sh installs it);
// without it the schema check is skipped, unless NINTEI_REQUIRE_JING=1 (as
// in .ci/run) makes that a failure.
func jing(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("jing")
	if err != nil {
		if os.Getenv("NINTEI_REQUIRE_JING") == "1" {
			t.Fatal("jing not found but NINTEI_REQUIRE_JING=1")
		}
		t.Skip("jing not installed (scripts/install-test-deps.sh installs it)")
	}
	return p
}

// validateAtom checks a feed against RFC 4287's RELAX NG schema
// (testdata/rfc4287.rnc) and its Schematron rules (testdata/rfc4287.sch);
// it returns jing's complaints, "" when the feed is valid.
func validateAtom(t *testing.T, bin, name, body string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name+".xml")
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, args := range [][]string{{"-c", "testdata/rfc4287.rnc", file}, {"testdata/rfc4287.sch", file}} {
		out, err := exec.Command(bin, args...).CombinedOutput() // #nosec G204 -- the test's own files
		if err != nil {
			problems = append(problems, args[len(args)-2]+": "+jingErrors(string(out)))
		}
	}
	return strings.Join(problems, "\n")
}

// jingErrors drops the wrapper script's warnings about optional jars.
func jingErrors(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" && !strings.HasPrefix(l, "[warning]") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// The registry's feed and a service's, in both languages, are valid Atom
// by the RFC 4287 schema and its Schematron rules; a feed without its
// author is not (so the check does check).
func TestAtomFeedsValidateAgainstRFC4287(t *testing.T) {
	bin := jing(t)
	s := newTestSite(t, sqliteOnly(t))
	a := certifiedService(t, s)
	certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社つばめ<&>", "jimu@b.example.jp")
	c := s.client()
	for _, path := range []string{"/registry/feed.atom", "/registry/" + url.PathEscape(a) + "/feed.atom"} {
		for _, lang := range []string{"ja", "en"} {
			r := c.get(t, path, "Cookie", "nintei_lang="+lang)
			d := readFeed(t, r)
			if len(d.Entries) == 0 || d.Author.Name == "" || d.Lang != lang {
				t.Errorf("%s (%s): %d entries, author %q, xml:lang %q", path, lang, len(d.Entries), d.Author.Name, d.Lang)
			}
			if bad := validateAtom(t, bin, "feed", r.Body); bad != "" {
				t.Errorf("%s (%s) is not valid Atom:\n%s", path, lang, bad)
			}
		}
	}
	body := c.get(t, "/registry/feed.atom").Body
	i, j := strings.Index(body, "<author>"), strings.Index(body, "</author>")
	if i < 0 || j < i {
		t.Fatalf("no author in the feed: %.400s", body)
	}
	if validateAtom(t, bin, "noauthor", body[:i]+body[j+len("</author>"):]) == "" {
		t.Error("a feed without an author passed the schema check")
	}
}

// Feed and entry IDs are tag: URIs (RFC 4151) of the configured tagging
// entity and the event's sequence: not the base URL, the same in the
// registry's feed, the service's feed and both languages, and unchanged
// when later events join the feed. The feed names its author, itself and
// its page.
func TestAtomFeedIDsAreStableTagURIs(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{FeedTag: "nintei.example.jp,2026-04-01"})
	a := certifiedService(t, s)
	c := s.client()
	const tag = "tag:nintei.example.jp,2026-04-01:"
	first := readFeed(t, c.get(t, "/registry/feed.atom"))
	if first.ID != tag+"registry" || len(first.Entries) != 1 || first.Entries[0].ID != tag+"registry/event/1" {
		t.Fatalf("feed ID %q, entries %+v", first.ID, first.Entries)
	}
	base := s.Env.Svc.Settings().BaseURL
	if first.link("self") != base+"/registry/feed.atom" || first.link("alternate") != base+"/registry" {
		t.Errorf("links: self %q, alternate %q", first.link("self"), first.link("alternate"))
	}
	if first.Author.Name != s.Env.Svc.ContactWindow(t.Context()).Name || first.Author.Name == "" {
		t.Errorf("author %q", first.Author.Name)
	}
	if e := first.Entries[0]; len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href != base+"/registry/"+url.PathEscape(a) {
		t.Errorf("entry links %+v", e.Links)
	}
	certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社つばめ", "jimu@b.example.jp")
	later := readFeed(t, c.get(t, "/registry/feed.atom"))
	en := readFeed(t, c.get(t, "/registry/feed.atom", "Cookie", "nintei_lang=en"))
	own := readFeed(t, c.get(t, "/registry/"+url.PathEscape(a)+"/feed.atom"))
	if len(later.Entries) != 2 || later.Entries[1].ID != first.Entries[0].ID || en.Entries[1].ID != first.Entries[0].ID {
		t.Errorf("after a second event the first entry's ID changed: %+v", later.Entries)
	}
	if len(own.Entries) != 1 || own.Entries[0].ID != first.Entries[0].ID || own.ID != tag+"registry/"+url.PathEscape(a) {
		t.Errorf("service feed %q with entries %+v", own.ID, own.Entries)
	}
	for _, d := range []atomDoc{first, later, en, own} {
		for _, e := range d.Entries {
			if strings.Contains(e.ID, base) || strings.Contains(e.ID, "http") {
				t.Errorf("entry ID %q is built from the address", e.ID)
			}
		}
	}
	// Without configuration the entity is the base URL's host and the fixed date.
	plain := newTestSite(t, sqliteOnly(t))
	if d := readFeed(t, plain.client().get(t, "/registry/feed.atom")); d.ID != "tag:localhost,2026-01-01:registry" {
		t.Errorf("default feed ID %q", d.ID)
	}
}

// A conditional GET of a feed whose ETag or Last-Modified still holds is
// answered 304, from the public cache (anonymous) and from the handler
// (signed in) alike; a new event changes both.
func TestAtomFeedConditionalGET(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	a := certifiedService(t, s)
	anon, signed := s.client(), s.loginAs(t, "secretariat")
	for _, path := range []string{"/registry/feed.atom", "/registry/" + url.PathEscape(a) + "/feed.atom"} {
		r := anon.get(t, path)
		etag, modified := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
		if !strings.HasPrefix(etag, `"`) || modified == "" || r.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Fatalf("%s: ETag %q, Last-Modified %q, Cache-Control %q", path, etag, modified, r.Header.Get("Cache-Control"))
		}
		for _, c := range []*client{anon, anon, signed} { // the second anonymous GET is answered from the cache
			for _, cond := range [][]string{{"If-None-Match", etag}, {"If-None-Match", `"other", ` + etag}, {"If-Modified-Since", modified}} {
				got := c.get(t, path, cond...)
				if got.Status != http.StatusNotModified || got.Body != "" || got.Header.Get("ETag") != etag {
					t.Errorf("%s with %s: %d, ETag %q, %d bytes", path, cond[0], got.Status, got.Header.Get("ETag"), len(got.Body))
				}
			}
			for _, cond := range [][]string{{"If-None-Match", `"other"`}, {"If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"},
				{"If-None-Match", `"other"`, "If-Modified-Since", modified}} {
				if got := c.get(t, path, cond...); got.Status != http.StatusOK || got.Body != r.Body {
					t.Errorf("%s with %v: %d", path, cond, got.Status)
				}
			}
		}
	}
	before := anon.get(t, "/registry/feed.atom").Header.Get("ETag")
	certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社つばめ", "jimu@b.example.jp")
	after := anon.get(t, "/registry/feed.atom", "If-None-Match", before)
	if after.Status != http.StatusOK || after.Header.Get("ETag") == before {
		t.Errorf("after a new event: %d, ETag %q (was %q)", after.Status, after.Header.Get("ETag"), before)
	}
}

// The registry's pages announce their feeds in <head>, and a service's page
// links its own feed, which holds that service's events only.
func TestRegistryPagesAnnounceFeeds(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	a := certifiedService(t, s)
	b := certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社つばめ", "jimu@b.example.jp")
	c := s.client()
	list := c.getPage(t, "/registry", http.StatusOK)
	if href := list.Find(`head link[rel="alternate"][type="application/atom+xml"]`).AttrOr("href", ""); href != "/registry/feed.atom" {
		t.Errorf("registry page announces %q", href)
	}
	page := c.getPage(t, "/registry/"+url.PathEscape(a), http.StatusOK)
	own := "/registry/" + url.PathEscape(a) + "/feed.atom"
	if page.Find(`head link[rel="alternate"][type="application/atom+xml"][href="`+own+`"]`).Length() != 1 ||
		page.Find(`head link[rel="alternate"][href="/registry/feed.atom"]`).Length() != 1 {
		t.Error("service page does not announce its feed and the registry's")
	}
	if href := page.Find("#service-feed").AttrOr("href", ""); href != own {
		t.Errorf("service page links %q", href)
	}
	feed := c.get(t, own)
	if d := readFeed(t, feed); len(d.Entries) != 1 || !strings.Contains(d.Entries[0].Title, a) || strings.Contains(feed.Body, b) {
		t.Errorf("service feed entries %+v", d.Entries)
	}
	if r := c.get(t, "/registry/"+url.PathEscape("IP-IoT 9999-2611")+"/feed.atom"); r.Status != http.StatusNotFound {
		t.Errorf("feed of an unknown number = %d", r.Status)
	}
}
