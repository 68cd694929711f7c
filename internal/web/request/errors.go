package request

import (
	"errors"
	"net/http"

	"nintei"
	"nintei/catalog"
)

// Errors raised by the web layer itself.
var (
	ErrLoginRequired = nintei.Errorf(nintei.KindUnauthenticated, "error.login.required")
	ErrForbidden     = nintei.Errorf(nintei.KindForbidden, "error.forbidden")
	ErrCSRF          = nintei.Errorf(nintei.KindForbidden, "error.csrf")
	ErrCrossOrigin   = nintei.Errorf(nintei.KindForbidden, "error.cross_origin")
	ErrNoRoute       = nintei.Errorf(nintei.KindNotFound, "error.not_found")
	ErrMethod        = nintei.Errorf(nintei.KindInvalid, "error.method")
	ErrBadForm       = nintei.Errorf(nintei.KindInvalid, "error.form.malformed")
	ErrTooLarge      = nintei.Errorf(nintei.KindTooLarge, "error.too_large")
	ErrPanic         = nintei.Errorf(nintei.KindInternal, "error.internal")
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

// Classify reduces any error to a nintei.Error safe to show and its status.
// Internal detail is logged by the root's fail, never returned.
func Classify(err error) (*nintei.Error, int) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return ErrTooLarge.With("Max", mbe.Limit), http.StatusRequestEntityTooLarge
	}
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		return nintei.Errorf(nintei.KindInvalid, "error.catalog.invalid").With("Count", len(ve.Problems)), http.StatusUnprocessableEntity
	}
	var ne *nintei.Error
	if !errors.As(err, &ne) {
		ne = &nintei.Error{Kind: nintei.KindInternal, Key: "error.internal"}
	}
	if errors.Is(err, ErrMethod) {
		return ne, http.StatusMethodNotAllowed
	}
	if ne.Kind == nintei.KindInternal {
		ne = &nintei.Error{Kind: nintei.KindInternal, Key: "error.internal"}
	}
	return ne, statusOf[ne.Kind]
}

// IsNotFound reports an error of kind not found.
func IsNotFound(err error) bool {
	var ne *nintei.Error
	return errors.As(err, &ne) && ne.Kind == nintei.KindNotFound
}
