package sqlstore

import (
	"context"
	"database/sql"

	"nintei/certification"
	"nintei/review"
)

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
