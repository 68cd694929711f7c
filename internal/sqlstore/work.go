package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/review"
	"nintei/store"
)

// The reads of the staff inboxes (service.Inbox, service.Queue,
// service.CommitteeWork): each returns what every row of a list needs in
// one query, so an inbox costs a fixed number of queries however many
// applications are under review.

// LatestState is defined in package store, the port of the use cases.
type LatestState = store.LatestState

// inStates is "(?, ?, …)" for n states, with the states as arguments.
func inStates(states []application.State) (string, []any) {
	args := make([]any, len(states))
	for i, s := range states {
		args[i] = string(s)
	}
	return "(?" + strings.Repeat(", ?", max(0, len(states)-1)) + ")", args
}

// LatestStates returns the newest state change of every application now in
// one of the states, by application ID.
func (c *conn) LatestStates(ctx context.Context, states ...application.State) (map[int64]LatestState, error) {
	out := map[int64]LatestState{}
	if len(states) == 0 {
		return out, nil
	}
	in, args := inStates(states)
	rows, err := c.query(ctx, `SELECT h.application_id, h.state, h.event, h.entered_at FROM state_history h
		WHERE h.application_id IN (SELECT id FROM applications WHERE state IN `+in+`)
		AND h.id = (SELECT MAX(x.id) FROM state_history x WHERE x.application_id = h.application_id)`, args...)
	if err != nil {
		return nil, mapErr("sqlstore.LatestStates", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e LatestState
		if err := rows.Scan(&e.ApplicationID, &e.State, &e.Event, &e.EnteredAt); err != nil {
			return nil, mapErr("sqlstore.LatestStates", err)
		}
		out[e.ApplicationID] = e
	}
	return out, mapErr("sqlstore.LatestStates", rows.Err())
}

// OpenInquiries returns every unanswered inquiry by application ID, oldest
// first.
func (c *conn) OpenInquiries(ctx context.Context) (map[int64][]review.Inquiry, error) {
	return c.openInquiries(ctx, "", nil)
}

// inIDs is "(?, ?, …)" for the IDs, with the IDs as arguments.
func inIDs(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(?" + strings.Repeat(", ?", max(0, len(ids)-1)) + ")", args
}

// ApplicationsByID reads the applications with the IDs, in one query.
func (c *conn) ApplicationsByID(ctx context.Context, ids []int64) ([]application.Application, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := inIDs(ids)
	return c.applications(ctx, "sqlstore.ApplicationsByID", "WHERE id IN "+in+" ORDER BY id", args...)
}

// OrgNames returns the names of the organisations with the IDs.
func (c *conn) OrgNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := inIDs(ids)
	rows, err := c.query(ctx, "SELECT id, name FROM organizations WHERE id IN "+in, args...)
	if err != nil {
		return nil, mapErr("sqlstore.OrgNames", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, mapErr("sqlstore.OrgNames", err)
		}
		out[id] = name
	}
	return out, mapErr("sqlstore.OrgNames", rows.Err())
}

// CommitteeSeat is defined in package store, the port of the use cases.
type CommitteeSeat = store.CommitteeSeat

// CommitteeSeats lists the seats of every application now before the
// committee, of one member when userID > 0.
func (c *conn) CommitteeSeats(ctx context.Context, userID int64) ([]CommitteeSeat, error) {
	q := `SELECT application_id, user_id, conflict, opinion_at FROM committee_members
		WHERE application_id IN (SELECT id FROM applications WHERE state = 'committee')`
	var args []any
	if userID > 0 {
		q, args = q+" AND user_id = ?", []any{userID}
	}
	rows, err := c.query(ctx, q+" ORDER BY application_id, user_id", args...)
	if err != nil {
		return nil, mapErr("sqlstore.CommitteeSeats", err)
	}
	defer rows.Close()
	var out []CommitteeSeat
	for rows.Next() {
		var s CommitteeSeat
		var conflict sql.NullBool
		var opined sql.NullTime
		if err := rows.Scan(&s.ApplicationID, &s.UserID, &conflict, &opined); err != nil {
			return nil, mapErr("sqlstore.CommitteeSeats", err)
		}
		s.Declared, s.Conflict, s.Opined = conflict.Valid, conflict.Bool, opined.Valid
		out = append(out, s)
	}
	return out, mapErr("sqlstore.CommitteeSeats", rows.Err())
}

// RequestedWithholdings lists the withholding requests not yet decided,
// oldest first.
func (c *conn) RequestedWithholdings(ctx context.Context) ([]Withholding, error) {
	return c.withholdingsWhere(ctx, "state = 'requested' ORDER BY requested_at, id")
}

// IncidentsNotClosed lists every incident not closed, oldest first, without
// its reports (OpenIncidents reads the last report of each).
func (c *conn) IncidentsNotClosed(ctx context.Context) ([]Incident, error) {
	return c.incidentsWhere(ctx, "i.state <> 'closed' ORDER BY i.opened_at, i.id")
}

// ExpiringCertification is defined in package store, the port of the use cases.
type ExpiringCertification = store.ExpiringCertification

