package api

import (
	"net/http"
	"time"

	"nintei"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/core"
)

type incidentReportJSON struct {
	ID         int64      `json:"id"`
	Stage      string     `json:"stage"`
	OccurredAt *time.Time `json:"occurred_at,omitempty"`
	Summary    string     `json:"summary"`
	Impact     string     `json:"impact,omitempty"`
	Measures   string     `json:"measures,omitempty"`
	FiledAt    time.Time  `json:"filed_at"`
}

type incidentJSON struct {
	ID              int64                `json:"id"`
	ApplicationID   int64                `json:"application_id"`
	Number          string               `json:"number"`
	ServiceName     string               `json:"service_name,omitempty"`
	Kind            string               `json:"kind"`
	State           string               `json:"state"`
	OpenedAt        time.Time            `json:"opened_at"`
	FirstReportedAt *time.Time           `json:"first_reported_at"`
	ClosedAt        *time.Time           `json:"closed_at"`
	AgeDays         int                  `json:"age_days"`
	Reports         []incidentReportJSON `json:"reports,omitempty"`
	LastReport      *incidentReportJSON  `json:"last_report,omitempty"`
}

type maintenanceJSON struct {
	ID          int64  `json:"id"`
	AnnouncedOn string `json:"announced_on"`
	StartsOn    string `json:"starts_on"`
	Description string `json:"description"`
	Disclosed   string `json:"disclosed"`
	Period      string `json:"period"`
	Verdict     string `json:"verdict"`
	IncidentID  *int64 `json:"incident_id"`
}

func reportJSON(r core.IncidentReport) incidentReportJSON {
	return incidentReportJSON{ID: r.ID, Stage: r.Stage, OccurredAt: r.OccurredAt, Summary: r.Summary, Impact: r.Impact,
		Measures: r.Measures, FiledAt: r.FiledAt}
}

func toIncidentJSON(v aftercare.IncidentView) incidentJSON {
	out := incidentJSON{ID: v.ID, ApplicationID: v.ApplicationID, Number: v.Number, ServiceName: v.ServiceName, Kind: v.Kind,
		State: v.State, OpenedAt: v.OpenedAt, FirstReportedAt: v.FirstReportedAt, ClosedAt: v.ClosedAt, AgeDays: v.AgeDays}
	for _, r := range v.Reports {
		out.Reports = append(out.Reports, reportJSON(r))
	}
	if v.LastReport != nil {
		r := reportJSON(*v.LastReport)
		out.LastReport = &r
	}
	return out
}

func toMaintenanceJSON(m core.MaintenanceNotice) maintenanceJSON {
	return maintenanceJSON{ID: m.ID, AnnouncedOn: m.AnnouncedOn, StartsOn: m.StartsOn, Description: m.Description,
		Disclosed: m.Disclosed, Period: m.Period, Verdict: m.Verdict, IncidentID: m.IncidentID}
}

type reportBody struct {
	Kind       string `json:"kind"`
	Stage      string `json:"stage"`
	OccurredAt string `json:"occurred_at"`
	Summary    string `json:"summary"`
	Impact     string `json:"impact"`
	Measures   string `json:"measures"`
}

func (b reportBody) text() aftercare.ReportText {
	return aftercare.ReportText{OccurredAt: b.OccurredAt, Summary: b.Summary, Impact: b.Impact, Measures: b.Measures}
}

// apiIncidents lists an application's incidents with their reports and
// its recorded maintenance.
func (s *Server) apiIncidents(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	p := *principal(r)
	xs, err := s.svc.Incidents(r.Context(), p, ids[0])
	if err != nil {
		return err
	}
	ms, err := s.svc.MaintenanceNotices(r.Context(), p, ids[0])
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Incidents   []incidentJSON    `json:"incidents"`
		Maintenance []maintenanceJSON `json:"maintenance"`
	}{jsonList(xs, toIncidentJSON), jsonList(ms, toMaintenanceJSON)})
}

// writeIncident answers with one incident as it is now.
func (s *Server) writeIncident(w http.ResponseWriter, r *http.Request, appID, id int64, status int) error {
	xs, err := s.svc.Incidents(r.Context(), *principal(r), appID)
	if err != nil {
		return err
	}
	return writeByID(w, status, xs, id, func(x aftercare.IncidentView) int64 { return x.ID }, toIncidentJSON)
}

func (s *Server) apiReportIncident(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.Certification(r.Context(), *principal(r), ids[0]); err != nil {
		return err // another provider's application is not found, whatever the body
	}
	var in reportBody
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	iid, err := s.svc.ReportIncident(r.Context(), *principal(r), ids[0], aftercare.NewIncident{Kind: in.Kind, ReportText: in.text()})
	if err != nil {
		return err
	}
	return s.writeIncident(w, r, ids[0], iid, http.StatusCreated)
}

func (s *Server) apiFileIncidentReport(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id", "iid")
	if err != nil {
		return err
	}
	if _, err := s.svc.Certification(r.Context(), *principal(r), ids[0]); err != nil {
		return err // another provider's application is not found, whatever the body
	}
	var in reportBody
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.svc.FileIncidentReport(r.Context(), *principal(r), ids[0], ids[1], in.Stage, in.text()); err != nil {
		return err
	}
	return s.writeIncident(w, r, ids[0], ids[1], http.StatusCreated)
}

