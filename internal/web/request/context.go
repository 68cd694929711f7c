package request

import (
	"context"
	"net/http"

	"nintei/internal/logging"
	"nintei/service"
)

type ctxKey int

const principalKey ctxKey = iota

// Principal returns who is making the request, or nil for the public.
func Principal(r *http.Request) *service.Principal {
	p, _ := r.Context().Value(principalKey).(*service.Principal)
	return p
}

// WithPrincipal is r carrying p, for Principal.
func WithPrincipal(r *http.Request, p *service.Principal) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), principalKey, p))
}

// RequestID is the ID the root's middleware gave the request.
func RequestID(r *http.Request) string { return logging.RequestID(r.Context()) }
