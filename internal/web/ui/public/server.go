// Package public is nintei's pages for visitors: the home page, the
// public registry with its comparison, verification, feed and CSV,
// the catalog, the contact window and disclaimer, signing in and
// the password reset. It renders with package page, as package ui does;
// the root web package checks each route's access before a handler here
// runs, and renders returned errors.
package public

import (
	"bytes"
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/sso"
	"nintei/internal/web/publiccache"
	"nintei/internal/web/ratelimit"
	"nintei/internal/web/request"
	"nintei/internal/web/ui/page"
	"nintei/registry"
	"nintei/service"
	"nintei/service/aftercare"
)

// Server holds everything the visitors' pages need.
type Server struct {
	svc    *service.Service
	msgs   *i18n.Catalog
	log    *slog.Logger
	opts   request.Options
	pages  *page.Pages
	public *publiccache.Server
	limits loginLimits
	shells shells // comparison pages around their slots, for visitors without a session
	sso    []*sso.Client
}

// New makes the visitors' pages' server; pages is the one renderer.
func New(svc *service.Service, msgs *i18n.Catalog, log *slog.Logger, opts request.Options, pages *page.Pages,
	public *publiccache.Server, limits *ratelimit.Limiters) *Server {
	s := &Server{svc: svc, msgs: msgs, log: log, opts: opts, pages: pages, public: public, limits: loginLimits{limits}}
	for _, p := range opts.SSO {
		s.sso = append(s.sso, sso.NewClient(p, opts.SSOHTTP))
	}
	return s
}

// SignInRoutes open the route table (signing in); Routes are the public
// pages, after the pages of package ui and before its administration.
func (s *Server) SignInRoutes() []request.Route { return s.signInRoutes() }
func (s *Server) Routes() []request.Route       { return s.publicRoutes() }

// Shared adds what the JSON API uses as these pages do (see request.Shared).
func (s *Server) Shared(sh request.Shared) request.Shared {
	sh.WriteVerification, sh.ResetLimit = s.writeVerification, s.limits.reset
	return sh
}

// route is one row of a route table.
type route = request.Route

// loginLimits are the login's rate limits.
type loginLimits struct{ l *ratelimit.Limiters }

func (l loginLimits) login(r *http.Request, name string) error { return l.l.Login(r, name) }

func (l loginLimits) reset(r *http.Request, email string) error { return l.l.Reset(r, email) }

func (l loginLimits) follow(r *http.Request, email string) error { return l.l.Follow(r, email) }

// The names the handlers use for what packages request, publiccache and
// page share.
type (
	access         = request.Access
	handlerFunc    = request.HandlerFunc
	compareColumn  = publiccache.CompareColumn
	editionHeads   = publiccache.EditionHeads
	compareOptions = publiccache.CompareOptions
	compareSection = publiccache.CompareSection
	Layout         = page.Layout
	fieldError     = page.FieldError
)

const (
	public     = request.Public
	anyUser    = request.AnyUser
	langCookie = request.LangCookie
	slot       = page.Slot
)

var errNoRoute = request.ErrNoRoute

func principal(r *http.Request) *service.Principal { return request.Principal(r) }
func parseForm(r *http.Request) error              { return request.ParseForm(r) }
func classify(err error) (*nintei.Error, int)      { return request.Classify(err) }
func isNotFound(err error) bool                    { return request.IsNotFound(err) }
func langOf(r *http.Request) i18n.Lang             { return request.LangOf(r) }
func writeJSON(w http.ResponseWriter, status int, v any) error {
	return request.WriteJSON(w, status, v)
}
func atoiOr(s string, def int) int                         { return request.AtoiOr(s, def) }
func entryURL(number string) string                        { return request.EntryURL(number) }
func registryFilter(q url.Values) aftercare.RegistryFilter { return request.RegistryFilter(q) }
func retryAfter(w http.ResponseWriter, ne *nintei.Error)   { ratelimit.RetryAfter(w, ne) }
func cacheable(r *http.Request) bool                       { return publiccache.Cacheable(r) }
func safeNext(next string) string                          { return page.SafeNext(next) }

func (s *Server) absURL(path string) string { return request.AbsURL(s.svc, path) }

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	request.SetSessionCookie(w, token, s.opts.SecureCookies)
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	request.ClearSessionCookie(w, s.opts.SecureCookies)
}

func (s *Server) layout(w http.ResponseWriter, r *http.Request) Layout { return s.pages.Layout(w, r) }

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	return s.pages.Render(w, r, status, name, data)
}

func (s *Server) renderSlotted(r *http.Request, name string, data any, fills int) ([][]byte, error) {
	return s.pages.RenderSlotted(r, name, data, fills)
}

func writeSlotted(w http.ResponseWriter, status int, parts, fills [][]byte) error {
	return page.WriteSlotted(w, status, parts, fills)
}

// renderBuffers lends package page's render buffers.
var renderBuffers bufferPool

type bufferPool struct{}

func (bufferPool) Get() any           { return page.Buffer() }
func putRenderBuffer(b *bytes.Buffer) { page.PutBuffer(b) }

func (s *Server) formError(l Layout, err error) (fieldError, bool) { return s.pages.FormError(l, err) }

func redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) error {
	return page.Redirect(w, r, to, flashKey)
}

func (s *Server) compareColumns(ctx context.Context, numbers []string) ([]compareColumn, func(), error) {
	return s.public.CompareColumns(ctx, numbers)
}

func (s *Server) rowHeadsOf(ctx context.Context, editionID string) (editionHeads, error) {
	return s.public.RowHeadsOf(ctx, editionID)
}

func compareTable(b *bytes.Buffer, cols []compareColumn, heads editionHeads, o compareOptions) []compareSection {
	return publiccache.CompareTable(b, cols, heads, o)
}

func (s *Server) compareTools(lang i18n.Lang, cols []compareColumn, sections []compareSection, diffOnly bool) []byte {
	return s.public.CompareTools(lang, cols, sections, diffOnly)
}

func (s *Server) answersBody(lang i18n.Lang, items []registry.Answer) template.HTML {
	return s.public.AnswersBody(lang, items)
}
