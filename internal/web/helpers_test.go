package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/accounts"
)

// site is a running nintei server on a fresh test database. Requests go
// through the real Handler (global middleware, cross-origin protection,
// route table), over a real TCP connection.
type site struct {
	URL string
	Env *testenv.Env
	Srv *Server
}

// newTestSite starts a server with default options on backend b.
func newTestSite(t testing.TB, b testenv.Backend) *site {
	t.Helper()
	return newTestSiteWith(t, b, Options{})
}

// newTestSiteWith starts a server with the given options on backend b.
func newTestSiteWith(t testing.TB, b testenv.Backend, opts Options) *site {
	t.Helper()
	env := b.NewEnv(t)
	if opts.PageFileBytes == 0 { // as in production, large public responses are kept in files
		opts.PageFileBytes, opts.PageFileDir = 4<<20, t.TempDir()
	}
	srv, err := New(env.Svc, env.Msgs, env.Log, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); _ = srv.Close() })
	return &site{URL: ts.URL, Env: env, Srv: srv}
}

// sqliteOnly is the backend for tests that do not depend on the store.
func sqliteOnly(t testing.TB) testenv.Backend {
	t.Helper()
	return testenv.Backends(t)[0]
}

// ja and en translate a key the way the pages do.
func (s *site) ja(key string, args map[string]any) string {
	return s.Env.Msgs.T(i18n.Japanese, key, args)
}
func (s *site) en(key string, args map[string]any) string {
	return s.Env.Msgs.T(i18n.English, key, args)
}

// The provider the applicant fixtures belong to.
const orgA = "株式会社テスト"

// emailOf is the fixture address of a role.
func emailOf(r nintei.Role) string { return string(r) + "@example.jp" }

// seedRoles creates one user of every role: applicants in orgA, staff in
// the certification body.
func (s *site) seedRoles(t testing.TB) map[nintei.Role]nintei.User {
	t.Helper()
	out := map[nintei.Role]nintei.User{}
	for _, r := range nintei.Roles {
		org := ""
		if r.IsApplicant() {
			org = orgA
		}
		out[r] = s.Env.AddUser(t, emailOf(r), r, org)
	}
	return out
}

// auditCount is the number of audit events; it also fails the test if the
// chain does not verify.
func (s *site) auditCount(t testing.TB) int64 {
	t.Helper()
	n, brk, err := s.Env.Store.VerifyAudit(context.Background())
	if err != nil || brk != nil {
		t.Fatalf("VerifyAudit = %d, %v, %v; want an intact chain", n, brk, err)
	}
	return n
}

// client is one browser (its own cookie jar) or one API program (bearer).
// It never follows redirects, so tests see every 303.
type client struct {
	site   *site
	hc     *http.Client
	jar    *cookiejar.Jar
	bearer string
}

// client returns a new browser with an empty cookie jar.
func (s *site) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{site: s, jar: jar, hc: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// bearerClient returns an API client authenticating with a token and no cookies.
func (s *site) bearerClient(token string) *client {
	c := s.client()
	c.hc.Jar, c.jar, c.bearer = nil, nil, token
	return c
}

// reply is a response with its body read.
type reply struct {
	Status int
	Header http.Header
	Body   string
	Cookie []*http.Cookie // Set-Cookie of this response
}

func (r reply) location() string { return r.Header.Get("Location") }

// setCookie returns the Set-Cookie of name in this response, or nil.
func (r reply) setCookie(name string) *http.Cookie {
	for _, c := range r.Cookie {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// doc parses an HTML reply.
func (r reply) doc(t testing.TB) *goquery.Document {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type = %q, want HTML; body:\n%.500s", ct, r.Body)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return d
}

// json decodes a JSON reply into v.
func (r reply) json(t testing.TB, v any) {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want JSON; body:\n%.500s", ct, r.Body)
	}
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, r.Body)
	}
}

