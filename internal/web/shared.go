package web

import (
	"net/http"
	"net/url"

	"nintei/internal/web/publiccache"
	"nintei/internal/web/request"
	"nintei/service"
)

// The names access.go uses for what package request shares with the
// surfaces.

func principal(r *http.Request) *service.Principal    { return request.Principal(r) }
func parseForm(r *http.Request) error                 { return request.ParseForm(r) }
func refuseUnstorable(form url.Values) error          { return request.RefuseUnstorable(form) }
func unstorable(s string) bool                        { return request.Unstorable(s) }
func validCSRF(got string, p *service.Principal) bool { return request.ValidCSRF(got, p) }
func isMultipart(r *http.Request) bool                { return request.IsMultipart(r) }
func isAPI(r *http.Request) bool                      { return request.IsAPI(r) }
func cacheable(r *http.Request) bool                  { return publiccache.Cacheable(r) }
