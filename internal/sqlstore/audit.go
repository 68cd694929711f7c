package sqlstore

import (
	"context"
	"strconv"
	"time"

	"nintei"
	"nintei/store"
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

// AuditQuery is defined in package store, the port of the use cases.
type AuditQuery = store.AuditQuery

// AuditKind is defined in package store, the port of the use cases.
type AuditKind = store.AuditKind

// The kinds of audit events a query selects, defined in package store.
const (
	AuditAll     = store.AuditAll
	AuditChanges = store.AuditChanges
	AuditViews   = store.AuditViews
)

// auditWhere builds q's WHERE clause and arguments.
func auditWhere(q AuditQuery, ts func(time.Time) any) (string, []any) {
	where, args := "WHERE 1 = 1", []any{}
	add := func(cond string, arg any) {
		where += " AND " + cond
		args = append(args, arg)
	}
	if q.ObjectType != "" {
		add("object_type = ?", q.ObjectType)
	}
	if q.ObjectID != "" {
		add("object_id = ?", q.ObjectID)
	}
	if q.HasActor {
		add("actor_id = ?", q.ActorID)
	}
	if q.Action != "" {
		add("action = ?", q.Action)
	}
	if q.ActionPrefix != "" {
		add("substr(action, 1, "+strconv.Itoa(len(q.ActionPrefix))+") = ?", q.ActionPrefix)
	}
	switch q.Views {
	case AuditChanges:
		add("action NOT LIKE ?", "%.view")
	case AuditViews:
		add("action LIKE ?", "%.view")
	}
	if !q.From.IsZero() {
		add("at >= ?", ts(q.From))
	}
	if !q.Until.IsZero() {
		add("at < ?", ts(q.Until))
	}
	if q.BeforeSeq > 0 {
		add("seq < ?", q.BeforeSeq)
	}
	return where, args
}

// AuditEvents lists events newest first.
func (c *conn) AuditEvents(ctx context.Context, q AuditQuery) ([]nintei.AuditEvent, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	where, args := auditWhere(q, c.ts)
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
