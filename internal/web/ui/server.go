// Package ui is nintei's server-rendered HTML surface: the pages, their
// route table (routes_ui.go), the templates and the stylesheet. Japanese
// first, usable without JavaScript. The root web package checks each
// route's access before a handler here runs, and renders returned errors.
package ui

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/internal/i18n"
	"nintei/internal/web/diff"
	"nintei/internal/web/publiccache"
	"nintei/internal/web/ratelimit"
	"nintei/internal/web/request"
	"nintei/registry"
	"nintei/service"
)

// Server holds everything the pages need.
type Server struct {
	svc    *service.Service
	msgs   *i18n.Catalog
	log    *slog.Logger
	opts   request.Options
	pages  *pages
	public *publiccache.Server
	limits loginLimits
	shells shells // comparison pages around their slots, for visitors without a session
}

// New parses and checks every template, so a broken layout fails at start
// rather than on a user's request.
func New(svc *service.Service, msgs *i18n.Catalog, log *slog.Logger, opts request.Options,
	public *publiccache.Server, limits *ratelimit.Limiters) (*Server, error) {
	pg, err := loadPages(msgs)
	if err != nil {
		return nil, err
	}
	return &Server{svc: svc, msgs: msgs, log: log, opts: opts, pages: pg, public: public, limits: loginLimits{limits}}, nil
}

// Routes is the UI's route table; DemoRoutes the demo clock's.
func (s *Server) Routes() []request.Route     { return exported(s.uiRoutes()) }
func (s *Server) DemoRoutes() []request.Route { return exported(s.demoRoutes()) }

// StaticHandler serves the stylesheet and images under /static/.
func StaticHandler() http.Handler { return staticHandler() }

// RenderError renders the error page.
func (s *Server) RenderError(w http.ResponseWriter, r *http.Request, status int, e *nintei.Error) {
	s.renderError(w, r, status, e)
}

// Shared are the handlers and helpers the JSON API uses as the pages do.
func (s *Server) Shared() request.Shared {
	return request.Shared{ExportWorkbook: s.exportWorkbook, DownloadAttachment: s.downloadAttachment,
		ResolveSupervision: s.resolveSupervision, PublishSupervision: s.publishSupervision,
		LifecycleOf: s.lifecycleOf, StreamedUpload: s.streamedUpload, WriteVerification: s.writeVerification,
		AuditEvents: s.apiAuditEvents, ResetLimit: s.limits.reset}
}

// route is one row of the route table (see request.Route).
type route struct {
	method string
	path   string
	access access
	anyOf  []access
	handle handlerFunc
	upload bool
	cached bool
	stream bool
	search bool
}

func exported(rts []route) []request.Route {
	out := make([]request.Route, len(rts))
	for i, rt := range rts {
		out[i] = request.Route{Method: rt.method, Path: rt.path, Access: rt.access, AnyOf: rt.anyOf, Handle: rt.handle,
			Upload: rt.upload, Cached: rt.cached, Stream: rt.stream, Search: rt.search}
	}
	return out
}

// loginLimits are the login's rate limits.
type loginLimits struct{ l *ratelimit.Limiters }

func (l loginLimits) login(r *http.Request, name string) error { return l.l.Login(r, name) }

func (l loginLimits) reset(r *http.Request, email string) error { return l.l.Reset(r, email) }

// The names the handlers use for what package request shares.
type (
	access         = request.Access
	handlerFunc    = request.HandlerFunc
	compareColumn  = publiccache.CompareColumn
	editionHeads   = publiccache.EditionHeads
	compareOptions = publiccache.CompareOptions
	compareSection = publiccache.CompareSection
	lifecycleView  = request.LifecycleView
	endView        = request.EndView
)

const (
	public        = request.Public
	anyUser       = request.AnyUser
	sessionCookie = request.SessionCookie
	langCookie    = request.LangCookie
	xlsxType      = request.XLSXType
)

var (
	errNoRoute = request.ErrNoRoute
	errBadForm = request.ErrBadForm
	errCSRF    = request.ErrCSRF
)

func principal(r *http.Request) *service.Principal            { return request.Principal(r) }
func parseForm(r *http.Request) error                         { return request.ParseForm(r) }
func validCSRF(got string, p *service.Principal) bool         { return request.ValidCSRF(got, p) }
func classify(err error) (*nintei.Error, int)                 { return request.Classify(err) }
func isNotFound(err error) bool                               { return request.IsNotFound(err) }
func langOf(r *http.Request) i18n.Lang                        { return request.LangOf(r) }
func requestID(r *http.Request) string                        { return request.RequestID(r) }
func flash(w http.ResponseWriter, key string)                 { request.Flash(w, key) }
func takeFlash(w http.ResponseWriter, r *http.Request) string { return request.TakeFlash(w, r) }
func writeJSON(w http.ResponseWriter, status int, v any) error {
	return request.WriteJSON(w, status, v)
}
func parseInt64(s string) int64                          { return request.ParseInt64(s) }
func atoiOr(s string, def int) int                       { return request.AtoiOr(s, def) }
func firstNonEmpty(a, b string) string                   { return request.FirstNonEmpty(a, b) }
func appURL(id int64, suffix string) string              { return request.AppURL(id, suffix) }
func entryURL(number string) string                      { return request.EntryURL(number) }
func yenText(n int64) string                             { return request.YenText(n) }
func jaDate(d string) string                             { return request.JaDate(d) }
func splitChange(before, after string) diff.Change       { return diff.SplitChange(before, after) }
func todoURL(t service.Todo) string                      { return request.TodoURL(t) }
func registryFilter(q url.Values) service.RegistryFilter { return request.RegistryFilter(q) }
func newAttachmentFrom(f url.Values, name string, body io.Reader) service.NewAttachment {
	return request.NewAttachmentFrom(f, name, body)
}
func refuseUnstorable(form url.Values) error             { return request.RefuseUnstorable(form) }
func readSmall(r io.Reader, max int64) (string, error)   { return request.ReadSmall(r, max) }
func retryAfter(w http.ResponseWriter, ne *nintei.Error) { ratelimit.RetryAfter(w, ne) }
func cacheable(r *http.Request) bool                     { return publiccache.Cacheable(r) }

func (s *Server) absURL(path string) string { return request.AbsURL(s.svc, path) }

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	request.SetSessionCookie(w, token, s.opts.SecureCookies)
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	request.ClearSessionCookie(w, s.opts.SecureCookies)
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

func (s *Server) loadApplication(r *http.Request) (application.Application, *catalog.Edition, error) {
	return request.LoadApplication(s.svc, r)
}

func pathID(r *http.Request, name string) (int64, error) { return request.PathID(r, name) }
