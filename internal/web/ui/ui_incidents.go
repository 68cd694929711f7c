package ui

import (
	"net/http"
	"net/url"
	"strconv"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/incident"
	"nintei/policy"
	"nintei/service/aftercare"
	"nintei/service/core"
)

// afterCertPage is what the incident and supervision pages of a certified
// service share: the application, its certification, and the form that
// failed with what was typed into it, so a bad input loses nothing.
type afterCertPage struct {
	Layout
	App     application.Application
	Cert    certification.Certification
	InForce bool
	Today   string
	Error   *fieldError
	Failed  string     // which form the error belongs to
	Form    url.Values // what was posted
}

// Val is the value a failed form had, to fill it again.
func (p afterCertPage) Val(form, field string) string {
	if p.Failed != form {
		return ""
	}
	return p.Form.Get(field)
}

// Invalid reports whether field of form is the one the error names.
func (p afterCertPage) Invalid(form, field string) bool {
	return p.Failed == form && p.Error != nil && p.Error.Field == field
}

type incidentsPage struct {
	afterCertPage
	Incidents   []aftercare.IncidentView
	Maintenance []core.MaintenanceNotice
	Kinds       []string
	KindKeys    map[string]string
	StageKeys   map[string]string
	StateKeys   map[string]string
	VerdictKeys map[string]string
}

// FieldKeys names the report's text fields.
func (incidentsPage) FieldKeys() map[string]string {
	return map[string]string{"summary": "incident.summary", "impact": "incident.impact", "measures": "incident.measures"}
}

// FirstFor reports whether a report form is the first report of an
// incident flagged by the maintenance check (it asks when it occurred).
func (p incidentsPage) FirstFor(form string) bool {
	for _, x := range p.Incidents {
		if form == "report-"+strconv.FormatInt(x.ID, 10) {
			return x.State == incident.StateReportNeeded
		}
	}
	return false
}

// The message of each value, as full keys (never built from the value).
var (
	incidentKindKeys  = aftercare.IncidentKindKeys
	incidentStageKeys = map[string]string{
		incident.StageFirst: "incident.stage.first", incident.StageFollowUp: "incident.stage.followup", incident.StageFinal: "incident.stage.final",
	}
	incidentStateKeys = map[string]string{
		incident.StateReportNeeded: "incident.state.report_needed", incident.StateOpen: "incident.state.open", incident.StateClosed: "incident.state.closed",
	}
	noticeVerdictKeys = map[string]string{
		incident.NoticeInTime: "maintenance.verdict.in_time", incident.NoticeLate: "maintenance.verdict.late", incident.NoticeUnknown: "maintenance.verdict.unknown",
	}
)

// afterCert loads the application and its certification for the pages of
// a certified service; the service decides who may see them.
func (s *Server) afterCert(w http.ResponseWriter, r *http.Request) (afterCertPage, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return afterCertPage{}, errNoRoute
	}
	p := *principal(r)
	c, err := s.svc.Certification(r.Context(), p, id)
	if err != nil {
		return afterCertPage{}, err
	}
	a, err := s.svc.Application(r.Context(), p, id)
	if err != nil {
		return afterCertPage{}, err
	}
	today := s.svc.Today().Format("2006-01-02")
	return afterCertPage{Layout: s.layout(w, r), App: a, Cert: c, Today: today,
		InForce: a.State == application.Certified && c.InForceOn(civil.DateOf(s.svc.Today()))}, nil
}

