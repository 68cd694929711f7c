package sqlstore

import (
	"context"
	"database/sql"

	"nintei/review"
)

// AssignMember puts a committee member on an application (idempotent).
func (c *conn) AssignMember(ctx context.Context, applicationID, userID int64) error {
	_, err := c.exec(ctx, `INSERT INTO committee_members (application_id, user_id) VALUES (?, ?)
		ON CONFLICT (application_id, user_id) DO NOTHING`, applicationID, userID)
	return mapErr("sqlstore.AssignMember", err)
}

// Members lists an application's committee members with their names.
func (c *conn) Members(ctx context.Context, applicationID int64) ([]review.Member, error) {
	rows, err := c.query(ctx, `SELECT m.user_id, u.name, m.conflict, m.declaration, m.opinion, m.opinion_at
		FROM committee_members m JOIN users u ON u.id = m.user_id WHERE m.application_id = ? ORDER BY u.name, u.id`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Members", err)
	}
	defer rows.Close()
	var out []review.Member
	for rows.Next() {
		var m review.Member
		var conflict sql.NullBool
		var at sql.NullTime
		if err := rows.Scan(&m.UserID, &m.Name, &conflict, &m.Declaration, &m.Opinion, &at); err != nil {
			return nil, mapErr("sqlstore.Members", err)
		}
		if conflict.Valid {
			v := conflict.Bool
			m.Conflict = &v
		}
		m.OpinionAt = nullTime(at)
		out = append(out, m)
	}
	return out, mapErr("sqlstore.Members", rows.Err())
}

// Declare records a member's conflict-of-interest declaration; only an
// assigned member can declare (nintei.ErrNotFound otherwise).
func (c *conn) Declare(ctx context.Context, applicationID, userID int64, conflict bool, text string) error {
	return c.execOne(ctx, "sqlstore.Declare", `UPDATE committee_members SET conflict = ?, declaration = ?, declared_at = ?
		WHERE application_id = ? AND user_id = ?`, conflict, text, c.ts(c.now()), applicationID, userID)
}

// SaveOpinion records a member's opinion.
func (c *conn) SaveOpinion(ctx context.Context, applicationID, userID int64, opinion string) error {
	return c.execOne(ctx, "sqlstore.SaveOpinion", `UPDATE committee_members SET opinion = ?, opinion_at = ?
		WHERE application_id = ? AND user_id = ?`, opinion, c.ts(c.now()), applicationID, userID)
}

// Conclude records the meeting's conclusion.
func (c *conn) Conclude(ctx context.Context, applicationID int64, conclusion, metOn string, by int64) error {
	_, err := c.exec(ctx, `INSERT INTO committee_conclusions (application_id, conclusion, met_on, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (application_id) DO UPDATE SET conclusion = excluded.conclusion,
		met_on = excluded.met_on, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
		applicationID, conclusion, metOn, by, c.ts(c.now()))
	return mapErr("sqlstore.Conclude", err)
}

// Conclusion returns the meeting's conclusion and date, "" when none.
func (c *conn) Conclusion(ctx context.Context, applicationID int64) (string, string, error) {
	var conclusion, metOn string
	err := c.queryRow(ctx, `SELECT conclusion, met_on FROM committee_conclusions WHERE application_id = ?`, applicationID).Scan(&conclusion, &metOn)
	if isNoRows(err) {
		return "", "", nil
	}
	return conclusion, metOn, mapErr("sqlstore.Conclusion", err)
}
