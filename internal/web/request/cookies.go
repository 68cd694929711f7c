package request

import (
	"net/http"
	"net/url"

	"nintei/internal/i18n"
)

// The site's cookies.
const (
	SessionCookie = "nintei_session"
	LangCookie    = "nintei_lang"
	FlashCookie   = "nintei_flash"
)

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
func Flash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: url.QueryEscape(key), Path: "/", HttpOnly: true, // #nosec G124 -- holds only a public message key (never shown unless in the catalog); HttpOnly and SameSite set
		SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// TakeFlash reads and deletes the flash message key.
func TakeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(FlashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode}) // #nosec G124 -- deletes the flash cookie, which holds only a public message key
	key, _ := url.QueryUnescape(c.Value)
	return key
}

// SetSessionCookie starts the browser's session.
func SetSessionCookie(w http.ResponseWriter, token string, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, // #nosec G124 -- Secure follows --secure-cookies (off only for plain-HTTP local runs); HttpOnly and SameSite set
		Secure: secure, SameSite: http.SameSiteLaxMode})
}

// ClearSessionCookie ends the browser's session.
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, // #nosec G124 -- Secure follows --secure-cookies (off only for plain-HTTP local runs); HttpOnly and SameSite set
		Secure: secure, SameSite: http.SameSiteLaxMode})
}
