package main

import (
	"context"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"golang.org/x/text/language"
)

// Single sign-on in Chromium against a real OpenID Connect provider:
// zitadel/oidc's example OP (op package, example storage, its login page)
// on a loopback port, and the demo configured with two providers.

type opUserStore map[string]*storage.User

func (u opUserStore) GetUserByID(id string) *storage.User { return u[id] }
func (u opUserStore) GetUserByUsername(name string) *storage.User {
	for _, x := range u {
		if x.Username == name {
			return x
		}
	}
	return nil
}
func (u opUserStore) ExampleClientID() string { return "service" }

const browserOPPassword = "op-password-2026"

// startBrowserOP starts the provider with a user per username → e-mail,
// each with a verified address; it returns the issuer and the client map
// (the test registers nintei's clients once it knows nintei's address).
func startBrowserOP(t *testing.T, users map[string]string) (string, map[string]*storage.Client) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	issuer := "http://" + ln.Addr().String()
	us := opUserStore{}
	for name, email := range users {
		us["sub-"+name] = &storage.User{ID: "sub-" + name, Username: name, Password: browserOPPassword, FirstName: "太郎",
			LastName: name, Email: email, EmailVerified: true, PreferredLanguage: language.Japanese}
	}
	clients := map[string]*storage.Client{}
	srv := httptest.NewUnstartedServer(exampleop.SetupServer(issuer, storage.NewStorageWithClients(us, clients), nil, false))
	_ = srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return issuer, clients
}

// ssoProvidersFile writes an --oidc-providers file for issuer: the body's
// IdP for staff and gBizID for the providers' people, secrets in files.
func ssoProvidersFile(t *testing.T, issuer string) string {
	t.Helper()
	dir := t.TempDir()
	for name, secret := range map[string]string{"staff.secret": "staff-secret", "gbiz.secret": "gbiz-secret"} {
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(secret+"\n"), 0o600))
	}
	yaml := `providers:
  - id: staff-idp
    name: 認定機関ID
    issuer: ` + issuer + `
    client_id: nintei-staff
    client_secret_file: ` + filepath.Join(dir, "staff.secret") + `
    accounts: staff
  - id: gbiz
    name: gBizID
    issuer: ` + issuer + `
    client_id: nintei-gbiz
    client_secret_file: ` + filepath.Join(dir, "gbiz.secret") + `
    accounts: provider
`
	path := filepath.Join(dir, "oidc.yaml")
	must(t, os.WriteFile(path, []byte(yaml), 0o600))
	return path
}

// freeAddr is a loopback address with a free port: the provider must know
// nintei's callback URL, so nintei's base URL is fixed before it starts.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	addr := ln.Addr().String()
	must(t, ln.Close())
	return addr
}

// TestBrowserSingleSignOn: a provider's owner signs in with gBizID and the
// secretariat with the body's IdP, through the login page's buttons and
// the provider's own login form; the account page then lists the linked
// identity.
func TestBrowserSingleSignOn(t *testing.T) {
	chromium(t)
	issuer, clients := startBrowserOP(t, map[string]string{
		"hokuto": "owner@hokuto-data.example.jp", "jimu": "jimukyoku@nintei.example.jp"})
	addr := freeAddr(t)
	base := "http://" + addr
	clients["nintei-staff"] = storage.WebClient("nintei-staff", "staff-secret", base+"/login/sso/staff-idp/callback")
	clients["nintei-gbiz"] = storage.WebClient("nintei-gbiz", "gbiz-secret", base+"/login/sso/gbiz/callback")
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", addr, "--base-url", base,
		"--oidc-providers", ssoProvidersFile(t, issuer)})
	t.Cleanup(func() { stop(); <-done })

	for _, tc := range []struct{ button, user, name, shot string }{
		{"#sso-gbiz", "hokuto", "北村 誠", "sso-provider"},
		{"#sso-staff-idp", "jimu", "事務 一郎", "sso-secretariat"},
	} {
		t.Run(tc.user, func(t *testing.T) {
			ctx := browser(t)
			// The first action starts Chromium: on ctx itself (see steps).
			must(t, chromedp.Do(ctx, chromedp.Navigate(base+"/login")))
			steps(t, ctx, chromedp.WaitVisible(chromedp.CSS(tc.button)))
			screenshot(t, ctx, "login-sso")
			clickAndWait(t, ctx, tc.button, `#username`)
			steps(t, ctx, chromedp.SendKeys(chromedp.CSS(`#username`), tc.user),
				chromedp.SendKeys(chromedp.CSS(`#password`), browserOPPassword))
			clickAndWait(t, ctx, `button[type=submit]`, `main .lead`)
			if h := text(t, ctx, chromedp.Text(chromedp.CSS(`main h1`))); h != "ダッシュボード" {
				t.Errorf("after sign-in heading = %q, want ダッシュボード", h)
			}
			if lead := text(t, ctx, chromedp.Text(chromedp.CSS(`main .lead`))); !strings.Contains(lead, tc.name) {
				t.Errorf("dashboard lead %q does not name %s", lead, tc.name)
			}
			steps(t, ctx, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS(`#sso-identities`)))
			screenshot(t, ctx, tc.shot+"-account")
			if row := text(t, ctx, chromedp.Text(chromedp.CSS(`#sso-identities li`))); !strings.Contains(row, "@") {
				t.Errorf("account page identities = %q", row)
			}
		})
	}
}
