package aftercare

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/incident"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// NewIncident is a provider's first report of an emergency.
type NewIncident struct {
	Kind string // one of incident.ReportableKinds
	ReportText
}

// ReportText is what every report says. OccurredAt (YYYY-MM-DD HH:MM or
// YYYY-MM-DDTHH:MM, Japan time) is required in a first report and
// ignored afterwards.
type ReportText struct {
	OccurredAt string
	Summary    string
	Impact     string
	Measures   string
}

// IncidentView is an incident with its reports in the order filed.
type IncidentView struct {
	store.Incident
	Reports []store.IncidentReport
	AgeDays int // days since the first report (since it was flagged while no report was filed)
}

var (
	errIncidentKind     = nintei.Invalid("error.incident.kind", "kind")
	errIncidentOccurred = nintei.Invalid("error.incident.occurred_at", "occurred_at")
	errIncidentSummary  = nintei.Invalid("error.incident.summary", "summary")
	errIncidentImpact   = nintei.Invalid("error.incident.impact", "impact")
	errIncidentMeasures = nintei.Invalid("error.incident.measures", "measures")
	errIncidentStage    = nintei.Invalid("error.incident.stage", "stage")
	errIncidentNotNow   = nintei.Errorf(nintei.KindConflict, "error.incident.not_now")
	errNotCertified     = nintei.Errorf(nintei.KindConflict, "error.incident.not_certified")
	errMaintenanceDates = nintei.Invalid("error.maintenance.dates", "announced_on")
	errMaintenanceText  = nintei.Invalid("error.maintenance.description", "description")
)

// Mails of incidents.
var (
	noticeIncidentReceived = core.Notice{Subject: "mail.incident.received.subject", Body: "mail.incident.received.body"}
	noticeMaintenanceLate  = core.Notice{Subject: "mail.incident.maintenance_late.subject", Body: "mail.incident.maintenance_late.body"}
)

// providerCertified loads, for a person of the provider, its application
// whose certification is in force today; another provider's application
// is not found, and staff are forbidden.
func (s *Aftercare) providerCertified(ctx context.Context, p core.Principal, appID int64) (application.Application, certification.Certification, error) {
	if err := p.May(policy.ReportIncident); err != nil {
		return application.Application{}, certification.Certification{}, err
	}
	return s.certifiedInForce(ctx, p, appID)
}

// certifiedInForce loads an application the actor may see whose
// certification is in force today.
func (s *Aftercare) certifiedInForce(ctx context.Context, p core.Principal, appID int64) (application.Application, certification.Certification, error) {
	a, err := s.Application(ctx, p, appID)
	if err != nil {
		return a, certification.Certification{}, err
	}
	c, err := s.Store.CertificationOfApplication(ctx, appID)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return a, c, errNotCertified
	} else if err != nil {
		return a, c, err
	}
	if a.State != application.Certified || !c.InForceOn(s.Day()) {
		return a, c, errNotCertified
	}
	return a, c, nil
}

// ReportIncident files the first report of a new incident for a certified
// service: the provider's owner or member, of its own service
// only. The secretariat is mailed.
func (s *Aftercare) ReportIncident(ctx context.Context, p core.Principal, appID int64, in NewIncident) (int64, error) {
	a, c, err := s.providerCertified(ctx, p, appID)
	if err != nil {
		return 0, err
	}
	if !slices.Contains(incident.ReportableKinds, in.Kind) {
		return 0, errIncidentKind
	}
	r, err := s.checkReport(incident.StageFirst, in.ReportText)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if id, err = tx.InsertIncident(ctx, store.Incident{ApplicationID: a.ID, CertificationID: c.ID, Kind: in.Kind,
			State: incident.StateReportNeeded}); err != nil {
			return err
		}
		r.IncidentID, r.FiledBy = id, p.User.ID
		if err := s.appendReport(ctx, tx, p, r, incident.StateReportNeeded, incident.StateOpen); err != nil {
			return err
		}
		return s.notifySecretariat(ctx, tx, noticeIncidentReceived, map[string]any{"ID": a.ID, "Service": a.FormA.Service.Name, "Number": c.Number,
			"Kind": s.Msgs.T(i18n.Japanese, IncidentKindKeys[in.Kind], nil), "URL": s.Config.BaseURL + incidentsURL(a.ID)})
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// FileIncidentReport appends a report to an incident: the first report of
// one flagged by the maintenance check, a follow-up, or the final report
// that closes it. Reports are never edited.
func (s *Aftercare) FileIncidentReport(ctx context.Context, p core.Principal, appID, incidentID int64, stage string, text ReportText) error {
	a, _, err := s.providerCertified(ctx, p, appID)
	if err != nil {
		return err
	}
	x, err := s.Store.IncidentOfApplication(ctx, a.ID, incidentID)
	if err != nil {
		return err
	}
	from, to, ok := reportTransition(stage)
	if !ok {
		return errIncidentStage
	}
	if x.State != from {
		return errIncidentNotNow
	}
	r, err := s.checkReport(stage, text)
	if err != nil {
		return err
	}
	r.IncidentID, r.FiledBy = x.ID, p.User.ID
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		return s.appendReport(ctx, tx, p, r, from, to)
	})
	if nintei.KindOf(err) == nintei.KindNotFound {
		return errIncidentNotNow // closed or reported meanwhile
	}
	return err
}

// reportTransition is the state an incident must be in for a report of
// the stage, and the state it moves to.
func reportTransition(stage string) (from, to string, ok bool) {
	switch stage {
	case incident.StageFirst:
		return incident.StateReportNeeded, incident.StateOpen, true
	case incident.StageFollowUp:
		return incident.StateOpen, incident.StateOpen, true
	case incident.StageFinal:
		return incident.StateOpen, incident.StateClosed, true
	}
	return "", "", false
}

