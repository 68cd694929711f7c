// Package web is nintei's HTTP surface: the server-rendered UI (Japanese
// first, usable without JavaScript) and the JSON API under /api/v1. Both
// call the same service functions; each has one route table that states the
// access every route needs, and authorization is decided in one place
// (authorize in access.go).
package web

import (
	"log/slog"
	"net/http"
	"nintei"
	"nintei/internal/metrics"
	"os"
	"time"

	"nintei/internal/i18n"
	"nintei/service"
)

// Options are the server's HTTP settings.
type Options struct {
	MaxBodyBytes   int64 // limit for ordinary requests
	MaxUploadBytes int64 // limit for routes that take a file (catalog import)
	SecureCookies  bool  // set the Secure attribute (the site is served over HTTPS)
	TrustProxy     bool  // believe X-Forwarded-Proto / X-Request-ID from a reverse proxy
	Version        string
	Ready          func() error // readiness probe (service.Ready: database and evidence store); nil: always ready
	// CacheBytes bounds the cache of public registry responses (default
	// 32 MiB; negative turns it off). GenerationTTL is how long a read of
	// the registry generation is trusted (0: read on every request).
	CacheBytes    int
	GenerationTTL time.Duration
	// PageFileBytes bounds the disk the cache may use for large responses
	// (diskpages.go), in unlinked files under PageFileDir (the system's
	// temporary directory when empty); 0 or less keeps every response in
	// memory.
	PageFileBytes int64
	PageFileDir   string
	Metrics       *metrics.Metrics // request latency by route; nil records nothing
	Limits        Limits           // per-client rate limits (ratelimit.go); zero: none
	// DemoClock is the demo's movable clock; when set, administrators get
	// /admin/clock to move it and every page says which day it shows.
	DemoClock *nintei.OffsetClock
}

// Server holds everything the handlers need.
type Server struct {
	svc        *service.Service
	msgs       *i18n.Catalog
	log        *slog.Logger
	opts       Options
	pages      *pages
	mux        *http.ServeMux
	routes     []route
	started    time.Time
	cache      *pageCache // rendered public registry responses (anonymous visitors)
	pageFiles  *diskPages // the large ones, when Options.PageFileBytes allows; nil: all in cache
	heads      rowHeads   // comparison row headings per edition
	shells     shells     // comparison pages around their slots, for visitors without a session
	flights    *flights   // public responses being rendered, so concurrent misses render once
	generation *generationWatch
	limits     *rateLimits
}

// New builds the server: it parses and checks every template, so a broken
// layout fails at start rather than on a user's request.
func New(svc *service.Service, msgs *i18n.Catalog, log *slog.Logger, opts Options) (*Server, error) {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 20 << 20
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = 32 << 20
	}
	pg, err := loadPages(msgs)
	if err != nil {
		return nil, err
	}
	s := &Server{svc: svc, msgs: msgs, log: log, opts: opts, pages: pg, mux: http.NewServeMux(), started: time.Now(),
		cache: newPageCache(opts.CacheBytes), flights: &flights{m: map[string]*flight{}}}
	s.limits = newRateLimits(opts.Limits, svc.Now)
	if opts.CacheBytes > 0 && opts.PageFileBytes > 0 {
		dir := opts.PageFileDir
		if dir == "" {
			dir = os.TempDir()
		}
		if s.pageFiles, err = openDiskPages(dir, opts.PageFileBytes); err != nil {
			return nil, nintei.Wrap("web.New: public page files in "+dir, err)
		}
	}
	s.generation = &generationWatch{read: svc.RegistryGeneration, ttl: opts.GenerationTTL}
	s.routes = append(s.uiRoutes(), s.apiRoutes()...)
	if opts.DemoClock != nil {
		s.routes = append(s.routes, s.demoRoutes()...)
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	s.mux.Handle("GET /static/", staticHandler())
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	return s, nil
}

// Close releases what New opened beyond memory (the public page files).
func (s *Server) Close() error {
	if s.pageFiles == nil {
		return nil
	}
	return s.pageFiles.Close()
}

// Handler returns the whole site with its global middleware.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errCrossOrigin)
	}))
	return s.withRequestID(s.recoverPanics(s.logRequests(s.secureHeaders(cop.Handler(http.HandlerFunc(s.dispatch))))))
}

// dispatch serves a request through the mux, rendering the mux's own 404
// and 405 answers as nintei error pages (HTML or JSON by path).
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r) // not h.ServeHTTP: only the mux fills in r.PathValue
		return
	}
	rec := newRecorder()
	h.ServeHTTP(rec, r)
	switch rec.code {
	case http.StatusNotFound:
		s.fail(w, r, errNoRoute)
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", rec.Header().Get("Allow"))
		s.fail(w, r, errMethod)
	default:
		rec.replay(w)
	}
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if s.opts.Ready != nil {
		if err := s.opts.Ready(); err != nil {
			s.log.WarnContext(r.Context(), "not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("not ready\n"))
			return
		}
	}
	_, _ = w.Write([]byte("ready\n"))
}
