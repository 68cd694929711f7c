package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"nintei"
	"nintei/application"
	"nintei/review"
	"nintei/store"
)

// RecordState appends to an application's state history (days spent in
// each state, the dashboard's chart).
func (c *conn) RecordState(ctx context.Context, applicationID int64, s application.State, ev application.Event, actor int64) error {
	_, err := c.exec(ctx, `INSERT INTO state_history (application_id, state, event, entered_at, actor_id) VALUES (?, ?, ?, ?, ?)`,
		applicationID, s, ev, c.ts(c.now()), actor)
	return mapErr("sqlstore.RecordState", err)
}

// StateEntry is defined in package store, the port of the use cases.
type StateEntry = store.StateEntry

// StateHistory lists every state change of every application in time
// order (or of one application when id > 0).
func (c *conn) StateHistory(ctx context.Context, id int64) ([]StateEntry, error) {
	q, args := "SELECT application_id, state, entered_at FROM state_history ORDER BY entered_at, id", []any{}
	if id > 0 {
		q, args = "SELECT application_id, state, entered_at FROM state_history WHERE application_id = ? ORDER BY entered_at, id", []any{id}
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, mapErr("sqlstore.StateHistory", err)
	}
	defer rows.Close()
	var out []StateEntry
	for rows.Next() {
		var e StateEntry
		if err := rows.Scan(&e.ApplicationID, &e.State, &e.EnteredAt); err != nil {
			return nil, mapErr("sqlstore.StateHistory", err)
		}
		out = append(out, e)
	}
	return out, mapErr("sqlstore.StateHistory", rows.Err())
}

// InsertFormalReview records a formal-review outcome with its checklist.
func (c *conn) InsertFormalReview(ctx context.Context, applicationID int64, outcome string, points any, by int64) error {
	b, err := json.Marshal(points)
	if err != nil {
		return nintei.Wrap("sqlstore.InsertFormalReview", err)
	}
	_, err = c.exec(ctx, `INSERT INTO formal_reviews (application_id, outcome, points, reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?)`,
		applicationID, outcome, string(b), by, c.ts(c.now()))
	return mapErr("sqlstore.InsertFormalReview", err)
}

// LatestFormalReviewPoints returns the checklist of the newest formal
// review as stored (JSON), "" when none.
func (c *conn) LatestFormalReviewPoints(ctx context.Context, applicationID int64) (string, string, error) {
	var outcome, points string
	err := c.queryRow(ctx, `SELECT outcome, points FROM formal_reviews WHERE application_id = ? ORDER BY id DESC LIMIT 1`,
		applicationID).Scan(&outcome, &points)
	if isNoRows(err) {
		return "", "", nil
	}
	return outcome, points, mapErr("sqlstore.LatestFormalReviewPoints", err)
}

