package request

import (
	"net/http"
	"strings"
	"time"
)

// NotModified reports whether a GET or HEAD with conditions may be answered
// 304 Not Modified from the validators in h (ETag, Last-Modified) of the
// response it would otherwise get, in the order of RFC 9110 §13.2.2: an
// If-None-Match is decided by the entity tags (weak comparison) and then
// If-Modified-Since is ignored; without it, If-Modified-Since is compared
// with Last-Modified to the second.
func NotModified(r *http.Request, h http.Header) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		etag := h.Get("ETag")
		return etag != "" && etagListMatches(inm, etag)
	}
	ims, lm := r.Header.Get("If-Modified-Since"), h.Get("Last-Modified")
	if ims == "" || lm == "" {
		return false
	}
	since, err1 := http.ParseTime(ims)
	modified, err2 := http.ParseTime(lm)
	return err1 == nil && err2 == nil && !modified.Truncate(time.Second).After(since)
}

// etagListMatches compares an If-None-Match list with one entity tag,
// weakly (W/ ignored on both sides).
func etagListMatches(list, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// WriteNotModified answers 304 with the headers RFC 9110 §15.4.5 keeps
// (the validators, caching and Vary), and no body.
func WriteNotModified(w http.ResponseWriter, h http.Header) {
	for _, k := range []string{"ETag", "Last-Modified", "Cache-Control", "Expires", "Vary", "Content-Location"} {
		if v := h.Values(k); len(v) > 0 {
			w.Header()[http.CanonicalHeaderKey(k)] = v
		}
	}
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Disposition"} {
		w.Header().Del(k)
	}
	w.WriteHeader(http.StatusNotModified)
}
