// Package ui is nintei's server-rendered HTML surface for signed-in users:
// the pages and their route table (routes_ui.go). The visitors' pages are
// in ui/public, the templates, the stylesheet and the renderer in ui/page.
// Japanese first, usable without JavaScript. The root web package checks
// each route's access before a handler here runs, and renders returned
// errors.
package ui

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/internal/web/ui/page"
	"nintei/registry"
	"nintei/service"
	"nintei/service/apply"
	"nintei/service/views"
)

// Server holds everything the pages need.
type Server struct {
	svc   *service.Service
	msgs  *i18n.Catalog
	log   *slog.Logger
	opts  request.Options
	pages *page.Pages
}

// New makes the pages' server; pages is the one renderer (package page).
func New(svc *service.Service, msgs *i18n.Catalog, log *slog.Logger, opts request.Options, pages *page.Pages) *Server {
	return &Server{svc: svc, msgs: msgs, log: log, opts: opts, pages: pages}
}

// Routes is the UI's route table up to the public pages (package public),
// AdminRoutes the rest; DemoRoutes the demo clock's.
func (s *Server) Routes() []request.Route      { return s.uiRoutes() }
func (s *Server) AdminRoutes() []request.Route { return s.adminRoutes() }
func (s *Server) DemoRoutes() []request.Route  { return s.demoRoutes() }

// RenderError renders the error page.
func (s *Server) RenderError(w http.ResponseWriter, r *http.Request, status int, e *nintei.Error) {
	s.pages.RenderError(w, r, status, e)
}

// Shared are the handlers and helpers the JSON API uses as the pages do
// (the verification and the reset limit are package public's).
func (s *Server) Shared() request.Shared {
	return request.Shared{ExportWorkbook: s.exportWorkbook, DownloadAttachment: s.downloadAttachment,
		ResolveSupervision: s.resolveSupervision, PublishSupervision: s.publishSupervision,
		LifecycleOf: s.lifecycleOf, StreamedUpload: s.streamedUpload, AuditEvents: s.apiAuditEvents}
}

// route is one row of a route table.
type route = request.Route

// The names the handlers use for what packages request and page share.
type (
	access        = request.Access
	handlerFunc   = request.HandlerFunc
	lifecycleView = request.LifecycleView
	endView       = request.EndView
	Layout        = page.Layout
	fieldError    = page.FieldError
)

var jst = page.JST

func (s *Server) layout(w http.ResponseWriter, r *http.Request) Layout { return s.pages.Layout(w, r) }

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	return s.pages.Render(w, r, status, name, data)
}

func (s *Server) formError(l Layout, err error) (fieldError, bool) { return s.pages.FormError(l, err) }

func redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) error {
	return page.Redirect(w, r, to, flashKey)
}

const (
	public   = request.Public
	anyUser  = request.AnyUser
	xlsxType = request.XLSXType
)

var (
	errNoRoute = request.ErrNoRoute
	errBadForm = request.ErrBadForm
	errCSRF    = request.ErrCSRF
)

func principal(r *http.Request) *service.Principal    { return request.Principal(r) }
func parseForm(r *http.Request) error                 { return request.ParseForm(r) }
func validCSRF(got string, p *service.Principal) bool { return request.ValidCSRF(got, p) }
func classify(err error) (*nintei.Error, int)         { return request.Classify(err) }
func isNotFound(err error) bool                       { return request.IsNotFound(err) }
func langOf(r *http.Request) i18n.Lang                { return request.LangOf(r) }
func writeJSON(w http.ResponseWriter, status int, v any) error {
	return request.WriteJSON(w, status, v)
}
func parseInt64(s string) int64             { return request.ParseInt64(s) }
func atoiOr(s string, def int) int          { return request.AtoiOr(s, def) }
func firstNonEmpty(a, b string) string      { return request.FirstNonEmpty(a, b) }
func appURL(id int64, suffix string) string { return request.AppURL(id, suffix) }
func entryURL(number string) string         { return request.EntryURL(number) }
func jaDate(d string) string                { return request.JaDate(d) }
func todoURL(t views.Todo) string           { return request.TodoURL(t) }
func newAttachmentFrom(f url.Values, name string, body io.Reader) apply.NewAttachment {
	return request.NewAttachmentFrom(f, name, body)
}
func refuseUnstorable(form url.Values) error           { return request.RefuseUnstorable(form) }
func readSmall(r io.Reader, max int64) (string, error) { return request.ReadSmall(r, max) }
func cell(s string) string                             { return registry.CSVCell(s) }

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	request.SetSessionCookie(w, token, s.opts.SecureCookies)
}

func (s *Server) loadApplication(r *http.Request) (application.Application, *catalog.Edition, error) {
	return request.LoadApplication(s.svc, r)
}

func pathID(r *http.Request, name string) (int64, error) { return request.PathID(r, name) }
