package request

import (
	"context"
	"net/http"
	"net/url"

	"nintei/internal/i18n"
)

// The site's cookies.
const (
	SessionCookie = "nintei_session"
	LangCookie    = "nintei_lang"
	FlashCookie   = "nintei_flash"
	// HostSessionCookie is the session cookie's name under https. The
	// __Host- prefix makes the browser accept it only with Secure, Path=/
	// and no Domain, so a sibling subdomain cannot plant or shadow it.
	HostSessionCookie = "__Host-" + SessionCookie
)

// SessionCookieName is the session cookie's name: with the __Host- prefix
// when the site is served over https. Only that name is read then, so a
// cookie without the prefix (set over http, or by a subdomain) is ignored.
func SessionCookieName(secure bool) string {
	if secure {
		return HostSessionCookie
	}
	return SessionCookie
}

type secureCookiesKey struct{}

// WithSecureCookies marks the request as served over https (the base URL
// is https://), so that every cookie set while answering it, such as the
// flash message, carries Secure. The root middleware calls it once.
func WithSecureCookies(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), secureCookiesKey{}, true))
}

// SecureCookies reports whether cookies set for r must carry Secure.
func SecureCookies(r *http.Request) bool {
	v, _ := r.Context().Value(secureCookiesKey{}).(bool)
	return v
}

// LangOf is the user's chosen language; Japanese unless they switched.
func LangOf(r *http.Request) i18n.Lang {
	if c, err := r.Cookie(LangCookie); err == nil {
		if l := i18n.Parse(c.Value); l != "" {
			return l
		}
	}
	return i18n.Japanese
}

// LangOfAPI picks the language of API error messages: Accept-Language,
// Japanese by default.
func LangOfAPI(r *http.Request) i18n.Lang {
	if l := i18n.Parse(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return LangOf(r)
}

// Flash leaves a message key for the next page (POST/redirect/GET). Only
// keys that exist in the catalog are ever shown, so the cookie cannot be
// used to inject text.
func Flash(w http.ResponseWriter, r *http.Request, key string) {
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: url.QueryEscape(key), Path: "/", HttpOnly: true, // #nosec G124 -- Secure under https (SecureCookies); holds only a public message key; HttpOnly and SameSite set
		Secure: SecureCookies(r), SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// TakeFlash reads and deletes the flash message key.
func TakeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(FlashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: SecureCookies(r), SameSite: http.SameSiteLaxMode}) // #nosec G124 -- deletes the flash cookie; Secure under https
	key, _ := url.QueryUnescape(c.Value)
	return key
}

// SetSessionCookie starts the browser's session.
func SetSessionCookie(w http.ResponseWriter, token string, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookieName(secure), Value: token, Path: "/", HttpOnly: true, // #nosec G124 -- Secure follows --secure-cookies (off only for plain-HTTP local runs); HttpOnly and SameSite set
		Secure: secure, SameSite: http.SameSiteLaxMode})
}

// ClearSessionCookie ends the browser's session.
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookieName(secure), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, // #nosec G124 -- Secure follows --secure-cookies (off only for plain-HTTP local runs); HttpOnly and SameSite set
		Secure: secure, SameSite: http.SameSiteLaxMode})
}
