package web

import (
	"net/http"
	"net/url"

	"nintei"
	"nintei/internal/web/ratelimit"
	"nintei/internal/web/request"
)

// Errors raised by the web layer itself (package request: the surfaces
// raise some of them too).
var (
	errLoginRequired = request.ErrLoginRequired
	errForbidden     = request.ErrForbidden
	errCSRF          = request.ErrCSRF
	errCrossOrigin   = request.ErrCrossOrigin
	errNoRoute       = request.ErrNoRoute
	errMethod        = request.ErrMethod
	errBadForm       = request.ErrBadForm
	errPanic         = request.ErrPanic
)

// classify reduces any error to a nintei.Error safe to show and its status:
// request.Classify holds the one map from error kinds to HTTP statuses.
func classify(err error) (*nintei.Error, int) { return request.Classify(err) }

// fail renders an error for its surface: a JSON envelope under /api/, an
// HTML page otherwise; a protected HTML page without login redirects to the
// login form instead, remembering where the user was going.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	ne, status := classify(err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", "err", err, "status", status, "path", r.URL.Path)
	} else {
		s.log.InfoContext(r.Context(), "request refused", "err", err, "status", status, "path", r.URL.Path)
	}
	if ne.Kind == nintei.KindTooMany {
		ratelimit.RetryAfter(w, ne)
	}
	if isAPI(r) {
		request.WriteJSONError(s.msgs, w, r, status, ne)
		return
	}
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		request.Flash(w, r, ne.Key)
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther) // #nosec G710 -- a relative path to this site's login form; the request URI is query-escaped
		return
	}
	s.ui.RenderError(w, r, status, ne)
}
