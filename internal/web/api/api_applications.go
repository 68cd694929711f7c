package api

import (
	"net/http"
	"time"

	"nintei/application"
	"nintei/formb"
	"nintei/service/apply"
)

type applicationJSON struct {
	ID          int64             `json:"id"`
	EditionID   string            `json:"edition_id"`
	Kind        application.Kind  `json:"kind"`
	State       application.State `json:"state"`
	Version     int64             `json:"version"`
	FormA       application.FormA `json:"form_a"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
	SubmittedAt *time.Time        `json:"submitted_at"`
	// A renewal's certification and the application of the term it renews.
	RenewsCertificationID int64      `json:"renews_certification_id,omitempty"`
	PreviousApplicationID int64      `json:"previous_application_id,omitempty"`
	MarkUseDeclaredAt     *time.Time `json:"mark_use_declared_at,omitempty"`
}

func toApplicationJSON(a application.Application) applicationJSON {
	fa := a.FormA
	fa.Provider.Agents, fa.Provider.Outsourcees = orEmpty(fa.Provider.Agents), orEmpty(fa.Provider.Outsourcees)
	fa.Service.Bases = orEmpty(fa.Service.Bases)
	return applicationJSON{ID: a.ID, EditionID: a.EditionID, Kind: a.Kind, State: a.State, Version: a.Version,
		FormA: fa, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, SubmittedAt: a.SubmittedAt,
		RenewsCertificationID: a.RenewsCertificationID, PreviousApplicationID: a.PreviousApplicationID, MarkUseDeclaredAt: a.MarkUseDeclaredAt}
}

func (s *Server) apiApplications(w http.ResponseWriter, r *http.Request) error {
	if isStaffReader(r) {
		return s.apiCases(w, r)
	}
	apps, err := s.svc.Applications(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	out := make([]applicationJSON, 0, len(apps))
	for _, a := range apps {
		out = append(out, toApplicationJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"applications": out})
}

func (s *Server) apiOpenApplication(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Scheme string `json:"scheme"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	a, err := s.svc.OpenApplication(r.Context(), *principal(r), in.Scheme)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toApplicationJSON(a))
}

func (s *Server) apiApplication(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toApplicationJSON(a))
}

func (s *Server) apiSaveFormA(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int64             `json:"version"`
		FormA   application.FormA `json:"form_a"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.SaveFormA(r.Context(), *principal(r), id, in.Version, in.FormA); err != nil {
		return err
	}
	return s.apiApplication(w, r)
}

func (s *Server) apiFormB(w http.ResponseWriter, r *http.Request) error {
	a, ed, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	form, err := s.svc.FormB(r.Context(), *principal(r), a)
	if err != nil {
		return err
	}
	entries := make([]formb.Entry, 0, len(form))
	for _, it := range ed.Items {
		if e, ok := form[it.ID]; ok {
			entries = append(entries, e)
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"version": a.Version, "entries": entries, "progress": progressJSON(formb.Measure(ed, form))})
}

func progressJSON(p formb.Progress) map[string]int {
	return map[string]int{"required_answered": p.RequiredAnswered, "required": p.Required, "answered": p.Answered,
		"total": p.Total, "percent": p.Percent()}
}

// apiSaveFormB stores the given entries (items not sent are left as they
// are), so a program can update one item at a time.
func (s *Server) apiSaveFormB(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int64         `json:"version"`
		Entries []formb.Entry `json:"entries"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.SaveFormB(r.Context(), *principal(r), id, in.Version, in.Entries); err != nil {
		return err
	}
	return s.apiFormB(w, r)
}

func (s *Server) apiPrecheck(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	pc, err := s.svc.RunPrecheck(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.precheckJSON(r, pc))
}

func (s *Server) precheckJSON(r *http.Request, pc apply.Precheck) map[string]any {
	lang := langOfAPI(r)
	type formAProblem struct {
		Field   string `json:"field"`
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	type finding struct {
		formb.Finding
		Message string `json:"message"`
	}
	fa := make([]formAProblem, 0, len(pc.FormA))
	for _, p := range pc.FormA {
		fa = append(fa, formAProblem{Field: p.Field, Code: p.Key, Message: s.msgs.T(lang, p.Key, p.Args)})
	}
	fs := make([]finding, 0, len(pc.Findings))
	for _, f := range pc.Findings {
		fs = append(fs, finding{Finding: f, Message: s.msgs.T(lang, f.Code, nil)})
	}
	return map[string]any{"blocking": pc.Blocking(), "form_a": fa, "findings": fs, "progress": progressJSON(pc.Progress)}
}

type versionBody struct {
	Version int64 `json:"version"`
}

func (s *Server) apiSubmit(w http.ResponseWriter, r *http.Request) error {
	var in versionBody
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Submit(r.Context(), *principal(r), id, in.Version, langOfAPI(r)); err != nil {
		return err
	}
	return s.apiApplication(w, r)
}

func (s *Server) apiWithdraw(w http.ResponseWriter, r *http.Request) error {
	var in versionBody
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Withdraw(r.Context(), *principal(r), id, in.Version); err != nil {
		return err
	}
	return s.apiApplication(w, r)
}

func (s *Server) apiAttachments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	atts, err := s.svc.Attachments(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"attachments": jsonList(atts, attachmentOut)})
}

// apiUploadAttachment takes a multipart body whose fields come before the
// "file" part; the file is streamed to storage.
func (s *Server) apiUploadAttachment(w http.ResponseWriter, r *http.Request) error {
	id, fields, part, err := s.streamedUpload(r)
	if err != nil {
		return err
	}
	n := newAttachmentFrom(fields, part.FileName(), part)
	n.ItemIDs = fields["item_id"]
	att, err := s.svc.AddAttachment(r.Context(), *principal(r), id, n)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, attachmentOut(att))
}

// attachmentOut is an attachment as the API writes it: a file that backs
// no item has item_ids [], not null.
func attachmentOut(a application.Attachment) application.Attachment {
	a.ItemIDs = orEmpty(a.ItemIDs)
	return a
}

func (s *Server) apiRemoveAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err1 := pathID(r, "id")
	aid, err2 := pathID(r, "aid")
	if err1 != nil || err2 != nil {
		return errNoRoute
	}
	if err := s.svc.RemoveAttachment(r.Context(), *principal(r), id, aid); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
