package sqlstore

import (
	"context"

	"nintei"
	"nintei/store"
)

// InsertSubmission stores a frozen snapshot as the application's next
// submission (1, 2, … for resubmissions after a return for correction).
func (c *conn) InsertSubmission(ctx context.Context, applicationID int64, snapshot, sha string, by int64) error {
	var n int64
	if err := c.queryRow(ctx, "SELECT COUNT(*) FROM submissions WHERE application_id = ?", applicationID).Scan(&n); err != nil {
		return mapErr("sqlstore.InsertSubmission", err)
	}
	_, err := c.exec(ctx, `INSERT INTO submissions (application_id, seq, snapshot, sha256, submitted_by, submitted_at)
		VALUES (?, ?, ?, ?, ?, ?)`, applicationID, n+1, snapshot, sha, by, c.ts(c.now()))
	return mapErr("sqlstore.InsertSubmission", err)
}

// Submission is defined in package store, the port of the use cases.
type Submission = store.Submission

// Submissions lists an application's submissions, first first.
func (c *conn) Submissions(ctx context.Context, applicationID int64) ([]Submission, error) {
	rows, err := c.query(ctx, `SELECT id, application_id, seq, snapshot, sha256, submitted_by, submitted_at
		FROM submissions WHERE application_id = ? ORDER BY seq`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Submissions", err)
	}
	defer rows.Close()
	var out []Submission
	for rows.Next() {
		var s Submission
		if err := rows.Scan(&s.ID, &s.ApplicationID, &s.Seq, &s.Snapshot, &s.SHA256, &s.SubmittedBy, &s.SubmittedAt); err != nil {
			return nil, mapErr("sqlstore.Submissions", err)
		}
		out = append(out, s)
	}
	return out, mapErr("sqlstore.Submissions", rows.Err())
}

// UsersWithRole lists active users holding a role (e.g. everyone to notify).
func (c *conn) UsersWithRole(ctx context.Context, role nintei.Role) ([]nintei.User, error) {
	rows, err := c.query(ctx, "SELECT "+userColumns+" FROM users WHERE role = ? AND disabled_at IS NULL ORDER BY id", role)
	if err != nil {
		return nil, mapErr("sqlstore.UsersWithRole", err)
	}
	defer rows.Close()
	var out []nintei.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, mapErr("sqlstore.UsersWithRole", err)
		}
		out = append(out, u)
	}
	return out, mapErr("sqlstore.UsersWithRole", rows.Err())
}
