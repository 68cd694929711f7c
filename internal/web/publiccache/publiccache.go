package publiccache

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"nintei/internal/web/request"
)

// Public registry output (list, search, service pages, comparison,
// verification, open data) is the same for every visitor without a
// session, and changes only when the registry does. Such responses are kept
// rendered under a key that names everything they depend on: the request
// (path and query), the language, JSON or HTML, the day (statuses and
// withholding turn with the date), and the registry generation — a number
// database triggers bump on every publication, withholding and status
// change, so no code path can forget to invalidate.
//
// The generation is read from the database at most once per
// generationTTL; a write through this instance forces the next read. So a
// change made through this instance shows at once and one made through
// another instance within generationTTL.

// generationWatch reads the registry generation, at most once per ttl.
// While one request refreshes an expired value, the others go on with the
// previous one instead of queueing behind it for a database connection
// (that queue was the comparison's tail latency); after invalidate, every
// request waits for a fresh read, so a writer always sees its own write.
type generationWatch struct {
	read       func(context.Context) (int64, error)
	ttl        time.Duration
	value      atomic.Int64
	readAt     atomic.Int64 // UnixNano of the last read; 0: never read
	invalid    atomic.Bool
	refreshing atomic.Bool
}

func (g *generationWatch) current(ctx context.Context) (int64, error) {
	last := g.readAt.Load()
	fresh := last != 0 && g.ttl > 0 && time.Since(time.Unix(0, last)) < g.ttl
	switch {
	case g.invalid.Load() || last == 0 || g.ttl <= 0:
		return g.refresh(ctx)
	case fresh:
		return g.value.Load(), nil
	case g.refreshing.CompareAndSwap(false, true):
		defer g.refreshing.Store(false)
		return g.refresh(ctx)
	default:
		return g.value.Load(), nil // another request is refreshing it
	}
}

func (g *generationWatch) refresh(ctx context.Context) (int64, error) {
	g.invalid.Store(false) // before the read: an invalidation during it forces another
	v, err := g.read(ctx)
	if err != nil {
		g.invalid.Store(true)
		return 0, err
	}
	g.value.Store(v)
	g.readAt.Store(time.Now().UnixNano())
	return v, nil
}

// invalidate makes the next current() read the database.
func (g *generationWatch) invalidate() { g.invalid.Store(true) }

// cachedResponse is a stored 200 response.
type cachedResponse struct {
	header http.Header
	body   []byte
}

// maxCachedResponse keeps one large download (a full CSV) from pushing
// every page out of the cache.
const maxCachedResponse = 2 << 20

// servePublicCached answers an anonymous GET from the cache or runs handle
// and keeps its 200 response.
func (s *Server) servePublicCached(w http.ResponseWriter, r *http.Request, handle handlerFunc) error {
	if s.opts.CacheBytes < 0 {
		return handle(w, r)
	}
	gen, err := s.generation.current(r.Context())
	if err != nil {
		return handle(w, r) // the database will answer the handler the same way
	}
	key := publicKey(r, gen, s.svc.Today().Format("2006-01-02"))
	if c, ok := s.cache.get(key); ok {
		s.opts.Metrics.PublicCache("memory")
		return writeCached(w, r, c)
	}
	if s.pageFiles != nil {
		if ok, err := s.pageFiles.serve(w, r, key); ok {
			s.opts.Metrics.PublicCache("disk")
			return err
		}
	}
	fl, leader := s.flights.join(key)
	if !leader {
		select {
		case <-fl.done:
			if fl.ok {
				s.opts.Metrics.PublicCache("shared")
				return writeCached(w, r, fl.resp)
			}
			s.opts.Metrics.PublicCache("miss")
			return handle(w, r) // the first request's answer is not for sharing (an error): answer this one itself
		case <-r.Context().Done():
			return r.Context().Err()
		}
	}
	defer s.flights.finish(key, fl)
	s.opts.Metrics.PublicCache("miss")
	rec := newRecorder()
	if err := handle(rec, r); err != nil {
		return err
	}
	if rec.code == http.StatusOK && rec.header.Get("Set-Cookie") == "" && rec.body.Len() <= maxCachedResponse {
		// A right-sized copy: the recorder's buffer grew by doubling, and
		// kept as it was it held up to twice the bytes the cache counts.
		resp := cachedResponse{header: rec.header.Clone(), body: bytes.Clone(rec.body.Bytes())}
		s.keep(key, resp)
		fl.resp, fl.ok = resp, true
	}
	rec.replay(w)
	return nil
}

// keep stores a response for the next visitors: a large one in the page
// files when there are any, the rest in memory.
func (s *Server) keep(key string, resp cachedResponse) {
	if s.pageFiles != nil && len(resp.body) >= minDiskPage {
		s.pageFiles.put(key, resp)
		return
	}
	s.cache.put(key, resp)
}

// flights collapses concurrent misses of one public response: the first
// request renders it and the others wait for that response instead of
// running the same queries each. Without it a burst on an uncached search
// ran the search once per request, all of them queueing for the database
// at once (64 connections on PostgreSQL: 26 req/s, p50 4 s).
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

// flight is one response being rendered; done is closed when it is.
type flight struct {
	done chan struct{}
	resp cachedResponse
	ok   bool // resp is a 200 every anonymous visitor may be given
}

// join returns the flight of key and whether the caller leads it.
func (f *flights) join(key string) (*flight, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fl, ok := f.m[key]; ok {
		return fl, false
	}
	fl := &flight{done: make(chan struct{})}
	f.m[key] = fl
	return fl, true
}

// finish ends the leader's flight and releases the waiting requests.
func (f *flights) finish(key string, fl *flight) {
	f.mu.Lock()
	delete(f.m, key)
	f.mu.Unlock()
	close(fl.done)
}

func publicKey(r *http.Request, gen int64, day string) string {
	format, lang := "html", langOf(r)
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		format = "json"
	}
	if isAPI(r) || format == "json" {
		lang = langOfAPI(r) // JSON answers follow Accept-Language; pages only the language cookie
	}
	return strings.Join([]string{r.URL.Path, r.URL.RawQuery, string(lang), format, day, strconv.FormatInt(gen, 10)}, "\x00")
}

// writeCached sends a kept response, or 304 when it carries validators
// (the feeds' ETag and Last-Modified) that the request's conditions match.
func writeCached(w http.ResponseWriter, r *http.Request, c cachedResponse) error {
	if request.NotModified(r, c.header) {
		request.WriteNotModified(w, c.header)
		return nil
	}
	for k, v := range c.header {
		w.Header()[k] = slices.Clone(v) // the cached slices are shared by every reader
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(c.body)))
	_, err := bytes.NewReader(c.body).WriteTo(w)
	return err
}