func (s *Aftercare) appendReport(ctx context.Context, tx store.Tx, p core.Principal, r store.IncidentReport, from, to string) error {
	rid, err := tx.AddIncidentReport(ctx, r, from, to)
	if err != nil {
		return err
	}
	ev := core.Event(&p.User, "incident.report."+r.Stage, "incident", core.Itoa64(r.IncidentID))
	ev.AfterDigest = nintei.StateDigest(r)
	return core.AuditWithDetail(ctx, tx, ev, core.IncidentReportDetail{Report: rid})
}

// checkReport trims and validates a report: a summary always; the time
// of occurrence (not in the future), the impact and the measures in a
// first report; the measures in a final report.
func (s *Aftercare) checkReport(stage string, t ReportText) (store.IncidentReport, error) {
	r := store.IncidentReport{Stage: stage, Summary: strings.TrimSpace(t.Summary), Impact: strings.TrimSpace(t.Impact),
		Measures: strings.TrimSpace(t.Measures)}
	if stage == incident.StageFirst {
		at, err := parseLocalTime(t.OccurredAt)
		if err != nil || at.After(s.Now()) {
			return r, errIncidentOccurred
		}
		r.OccurredAt = &at
	}
	switch {
	case r.Summary == "":
		return r, errIncidentSummary
	case stage == incident.StageFirst && r.Impact == "":
		return r, errIncidentImpact
	case stage != incident.StageFollowUp && r.Measures == "":
		return r, errIncidentMeasures
	}
	return r, nil
}

// parseLocalTime reads a date and time in Japan: "2006-01-02 15:04",
// "2006-01-02T15:04" (an HTML datetime-local field) or a bare date.
func parseLocalTime(v string) (time.Time, error) {
	v = strings.TrimSpace(strings.Replace(v, "T", " ", 1))
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, core.JST); err == nil {
			return t.UTC(), nil
		}
	}
	// As a person writes it: 2026年11月27日 9:30, 2026/11/27 9:30.
	day, clock, _ := strings.Cut(v, " ")
	d, err := civil.ParseWritten(day)
	if err != nil || d.IsZero() {
		return time.Time{}, errIncidentOccurred
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", d.String()+" "+normalizeClock(clock), core.JST)
	if err != nil {
		return time.Time{}, errIncidentOccurred
	}
	return t.UTC(), nil
}

// normalizeClock writes "9:30" as "09:30" and "" as "00:00".
func normalizeClock(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return "00:00"
	}
	if len(c) == 4 && c[1] == ':' {
		return "0" + c
	}
	return c
}

// Incidents lists an application's incidents with their reports, for its
// provider and the body's staff; another provider gets not found.
func (s *Aftercare) Incidents(ctx context.Context, p core.Principal, appID int64) ([]IncidentView, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	xs, err := s.Store.IncidentsOfApplication(ctx, appID)
	if err != nil {
		return nil, err
	}
	out := make([]IncidentView, 0, len(xs))
	for _, x := range xs {
		rs, err := s.Store.IncidentReports(ctx, x.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, IncidentView{Incident: x, Reports: rs, AgeDays: s.ageDays(x)})
	}
	return out, nil
}

// OpenIncidents lists every incident not closed, oldest first, with its
// age and last report, for the body's staff.
func (s *Aftercare) OpenIncidents(ctx context.Context, p core.Principal) ([]IncidentView, error) {
	if err := p.May(policy.ReadIncidents); err != nil {
		return nil, err
	}
	xs, err := s.Store.OpenIncidents(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]IncidentView, 0, len(xs))
	for _, x := range xs {
		out = append(out, IncidentView{Incident: x, AgeDays: s.ageDays(x)})
	}
	return out, nil
}

// ageDays counts calendar days in Japan from the first report (or from
// the flag, while no report was filed) to today.
func (s *Aftercare) ageDays(x store.Incident) int {
	from := x.OpenedAt
	if x.FirstReportedAt != nil {
		from = *x.FirstReportedAt
	}
	f := from.In(core.JST)
	start := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, time.UTC)
	return int(s.Today().Sub(start).Hours() / 24)
}

// IncidentKindKeys names each kind's message (full keys, never built),
// for the mails and the pages.
var IncidentKindKeys = map[string]string{
	incident.KindOutage: "incident.kind.outage", incident.KindLeak: "incident.kind.leak",
	incident.KindThreat: "incident.kind.threat", incident.KindMaintenance: "incident.kind.maintenance_notice",
}

func incidentsURL(appID int64) string {
	return "/applications/" + strconv.FormatInt(appID, 10) + "/incidents"
}

// notifySecretariat queues a mail to every active secretariat user, in the
// transaction of the change it announces (core.QueueMail). args["ID"] is
// the application the notice is about.
func (s *Aftercare) notifySecretariat(ctx context.Context, tx store.Tx, n core.Notice, args map[string]any) error {
	staff, err := tx.UsersWithRole(ctx, nintei.RoleSecretariat)
	if err != nil {
		return err
	}
	about := core.Mailed{Type: "application", ID: fmt.Sprint(args["ID"])}
	for _, u := range staff {
		if !u.Active() {
			continue
		}
		m := mail.Message{To: u.Email, Subject: s.MailT(i18n.Japanese, n.Subject, args), Text: s.MailT(i18n.Japanese, n.Body, args)}
		if err := s.QueueMail(ctx, tx, m, about); err != nil {
			return err
		}
	}
	return nil
}
