package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"golang.org/x/text/language"

	"nintei"
	"nintei/internal/sso"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/store"
)

// The single sign-on tests run against a real OpenID Connect provider:
// zitadel/oidc's example OP (its op package, example storage and login
// page) on a loopback port, with users of the test's own.

// opUsers is the OP's user store; tests change an e-mail between flows.
type opUsers struct {
	mu    sync.Mutex
	users map[string]*storage.User
}

func (u *opUsers) GetUserByID(id string) *storage.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	if x, ok := u.users[id]; ok {
		c := *x
		return &c
	}
	return nil
}

func (u *opUsers) GetUserByUsername(name string) *storage.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, x := range u.users {
		if x.Username == name {
			c := *x
			return &c
		}
	}
	return nil
}

func (u *opUsers) ExampleClientID() string { return "service" }

func (u *opUsers) setEmail(id, email string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.users[id].Email = email
}

// testOP is a running provider with two clients: "staff-idp" (staff only)
// and "gbiz" (the providers' people only).
type testOP struct {
	URL     string
	users   *opUsers
	clients map[string]*storage.Client
}

const opPassword = "op-password-2026"

func startOP(t *testing.T, users map[string]string, unverified ...string) *testOP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String()
	us := &opUsers{users: map[string]*storage.User{}}
	for username, email := range users {
		us.users["sub-"+username] = &storage.User{ID: "sub-" + username, Username: username, Password: opPassword,
			FirstName: "太郎", LastName: username, Email: email, EmailVerified: true, PreferredLanguage: language.Japanese}
	}
	for _, username := range unverified {
		us.users["sub-"+username].EmailVerified = false
	}
	op := &testOP{URL: issuer, users: us, clients: map[string]*storage.Client{}}
	st := storage.NewStorageWithClients(us, op.clients)
	srv := httptest.NewUnstartedServer(exampleop.SetupServer(issuer, st, nil, false))
	_ = srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return op
}

// providers are nintei's configuration of the two clients.
func (o *testOP) providers() []sso.Provider {
	return []sso.Provider{
		{ID: "staff-idp", Name: "認定機関ID", Issuer: o.URL, ClientID: "nintei-staff", ClientSecret: "staff-secret", Accounts: sso.AccountsStaff},
		{ID: "gbiz", Name: "gBizID", Issuer: o.URL, ClientID: "nintei-gbiz", ClientSecret: "gbiz-secret", Accounts: sso.AccountsProvider},
	}
}

// newSSOSite starts nintei with the OP's providers and registers its
// callbacks at the OP.
func newSSOSite(t *testing.T, b testenv.Backend, op *testOP) *site {
	t.Helper()
	s := newTestSiteWith(t, b, Options{SSO: op.providers()})
	s.Env.Svc.Accounts.Config.BaseURL = s.URL // the callback URL is the base URL's
	op.clients["nintei-staff"] = storage.WebClient("nintei-staff", "staff-secret", s.URL+"/login/sso/staff-idp/callback")
	op.clients["nintei-gbiz"] = storage.WebClient("nintei-gbiz", "gbiz-secret", s.URL+"/login/sso/gbiz/callback")
	return s
}

