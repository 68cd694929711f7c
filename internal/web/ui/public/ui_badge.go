package public

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/mark"
)

// badge serves /badge/{number}.svg: the certification number and its
// status today (certification.BadgeStateOf), for a provider's site to
// embed. It is an image even when the number is unknown (404, 該当なし),
// so an embedding page never shows a broken image. Its words are Japanese,
// or English with ?lang=en: the badge is fetched by other sites' pages,
// which send no language cookie.
func (s *Server) badge(w http.ResponseWriter, r *http.Request) error {
	typed, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	if !ok || typed == "" {
		return errNoRoute
	}
	number, err := s.svc.CanonicalNumber(r.Context(), typed)
	if err != nil {
		return err
	}
	if number != typed {
		http.Redirect(w, r, badgeURL(number, r.URL.RawQuery), http.StatusMovedPermanently) // #nosec G710 -- a path on this site: "/badge/", the number path-escaped, ".svg"
		return nil
	}
	lang := i18n.Japanese
	if i18n.Parse(r.URL.Query().Get("lang")) == i18n.English {
		lang = i18n.English
	}
	state, status := certification.BadgeUnknown, http.StatusNotFound
	if _, st, err := s.svc.VerifyService(r.Context(), number); err == nil {
		state, status = certification.BadgeStateOf(certification.Status(st)), http.StatusOK
	} else if !isNotFound(err) {
		return err
	}
	svg, err := mark.BadgeSVG(s.badgeWords(lang, number, state))
	if err != nil {
		return err
	}
	return writeBadge(w, r, status, svg)
}

// badgeWords are the badge's lettering, number and status word in lang.
func (s *Server) badgeWords(lang i18n.Lang, number string, state certification.BadgeState) mark.Badge {
	if r := []rune(number); len(r) > 40 {
		number = string(r[:40]) + "…" // an unknown number is drawn as asked, within the badge
	}
	return mark.Badge{Lettering: s.msgs.T(lang, "badge.lettering", nil), Number: number,
		Status: s.msgs.T(lang, "badge.state."+string(state), nil), InForce: state.InForce(), Revoked: state == certification.BadgeRevoked}
}

// writeBadge sends the badge with a strong ETag of its bytes. Caches may
// keep it five minutes (request.CachePublicData), not longer: a revoked
// certification's badge turns within that time on every site. Other sites
// embed it, so it is the one response whose resource policy is
// cross-origin.
func writeBadge(w http.ResponseWriter, r *http.Request, status int, svg string) error {
	sum := sha256.Sum256([]byte(svg))
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml; charset=utf-8")
	h.Set("Cache-Control", request.CachePublicData)
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	if status == http.StatusOK && request.NotModified(r, h) {
		request.WriteNotModified(w, h)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(len(svg)))
	w.WriteHeader(status)
	_, err := w.Write([]byte(svg)) // #nosec G705 -- an SVG we drew: its only text (title, aria-label) is HTML-escaped (mark.BadgeSVG), the rest is path data
	return err
}

func badgeURL(number, query string) string {
	u := "/badge/" + url.PathEscape(number) + ".svg"
	if query != "" {
		u += "?" + query
	}
	return u
}
