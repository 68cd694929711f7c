package publiccache

import (
	"net/http"
	"sync"
)

// pageCache keeps rendered public responses for visitors without a
// session (see publiccache.go for what the keys name).
type pageCache struct {
	mu       sync.Mutex
	pages    map[string]cachedResponse
	bytes    int
	maxBytes int // memory bound: the cache never holds more than this
	// headers holds one copy of each distinct header set: ten thousand
	// cached verifications had ten thousand equal maps for the garbage
	// collector to walk on every cycle.
	headers headerSets
}

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{pages: map[string]cachedResponse{}, maxBytes: maxBytes}
}

func (c *pageCache) get(key string) (cachedResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.pages[key]
	return b, ok
}

// put stores a response; when full it starts over rather than tracking
// use, which is enough for pages that are cheap to render again and which
// also drops the entries of past generations.
func (c *pageCache) put(key string, r cachedResponse) {
	size := len(key) + len(r.body) + 256
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes+size > c.maxBytes {
		c.pages, c.bytes = map[string]cachedResponse{}, 0
	}
	if size <= c.maxBytes {
		r.header = c.headers.intern(r.header)
		c.pages[key] = r
		c.bytes += size
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