// showIncidents is the incidents page of a certified service: its
// provider reports and follows up, records maintenance; staff read.
func (s *Server) showIncidents(w http.ResponseWriter, r *http.Request) error {
	return s.renderIncidents(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderIncidents(w http.ResponseWriter, r *http.Request, status int, failed string, cause error) error {
	base, err := s.afterCert(w, r)
	if err != nil {
		return err
	}
	p := *principal(r)
	page := incidentsPage{afterCertPage: base, Kinds: incident.ReportableKinds, KindKeys: incidentKindKeys,
		StageKeys: incidentStageKeys, StateKeys: incidentStateKeys, VerdictKeys: noticeVerdictKeys}
	if cause != nil {
		fe, ok := s.formError(page.Layout, cause)
		if !ok {
			return cause
		}
		page.Error, page.Failed, page.Form = &fe, failed, r.PostForm
	}
	if page.Incidents, err = s.svc.Incidents(r.Context(), p, base.App.ID); err != nil {
		return err
	}
	if page.Maintenance, err = s.svc.MaintenanceNotices(r.Context(), p, base.App.ID); err != nil {
		return err
	}
	if status == http.StatusOK && policy.Allows(p.User.Role, policy.ReadApplications) {
		if err := s.svc.RecordStaffView(r.Context(), p, base.App.ID, "incidents"); err != nil {
			return err
		}
	}
	return s.render(w, r, status, "incidents", page)
}

// incidentFailed shows the page again with the error beside the form, or
// hands any other error to the error page.
func (s *Server) incidentFailed(w http.ResponseWriter, r *http.Request, form string, err error) error {
	if !showsOnForm(err) {
		return err
	}
	_, status := classify(err)
	return s.renderIncidents(w, r, status, form, err)
}

func reportText(f url.Values) aftercare.ReportText {
	return aftercare.ReportText{OccurredAt: f.Get("occurred_at"), Summary: f.Get("summary"), Impact: f.Get("impact"), Measures: f.Get("measures")}
}

// reportIncident files the first report of a new incident.
func (s *Server) reportIncident(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	iid, err := s.svc.ReportIncident(r.Context(), *principal(r), id, aftercare.NewIncident{Kind: r.PostFormValue("kind"), ReportText: reportText(r.PostForm)})
	if err != nil {
		return s.incidentFailed(w, r, "new", err)
	}
	return redirect(w, r, appURL(id, "/incidents#incident-"+strconv.FormatInt(iid, 10)), "flash.incident.reported")
}

// fileIncidentReport appends a first (flagged incidents), follow-up or
// final report.
func (s *Server) fileIncidentReport(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err1 := pathID(r, "id")
	iid, err2 := pathID(r, "iid")
	if err1 != nil || err2 != nil {
		return errNoRoute
	}
	stage := r.PostFormValue("stage")
	if err := s.svc.FileIncidentReport(r.Context(), *principal(r), id, iid, stage, reportText(r.PostForm)); err != nil {
		return s.incidentFailed(w, r, "report-"+strconv.FormatInt(iid, 10), err)
	}
	return redirect(w, r, appURL(id, "/incidents#incident-"+strconv.FormatInt(iid, 10)), "flash.incident.report_filed")
}

// recordMaintenance records a planned maintenance and checks its notice
//
func (s *Server) recordMaintenance(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	m, err := s.svc.RecordMaintenance(r.Context(), *principal(r), id, aftercare.Maintenance{AnnouncedOn: r.PostFormValue("announced_on"),
		StartsOn: r.PostFormValue("starts_on"), Description: r.PostFormValue("description")})
	if err != nil {
		return s.incidentFailed(w, r, "maintenance", err)
	}
	return redirect(w, r, appURL(id, "/incidents#maintenance-"+strconv.FormatInt(m.ID, 10)), maintenanceFlash[m.Verdict])
}

var maintenanceFlash = map[string]string{
	incident.NoticeInTime: "flash.maintenance.in_time", incident.NoticeLate: "flash.maintenance.late", incident.NoticeUnknown: "flash.maintenance.unknown",
}

type openIncidentsPage struct {
	Layout
	Incidents   []aftercare.IncidentView
	Requests    []core.SupervisionRequest
	Unread      []core.MaintenanceNotice // notice period not readable: judged by eye
	Today       string
	KindKeys    map[string]string
	StageKeys   map[string]string
	StateKeys   map[string]string
	RequestKeys map[string]string
	ReqState    map[string]string
}

// showOpenIncidents is the staff's list of open incidents, with their age
// and last report, and of open supervision requests.
func (s *Server) showOpenIncidents(w http.ResponseWriter, r *http.Request) error {
	p := *principal(r)
	xs, err := s.svc.OpenIncidents(r.Context(), p)
	if err != nil {
		return err
	}
	rs, err := s.svc.OpenSupervisionRequests(r.Context(), p)
	if err != nil {
		return err
	}
	unread, err := s.svc.UnreadNotices(r.Context(), p, 50)
	if err != nil {
		return err
	}
	page := openIncidentsPage{Layout: s.layout(w, r), Incidents: xs, Requests: rs, Unread: unread, Today: s.svc.Today().Format("2006-01-02"),
		KindKeys: incidentKindKeys, StageKeys: incidentStageKeys, StateKeys: incidentStateKeys, RequestKeys: supervisionKindKeys,
		ReqState: supervisionStateKeys}
	return s.render(w, r, http.StatusOK, "open_incidents", page)
}

// showsOnForm reports whether an error is the user's to fix on the form
// (bad input, or a state that changed meanwhile); others go to the error
// page.
func showsOnForm(err error) bool {
	k := nintei.KindOf(err)
	return k == nintei.KindInvalid || k == nintei.KindConflict
}