// ssoStart follows a provider's button and returns the provider's
// authorization URL.
func ssoStart(t *testing.T, c *client, provider string, q url.Values) *url.URL {
	t.Helper()
	r := c.get(t, "/login/sso/"+provider+"?"+q.Encode())
	if r.Status != http.StatusSeeOther {
		t.Fatalf("GET /login/sso/%s = %d, want 303\n%.600s", provider, r.Status, r.Body)
	}
	u, err := url.Parse(r.location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// atOP follows the provider's pages as a browser would, signing in as
// username with the OP's login form, and returns the callback URL the OP
// sends the browser back to.
func (o *testOP) atOP(t *testing.T, c *client, auth *url.URL, username string) *url.URL {
	t.Helper()
	next := auth
	for i := 0; i < 10; i++ {
		if !strings.HasPrefix(next.String(), o.URL) {
			return next
		}
		var resp *http.Response
		var err error
		if next.Path == "/login/username" && next.Query().Get("authRequestID") != "" {
			resp, err = c.hc.PostForm(o.URL+"/login/username", url.Values{"id": {next.Query().Get("authRequestID")},
				"username": {username}, "password": {opPassword}})
		} else {
			resp, err = c.hc.Get(next.String())
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		loc, err := resp.Location()
		if err != nil {
			t.Fatalf("OP %s = %d without a redirect:\n%.600s", next, resp.StatusCode, body)
		}
		next = loc
	}
	t.Fatal("too many redirects at the OP")
	return nil
}

// callback returns the browser to nintei at u (an absolute callback URL).
func callback(t *testing.T, c *client, u *url.URL) reply {
	t.Helper()
	return c.get(t, u.RequestURI())
}

// ssoLogin runs the whole flow and returns nintei's answer to the callback.
func (o *testOP) ssoLogin(t *testing.T, c *client, provider, username string) reply {
	t.Helper()
	return callback(t, c, o.atOP(t, c, ssoStart(t, c, provider, url.Values{"next": {"/account"}}), username))
}

// wantSSORefused checks the login page shows message key and no session began.
func wantSSORefused(t *testing.T, s *site, c *client, r reply, key string) {
	t.Helper()
	if r.Status != http.StatusUnauthorized {
		t.Fatalf("callback = %d (Location %q), want 401\n%.600s", r.Status, r.location(), r.Body)
	}
	if got, want := strings.TrimSpace(r.doc(t).Find("#sso-error").Text()), s.ja(key, nil); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if c.sessionValue() != "" {
		t.Error("a refused sign-in left a session cookie")
	}
}

func auditActions(t *testing.T, s *site) map[string]int {
	t.Helper()
	evs, err := s.Env.Store.AuditEvents(context.Background(), store.AuditQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range evs {
		out[e.Action]++
	}
	return out
}

// TestSSOLinksByVerifiedEmail: the full code flow with a real provider;
// the first sign-in links the identity by its verified e-mail, later ones
// find the user by issuer and subject, whatever the e-mail says then.
func TestSSOLinksByVerifiedEmail(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		op := startOP(t, map[string]string{"jimu": emailOf(nintei.RoleSecretariat)})
		s := newSSOSite(t, b, op)
		users := s.seedRoles(t)

		doc := s.client().getPage(t, "/login", http.StatusOK)
		if got, want := strings.TrimSpace(doc.Find("#sso-staff-idp").Text()), s.ja("sso.button", map[string]any{"Name": "認定機関ID"}); got != want {
			t.Errorf("login page button = %q, want %q", got, want)
		}
		if href, _ := doc.Find(`a#sso-gbiz`).Attr("href"); href != "/login/sso/gbiz" {
			t.Errorf("gBizID's button links to %q, want /login/sso/gbiz (a plain link: no script needed)", href)
		}

		c := s.client()
		r := op.ssoLogin(t, c, "staff-idp", "jimu")
		if r.Status != http.StatusSeeOther || r.location() != "/account" {
			t.Fatalf("callback = %d to %q, want 303 to /account\n%.800s", r.Status, r.location(), r.Body)
		}
		ck := r.setCookie(sessionCookie)
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie = %+v, want HttpOnly, SameSite=Lax as for a password login", ck)
		}
		acc := c.getPage(t, "/account", http.StatusOK)
		if got := acc.Find("#sso-identities li").Text(); !strings.Contains(got, "認定機関ID") || !strings.Contains(got, emailOf(nintei.RoleSecretariat)) {
			t.Errorf("account page identities = %q", got)
		}
		if got := auditActions(t, s); got["user.identity_link"] != 1 || got["user.login_sso"] != 1 {
			t.Errorf("audit = %v, want one link and one single sign-on", got)
		}

		// Linked: the subject finds the user even under another e-mail.
		op.users.setEmail("sub-jimu", "renamed@example.jp")
		c2 := s.client()
		if r := op.ssoLogin(t, c2, "staff-idp", "jimu"); r.Status != http.StatusSeeOther {
			t.Fatalf("second sign-in = %d\n%.600s", r.Status, r.Body)
		}
		doc = c2.getPage(t, "/account", http.StatusOK)
		if !strings.Contains(doc.Find("main").Text(), users[nintei.RoleSecretariat].Email) {
			t.Error("second sign-in is not the secretariat user")
		}
		if got := auditActions(t, s); got["user.identity_link"] != 1 || got["user.login_sso"] != 2 {
			t.Errorf("audit = %v, want still one link and two sign-ins", got)
		}

		// Unlinking: the identity no longer signs in (its new e-mail is unknown).
		csrf := csrfToken(t, doc)
		id, _ := doc.Find(`#sso-identities form`).Attr("action")
		if r := c2.postForm(t, id, url.Values{"csrf_token": {csrf}}); r.Status != http.StatusSeeOther {
			t.Fatalf("unlink = %d\n%.600s", r.Status, r.Body)
		}
		if got := auditActions(t, s); got["user.identity_unlink"] != 1 {
			t.Errorf("audit = %v, want one unlink", got)
		}
		c3 := s.client()
		wantSSORefused(t, s, c3, op.ssoLogin(t, c3, "staff-idp", "jimu"), "error.sso.unknown")
	})
}

// TestSSORefusals: an unverified e-mail, an unknown identity, the wrong
// kind of account, a tampered state, a missing flow cookie and a nonce
// the ID token does not carry are all refused without a session or an
// account.
func TestSSORefusals(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		op := startOP(t, map[string]string{"owner": emailOf(nintei.RoleOwner), "stranger": "stranger@example.jp",
			"jimu": emailOf(nintei.RoleSecretariat), "unv": emailOf(nintei.RoleMember)}, "unv")
		s := newSSOSite(t, b, op)
		s.seedRoles(t)
		before := len(auditActions(t, s))

		c := s.client()
		wantSSORefused(t, s, c, op.ssoLogin(t, c, "gbiz", "unv"), "error.sso.email_unverified")
		c = s.client()
		wantSSORefused(t, s, c, op.ssoLogin(t, c, "gbiz", "stranger"), "error.sso.unknown")
		if _, err := s.Env.Store.UserByEmail(context.Background(), "stranger@example.jp"); err == nil {
			t.Error("an unknown identity created an account")
		}
		c = s.client()
		wantSSORefused(t, s, c, op.ssoLogin(t, c, "gbiz", "jimu"), "error.sso.kind") // staff through the providers' IdP
		c = s.client()
		wantSSORefused(t, s, c, op.ssoLogin(t, c, "staff-idp", "owner"), "error.sso.kind")

		// The state in the callback is not the flow's.
		c = s.client()
		cb := op.atOP(t, c, ssoStart(t, c, "gbiz", nil), "owner")
		q := cb.Query()
		q.Set("state", "forged-"+q.Get("state"))
		cb.RawQuery = q.Encode()
		wantSSORefused(t, s, c, callback(t, c, cb), "error.sso.state")

		// A callback in a browser that did not start the flow (login CSRF).
		c = s.client()
		cb = op.atOP(t, c, ssoStart(t, c, "gbiz", nil), "owner")
		other := s.client()
		wantSSORefused(t, s, other, callback(t, other, cb), "error.sso.state")

		// The provider is asked with another nonce than the flow's: the ID
		// token carries that one and is refused.
		c = s.client()
		auth := ssoStart(t, c, "gbiz", nil)
		q = auth.Query()
		q.Set("nonce", "not-the-flows-nonce")
		auth.RawQuery = q.Encode()
		wantSSORefused(t, s, c, callback(t, c, op.atOP(t, c, auth, "owner")), "error.sso.state")

		if got := auditActions(t, s); got["user.identity_link"] != 0 || got["user.login_sso"] != 0 {
			t.Errorf("audit after refusals = %v (before: %d kinds)", got, before)
		}
		// The flow cookie is spent: replaying a good callback fails too.
		c = s.client()
		cb = op.atOP(t, c, ssoStart(t, c, "gbiz", nil), "owner")
		if r := callback(t, c, cb); r.Status != http.StatusSeeOther {
			t.Fatalf("good callback = %d\n%.600s", r.Status, r.Body)
		}
		wantSSORefused(t, s, s.client(), callback(t, s.client(), cb), "error.sso.state")
	})
}

