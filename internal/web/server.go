// Package web is nintei's HTTP surface: the server-rendered UI (packages ui
// and ui/public, rendered by ui/page; Japanese first, usable without
// JavaScript) and the JSON API under /api/v1
// (package api). Both call the same service functions; each has one route
// table that states the access every route needs. This package puts them
// together: the global middleware, the mux, authorization in one place
// (authorize in access.go) and the rendering of errors by surface (fail in
// errors.go). Shared request helpers are in package request, the public
// response cache in publiccache, the rate limits in ratelimit.
package web

import (
	"log/slog"
	"net/http"
	"slices"
	"time"

	"nintei/internal/i18n"
	"nintei/internal/web/api"
	"nintei/internal/web/publiccache"
	"nintei/internal/web/ratelimit"
	"nintei/internal/web/request"
	"nintei/internal/web/ui"
	uipage "nintei/internal/web/ui/page"
	publicui "nintei/internal/web/ui/public"
	"nintei/service"
)

// Options are the server's HTTP settings (see request.Options); Limits
// and Rate the per-client rate limits (package ratelimit).
type (
	Options = request.Options
	Limits  = ratelimit.Limits
	Rate    = ratelimit.Rate
)

// Server holds the site: the surfaces (ui, api), the public cache and
// the rate limits, and the one mux that routes to them.
type Server struct {
	svc     *service.Service
	msgs    *i18n.Catalog
	log     *slog.Logger
	opts    Options
	mux     *http.ServeMux
	routes  []route
	started time.Time
	public  *publiccache.Server // rendered public registry responses (anonymous visitors)
	limits  *ratelimit.Limiters
	pages   *uipage.Pages // the one renderer of ui's and public's pages
	ui      *ui.Server
	pub     *publicui.Server
	api     *api.Server
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
	pub, err := publiccache.New(svc, msgs, opts)
	if err != nil {
		return nil, err
	}
	s := &Server{svc: svc, msgs: msgs, log: log, opts: opts, mux: http.NewServeMux(), started: time.Now(), public: pub}
	s.limits = ratelimit.New(opts.Limits, svc.Now)
	if opts.Metrics != nil {
		s.limits.OnRefusal = opts.Metrics.RateLimited
	}
	if s.pages, err = uipage.New(svc, msgs, log, opts); err != nil {
		_ = pub.Close()
		return nil, err
	}
	s.ui = ui.New(svc, msgs, log, opts, s.pages)
	s.pub = publicui.New(svc, msgs, log, opts, s.pages, pub, s.limits)
	s.api = api.New(svc, msgs, log, opts, s.pub.Shared(s.ui.Shared()))
	s.routes = routesOf(slices.Concat(s.pub.SignInRoutes(), s.ui.Routes(), s.pub.Routes(), s.ui.AdminRoutes(), s.api.Routes()))
	if opts.DemoClock != nil {
		s.routes = append(s.routes, routesOf(s.ui.DemoRoutes())...)
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	s.mux.Handle("GET /static/", uipage.StaticHandler())
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	return s, nil
}

// Close releases what New opened beyond memory (the public page files).
func (s *Server) Close() error { return s.public.Close() }

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
	rec := publiccache.NewRecorder()
	h.ServeHTTP(rec, r)
	switch rec.Code() {
	case http.StatusNotFound:
		s.fail(w, r, errNoRoute)
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", rec.Header().Get("Allow"))
		s.fail(w, r, errMethod)
	default:
		rec.Replay(w)
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
	if s.opts.Degraded != nil {
		if err := s.opts.Degraded(); err != nil {
			s.log.WarnContext(r.Context(), "ready, degraded", "err", err)
			_, _ = w.Write([]byte("ready, degraded: evidence store unavailable\n"))
			return
		}
	}
	_, _ = w.Write([]byte("ready\n"))
}
