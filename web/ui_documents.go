package web

import (
	"bytes"
	"net/http"
	"strconv"
)

// servePDF builds a document fully before sending it, so a failure is a
// clean error page rather than a broken download.
func servePDF(w http.ResponseWriter, name string, build func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := build(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err := buf.WriteTo(w)
	return err
}

func (s *Server) certificatePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNoRoute
	}
	return servePDF(w, "certificate-"+r.PathValue("id")+".pdf", func(b *bytes.Buffer) error {
		return s.svc.CertificatePDF(r.Context(), *principal(r), id, b)
	})
}

func (s *Server) invoicePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
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
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNoRoute
	}
	var buf bytes.Buffer
	if err := s.svc.MarkSVG(r.Context(), *principal(r), id, &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Disposition", `attachment; filename="nintei-mark-`+r.PathValue("id")+`.svg"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}
