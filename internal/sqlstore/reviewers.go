package sqlstore

import (
	"context"

	"nintei/store"
)

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
