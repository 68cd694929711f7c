package ui

import (
	"bytes"
	"net/http"
	"net/url"

	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/mark"
)

// servePDF sends a PDF document as an attachment.
func servePDF(w http.ResponseWriter, name string, build func(*bytes.Buffer) error) error {
	return serveDownload(w, "application/pdf", name, build)
}

// serveDownload builds a file fully before sending it as an attachment, so
// a failure is a clean error page rather than a broken download.
func serveDownload(w http.ResponseWriter, contentType, name string, build func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := build(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err := buf.WriteTo(w)
	return err
}

func (s *Server) certificatePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	return servePDF(w, "certificate-"+r.PathValue("id")+".pdf", func(b *bytes.Buffer) error {
		return s.svc.CertificatePDF(r.Context(), *principal(r), id, b)
	})
}

func (s *Server) invoicePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	number := r.PathValue("number")
	return servePDF(w, number+".pdf", func(b *bytes.Buffer) error {
		return s.svc.InvoicePDF(r.Context(), *principal(r), id, number, b)
	})
}

// markSVG serves the certification mark while the certification is valid.
func (s *Server) markSVG(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	return serveDownload(w, "image/svg+xml", "nintei-mark-"+r.PathValue("id")+".svg", func(b *bytes.Buffer) error {
		return s.svc.MarkSVG(r.Context(), *principal(r), id, b)
	})
}

// markPNG serves the mark as a PNG, ?size= one of mark.Sizes
// (default mark.DefaultSize), on the same terms as markSVG.
func (s *Server) markPNG(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	size := mark.DefaultSize
	if q := r.URL.Query().Get("size"); q != "" {
		size = int(parseInt64(q)) // 0 when malformed: refused below
	}
	return serveDownload(w, "image/png", "nintei-mark-"+r.PathValue("id")+".png", func(b *bytes.Buffer) error {
		return s.svc.MarkPNG(r.Context(), *principal(r), id, size, b)
	})
}

// badgeOffer is the live badge a provider may embed on their site, with
// the HTML to copy: its address on the site's public base URL, linked to
// the number's verification.
type badgeOffer struct {
	Src     string // the badge on this site, for the preview
	Snippet string // the HTML to copy
}

// badgeOffer is offered while the certification is in force, when the mark
// may be shown; the badge itself then follows the status live. Its
// alternative text names the status at the time of copying, so it says
// where to check it.
func (s *Server) badgeOffer(l Layout, number string, status certification.Status) *badgeOffer {
	if !certification.InForce(status) {
		return nil
	}
	base, src := s.svc.Settings().BaseURL, "/badge/"+url.PathEscape(number)+".svg"
	query := ""
	if l.Lang == i18n.English {
		query, src = "lang=en", src+"?lang=en"
	}
	return &badgeOffer{Src: src, Snippet: mark.EmbedSnippet(base, number, query, l.T("badge.alt", "Number", number))}
}
