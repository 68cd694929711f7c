package sqlstore

import (
	"context"

	"nintei"
)

// Audit appends an event to the trail inside the transaction that makes the
// change, so the change and its record commit or fail together. Updating the
// head row first serialises concurrent appends on both databases (a row lock
// on PostgreSQL, the write lock on SQLite).
func (tx *Tx) Audit(ctx context.Context, e nintei.AuditEvent) error {
	var seq int64
	var prev string
	err := tx.queryRow(ctx, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").Scan(&seq, &prev)
	if err != nil {
		return mapErr("sqlstore.Audit.head", err)
	}
	e.Seq, e.PrevHash, e.At = seq, prev, nintei.AuditTime(tx.Now)
	if e.Detail == "" {
		e.Detail = "{}"
	}
	e.Hash = e.ComputeHash()
	_, err = tx.exec(ctx, `INSERT INTO audit_events (seq, at, actor_id, actor_label, action, object_type, object_id,
		before_digest, after_digest, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, tx.ts(e.At), e.ActorID, e.ActorLabel, e.Action, e.ObjectType, e.ObjectID,
		e.BeforeDigest, e.AfterDigest, e.Detail, e.PrevHash, e.Hash)
	if err != nil {
		return mapErr("sqlstore.Audit.insert", err)
	}
	_, err = tx.exec(ctx, "UPDATE audit_head SET hash = ? WHERE id = 1", e.Hash)
	return mapErr("sqlstore.Audit.head", err)
}

const auditColumns = `seq, at, actor_id, actor_label, action, object_type, object_id,
	before_digest, after_digest, detail, prev_hash, hash`

func scanAudit(row interface{ Scan(...any) error }) (nintei.AuditEvent, error) {
	var e nintei.AuditEvent
	err := row.Scan(&e.Seq, &e.At, &e.ActorID, &e.ActorLabel, &e.Action, &e.ObjectType, &e.ObjectID,
		&e.BeforeDigest, &e.AfterDigest, &e.Detail, &e.PrevHash, &e.Hash)
	return e, err
}

// VerifyAudit walks the whole trail in order and returns the number of
// events checked and the first break, if any (nil when the chain is whole).
func (s *Store) VerifyAudit(ctx context.Context) (int64, *nintei.ChainBreak, error) {
	rows, err := s.query(ctx, "SELECT "+auditColumns+" FROM audit_events ORDER BY seq")
	if err != nil {
		return 0, nil, mapErr("sqlstore.VerifyAudit", err)
	}
	defer rows.Close()
	v := nintei.NewChainVerifier()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return v.Count, nil, mapErr("sqlstore.VerifyAudit", err)
		}
		if brk := v.Next(&e); brk != nil {
			return v.Count, brk, nil
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count, nil, mapErr("sqlstore.VerifyAudit", err)
	}
	var headSeq int64
	var headHash string
	if err := s.queryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash); err != nil {
		return v.Count, nil, mapErr("sqlstore.VerifyAudit", err)
	}
	return v.Count, v.Finish(headSeq, headHash), nil
}

// AuditQuery selects events for the audit log page.
type AuditQuery struct {
	ObjectType string
	ObjectID   string
	BeforeSeq  int64 // page backwards from this sequence number; 0 = newest
	Limit      int
}

// AuditEvents lists events newest first.
func (c *conn) AuditEvents(ctx context.Context, q AuditQuery) ([]nintei.AuditEvent, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	where, args := "WHERE 1 = 1", []any{}
	if q.ObjectType != "" {
		where += " AND object_type = ?"
		args = append(args, q.ObjectType)
	}
	if q.ObjectID != "" {
		where += " AND object_id = ?"
		args = append(args, q.ObjectID)
	}
	if q.BeforeSeq > 0 {
		where += " AND seq < ?"
		args = append(args, q.BeforeSeq)
	}
	args = append(args, q.Limit)
	rows, err := c.query(ctx, "SELECT "+auditColumns+" FROM audit_events "+where+" ORDER BY seq DESC LIMIT ?", args...)
	if err != nil {
		return nil, mapErr("sqlstore.AuditEvents", err)
	}
	defer rows.Close()
	var out []nintei.AuditEvent
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, mapErr("sqlstore.AuditEvents", err)
		}
		out = append(out, e)
	}
	return out, mapErr("sqlstore.AuditEvents", rows.Err())
}
