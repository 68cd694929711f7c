package web

import (
	"bytes"
	"net/http"
	"sync"
)

// pageCache keeps rendered public pages for visitors without a session.
// A key names everything the page depends on (the entry's publication
// version, the language, the day), so a changed entry, a new language or a
// new day simply misses; several instances each keep their own cache and
// stay correct because the version is read from the database each time.
type pageCache struct {
	mu       sync.Mutex
	pages    map[string][]byte
	bytes    int
	maxBytes int // memory bound: the cache never holds more than this
}

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{pages: map[string][]byte{}, maxBytes: maxBytes}
}

func (c *pageCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.pages[key]
	return b, ok
}

// put stores a page; when full it starts over rather than tracking use,
// which is enough for pages that are cheap to render again.
func (c *pageCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes+len(b) > c.maxBytes {
		c.pages, c.bytes = map[string][]byte{}, 0
	}
	if len(b) <= c.maxBytes {
		c.pages[key] = b
		c.bytes += len(b)
	}
}

// cacheable reports whether a request may be answered from the cache: no
// session and no pending flash message (the page would carry either).
func cacheable(r *http.Request) bool {
	if principal(r) != nil {
		return false
	}
	_, flashErr := r.Cookie(flashCookie)
	return flashErr != nil
}

// writePage sends a rendered HTML page.
func writePage(w http.ResponseWriter, body []byte) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := bytes.NewReader(body).WriteTo(w)
	return err
}
