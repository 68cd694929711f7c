package ui

import (
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"

	"nintei/application"
)

type attachmentsPage struct {
	Layout
	App         application.Application
	Attachments []application.Attachment
	Purposes    []application.Purpose
	Error       *fieldError
	MaxMiB      int64
}

func (s *Server) attachmentsPage(w http.ResponseWriter, r *http.Request) (attachmentsPage, error) {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return attachmentsPage{}, err
	}
	atts, err := s.svc.Attachments(r.Context(), *principal(r), a.ID)
	return attachmentsPage{Layout: s.layout(w, r), App: a, Attachments: atts, Purposes: application.Purposes,
		MaxMiB: s.opts.MaxUploadBytes >> 20}, err
}

func (s *Server) showAttachments(w http.ResponseWriter, r *http.Request) error {
	page, err := s.attachmentsPage(w, r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "attachments", page)
}

// streamedUpload reads the fields that precede the "file" part of a
// multipart body and returns them with that part, unread, so the file can be
// streamed to storage. It checks the CSRF token found among the fields (or
// in the X-CSRF-Token header) before anything is stored. The application
// is looked up first, so another provider's gets 404 before the body is read.
func (s *Server) streamedUpload(r *http.Request) (int64, url.Values, *multipart.Part, error) {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return 0, nil, nil, err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return 0, nil, nil, errBadForm
	}
	fields := url.Values{}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return 0, nil, nil, errBadForm
		}
		if part.FormName() == "file" {
			if err := refuseUnstorable(fields); err != nil {
				return 0, nil, nil, err
			}
			if !validCSRF(firstNonEmpty(r.Header.Get("X-CSRF-Token"), fields.Get("csrf_token")), principal(r)) {
				return 0, nil, nil, errCSRF
			}
			return a.ID, fields, part, nil
		}
		v, _ := readSmall(part, 4096)
		fields.Add(part.FormName(), v)
	}
}

// uploadAttachment stores a file from the attachments page.
func (s *Server) uploadAttachment(w http.ResponseWriter, r *http.Request) error {
	id, fields, part, err := s.streamedUpload(r)
	if err == errBadForm {
		return s.uploadFailed(w, r, err)
	}
	if err != nil {
		return err
	}
	n := newAttachmentFrom(fields, part.FileName(), part)
	if _, err := s.svc.AddAttachment(r.Context(), *principal(r), id, n); err != nil {
		return s.uploadFailed(w, r, err)
	}
	return redirect(w, r, appURL(id, "/attachments"), "flash.uploaded")
}

func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, cause error) error {
	page, err := s.attachmentsPage(w, r)
	if err != nil {
		return err
	}
	ne, status := classify(cause)
	if status >= 500 {
		return cause
	}
	page.Error = &fieldError{Field: "file", Message: s.msgs.T(page.Lang, ne.Key, ne.Args)}
	return s.render(w, r, status, "attachments", page)
}

// downloadAttachment serves a file only to those who may see the
// application, always as a download with the type decided at upload, so a
// browser never renders it as a page of this site.
func (s *Server) downloadAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err1 := pathID(r, "id")
	aid, err2 := pathID(r, "aid")
	if err1 != nil || err2 != nil {
		return errNoRoute
	}
	att, body, err := s.svc.OpenAttachment(r.Context(), *principal(r), id, aid)
	if err != nil {
		return err
	}
	defer body.Close()
	w.Header().Set("Content-Type", att.MediaType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.FileName}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(w, r, "", att.UploadedAt, body)
	return nil
}

func (s *Server) removeAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err1 := pathID(r, "id")
	aid, err2 := pathID(r, "aid")
	if err1 != nil || err2 != nil {
		return errNoRoute
	}
	if err := s.svc.RemoveAttachment(r.Context(), *principal(r), id, aid); err != nil {
		return err
	}
	return redirect(w, r, appURL(id, "/attachments"), "flash.attachment_removed")
}