// TestSSOAcceptsInvitation: an invitee signs in through the providers'
// IdP from the invitation page; the account is made with the invitation's
// address and role (OIDC grants none) and the identity linked to it.
func TestSSOAcceptsInvitation(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		op := startOP(t, map[string]string{"newbie": "newbie@gbiz.example.jp"})
		s := newSSOSite(t, b, op)
		s.seedRoles(t)
		owner := s.loginAs(t, nintei.RoleOwner)
		if r := invite(t, owner, "invitee@example.jp"); r.Status != http.StatusSeeOther {
			t.Fatalf("invite = %d", r.Status)
		}
		token := inviteToken(t, s, 0)
		c := s.client()
		doc := c.getPage(t, "/invite/"+token, http.StatusOK)
		if doc.Find("#sso-gbiz").Length() != 1 || doc.Find("#sso-staff-idp").Length() != 0 {
			t.Fatal("invitation page should offer gBizID only (a member is not staff)")
		}
		href, _ := doc.Find(`a#sso-gbiz`).Attr("href")
		start, err := url.Parse(href)
		if err != nil || start.Query().Get("invitation") != token {
			t.Fatalf("gBizID's button on the invitation page = %q, want the invitation", href)
		}
		r := callback(t, c, op.atOP(t, c, ssoStart(t, c, "gbiz", start.Query()), "newbie"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("callback = %d\n%.800s", r.Status, r.Body)
		}
		u, err := s.Env.Store.UserByEmail(context.Background(), "invitee@example.jp")
		if err != nil || u.Role != nintei.RoleMember {
			t.Fatalf("invitee = %+v, %v; want a member", u, err)
		}
		if got := auditActions(t, s); got["user.identity_link"] != 1 || got["user.login_sso"] != 1 {
			t.Errorf("audit = %v", got)
		}
		// The invitation is spent; the identity signs in by its subject.
		c = s.client()
		if r := op.ssoLogin(t, c, "gbiz", "newbie"); r.Status != http.StatusSeeOther {
			t.Fatalf("later sign-in = %d\n%.600s", r.Status, r.Body)
		}
	})
}