func (s *Server) apiRecordMaintenance(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.Certification(r.Context(), *principal(r), ids[0]); err != nil {
		return err
	}
	var in struct {
		AnnouncedOn string `json:"announced_on"`
		StartsOn    string `json:"starts_on"`
		Description string `json:"description"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	m, err := s.svc.RecordMaintenance(r.Context(), *principal(r), ids[0], aftercare.Maintenance{AnnouncedOn: in.AnnouncedOn,
		StartsOn: in.StartsOn, Description: in.Description})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toMaintenanceJSON(m))
}

// apiOpenIncidents is the staff's list of open incidents with their age
// and last report.
func (s *Server) apiOpenIncidents(w http.ResponseWriter, r *http.Request) error {
	xs, err := s.svc.OpenIncidents(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Incidents []incidentJSON `json:"incidents"`
	}{jsonList(xs, toIncidentJSON)})
}

type supervisionResponseJSON struct {
	ID          int64     `json:"id"`
	Body        string    `json:"body"`
	RespondedAt time.Time `json:"responded_at"`
}

type supervisionJSON struct {
	ID            int64                     `json:"id"`
	ApplicationID int64                     `json:"application_id"`
	Number        string                    `json:"number"`
	Kind          string                    `json:"kind"`
	Body          string                    `json:"body"`
	DueOn         string                    `json:"due_on"`
	State         string                    `json:"state"`
	PublishedOn   string                    `json:"published_on,omitempty"`
	RequestedAt   time.Time                 `json:"requested_at"`
	ResolvedAt    *time.Time                `json:"resolved_at"`
	Responses     []supervisionResponseJSON `json:"responses"`
}

func toSupervisionJSON(q core.SupervisionRequest) supervisionJSON {
	out := supervisionJSON{ID: q.ID, ApplicationID: q.ApplicationID, Number: q.Number, Kind: q.Kind, Body: q.Body, DueOn: q.DueOn,
		State: q.State, PublishedOn: q.PublishedOn, RequestedAt: q.RequestedAt, ResolvedAt: q.ResolvedAt, Responses: []supervisionResponseJSON{}}
	for _, x := range q.Responses {
		out.Responses = append(out.Responses, supervisionResponseJSON{ID: x.ID, Body: x.Body, RespondedAt: x.RespondedAt})
	}
	return out
}

func (s *Server) apiSupervision(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	rs, err := s.svc.SupervisionRequests(r.Context(), *principal(r), ids[0])
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Requests []supervisionJSON `json:"requests"`
	}{jsonList(rs, toSupervisionJSON)})
}

// writeSupervision answers with one request as it is now.
func (s *Server) writeSupervision(w http.ResponseWriter, r *http.Request, appID, id int64, status int) error {
	rs, err := s.svc.SupervisionRequests(r.Context(), *principal(r), appID)
	if err != nil {
		return err
	}
	return writeByID(w, status, rs, id, func(q core.SupervisionRequest) int64 { return q.ID }, toSupervisionJSON)
}

// orEmpty is xs, or an empty list for nil: the API writes [] for an empty
// list, never null.
func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// orEmptyMap is m, or an empty map for nil ({} rather than null).
func orEmptyMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return map[K]V{}
	}
	return m
}

// jsonList is xs as their JSON forms: an empty list, never null, when there
// are none (a client generated from the OpenAPI document expects an array).
func jsonList[T, J any](xs []T, toJSON func(T) J) []J {
	out := make([]J, 0, len(xs))
	for _, x := range xs {
		out = append(out, toJSON(x))
	}
	return out
}

// writeByID answers with the one of xs whose ID is id, as JSON; not found
// when none is.
func writeByID[T, J any](w http.ResponseWriter, status int, xs []T, id int64, idOf func(T) int64, toJSON func(T) J) error {
	for _, x := range xs {
		if idOf(x) == id {
			return writeJSON(w, status, toJSON(x))
		}
	}
	return nintei.ErrNotFound
}

func (s *Server) apiRequestSupervision(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Kind    string `json:"kind"`
		Body    string `json:"body"`
		DueOn   string `json:"due_on"`
		Publish bool   `json:"publish"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	rid, err := s.svc.RequestSupervision(r.Context(), *principal(r), ids[0], aftercare.NewSupervisionRequest{Kind: in.Kind, Body: in.Body,
		DueOn: in.DueOn, Publish: in.Publish})
	if err != nil {
		return err
	}
	return s.writeSupervision(w, r, ids[0], rid, http.StatusCreated)
}

func (s *Server) apiRespondSupervision(w http.ResponseWriter, r *http.Request) error {
	ids, err := pathIDs(r, "id", "rid")
	if err != nil {
		return err
	}
	if _, err := s.svc.Certification(r.Context(), *principal(r), ids[0]); err != nil {
		return err
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.svc.RespondSupervision(r.Context(), *principal(r), ids[0], ids[1], in.Body); err != nil {
		return err
	}
	return s.writeSupervision(w, r, ids[0], ids[1], http.StatusCreated)
}

// apiSupervisionAction resolves or publishes a request.
func (s *Server) apiSupervisionAction(act func(r *http.Request, p service.Principal, id, rid int64) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ids, err := pathIDs(r, "id", "rid")
		if err != nil {
			return err
		}
		if err := act(r, *principal(r), ids[0], ids[1]); err != nil {
			return err
		}
		return s.writeSupervision(w, r, ids[0], ids[1], http.StatusOK)
	}
}
