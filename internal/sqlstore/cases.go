package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"nintei/certification"
	"nintei/store"
)

// CaseRow is defined in package store, the port of the use cases.
type CaseRow = store.CaseRow

// prefixed is applicationColumns with each column qualified by alias a.
func prefixed(cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = "a." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// caseQuery reads every submitted application (drafts are the provider's
// own business) with its list facts in one statement: no query per row.
var caseQuery = "SELECT " + prefixed(applicationColumns) + `, o.name, h.entered_at,
	(SELECT MIN(i.due_on) FROM invoices i WHERE i.application_id = a.id AND i.paid_on = ''),
	(SELECT MIN(q.answer_due_on) FROM inquiries q WHERE q.application_id = a.id AND q.answered_at IS NULL AND q.answer_due_on <> ''),
	oq.asked_at, c.status, c.valid_until,
	(SELECT COUNT(*) FROM assessments s WHERE s.application_id = a.id),
	(SELECT COUNT(*) FROM application_reviewers r WHERE r.application_id = a.id AND r.user_id = ?)
	FROM applications a
	JOIN organizations o ON o.id = a.org_id
	LEFT JOIN state_history h ON h.id = (SELECT MAX(h2.id) FROM state_history h2 WHERE h2.application_id = a.id)
	LEFT JOIN inquiries oq ON oq.id = (SELECT MIN(q2.id) FROM inquiries q2 WHERE q2.application_id = a.id AND q2.answered_at IS NULL)
	LEFT JOIN certifications c ON c.id = COALESCE(a.renews_certification_id,
		(SELECT c2.id FROM certifications c2 WHERE c2.application_id = a.id))
	WHERE a.state <> 'draft'
	ORDER BY a.id`

// CaseRows lists every submitted application for the staff's list, with
// whether userID is assigned to each as a reviewer.
func (c *conn) CaseRows(ctx context.Context, userID int64) ([]CaseRow, error) {
	const op = "sqlstore.CaseRows"
	rows, err := c.query(ctx, caseQuery, userID)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []CaseRow
	for rows.Next() {
		r, err := scanCaseRow(rows)
		if err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, r)
	}
	return out, mapErr(op, rows.Err())
}

// caseScanner scans the application's columns, then the list's.
type caseScanner struct {
	rows  *sql.Rows
	extra []any
}

func (s caseScanner) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

func scanCaseRow(rows *sql.Rows) (CaseRow, error) {
	var r CaseRow
	var entered, asked sql.NullTime
	var invoice, inquiry, status, until sql.NullString
	var mine int
	a, err := scanApplication(caseScanner{rows: rows, extra: []any{&r.Provider, &entered, &invoice, &inquiry, &asked,
		&status, &until, &r.Assessed, &mine}})
	if err != nil {
		return r, err
	}
	r.Application = a
	r.EnteredAt, r.OpenAsked = nullTime(entered), nullTime(asked)
	r.InvoiceDue, r.InquiryDue, r.ValidUntil = invoice.String, inquiry.String, until.String
	r.CertStatus = certification.Status(status.String)
	r.AssignedToU = mine > 0
	return r, nil
}

// Reviewer is defined in package store, the port of the use cases.
type Reviewer = store.Reviewer

// AssignReviewer assigns a reviewer to an application; nintei.ErrDuplicate
// (mapped from the primary key) when already assigned.
func (c *conn) AssignReviewer(ctx context.Context, applicationID, userID, by int64) error {
	_, err := c.exec(ctx, `INSERT INTO application_reviewers (application_id, user_id, assigned_by, assigned_at)
		VALUES (?, ?, ?, ?)`, applicationID, userID, by, c.ts(c.now()))
	return mapErr("sqlstore.AssignReviewer", err)
}

// UnassignReviewer ends an assignment; nintei.ErrNotFound when there is none.
func (c *conn) UnassignReviewer(ctx context.Context, applicationID, userID int64) error {
	return c.execOne(ctx, "sqlstore.UnassignReviewer",
		"DELETE FROM application_reviewers WHERE application_id = ? AND user_id = ?", applicationID, userID)
}

// Reviewers lists the reviewers assigned to an application, by name.
func (c *conn) Reviewers(ctx context.Context, applicationID int64) ([]Reviewer, error) {
	rows, err := c.query(ctx, `SELECT r.user_id, u.name, u.email, r.assigned_at FROM application_reviewers r
		JOIN users u ON u.id = r.user_id WHERE r.application_id = ? ORDER BY u.name, u.id`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Reviewers", err)
	}
	defer rows.Close()
	var out []Reviewer
	for rows.Next() {
		var r Reviewer
		if err := rows.Scan(&r.UserID, &r.Name, &r.Email, &r.AssignedAt); err != nil {
			return nil, mapErr("sqlstore.Reviewers", err)
		}
		out = append(out, r)
	}
	return out, mapErr("sqlstore.Reviewers", rows.Err())
}
