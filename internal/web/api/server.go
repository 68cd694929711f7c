// Package api is nintei's JSON API under /api/v1: its route table
// (routes_api.go), from which the OpenAPI document is generated
// (openapi.go), and its handlers. It calls the same service functions as
// the pages; the root web package checks each route's access before a
// handler here runs, and renders returned errors as the JSON envelope.
package api

import (
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/views"
)

// Server holds everything the API handlers need.
type Server struct {
	svc    *service.Service
	msgs   *i18n.Catalog
	log    *slog.Logger
	opts   request.Options
	routes []route // the API route table, for the OpenAPI document

	// Handlers and helpers shared with the pages (see request.Shared).
	exportWorkbook     handlerFunc
	downloadAttachment handlerFunc
	resolveSupervision supervisionStep
	publishSupervision supervisionStep
	lifecycleOf        func(r *http.Request, p service.Principal, appID int64, status certification.Status) (*lifecycleView, error)
	streamedUpload     func(r *http.Request) (int64, url.Values, *multipart.Part, error)
	writeVerification  func(w http.ResponseWriter, ctx context.Context, number string) error
	apiAuditEvents     handlerFunc
	limits             resetLimit
}

// resetLimit is the forgotten-password form's rate limit (the UI's).
type resetLimit func(r *http.Request, email string) error

func (l resetLimit) reset(r *http.Request, email string) error { return l(r, email) }

type supervisionStep = func(r *http.Request, p service.Principal, id, rid int64) error

// New makes the API server.
func New(svc *service.Service, msgs *i18n.Catalog, log *slog.Logger, opts request.Options, shared request.Shared) *Server {
	s := &Server{svc: svc, msgs: msgs, log: log, opts: opts,
		exportWorkbook: shared.ExportWorkbook, downloadAttachment: shared.DownloadAttachment,
		resolveSupervision: shared.ResolveSupervision, publishSupervision: shared.PublishSupervision,
		lifecycleOf: shared.LifecycleOf, streamedUpload: shared.StreamedUpload, writeVerification: shared.WriteVerification,
		apiAuditEvents: shared.AuditEvents, limits: shared.ResetLimit}
	s.routes = s.apiRoutes()
	return s
}

// Routes is the API's route table.
func (s *Server) Routes() []request.Route {
	out := make([]request.Route, len(s.routes))
	for i, rt := range s.routes {
		out[i] = request.Route{Method: rt.method, Path: rt.path, Access: rt.access, AnyOf: rt.anyOf, Handle: rt.handle,
			Upload: rt.upload, Cached: rt.cached, Stream: rt.stream, Search: rt.search}
	}
	return out
}

// route is one row of the route table (see request.Route), with what the
// OpenAPI document says about it.
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
	tag    string // the OpenAPI tag: the route table's section
	doc    *apiDoc
}

// The names the handlers use for what package request shares.
type (
	access        = request.Access
	handlerFunc   = request.HandlerFunc
	errorDetail   = request.ErrorDetail
	lifecycleView = request.LifecycleView
)

const (
	public        = request.Public
	anyUser       = request.AnyUser
	sessionCookie = request.SessionCookie
	xlsxType      = request.XLSXType
)

var errNoRoute = request.ErrNoRoute

func principal(r *http.Request) *service.Principal              { return request.Principal(r) }
func pathIDs(r *http.Request, names ...string) ([]int64, error) { return request.PathIDs(r, names...) }
func classify(err error) (*nintei.Error, int)                   { return request.Classify(err) }
func isNotFound(err error) bool                                 { return request.IsNotFound(err) }
func langOf(r *http.Request) i18n.Lang                          { return request.LangOf(r) }
func langOfAPI(r *http.Request) i18n.Lang                       { return request.LangOfAPI(r) }
func requestID(r *http.Request) string                          { return request.RequestID(r) }
func writeJSON(w http.ResponseWriter, status int, v any) error {
	return request.WriteJSON(w, status, v)
}
func decodeJSON(r *http.Request, v any) error { return request.DecodeJSON(r, v) }
func parseInt64(s string) int64               { return request.ParseInt64(s) }
func atoiOr(s string, def int) int            { return request.AtoiOr(s, def) }
func firstNonEmpty(a, b string) string        { return request.FirstNonEmpty(a, b) }
func appURL(id int64, suffix string) string   { return request.AppURL(id, suffix) }
func entryURL(number string) string           { return request.EntryURL(number) }

func todoURL(t views.Todo) string                          { return request.TodoURL(t) }
func registryFilter(q url.Values) aftercare.RegistryFilter { return request.RegistryFilter(q) }
func newAttachmentFrom(f url.Values, name string, body io.Reader) apply.NewAttachment {
	return request.NewAttachmentFrom(f, name, body)
}

func (s *Server) absURL(path string) string { return request.AbsURL(s.svc, path) }

func (s *Server) loadApplication(r *http.Request) (application.Application, *catalog.Edition, error) {
	return request.LoadApplication(s.svc, r)
}

// Response shapes, for Go clients (the tests of package web decode into
// them).
type (
	ApplicationJSON = applicationJSON
	ContactJSON     = contactJSON
	ProblemJSON     = problemJSON
	WithholdingJSON = withholdingJSON
	WorkJSON        = workJSON
)

// DocumentsBody reports whether the OpenAPI document gives the route a
// request body (the OpenAPI test of package web checks the document
// against the route table with it).
func (s *Server) DocumentsBody(method, path string) bool {
	for _, rt := range s.routes {
		if rt.method == method && rt.path == path {
			return rt.doc != nil && rt.doc.Request != ""
		}
	}
	return false
}

func pathID(r *http.Request, name string) (int64, error) { return request.PathID(r, name) }