// CertificationsValidUntil lists the valid certifications whose last valid
// day is on or before day, soonest first, with their published names.
func (c *conn) CertificationsValidUntil(ctx context.Context, day civil.Date) ([]ExpiringCertification, error) {
	rows, err := c.query(ctx, `SELECT c.id, c.application_id, c.org_id, c.scheme_id, c.serial, c.number, c.certified_on,
		c.valid_until, c.status, c.term_starts_on, c.renewed_on, c.certificate_issued_on, COALESCE(r.service_name, ''), o.name FROM certifications c
		JOIN organizations o ON o.id = c.org_id LEFT JOIN registry_entries r ON r.certification_id = c.id
		WHERE c.status = 'valid' AND c.valid_until <= ? ORDER BY c.valid_until, c.id`, day)
	if err != nil {
		return nil, mapErr("sqlstore.CertificationsValidUntil", err)
	}
	defer rows.Close()
	var out []ExpiringCertification
	for rows.Next() {
		var x ExpiringCertification
		if err := rows.Scan(&x.ID, &x.ApplicationID, &x.OrgID, &x.SchemeID, &x.Serial, &x.Number, &x.CertifiedOn, &x.ValidUntil,
			&x.Status, &x.TermStartsOn, &x.RenewedOn, &x.CertificateIssuedOn, &x.Service, &x.Provider); err != nil {
			return nil, mapErr("sqlstore.CertificationsValidUntil", err)
		}
		out = append(out, x)
	}
	return out, mapErr("sqlstore.CertificationsValidUntil", rows.Err())
}

// UserCounts counts the active users by role.
func (c *conn) UserCounts(ctx context.Context) (map[string]int, error) {
	rows, err := c.query(ctx, "SELECT role, COUNT(*) FROM users WHERE disabled_at IS NULL GROUP BY role")
	if err != nil {
		return nil, mapErr("sqlstore.UserCounts", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var role string
		var n int
		if err := rows.Scan(&role, &n); err != nil {
			return nil, mapErr("sqlstore.UserCounts", err)
		}
		out[role] = n
	}
	return out, mapErr("sqlstore.UserCounts", rows.Err())
}

// The reads of a provider's dashboard (service.ProviderWork): each returns
// what belongs to one provider's applications in one query, so the
// dashboard costs a fixed number of queries however many applications the
// provider has.

// orgApplications selects the IDs of a provider's applications.
const orgApplications = "(SELECT id FROM applications WHERE org_id = ?)"

// CertificationsOfOrg lists a provider's certifications, oldest first.
func (c *conn) CertificationsOfOrg(ctx context.Context, orgID int64) ([]certification.Certification, error) {
	return c.certificationsWhere(ctx, "org_id = ?", orgID)
}

// InvoicesOfOrg lists the invoices of a provider's applications, oldest first.
func (c *conn) InvoicesOfOrg(ctx context.Context, orgID int64) ([]review.Invoice, error) {
	return c.invoices(ctx, "WHERE application_id IN "+orgApplications+" ORDER BY id", orgID)
}

// OpenInquiriesOfOrg returns the unanswered inquiries of a provider's
// applications by application ID, oldest first.
func (c *conn) OpenInquiriesOfOrg(ctx context.Context, orgID int64) (map[int64][]review.Inquiry, error) {
	return c.openInquiries(ctx, " AND application_id IN "+orgApplications, []any{orgID})
}

// openInquiries reads the unanswered inquiries that also match and (an
// " AND …" clause, or "").
func (c *conn) openInquiries(ctx context.Context, and string, args []any) (map[int64][]review.Inquiry, error) {
	rows, err := c.query(ctx, `SELECT application_id, id, item_id, question, asked_by, asked_at, answer, before_entry, after_entry, answered_at,
		answer_due_on FROM inquiries WHERE answered_at IS NULL`+and+` ORDER BY id`, args...)
	if err != nil {
		return nil, mapErr("sqlstore.OpenInquiries", err)
	}
	defer rows.Close()
	out := map[int64][]review.Inquiry{}
	for rows.Next() {
		var q review.Inquiry
		var appID int64
		var answered sql.NullTime
		if err := rows.Scan(&appID, &q.ID, &q.ItemID, &q.Question, &q.AskedBy, &q.AskedAt, &q.Answer, &q.BeforeEntry, &q.AfterEntry, &answered, &q.AnswerDueOn); err != nil {
			return nil, mapErr("sqlstore.OpenInquiries", err)
		}
		q.AnsweredAt = nullTime(answered)
		out[appID] = append(out[appID], q)
	}
	return out, mapErr("sqlstore.OpenInquiries", rows.Err())
}

// OpenSupervisionOfOrg lists the requests not yet resolved that the body
// sent about a provider's certifications, by due date.
func (c *conn) OpenSupervisionOfOrg(ctx context.Context, orgID int64) ([]SupervisionRequest, error) {
	return c.supervisionWhere(ctx, "c.org_id = ? AND s.state <> 'resolved' ORDER BY s.due_on, s.id", orgID)
}
