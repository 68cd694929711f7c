package web

import (
	"errors"
	"net/http"

	"nintei"
	"nintei/catalog"
)

// Errors raised by the web layer itself.
var (
	errLoginRequired = nintei.Errorf(nintei.KindUnauthenticated, "error.login.required")
	errForbidden     = nintei.Errorf(nintei.KindForbidden, "error.forbidden")
	errCSRF          = nintei.Errorf(nintei.KindForbidden, "error.csrf")
	errCrossOrigin   = nintei.Errorf(nintei.KindForbidden, "error.cross_origin")
	errNoRoute       = nintei.Errorf(nintei.KindNotFound, "error.not_found")
	errMethod        = nintei.Errorf(nintei.KindInvalid, "error.method")
	errBadForm       = nintei.Errorf(nintei.KindInvalid, "error.form.malformed")
	errTooLarge      = nintei.Errorf(nintei.KindTooLarge, "error.too_large")
	errPanic         = nintei.Errorf(nintei.KindInternal, "error.internal")
)

// statusOf is the one map from error kinds to HTTP statuses.
var statusOf = map[nintei.ErrorKind]int{
	nintei.KindInvalid:         http.StatusBadRequest,
	nintei.KindNotFound:        http.StatusNotFound,
	nintei.KindUnauthenticated: http.StatusUnauthorized,
	nintei.KindForbidden:       http.StatusForbidden,
	nintei.KindConflict:        http.StatusConflict,
	nintei.KindTooMany:         http.StatusTooManyRequests,
	nintei.KindTooLarge:        http.StatusRequestEntityTooLarge,
	nintei.KindUnavailable:     http.StatusServiceUnavailable,
	nintei.KindInternal:        http.StatusInternalServerError,
}

// classify reduces any error to a nintei.Error safe to show and its status.
// Internal detail is logged by fail, never returned.
func classify(err error) (*nintei.Error, int) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge.With("Max", mbe.Limit), http.StatusRequestEntityTooLarge
	}
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		return nintei.Errorf(nintei.KindInvalid, "error.catalog.invalid").With("Count", len(ve.Problems)), http.StatusUnprocessableEntity
	}
	var ne *nintei.Error
	if !errors.As(err, &ne) {
		ne = &nintei.Error{Kind: nintei.KindInternal, Key: "error.internal"}
	}
	if errors.Is(err, errMethod) {
		return ne, http.StatusMethodNotAllowed
	}
	if ne.Kind == nintei.KindInternal {
		ne = &nintei.Error{Kind: nintei.KindInternal, Key: "error.internal"}
	}
	return ne, statusOf[ne.Kind]
}

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
		retryAfter(w, ne)
	}
	if isAPI(r) {
		s.writeJSONError(w, r, status, ne)
		return
	}
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		flash(w, ne.Key)
		http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther) // #nosec G710 -- a relative path to this site's login form; the request URI is query-escaped
		return
	}
	s.renderError(w, r, status, ne)
}
