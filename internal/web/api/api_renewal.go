package api

import (
	"net/http"

	"nintei/formb"
	"nintei/service/aftercare"
	"nintei/service/core"
)

func (s *Server) apiOpenRenewal(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.svc.OpenRenewal(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toApplicationJSON(a))
}

func (s *Server) apiDeclareMarkUse(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int64 `json:"version"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.DeclareMarkUse(r.Context(), *principal(r), id, in.Version); err != nil {
		return err
	}
	return s.apiApplication(w, r)
}

type changeJSON struct {
	ItemID     string      `json:"item_id"`
	Kind       string      `json:"kind"`
	Before     formb.Entry `json:"before"`
	After      formb.Entry `json:"after"`
	BeforeText string      `json:"before_text"`
	AfterText  string      `json:"after_text"`
	NewFiles   []string    `json:"new_files"`
}

type formAChangeJSON struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

type renewalChangesJSON struct {
	Number                string            `json:"number"`
	PreviousApplicationID int64             `json:"previous_application_id"`
	Opens                 string            `json:"opens"`
	Closes                string            `json:"closes"`
	Unchanged             int               `json:"unchanged"`
	TranscriptFacts       []string          `json:"transcript_facts"` // registry facts changed: a new transcript is needed
	Reissue               bool              `json:"reissue"`          // the certificate is reissued for the fee
	FormA                 []formAChangeJSON `json:"form_a"`
	Changes               []changeJSON      `json:"changes"`
}

func (s *Server) apiChanges(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Renewal(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toRenewalChangesJSON(v))
}

func toRenewalChangesJSON(v aftercare.RenewalView) renewalChangesJSON {
	out := renewalChangesJSON{Number: v.Certification.Number, PreviousApplicationID: v.Previous.ID, Opens: v.Opens, Closes: v.Closes,
		Unchanged: v.Unchanged, TranscriptFacts: append([]string{}, v.TranscriptFacts...), Reissue: v.Reissue, FormA: []formAChangeJSON{}, Changes: []changeJSON{}}
	for _, f := range v.FormA {
		out.FormA = append(out.FormA, formAChangeJSON{Field: f.Field, Before: f.Before, After: f.After})
	}
	for _, c := range v.Changes {
		files := []string{}
		for _, f := range c.NewFiles {
			files = append(files, f.FileName)
		}
		out.Changes = append(out.Changes, changeJSON{ItemID: c.Item.ID, Kind: c.Kind, Before: c.Before, After: c.After,
			BeforeText: c.BeforeText, AfterText: c.AfterText, NewFiles: files})
	}
	return out
}

type returnJSON struct {
	AttachmentID  int64  `json:"attachment_id"`
	ApplicationID int64  `json:"application_id"`
	Provider      string `json:"provider"`
	Service       string `json:"service"`
	FileName      string `json:"file_name"`
	SHA256        string `json:"sha256"`
	Reason        string `json:"reason"`
	ListedOn      string `json:"listed_on"`
	Method        string `json:"method,omitempty"`
	DisposedOn    string `json:"disposed_on,omitempty"`
}

func toReturnsJSON(items []core.ReturnItem) map[string]any {
	out := make([]returnJSON, 0, len(items))
	for _, x := range items {
		out = append(out, returnJSON{AttachmentID: x.AttachmentID, ApplicationID: x.ApplicationID, Provider: x.OrgName, Service: x.ServiceName,
			FileName: x.FileName, SHA256: x.SHA256, Reason: x.Reason, ListedOn: x.ListedOn, Method: x.Method, DisposedOn: x.DisposedOn})
	}
	return map[string]any{"returns": out}
}

func (s *Server) apiPendingReturns(w http.ResponseWriter, r *http.Request) error {
	items, err := s.svc.PendingReturns(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toReturnsJSON(items))
}

func (s *Server) apiReturnsOf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	items, err := s.svc.ReturnsOf(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toReturnsJSON(items))
}

func (s *Server) apiDisposeDocuments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.ReturnsOf(r.Context(), *principal(r), id); err != nil {
		return err
	}
	var in struct {
		AttachmentIDs []int64 `json:"attachment_ids"`
		Method        string  `json:"method"`
		On            string  `json:"on"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.svc.DisposeDocuments(r.Context(), *principal(r), id, in.AttachmentIDs, in.Method, in.On); err != nil {
		return err
	}
	return s.apiReturnsOf(w, r)
}

func (s *Server) apiOpenChangeNotice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.svc.OpenChangeNotice(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toApplicationJSON(a))
}
