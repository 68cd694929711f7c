package api

import (
	"net/http"
	"time"

	"nintei"
	"nintei/service/core"
)

// withholdingJSON is one request to withhold answers from publication
// as the API shows it.
type withholdingJSON struct {
	ID            int64      `json:"id"`
	ApplicationID int64      `json:"application_id"`
	Items         []string   `json:"items"`
	Reason        string     `json:"reason"`
	Until         string     `json:"until"` // last day withheld, YYYY-MM-DD
	State         string     `json:"state"` // requested, approved, rejected
	RequestedAt   time.Time  `json:"requested_at"`
	DecidedAt     *time.Time `json:"decided_at"`
}

func toWithholdingJSON(w core.Withholding) withholdingJSON {
	items := w.ItemIDs
	if items == nil {
		items = []string{}
	}
	return withholdingJSON{ID: w.ID, ApplicationID: w.ApplicationID, Items: items, Reason: w.Reason, Until: w.Until,
		State: w.State, RequestedAt: w.RequestedAt, DecidedAt: w.DecidedAt}
}

// apiWithholdings lists an application's withholding requests for anyone
// who may see the application (the service scopes it).
func (s *Server) apiWithholdings(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	ws, err := s.svc.Withholdings(r.Context(), *principal(r), ids[0])
	if err != nil {
		return err
	}
	// The reasons are the applicant's non-public data: a staff view is
	// audited like the review page that shows them.
	if err := s.svc.RecordStaffView(r.Context(), *principal(r), ids[0], "api.withholdings"); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Withholdings []withholdingJSON `json:"withholdings"`
	}{jsonList(ws, toWithholdingJSON)})
}

// writeWithholding answers with one request as it is now.
func (s *Server) writeWithholding(w http.ResponseWriter, r *http.Request, appID, id int64, status int) error {
	ws, err := s.svc.Withholdings(r.Context(), *principal(r), appID)
	if err != nil {
		return err
	}
	for _, x := range ws {
		if x.ID == id {
			return writeJSON(w, status, toWithholdingJSON(x))
		}
	}
	return nintei.ErrNotFound
}

// apiRequestWithholding files the applicant's request, as the UI's
// requestWithholding does.
func (s *Server) apiRequestWithholding(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	// Another provider's application is not found, whatever the body.
	if _, err := s.svc.Application(r.Context(), *principal(r), ids[0]); err != nil {
		return err
	}
	var in struct {
		Items  []string `json:"items"`
		Reason string   `json:"reason"`
		Until  string   `json:"until"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	wid, err := s.svc.RequestWithholdingID(r.Context(), *principal(r), ids[0], in.Items, in.Reason, in.Until)
	if err != nil {
		return err
	}
	return s.writeWithholding(w, r, ids[0], wid, http.StatusCreated)
}

// apiDecideWithholding approves or rejects a request, as the UI's
// decideWithholding does; until, when given with an approval, replaces
// the requested period.
func (s *Server) apiDecideWithholding(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id", "wid")
	if err != nil {
		return err
	}
	if _, err := s.svc.Application(r.Context(), *principal(r), ids[0]); err != nil {
		return err
	}
	var in struct {
		Approve *bool  `json:"approve"`
		Until   string `json:"until"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if in.Approve == nil {
		return nintei.Invalid("error.required", "approve")
	}
	if err := s.svc.DecideWithholding(r.Context(), *principal(r), ids[0], ids[1], *in.Approve, in.Until); err != nil {
		return err
	}
	return s.writeWithholding(w, r, ids[0], ids[1], http.StatusOK)
}