// InsertInvoice numbers and stores an invoice: INV-YYYY-NNNN, counting the
// year's invoices inside the transaction (a concurrent duplicate fails on
// the unique number and the caller retries as a conflict).
func (tx *Tx) InsertInvoice(ctx context.Context, inv review.Invoice) (review.Invoice, error) {
	year := inv.IssuedOn[:4]
	var n int64
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM invoices WHERE number LIKE ?", "INV-"+year+"-%").Scan(&n); err != nil {
		return inv, mapErr("sqlstore.InsertInvoice", err)
	}
	inv.Number = fmt.Sprintf("INV-%s-%04d", year, n+1)
	var err error
	inv.ID, err = tx.insertID(ctx, "sqlstore.InsertInvoice", `INSERT INTO invoices (application_id, number, kind, base_yen,
		tax_yen, total_yen, tax_percent, issued_on, due_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		inv.ApplicationID, inv.Number, inv.Kind, inv.BaseYen, inv.TaxYen, inv.TotalYen, inv.TaxPercent, inv.IssuedOn, inv.DueOn, tx.ts(tx.Now))
	return inv, err
}

const invoiceColumns = "id, application_id, number, kind, base_yen, tax_yen, total_yen, tax_percent, issued_on, due_on, paid_on, paid_yen, payment_ref"

func scanInvoice(row interface{ Scan(...any) error }) (review.Invoice, error) {
	var i review.Invoice
	err := row.Scan(&i.ID, &i.ApplicationID, &i.Number, &i.Kind, &i.BaseYen, &i.TaxYen, &i.TotalYen, &i.TaxPercent,
		&i.IssuedOn, &i.DueOn, &i.PaidOn, &i.PaidYen, &i.PaymentRef)
	return i, err
}

// Invoices lists an application's invoices, oldest first.
func (c *conn) Invoices(ctx context.Context, applicationID int64) ([]review.Invoice, error) {
	return c.invoices(ctx, "WHERE application_id = ? ORDER BY id", applicationID)
}

// UnpaidInvoices lists every unpaid invoice, oldest due first.
func (c *conn) UnpaidInvoices(ctx context.Context) ([]review.Invoice, error) {
	return c.invoices(ctx, "WHERE paid_on = '' ORDER BY due_on, id")
}

func (c *conn) invoices(ctx context.Context, where string, args ...any) ([]review.Invoice, error) {
	rows, err := c.query(ctx, "SELECT "+invoiceColumns+" FROM invoices "+where, args...)
	if err != nil {
		return nil, mapErr("sqlstore.invoices", err)
	}
	defer rows.Close()
	var out []review.Invoice
	for rows.Next() {
		i, err := scanInvoice(rows)
		if err != nil {
			return nil, mapErr("sqlstore.invoices", err)
		}
		out = append(out, i)
	}
	return out, mapErr("sqlstore.invoices", rows.Err())
}

// RecordPayment marks an unpaid invoice paid.
func (c *conn) RecordPayment(ctx context.Context, invoiceID int64, paidOn string, yen int64, ref string, by int64) error {
	return c.execOne(ctx, "sqlstore.RecordPayment", `UPDATE invoices SET paid_on = ?, paid_yen = ?, payment_ref = ?, confirmed_by = ?
		WHERE id = ? AND paid_on = ''`, paidOn, yen, ref, by, invoiceID)
}

// SaveAssessment stores a reviewer's judgement of an item (replacing an earlier one).
func (c *conn) SaveAssessment(ctx context.Context, applicationID int64, a review.Assessment) error {
	_, err := c.exec(ctx, `INSERT INTO assessments (application_id, item_id, verdict, comment, assessed_by, assessed_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (application_id, item_id) DO UPDATE SET verdict = excluded.verdict,
		comment = excluded.comment, assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at`,
		applicationID, a.ItemID, a.Verdict, a.Comment, a.AssessedBy, c.ts(c.now()))
	return mapErr("sqlstore.SaveAssessment", err)
}

// DeleteAssessment removes the judgement of an item, which is then
// unassessed (未評価) again.
func (c *conn) DeleteAssessment(ctx context.Context, applicationID int64, itemID string) error {
	_, err := c.exec(ctx, `DELETE FROM assessments WHERE application_id = ? AND item_id = ?`, applicationID, itemID)
	return mapErr("sqlstore.DeleteAssessment", err)
}

// Assessments returns an application's assessments by item.
func (c *conn) Assessments(ctx context.Context, applicationID int64) (map[string]review.Assessment, error) {
	rows, err := c.query(ctx, `SELECT item_id, verdict, comment, assessed_by, assessed_at FROM assessments WHERE application_id = ?`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Assessments", err)
	}
	defer rows.Close()
	out := map[string]review.Assessment{}
	for rows.Next() {
		var a review.Assessment
		if err := rows.Scan(&a.ItemID, &a.Verdict, &a.Comment, &a.AssessedBy, &a.AssessedAt); err != nil {
			return nil, mapErr("sqlstore.Assessments", err)
		}
		out[a.ItemID] = a
	}
	return out, mapErr("sqlstore.Assessments", rows.Err())
}

// InsertInquiry opens an inquiry.
func (c *conn) InsertInquiry(ctx context.Context, applicationID int64, q review.Inquiry) (int64, error) {
	return c.insertID(ctx, "sqlstore.InsertInquiry", `INSERT INTO inquiries (application_id, item_id, question, asked_by, asked_at, answer_due_on)
		VALUES (?, ?, ?, ?, ?, ?)`, applicationID, q.ItemID, q.Question, q.AskedBy, c.ts(c.now()), q.AnswerDueOn)
}

// AnswerInquiry records the applicant's answer once; a second answer finds
// the inquiry closed (nintei.ErrNotFound).
func (c *conn) AnswerInquiry(ctx context.Context, applicationID, id int64, answer, before, after string, by int64) error {
	return c.execOne(ctx, "sqlstore.AnswerInquiry", `UPDATE inquiries SET answer = ?, before_entry = ?, after_entry = ?,
		answered_by = ?, answered_at = ? WHERE id = ? AND application_id = ? AND answered_at IS NULL`,
		answer, before, after, by, c.ts(c.now()), id, applicationID)
}

// Inquiries lists an application's inquiries, oldest first.
func (c *conn) Inquiries(ctx context.Context, applicationID int64) ([]review.Inquiry, error) {
	rows, err := c.query(ctx, `SELECT id, item_id, question, asked_by, asked_at, answer, before_entry, after_entry, answered_at,
		answer_due_on FROM inquiries WHERE application_id = ? ORDER BY id`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Inquiries", err)
	}
	defer rows.Close()
	var out []review.Inquiry
	for rows.Next() {
		var q review.Inquiry
		var answered sql.NullTime
		if err := rows.Scan(&q.ID, &q.ItemID, &q.Question, &q.AskedBy, &q.AskedAt, &q.Answer, &q.BeforeEntry, &q.AfterEntry, &answered, &q.AnswerDueOn); err != nil {
			return nil, mapErr("sqlstore.Inquiries", err)
		}
		q.AnsweredAt = nullTime(answered)
		out = append(out, q)
	}
	return out, mapErr("sqlstore.Inquiries", rows.Err())
}

// InsertDecision stores the decision; a second decision is a duplicate.
// The note is stored in the column override_reason, named after the
// override that no longer exists: the text an earlier decision
// recorded there reads as that decision's note, so the column is kept
// as it is rather than renamed by a migration.
func (c *conn) InsertDecision(ctx context.Context, applicationID int64, d review.Decision) error {
	imp, err := json.Marshal(d.Improvements)
	if err != nil {
		return nintei.Wrap("sqlstore.InsertDecision", err)
	}
	_, err = c.exec(ctx, `INSERT INTO decisions (application_id, outcome, explanation, override_reason, improvements, decided_by, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, applicationID, d.Outcome, d.Explanation, d.Note, string(imp), d.DecidedBy, c.ts(c.now()))
	return mapErr("sqlstore.InsertDecision", err)
}

// Decision returns an application's decision; nintei.ErrNotFound if none yet.
func (c *conn) Decision(ctx context.Context, applicationID int64) (review.Decision, error) {
	var d review.Decision
	var imp string
	err := c.queryRow(ctx, `SELECT outcome, explanation, override_reason, improvements, decided_by, decided_at FROM decisions
		WHERE application_id = ?`, applicationID).Scan(&d.Outcome, &d.Explanation, &d.Note, &imp, &d.DecidedBy, &d.DecidedAt)
	if err != nil {
		return d, mapErr("sqlstore.Decision", err)
	}
	return d, json.Unmarshal([]byte(imp), &d.Improvements)
}

// InsertInvestigation records an on-site investigation.
func (c *conn) InsertInvestigation(ctx context.Context, applicationID int64, inv review.Investigation, by int64) error {
	_, err := c.exec(ctx, `INSERT INTO investigations (application_id, held_on, place, participants, report, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, applicationID, inv.HeldOn, inv.Place, inv.Participants, inv.Report, by, c.ts(c.now()))
	return mapErr("sqlstore.InsertInvestigation", err)
}

// Investigations lists an application's investigations.
func (c *conn) Investigations(ctx context.Context, applicationID int64) ([]review.Investigation, error) {
	rows, err := c.query(ctx, `SELECT id, held_on, place, participants, report, recorded_at FROM investigations
		WHERE application_id = ? ORDER BY id`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Investigations", err)
	}
	defer rows.Close()
	var out []review.Investigation
	for rows.Next() {
		var i review.Investigation
		if err := rows.Scan(&i.ID, &i.HeldOn, &i.Place, &i.Participants, &i.Report, &i.RecordedAt); err != nil {
			return nil, mapErr("sqlstore.Investigations", err)
		}
		out = append(out, i)
	}
	return out, mapErr("sqlstore.Investigations", rows.Err())
}
