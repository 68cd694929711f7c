package sqlstore

import (
	"context"
	"database/sql"

	"nintei/store"
)

// Incident is defined in package store, the port of the use cases.
type Incident = store.Incident

// IncidentReport is defined in package store, the port of the use cases.
type IncidentReport = store.IncidentReport

// InsertIncident opens an incident and returns its ID.
func (tx *Tx) InsertIncident(ctx context.Context, x Incident) (int64, error) {
	return tx.insertID(ctx, "sqlstore.InsertIncident", `INSERT INTO incidents (application_id, certification_id, kind, state, opened_at)
		VALUES (?, ?, ?, ?, ?)`, x.ApplicationID, x.CertificationID, x.Kind, x.State, tx.ts(tx.Now))
}

// AddIncidentReport appends a report and moves the incident on: a first
// report opens it, a final report closes it. from is the state the
// incident must be in; nintei.ErrNotFound when it is not (someone closed
// it meanwhile).
func (tx *Tx) AddIncidentReport(ctx context.Context, r IncidentReport, from, to string) (int64, error) {
	set := "state = ?"
	args := []any{to}
	switch r.Stage {
	case "first":
		set += ", first_reported_at = ?"
		args = append(args, tx.ts(tx.Now))
	case "final":
		set += ", closed_at = ?"
		args = append(args, tx.ts(tx.Now))
	}
	args = append(args, r.IncidentID, from)
	if err := tx.execOne(ctx, "sqlstore.AddIncidentReport", "UPDATE incidents SET "+set+" WHERE id = ? AND state = ?", args...); err != nil {
		return 0, err
	}
	return tx.insertID(ctx, "sqlstore.AddIncidentReport", `INSERT INTO incident_reports (incident_id, stage, occurred_at, summary, impact,
		measures, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.IncidentID, r.Stage, tx.tsPtr(r.OccurredAt), r.Summary,
		r.Impact, r.Measures, r.FiledBy, tx.ts(tx.Now))
}

const incidentCols = `i.id, i.application_id, i.certification_id, i.kind, i.state, i.opened_at, i.first_reported_at, i.closed_at,
	c.number, COALESCE(r.service_name, ''), (SELECT COUNT(*) FROM incident_reports x WHERE x.incident_id = i.id)`

const incidentFrom = ` FROM incidents i JOIN certifications c ON c.id = i.certification_id
	LEFT JOIN registry_entries r ON r.certification_id = c.id `

// IncidentsOfApplication lists an application's incidents, newest first.
func (c *conn) IncidentsOfApplication(ctx context.Context, applicationID int64) ([]Incident, error) {
	return c.incidentsWhere(ctx, "i.application_id = ? ORDER BY i.id DESC", applicationID)
}

// OpenIncidents lists every incident not closed, oldest first, each with
// its last report.
func (c *conn) OpenIncidents(ctx context.Context) ([]Incident, error) {
	out, err := c.incidentsWhere(ctx, "i.state <> 'closed' ORDER BY i.opened_at, i.id")
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Reports == 0 {
			continue
		}
		var r IncidentReport
		var occurred sql.NullTime
		err := c.queryRow(ctx, `SELECT id, incident_id, stage, occurred_at, summary, impact, measures, filed_by, filed_at
			FROM incident_reports WHERE incident_id = ? ORDER BY id DESC LIMIT 1`, out[i].ID).Scan(&r.ID, &r.IncidentID, &r.Stage,
			&occurred, &r.Summary, &r.Impact, &r.Measures, &r.FiledBy, &r.FiledAt)
		if err != nil {
			return nil, mapErr("sqlstore.OpenIncidents", err)
		}
		r.OccurredAt = nullTime(occurred)
		out[i].LastReport = &r
	}
	return out, nil
}

// IncidentOfApplication returns one incident of an application;
// nintei.ErrNotFound when the application has no such incident.
func (c *conn) IncidentOfApplication(ctx context.Context, applicationID, id int64) (Incident, error) {
	xs, err := c.incidentsWhere(ctx, "i.application_id = ? AND i.id = ?", applicationID, id)
	if err != nil {
		return Incident{}, err
	}
	if len(xs) == 0 {
		return Incident{}, mapErr("sqlstore.IncidentOfApplication", sql.ErrNoRows)
	}
	return xs[0], nil
}

func (c *conn) incidentsWhere(ctx context.Context, where string, args ...any) ([]Incident, error) {
	rows, err := c.query(ctx, "SELECT "+incidentCols+incidentFrom+"WHERE "+where, args...)
	if err != nil {
		return nil, mapErr("sqlstore.incidents", err)
	}
	defer rows.Close()
	var out []Incident
	for rows.Next() {
		var x Incident
		var first, closed sql.NullTime
		if err := rows.Scan(&x.ID, &x.ApplicationID, &x.CertificationID, &x.Kind, &x.State, &x.OpenedAt, &first, &closed,
			&x.Number, &x.ServiceName, &x.Reports); err != nil {
			return nil, mapErr("sqlstore.incidents", err)
		}
		x.FirstReportedAt, x.ClosedAt = nullTime(first), nullTime(closed)
		out = append(out, x)
	}
	return out, mapErr("sqlstore.incidents", rows.Err())
}

// IncidentReports lists an incident's reports in the order filed.
func (c *conn) IncidentReports(ctx context.Context, incidentID int64) ([]IncidentReport, error) {
	rows, err := c.query(ctx, `SELECT id, incident_id, stage, occurred_at, summary, impact, measures, filed_by, filed_at
		FROM incident_reports WHERE incident_id = ? ORDER BY id`, incidentID)
	if err != nil {
		return nil, mapErr("sqlstore.IncidentReports", err)
	}
	defer rows.Close()
	var out []IncidentReport
	for rows.Next() {
		var r IncidentReport
		var occurred sql.NullTime
		if err := rows.Scan(&r.ID, &r.IncidentID, &r.Stage, &occurred, &r.Summary, &r.Impact, &r.Measures, &r.FiledBy, &r.FiledAt); err != nil {
			return nil, mapErr("sqlstore.IncidentReports", err)
		}
		r.OccurredAt = nullTime(occurred)
		out = append(out, r)
	}
	return out, mapErr("sqlstore.IncidentReports", rows.Err())
}

// MaintenanceNotice is defined in package store, the port of the use cases.
type MaintenanceNotice = store.MaintenanceNotice

// InsertMaintenanceNotice records a maintenance and returns its ID.
func (tx *Tx) InsertMaintenanceNotice(ctx context.Context, m MaintenanceNotice) (int64, error) {
	return tx.insertID(ctx, "sqlstore.InsertMaintenanceNotice", `INSERT INTO maintenance_notices (application_id, announced_on, starts_on,
		description, disclosed, period, verdict, incident_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ApplicationID, m.AnnouncedOn, m.StartsOn, m.Description, m.Disclosed, m.Period, m.Verdict, m.IncidentID, m.RecordedBy, tx.ts(tx.Now))
}

// MaintenanceNotices lists an application's recorded maintenance, newest first.
func (c *conn) MaintenanceNotices(ctx context.Context, applicationID int64) ([]MaintenanceNotice, error) {
	rows, err := c.query(ctx, `SELECT id, application_id, announced_on, starts_on, description, disclosed, period, verdict, incident_id,
		recorded_by, recorded_at FROM maintenance_notices WHERE application_id = ? ORDER BY id DESC`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.MaintenanceNotices", err)
	}
	defer rows.Close()
	var out []MaintenanceNotice
	for rows.Next() {
		var m MaintenanceNotice
		var inc sql.NullInt64
		if err := rows.Scan(&m.ID, &m.ApplicationID, &m.AnnouncedOn, &m.StartsOn, &m.Description, &m.Disclosed, &m.Period, &m.Verdict,
			&inc, &m.RecordedBy, &m.RecordedAt); err != nil {
			return nil, mapErr("sqlstore.MaintenanceNotices", err)
		}
		if inc.Valid {
			m.IncidentID = &inc.Int64
		}
		out = append(out, m)
	}
	return out, mapErr("sqlstore.MaintenanceNotices", rows.Err())
}

// MaintenanceWithVerdict lists the newest recorded maintenance of every
// service with the given verdict (the secretariat checks those whose
// notice period could not be read), with the service's number and name.
func (c *conn) MaintenanceWithVerdict(ctx context.Context, verdict string, limit int) ([]MaintenanceNotice, error) {
	rows, err := c.query(ctx, `SELECT m.id, m.application_id, m.announced_on, m.starts_on, m.description, m.disclosed, m.period, m.verdict,
		m.recorded_at, c.number, COALESCE(r.service_name, '') FROM maintenance_notices m
		JOIN certifications c ON c.application_id = m.application_id LEFT JOIN registry_entries r ON r.certification_id = c.id
		WHERE m.verdict = ? ORDER BY m.id DESC LIMIT ?`, verdict, limit)
	if err != nil {
		return nil, mapErr("sqlstore.MaintenanceWithVerdict", err)
	}
	defer rows.Close()
	var out []MaintenanceNotice
	for rows.Next() {
		var m MaintenanceNotice
		if err := rows.Scan(&m.ID, &m.ApplicationID, &m.AnnouncedOn, &m.StartsOn, &m.Description, &m.Disclosed, &m.Period, &m.Verdict,
			&m.RecordedAt, &m.Number, &m.ServiceName); err != nil {
			return nil, mapErr("sqlstore.MaintenanceWithVerdict", err)
		}
		out = append(out, m)
	}
	return out, mapErr("sqlstore.MaintenanceWithVerdict", rows.Err())
}
