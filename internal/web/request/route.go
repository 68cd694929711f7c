package request

import (
	"net/http"

	"nintei/policy"
)

// Access is who may use a route: an action of the policy (package policy,
// the one place that decides who may do what).
type Access = policy.Action

// The two actions that need no particular role.
const (
	Public  = policy.Public   // anyone, logged in or not
	AnyUser = policy.SignedIn // any logged-in user; the service scopes what they see
)

// HandlerFunc is a route handler; a returned error is rendered by the
// route's surface (HTML page or JSON envelope).
type HandlerFunc = func(w http.ResponseWriter, r *http.Request) error

// Route is one row of a route table, as the surfaces hand it to the root
// package (which checks access and wraps the handler; see web.route).
type Route struct {
	Method string
	Path   string
	Access Access
	AnyOf  []Access // and at least one of these, if any
	Handle HandlerFunc
	Upload bool // takes a file: the larger body limit applies
	Cached bool // public registry output: answered from the cache for visitors without a session
	Stream bool // a streamed multipart upload: the handler checks CSRF from the first part
	Search bool // a search: the search rate limit applies when q is given
}
