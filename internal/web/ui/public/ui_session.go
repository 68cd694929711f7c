package public

import (
	"net/http"

	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/service/accounts"
)

type homePage struct {
	Layout
}

func (s *Server) showHome(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "home", homePage{Layout: s.layout(w, r)})
}

type loginPage struct {
	Layout
	Email    string
	Next     string
	Error    *fieldError
	SSO      []ssoButton // single sign-on providers, below the password form
	SSOError *fieldError // why a single sign-on was refused

	SSOInvitation string // never on the login page (see _sso.html)
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) error {
	if principal(r) != nil {
		return redirect(w, r, "/dashboard", "")
	}
	return s.render(w, r, http.StatusOK, "login", loginPage{Layout: s.layout(w, r), Next: r.URL.Query().Get("next"), SSO: s.ssoButtons()})
}

// logIn checks the password, rotates the session (the old cookie's session
// is ended) and goes where the user was headed.
func (s *Server) logIn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	email, next := r.PostFormValue("email"), r.PostFormValue("next")
	old := ""
	if c, err := r.Cookie(request.SessionCookieName(s.opts.SecureCookies)); err == nil {
		old = c.Value
	}
	err := s.limits.login(r, email)
	var login accounts.Login
	if err == nil {
		login, err = s.svc.LogIn(r.Context(), email, r.PostFormValue("password"), old)
	}
	if err != nil {
		l := s.layout(w, r)
		fe, ok := s.formError(l, err)
		if !ok {
			return err
		}
		ne, status := classify(err)
		if status == http.StatusTooManyRequests {
			retryAfter(w, ne)
		}
		return s.render(w, r, status, "login", loginPage{Layout: l, Email: email, Next: next, Error: &fe, SSO: s.ssoButtons()})
	}
	s.setSessionCookie(w, login.Token)
	return redirect(w, r, safeNext(next), "flash.login")
}

func (s *Server) logOut(w http.ResponseWriter, r *http.Request) error {
	if err := s.svc.LogOut(r.Context(), *principal(r)); err != nil {
		return err
	}
	s.clearSessionCookie(w)
	// What the browser kept of the session goes with it: cached pages (a
	// shared computer's back button) and storage. Not "cookies": the
	// session cookie is expired above and its row deleted, while "cookies"
	// would clear every cookie of the registrable domain (the body's other
	// sites too) and, in Chromium, the ones this response sets (the
	// logged-out notice, the language).
	w.Header().Set("Clear-Site-Data", `"cache", "storage"`)
	return redirect(w, r, "/", "flash.logout")
}

// switchLang stores the language choice in a cookie; it is a preference,
// not data, so it needs no session.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	lang := i18n.Parse(r.PostFormValue("lang"))
	if lang == "" {
		lang = i18n.Japanese
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600, // #nosec G124 -- Secure follows --secure-cookies (off only for plain-HTTP local runs); HttpOnly and SameSite set
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode})
	return redirect(w, r, safeNext(r.PostFormValue("next")), "")
}
