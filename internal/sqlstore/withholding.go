package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"

	"nintei"
	"nintei/store"
)

// Withholding is defined in package store, the port of the use cases.
type Withholding = store.Withholding

// InsertWithholding stores a request.
func (c *conn) InsertWithholding(ctx context.Context, w Withholding, by int64) (int64, error) {
	items, err := json.Marshal(w.ItemIDs)
	if err != nil {
		return 0, nintei.Wrap("sqlstore.InsertWithholding", err)
	}
	return c.insertID(ctx, "sqlstore.InsertWithholding", `INSERT INTO withholdings (application_id, item_ids, reason, until,
		state, requested_by, requested_at) VALUES (?, ?, ?, ?, 'requested', ?, ?)`,
		w.ApplicationID, string(items), w.Reason, w.Until, by, c.ts(c.now()))
}

// Withholdings lists an application's requests, newest first.
func (c *conn) Withholdings(ctx context.Context, applicationID int64) ([]Withholding, error) {
	return c.withholdingsWhere(ctx, "application_id = ? ORDER BY id DESC", applicationID)
}

// WithholdingsOfOrg lists the requests of every application of a provider,
// newest first (the provider's dashboard).
func (c *conn) WithholdingsOfOrg(ctx context.Context, orgID int64) ([]Withholding, error) {
	return c.withholdingsWhere(ctx, "application_id IN (SELECT id FROM applications WHERE org_id = ?) ORDER BY id DESC", orgID)
}

func (c *conn) withholdingsWhere(ctx context.Context, where string, args ...any) ([]Withholding, error) {
	rows, err := c.query(ctx, `SELECT id, application_id, item_ids, reason, until, state, requested_at, decided_at
		FROM withholdings WHERE `+where, args...)
	if err != nil {
		return nil, mapErr("sqlstore.Withholdings", err)
	}
	defer rows.Close()
	var out []Withholding
	for rows.Next() {
		var w Withholding
		var items string
		var decided sql.NullTime
		if err := rows.Scan(&w.ID, &w.ApplicationID, &items, &w.Reason, &w.Until, &w.State, &w.RequestedAt, &decided); err != nil {
			return nil, mapErr("sqlstore.Withholdings", err)
		}
		w.DecidedAt = nullTime(decided)
		if err := json.Unmarshal([]byte(items), &w.ItemIDs); err != nil {
			return nil, nintei.Wrap("sqlstore.Withholdings", err)
		}
		out = append(out, w)
	}
	return out, mapErr("sqlstore.Withholdings", rows.Err())
}

// DecideWithholding approves or rejects a pending request once; until is
// the period the body decided (the requested one unless it set another).
func (c *conn) DecideWithholding(ctx context.Context, id int64, state, until string, by int64) error {
	return c.execOne(ctx, "sqlstore.DecideWithholding", `UPDATE withholdings SET state = ?, until = ?, decided_by = ?, decided_at = ?
		WHERE id = ? AND state = 'requested'`, state, until, by, c.ts(c.now()), id)
}

// WithholdText moves an answer's text out of the public snapshot into the
// withheld table (or extends its period).
func (c *conn) WithholdText(ctx context.Context, number, itemID, until, text string) error {
	_, err := c.exec(ctx, `INSERT INTO registry_withheld (number, item_id, until, text) VALUES (?, ?, ?, ?)
		ON CONFLICT (number, item_id) DO UPDATE SET until = excluded.until`, number, itemID, until, text)
	return mapErr("sqlstore.WithholdText", err)
}

// ReleasedTexts returns the withheld texts of a number whose period ended
// before today (item ID → text).
func (c *conn) ReleasedTexts(ctx context.Context, number, today string) (map[string]string, error) {
	rows, err := c.query(ctx, `SELECT item_id, text FROM registry_withheld WHERE number = ? AND until < ?`, number, today)
	if err != nil {
		return nil, mapErr("sqlstore.ReleasedTexts", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, mapErr("sqlstore.ReleasedTexts", err)
		}
		out[id] = text
	}
	return out, mapErr("sqlstore.ReleasedTexts", rows.Err())
}

// RepublishSnapshot replaces a published snapshot, its search text and
// its filterable answers.
func (tx *Tx) RepublishSnapshot(ctx context.Context, number, snapshot, searchText string, answers map[string]string) error {
	err := tx.execOne(ctx, "sqlstore.RepublishSnapshot", `UPDATE registry_entries SET published_at = ?, revision = revision + 1 WHERE number = ?`, tx.ts(tx.Now), number)
	if err != nil {
		return err
	}
	if err := tx.setTexts(ctx, number, snapshot, searchText); err != nil {
		return err
	}
	return tx.setAnswers(ctx, number, answers)
}