// request sends one request. hdr is name, value pairs; an empty value
// removes a header the helper would otherwise set.
func (c *client) request(t testing.TB, method, path string, body io.Reader, hdr ...string) reply {
	t.Helper()
	req, err := http.NewRequest(method, c.site.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	r := reply{Status: resp.StatusCode, Header: resp.Header, Body: string(b), Cookie: resp.Cookies()}
	c.checkContract(t, method, path, r)
	return r
}

func (c *client) get(t testing.TB, path string, hdr ...string) reply {
	t.Helper()
	return c.request(t, http.MethodGet, path, nil, hdr...)
}

// getPage GETs an HTML page and checks its status.
func (c *client) getPage(t testing.TB, path string, want int) *goquery.Document {
	t.Helper()
	r := c.get(t, path)
	if r.Status != want {
		t.Fatalf("GET %s = %d, want %d (Location %q)\n%.800s", path, r.Status, want, r.location(), r.Body)
	}
	return r.doc(t)
}

// postForm posts a url-encoded form as a browser on this site would: with
// Origin set to the site. hdr may override or remove (empty value) headers.
func (c *client) postForm(t testing.TB, path string, form url.Values, hdr ...string) reply {
	t.Helper()
	h := append([]string{"Content-Type", "application/x-www-form-urlencoded", "Origin", c.site.URL}, hdr...)
	return c.request(t, http.MethodPost, path, strings.NewReader(form.Encode()), h...)
}

// api sends a JSON request (body marshalled unless nil or a string).
func (c *client) api(t testing.TB, method, path string, body any, hdr ...string) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	h := hdr
	if rd != nil {
		h = append([]string{"Content-Type", "application/json"}, hdr...)
	}
	return c.request(t, method, path, rd, h...)
}

// sessionValue is the session cookie the jar holds, "" when none.
func (c *client) sessionValue() string {
	u, _ := url.Parse(c.site.URL)
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == sessionCookie {
			return ck.Value
		}
	}
	return ""
}

// setSession puts a session cookie value into the jar (e.g. an old one).
func (c *client) setSession(value string) {
	u, _ := url.Parse(c.site.URL)
	c.jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: value, Path: "/"}})
}

// csrf reads the session's CSRF token from the account page.
func (c *client) csrf(t testing.TB) string {
	t.Helper()
	return csrfToken(t, c.getPage(t, "/account", http.StatusOK))
}

// csrfToken reads the hidden csrf_token input of a page.
func csrfToken(t testing.TB, doc *goquery.Document) string {
	t.Helper()
	v, ok := doc.Find(`input[type="hidden"][name="csrf_token"]`).First().Attr("value")
	if !ok || v == "" {
		t.Fatal("page has no csrf_token input")
	}
	return v
}

// login posts the login form and requires success (303 to /dashboard).
func login(t testing.TB, c *client, email, password string) reply {
	t.Helper()
	r := c.postForm(t, "/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther || r.location() != "/dashboard" {
		t.Fatalf("login %s = %d to %q, want 303 to /dashboard\n%.600s", email, r.Status, r.location(), r.Body)
	}
	return r
}

// loginAs returns a new browser logged in as the fixture user of role.
func (s *site) loginAs(t testing.TB, role nintei.Role) *client {
	t.Helper()
	c := s.client()
	login(t, c, emailOf(role), testenv.TestPassword)
	return c
}

// apiToken issues a personal API token for u directly through the service.
func (s *site) apiToken(t testing.TB, u nintei.User, name string) accounts.NewAPIToken {
	t.Helper()
	tok, err := s.Env.Svc.CreateAPIToken(context.Background(), service.Principal{User: u}, name)
	if err != nil {
		t.Fatalf("CreateAPIToken: %v", err)
	}
	return tok
}

// alertText is the text of the page's error notices.
func alertText(doc *goquery.Document) string {
	return strings.TrimSpace(doc.Find(`[role="alert"]`).Text())
}

// flashText is the text of the page's status notices (flash messages).
func flashText(doc *goquery.Document) string {
	return strings.TrimSpace(doc.Find(`main [role="status"]`).Text())
}

// errorEnvelope is the API's error body.
type errorEnvelope struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id"`
	} `json:"error"`
}

// wantAPIError checks an API error reply: status, code, translated message
// and the request id that the response header also carries.
func (s *site) wantAPIError(t testing.TB, r reply, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Errorf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
	var got errorEnvelope
	r.json(t, &got)
	var want errorEnvelope
	want.Error.Code = code
	want.Error.Message = s.ja(code, nil)
	want.Error.RequestID = r.Header.Get("X-Request-ID")
	if got.Error.Code != want.Error.Code || want.Error.RequestID == "" || got.Error.RequestID != want.Error.RequestID ||
		(!strings.Contains(want.Error.Message, "{") && got.Error.Message != want.Error.Message) {
		t.Errorf("error envelope = %+v, want %+v", got, want)
	}
}

// submitForm submits a form of a page as a browser would: its hidden
// inputs (csrf_token, next, …) as rendered, plus the fields the user filled.
func submitForm(t testing.TB, c *client, doc *goquery.Document, selector string, fields url.Values) reply {
	t.Helper()
	form := doc.Find(selector).First()
	action, ok := form.Attr("action")
	if !ok {
		t.Fatalf("no form %s on the page", selector)
	}
	values := url.Values{}
	form.Find(`input[type="hidden"]`).Each(func(_ int, in *goquery.Selection) {
		values.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	for k, v := range fields {
		values[k] = v
	}
	return c.postForm(t, action, values)
}
