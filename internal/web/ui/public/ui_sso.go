package public

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"nintei"
	"nintei/internal/sso"
	"nintei/internal/web/request"
	"nintei/service/accounts"
)

// Single sign-on through OpenID Connect providers (package internal/sso).
// The flow's state, nonce and PKCE verifier wait in a short-lived HttpOnly
// cookie between the start and the provider's return: the state in the
// callback must equal the cookie's, so a callback the browser did not start
// (login CSRF) is refused, and the cookie is spent on first use.

const ssoCookie = "nintei_sso"

// ssoFlowTTL bounds the time at the provider's login page.
const ssoFlowTTL = 10 * time.Minute

var (
	errSSOState  = nintei.Errorf(nintei.KindUnauthenticated, "error.sso.state")
	errSSOFailed = nintei.Errorf(nintei.KindUnauthenticated, "error.sso.failed")
	errSSODown   = nintei.Errorf(nintei.KindUnauthenticated, "error.sso.unavailable")
)

// ssoFlow is the cookie's content.
type ssoFlow struct {
	Provider   string `json:"p"`
	State      string `json:"s"`
	Nonce      string `json:"n"`
	Verifier   string `json:"v"`
	Invitation string `json:"i,omitempty"`
	Next       string `json:"x,omitempty"`
}

func (s *Server) ssoCookieName() string {
	if s.opts.SecureCookies {
		return "__Host-" + ssoCookie
	}
	return ssoCookie
}

func (s *Server) ssoClient(id string) *sso.Client {
	for _, c := range s.sso {
		if c.P.ID == id {
			return c
		}
	}
	return nil
}

func (s *Server) ssoRedirect(id string) string { return s.absURL("/login/sso/" + id + "/callback") }

// startSSO sends the browser to the provider with a fresh flow; the login
// page's and the invitation page's buttons link here. It is a GET (a form
// posting here could not be redirected to the provider under the CSP's
// form-action 'self'); it changes nothing but the browser's flow cookie.
func (s *Server) startSSO(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	c := s.ssoClient(r.PathValue("provider"))
	if c == nil {
		return nintei.ErrNotFound
	}
	f := sso.NewFlow()
	to, err := c.AuthURL(r.Context(), s.ssoRedirect(c.P.ID), f)
	if err != nil {
		s.log.WarnContext(r.Context(), "sso provider unavailable", "provider", c.P.ID, "err", err)
		return s.ssoFailed(w, r, errSSODown)
	}
	b, _ := json.Marshal(ssoFlow{Provider: c.P.ID, State: f.State, Nonce: f.Nonce, Verifier: f.Verifier,
		Invitation: q.Get("invitation"), Next: q.Get("next")})
	http.SetCookie(w, &http.Cookie{Name: s.ssoCookieName(), Value: base64.RawURLEncoding.EncodeToString(b), Path: "/", // #nosec G124 -- Secure follows --secure-cookies; HttpOnly and SameSite set
		MaxAge: int(ssoFlowTTL.Seconds()), HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// takeFlow reads and spends the flow cookie.
func (s *Server) takeFlow(w http.ResponseWriter, r *http.Request) (ssoFlow, bool) {
	var f ssoFlow
	c, err := r.Cookie(s.ssoCookieName())
	if err != nil {
		return f, false
	}
	http.SetCookie(w, &http.Cookie{Name: s.ssoCookieName(), Path: "/", MaxAge: -1, HttpOnly: true, // #nosec G124 -- deletes the flow cookie; Secure follows --secure-cookies
		Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || json.Unmarshal(b, &f) != nil {
		return f, false
	}
	return f, true
}

// finishSSO is the provider's return: the state is checked against the
// cookie, the code redeemed with the verifier, the ID token verified
// (issuer, audience, expiry, nonce), and the identity signed in as a
// password login would be.
func (s *Server) finishSSO(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, ok := s.takeFlow(w, r)
	c := s.ssoClient(r.PathValue("provider"))
	if c == nil {
		return nintei.ErrNotFound
	}
	if !ok || f.Provider != c.P.ID || f.State == "" || subtle.ConstantTimeCompare([]byte(f.State), []byte(q.Get("state"))) != 1 {
		return s.ssoFailed(w, r, errSSOState)
	}
	if q.Get("error") != "" || q.Get("code") == "" {
		return s.ssoFailed(w, r, errSSOFailed)
	}
	// A sign-in counts against the client address's login attempts, as a
	// password's does: each one costs a request to the provider.
	if err := s.limits.login(r, ""); err != nil {
		return s.ssoFailed(w, r, err)
	}
	id, err := c.Identify(r.Context(), s.ssoRedirect(c.P.ID), q.Get("code"), sso.Flow{State: f.State, Nonce: f.Nonce, Verifier: f.Verifier})
	if err != nil {
		s.log.WarnContext(r.Context(), "sso sign-in refused", "provider", c.P.ID, "err", err)
		switch {
		case errors.Is(err, sso.ErrNonce):
			return s.ssoFailed(w, r, errSSOState)
		case errors.Is(err, sso.ErrUnavailable):
			return s.ssoFailed(w, r, errSSODown)
		}
		return s.ssoFailed(w, r, errSSOFailed)
	}
	old := ""
	if ck, err := r.Cookie(request.SessionCookieName(s.opts.SecureCookies)); err == nil {
		old = ck.Value
	}
	login, err := s.svc.LogInWithIdentity(r.Context(), accounts.SSOIdentity{Provider: c.P.ID,
		Issuer: id.Issuer, Subject: id.Subject, Email: id.Email, EmailVerified: id.EmailVerified, Name: id.Name,
		StaffOnly: c.P.Accounts == sso.AccountsStaff, ApplicantOnly: c.P.Accounts == sso.AccountsProvider}, f.Invitation, old)
	if err != nil {
		return s.ssoFailed(w, r, err)
	}
	s.setSessionCookie(w, login.Token)
	return redirect(w, r, safeNext(f.Next), "flash.login")
}

// ssoFailed shows the login page with why the sign-in was refused.
func (s *Server) ssoFailed(w http.ResponseWriter, r *http.Request, err error) error {
	l := s.layout(w, r)
	fe, ok := s.formError(l, err)
	if !ok {
		return err
	}
	ne, status := classify(err)
	if status == http.StatusTooManyRequests {
		retryAfter(w, ne)
	}
	return s.render(w, r, status, "login", loginPage{Layout: l, SSO: s.ssoButtons(), SSOError: &fe})
}

// ssoButton is one provider on the login and invitation pages.
type ssoButton struct{ ID, Name string }

func (s *Server) ssoButtons() []ssoButton {
	out := make([]ssoButton, 0, len(s.sso))
	for _, c := range s.sso {
		out = append(out, ssoButton{ID: c.P.ID, Name: c.P.Name})
	}
	return out
}
