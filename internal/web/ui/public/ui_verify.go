package public

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"nintei/registry"
)

type verifyPage struct {
	Layout
	Number  string // the number as issued; empty on the bare form
	Asked   bool   // a number was asked for
	Service *registry.Service
	Status  string
	Ending  *registry.Ending // how the certification ended, when it has
}

// showVerifyForm is the verification page's form; with ?number= it sends
// the visitor to that number's verification, spelled as issued.
func (s *Server) showVerifyForm(w http.ResponseWriter, r *http.Request) error {
	if typed := strings.TrimSpace(r.URL.Query().Get("number")); typed != "" {
		number, err := s.svc.CanonicalNumber(r.Context(), typed)
		if err != nil {
			return err
		}
		http.Redirect(w, r, verifyURL(number), http.StatusSeeOther) // #nosec G710 -- a path on this site: "/verify/" and the number path-escaped (no "/" or scheme can pass)
		return nil
	}
	return s.render(w, r, http.StatusOK, "verify", verifyPage{Layout: s.layout(w, r)})
}

func verifyURL(number string) string { return "/verify/" + url.PathEscape(number) }

// verify answers whether a certificate number is genuine: a page, or JSON
// when asked with Accept: application/json. The certificate's QR code
// opens it. A number typed another way (full-width, lower case, other
// hyphens, no space) is answered as the number issued: the page redirects
// to its address, JSON answers it.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) error {
	typed := r.PathValue("number")
	number, err := s.svc.CanonicalNumber(r.Context(), typed)
	if err != nil {
		return err
	}
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		return s.writeVerification(w, r.Context(), number)
	}
	if number != typed {
		http.Redirect(w, r, verifyURL(number), http.StatusMovedPermanently) // #nosec G710 -- a path on this site: "/verify/" and the number path-escaped
		return nil
	}
	pub, status, err := s.svc.VerifyService(r.Context(), number)
	if err != nil && !isNotFound(err) {
		return err
	}
	page := verifyPage{Layout: s.layout(w, r), Number: number, Asked: true, Status: status}
	if err != nil {
		return s.render(w, r, http.StatusNotFound, "verify", page)
	}
	page.Service = &pub
	if page.Ending, err = s.svc.RegistryEnding(r.Context(), pub, status); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "verify", page)
}

func (s *Server) writeVerification(w http.ResponseWriter, ctx context.Context, number string) error {
	pub, status, err := s.svc.VerifyService(ctx, number)
	if isNotFound(err) {
		return writeJSON(w, http.StatusNotFound, map[string]any{"number": number, "found": false})
	} else if err != nil {
		return err
	}
	body := map[string]any{"number": pub.Number, "found": true, "status": status, "service_name": pub.ServiceName,
		"provider_name": pub.ProviderName, "certified_on": pub.CertifiedOn, "valid_until": pub.ValidUntil, "url": s.absURL(entryURL(pub.Number))}
	ending, err := s.svc.RegistryEnding(ctx, pub, status)
	if err != nil {
		return err
	}
	if ending != nil {
		body["ending"] = ending
	}
	return writeJSON(w, http.StatusOK, body)
}
