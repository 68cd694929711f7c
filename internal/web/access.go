package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"nintei"
	"nintei/internal/web/request"
	"nintei/policy"
	"nintei/service"
)

// access is who may use a route: an action of the policy (package policy,
// the one place that decides who may do what). Every route in the tables
// names one, so the access model can be read (and tested) in one place, and
// it is checked before the handler reads the body.
type access = policy.Action

// The two actions that need no particular role.
const (
	public  = policy.Public   // anyone, logged in or not
	anyUser = policy.SignedIn // any logged-in user; the service scopes what they see
)

// allows reports whether a principal (nil for the public) may use a route
// that needs a.
func allows(a access, p *service.Principal) bool {
	if a == public {
		return true
	}
	return p != nil && policy.Allows(p.User.Role, a)
}

// admits reports whether a principal (nil for the public) may use the
// route: its action and, when the route names some, at least one of anyOf.
func (rt route) admits(p *service.Principal) bool {
	if !allows(rt.access, p) {
		return false
	}
	if len(rt.anyOf) == 0 {
		return true
	}
	return slices.ContainsFunc(rt.anyOf, func(a access) bool { return allows(a, p) })
}

// handlerFunc is a route handler; a returned error is rendered by the
// route's surface (HTML page or JSON envelope).
type handlerFunc = request.HandlerFunc

// route is one row of a route table (ui/routes_ui.go, ui/public/routes_public.go,
// api/routes_api.go).
type route struct {
	method string
	path   string
	access access
	anyOf  []access // and at least one of these, if any: a route whose action the body names (the staff events) admits only roles that may take one
	handle handlerFunc
	upload bool // takes a file: the larger body limit applies
	cached bool // public registry output: answered from the cache for visitors without a session
	stream bool // a streamed multipart upload: the handler checks CSRF from the first part
	search bool // a search: the search rate limit applies when q is given
}

// routesOf is the surfaces' route tables as this package checks them.
func routesOf(rts []request.Route) []route {
	out := make([]route, len(rts))
	for i, rt := range rts {
		out[i] = route{method: rt.Method, path: rt.Path, access: rt.Access, anyOf: rt.AnyOf, handle: rt.Handle,
			upload: rt.Upload, cached: rt.Cached, stream: rt.Stream, search: rt.Search}
	}
	return out
}

// wrap turns a route into an http.Handler: limit the body, find out who is
// asking, check the route's access, check CSRF for cookie-authenticated
// state changes, then run the handler and render its error if any.
func (s *Server) wrap(rt route) http.Handler {
	limit := s.opts.MaxBodyBytes
	if rt.upload {
		limit = s.opts.MaxUploadBytes + 64<<10 // the file plus the form's other fields
	}
	label := rt.method + " " + rt.path
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Metrics != nil {
			start, sw := time.Now(), &statusWriter{ResponseWriter: w}
			defer func() { s.opts.Metrics.ObserveRequest(label, sw.status, time.Since(start)) }()
			w = sw
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		err := s.limits.Route(r, isAPI(r), rt.search)
		if err == nil && unstorableURL(r.URL) {
			err = errBadForm
		}
		var p *service.Principal
		if err == nil {
			p, err = s.identify(w, r, rt)
		}
		if err == nil {
			err = authorize(rt, p)
		}
		if err == nil && p != nil {
			r = request.WithPrincipal(r, p)
			if rt.access != public { // public forms (login, invitation) may predate the session
				err = checkCSRF(r, p, rt.stream)
			}
		}
		if err == nil {
			switch {
			case rt.cached && r.Method == http.MethodGet && cacheable(r):
				err = s.public.ServePublicCached(w, r, rt.handle)
			case r.Method != http.MethodGet && r.Method != http.MethodHead:
				// A write through this instance may change the registry: the
				// next public request re-reads the generation.
				defer s.public.Invalidate()
				err = rt.handle(w, r)
			default:
				err = rt.handle(w, r)
			}
		}
		if err != nil {
			s.fail(w, r, err)
		}
	})
}

// unstorableURL reports a path or query value that no text of the program
// can hold: a NUL character or invalid UTF-8. PostgreSQL refuses both in any
// text value, so such a request would end as an internal error there (and
// store them on SQLite): it is a malformed request (400) instead. A query
// that does not parse is left to the handlers, as before.
func unstorableURL(u *url.URL) bool {
	if unstorable(u.Path) {
		return true
	}
	q, err := url.ParseQuery(u.RawQuery)
	return err == nil && refuseUnstorable(q) != nil
}

// identify resolves the session cookie or, on the API, a bearer token. A
// stale cookie on a public page is dropped silently; on a protected page it
// becomes "your session expired".
func (s *Server) identify(w http.ResponseWriter, r *http.Request, rt route) (*service.Principal, error) {
	if isAPI(r) {
		// The auth scheme is case-insensitive (RFC 9110).
		if scheme, bearer, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
			p, err := s.svc.AuthenticateAPIToken(r.Context(), strings.TrimSpace(bearer))
			if err != nil {
				return nil, err
			}
			return &p, nil
		}
	}
	c, err := r.Cookie(request.SessionCookieName(s.opts.SecureCookies))
	if err != nil || c.Value == "" {
		return nil, nil
	}
	p, err := s.svc.Authenticate(r.Context(), c.Value)
	if err != nil {
		s.clearSessionCookie(w)
		if rt.access == public && nintei.KindOf(err) == nintei.KindUnauthenticated {
			return nil, nil
		}
		return nil, err
	}
	return &p, nil
}

// authorize is the one place that decides whether a principal may use a route.
func authorize(rt route, p *service.Principal) error {
	if rt.admits(p) {
		return nil
	}
	if p == nil {
		return errLoginRequired
	}
	return errForbidden
}

// checkCSRF requires the session's token on every state-changing request
// made with a session cookie. Bearer-token requests carry no ambient
// authority and need none. Cross-origin requests were already refused by
// http.CrossOriginProtection; the token is a second, independent guard.
func checkCSRF(r *http.Request, p *service.Principal, streamed bool) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if p.SessionHash == "" {
		return nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if streamed && isMultipart(r) {
		if got == "" {
			return nil // the handler checks the token of the form's first part (validCSRF)
		}
	} else if err := parseForm(r); err != nil {
		// Too large (413) or malformed (400: also a NUL or invalid UTF-8,
		// whichever way the token came), not a CSRF failure.
		return err
	}
	if got == "" {
		got = r.PostFormValue("csrf_token")
	}
	if !validCSRF(got, p) {
		return errCSRF
	}
	return nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	request.ClearSessionCookie(w, s.opts.SecureCookies)
}