// TestSSORefusesDeactivatedUser: a linked identity of a user the
// administrator deactivated no longer signs in, and no session is made.
func TestSSORefusesDeactivatedUser(t *testing.T) {
	op := startOP(t, map[string]string{"shinsa": emailOf(nintei.RoleReviewer)})
	s := newSSOSite(t, sqliteOnly(t), op)
	users := s.seedRoles(t)
	c := s.client()
	if r := op.ssoLogin(t, c, "staff-idp", "shinsa"); r.Status != http.StatusSeeOther {
		t.Fatalf("first sign-in = %d\n%.600s", r.Status, r.Body)
	}
	admin := service.Principal{User: users[nintei.RoleAdmin]}
	if err := s.Env.Svc.SetUserActive(context.Background(), admin, users[nintei.RoleReviewer].ID, false); err != nil {
		t.Fatal(err)
	}
	if got := c.get(t, "/account"); got.Status == http.StatusOK {
		t.Error("the deactivated user's session still works")
	}
	c = s.client()
	wantSSORefused(t, s, c, op.ssoLogin(t, c, "staff-idp", "shinsa"), "error.sso.unknown")
}

// TestSSOFlowCookieUnderHTTPS: under https the flow cookie, like the
// session's, carries the __Host- prefix (Secure, Path=/, no Domain).
func TestSSOFlowCookieUnderHTTPS(t *testing.T) {
	op := startOP(t, map[string]string{})
	s := newTestSiteWith(t, sqliteOnly(t), Options{SSO: op.providers(), SecureCookies: true})
	r := s.client().get(t, "/login/sso/gbiz")
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), op.URL) {
		t.Fatalf("start = %d to %q", r.Status, r.location())
	}
	ck := r.setCookie("__Host-nintei_sso")
	if ck == nil || !ck.Secure || !ck.HttpOnly || ck.Path != "/" || ck.Domain != "" || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("flow cookie = %+v, want __Host-nintei_sso, Secure, HttpOnly, Path=/, SameSite=Lax", ck)
	}
	if u, _ := url.Parse(r.location()); u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("nonce") == "" {
		t.Errorf("authorization request %q lacks PKCE S256 or a nonce", r.location())
	}
}
