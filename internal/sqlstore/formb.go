package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"nintei"
	"nintei/formb"
)

// FormB returns an application's Form B entries by item ID.
func (c *conn) FormB(ctx context.Context, applicationID int64) (formb.Form, error) {
	rows, err := c.query(ctx, `SELECT item_id, answer, evidence_doc, evidence_loc FROM form_b_entries
		WHERE application_id = ?`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.FormB", err)
	}
	defer rows.Close()
	form := formb.Form{}
	for rows.Next() {
		var e formb.Entry
		var answer string
		if err := rows.Scan(&e.ItemID, &answer, &e.EvidenceDoc, &e.EvidenceLoc); err != nil {
			return nil, mapErr("sqlstore.FormB", err)
		}
		if err := json.Unmarshal([]byte(answer), &e.Answer); err != nil {
			return nil, nintei.Wrap("sqlstore.FormB", fmt.Errorf("item %s: %w", e.ItemID, err))
		}
		form[e.ItemID] = e
	}
	return form, mapErr("sqlstore.FormB", rows.Err())
}

// SaveFormBEntries writes entries (insert or replace, one row per item).
// The caller bumps the application's version in the same transaction.
func (c *conn) SaveFormBEntries(ctx context.Context, applicationID, by int64, entries []formb.Entry) error {
	for _, e := range entries {
		answer, err := json.Marshal(e.Answer)
		if err != nil {
			return nintei.Wrap("sqlstore.SaveFormBEntries", err)
		}
		_, err = c.exec(ctx, `INSERT INTO form_b_entries (application_id, item_id, answer, evidence_doc, evidence_loc, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (application_id, item_id) DO UPDATE SET answer = excluded.answer,
				evidence_doc = excluded.evidence_doc, evidence_loc = excluded.evidence_loc,
				updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			applicationID, e.ItemID, string(answer), e.EvidenceDoc, e.EvidenceLoc, by, c.ts(c.now()))
		if err != nil {
			return mapErr("sqlstore.SaveFormBEntries", err)
		}
	}
	return nil
}
