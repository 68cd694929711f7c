package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
	"time"

	"nintei/internal/logging"
	"nintei/internal/web/request"
)

// requestID is the ID withRequestID gave the request.
func requestID(r *http.Request) string { return logging.RequestID(r.Context()) }

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// withRequestID gives every request an ID, echoed in the X-Request-ID
// response header, shown on error pages so a user can quote it, and carried
// in the context so that every line logged while serving the request has it
// (see package logging). A proxy's X-Request-ID is kept only when the proxy
// is trusted and the value is well-formed.
func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !s.opts.TrustProxy || !validRequestID.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(logging.WithRequestID(r.Context(), id)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.log.InfoContext(r.Context(), "http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "bytes", sw.bytes,
			"ms", time.Since(start).Milliseconds())
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "value", v, "path", r.URL.Path)
				s.fail(w, r, errPanic)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows nothing inline and nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// strictHeaders go on every response; built once, since setting them one
// by one allocated six slices per request. Cross-Origin-Resource-Policy
// is same-origin everywhere: nothing nintei serves is for other sites to
// embed (the mark is downloaded by its provider and hosted on their own
// site), and open data (CSV, feeds, JSON) is read by programs, which the
// policy does not concern. Cache-Control is the default of a response that
// does not choose its own (see docs/architecture.md, "Caching").
var strictHeaders = map[string][]string{
	"Cross-Origin-Resource-Policy":      {"same-origin"},
	"X-Permitted-Cross-Domain-Policies": {"none"},
	"Cache-Control":                     {"no-store"},
	"Content-Security-Policy":           {contentSecurityPolicy},
	"X-Content-Type-Options":            {"nosniff"},
	"X-Frame-Options":                   {"DENY"},
	"Referrer-Policy":                   {"same-origin"},
	"Cross-Origin-Opener-Policy":        {"same-origin"},
	"Permissions-Policy":                {"camera=(), microphone=(), geolocation=()"},
}

// secureHeaders sets the strict headers on every response; HSTS only when
// the request came over TLS (directly, or through a trusted proxy).
func (s *Server) secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range strictHeaders {
			h[k] = v // shared, never modified: a full slice is copied by any append
		}
		if r.TLS != nil || (s.opts.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if s.opts.SecureCookies {
			r = request.WithSecureCookies(r)
		}
		next.ServeHTTP(w, r)
	})
}
