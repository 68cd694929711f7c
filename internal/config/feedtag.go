package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// FeedTag is the tagging entity of the Atom feeds' entry and feed IDs,
// tag: URIs of RFC 4151 (tag:AUTHORITY,DATE:…): a domain name or e-mail
// address and a day on which the body owned it. Unlike an ID built from
// the base URL, it stays the same when the site moves to another domain,
// so feed readers do not show every event again.
type FeedTag struct {
	Authority string // a DNS name or an e-mail address
	Date      string // YYYY, YYYY-MM or YYYY-MM-DD
}

// Entity is the tagging entity as it is written in a tag: URI.
func (t FeedTag) Entity() string { return t.Authority + "," + t.Date }

// defaultFeedTagDate is the tag date when configuration says nothing: a
// fixed day, so that IDs never change with the day a server starts.
const defaultFeedTagDate = "2026-01-01"

var (
	dnsName  = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$`)
	tagEmail = regexp.MustCompile(`^[A-Za-z0-9._~!$&'()*+;=-]+@`)
	tagDate  = map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}
)

// buildFeedTag reads the tagging entity; the authority defaults to the
// base URL's host (without a port).
func buildFeedTag(get func(string) string, baseURL string, bad func(f, why string)) FeedTag {
	t := FeedTag{Authority: strings.ToLower(get("feed-tag-authority")), Date: get("feed-tag-date")}
	if t.Authority == "" {
		if u, err := url.Parse(baseURL); err == nil {
			t.Authority = strings.ToLower(u.Hostname())
		}
	}
	if !validTagAuthority(t.Authority) {
		bad("feed-tag-authority", fmt.Sprintf("%q is not a domain name or an e-mail address", t.Authority))
	}
	if layout, ok := tagDate[len(t.Date)]; !ok {
		bad("feed-tag-date", fmt.Sprintf("%q is not YYYY-MM-DD, YYYY-MM or YYYY", t.Date))
	} else if _, err := time.Parse(layout, t.Date); err != nil {
		bad("feed-tag-date", fmt.Sprintf("%q is not a valid date", t.Date))
	}
	return t
}

// validTagAuthority accepts what RFC 4151 calls an authorityName: a DNS
// name, or an e-mail address at one.
func validTagAuthority(a string) bool {
	if at := strings.LastIndexByte(a, '@'); at >= 0 {
		return tagEmail.MatchString(a) && dnsName.MatchString(a[at+1:])
	}
	return dnsName.MatchString(a)
}
