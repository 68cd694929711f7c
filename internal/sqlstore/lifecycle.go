package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/registry"

	"nintei/certification"
	"nintei/civil"
	"nintei/store"
)

// SetCertificationStatus moves a certification from one of the statuses
// in from (at least one) to another; nintei.ErrNotFound when it is in none
// of them any more, so of two staff ending it at once one wins. Triggers
// carry the status into the registry projection and bump the registry
// generation.
func (tx *Tx) SetCertificationStatus(ctx context.Context, id int64, from []certification.Status, to certification.Status) error {
	q := "UPDATE certifications SET status = ? WHERE id = ? AND status IN (?" + strings.Repeat(", ?", len(from)-1) + ")"
	args := []any{string(to), id}
	for _, f := range from {
		args = append(args, string(f))
	}
	return tx.execOne(ctx, "sqlstore.SetCertificationStatus", q, args...)
}

// InsertCertificationEnd records the end; a second end of the same
// certification is a conflict.
func (tx *Tx) InsertCertificationEnd(ctx context.Context, e certification.End) error {
	_, err := tx.exec(ctx, `INSERT INTO certification_ends (certification_id, kind, effective_on, grounds, reason, decided_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.CertificationID, string(e.Kind), e.EffectiveOn, e.Grounds, e.Reason, e.DecidedBy, tx.ts(tx.Now))
	return mapErr("sqlstore.InsertCertificationEnd", err)
}

// CertificationEndOf returns the end record; nintei.ErrNotFound if none.
func (c *conn) CertificationEndOf(ctx context.Context, certificationID int64) (certification.End, error) {
	var e certification.End
	err := c.queryRow(ctx, `SELECT certification_id, kind, effective_on, grounds, reason, decided_by, recorded_at, certificate_returned_on
		FROM certification_ends WHERE certification_id = ?`, certificationID).Scan(&e.CertificationID, &e.Kind, &e.EffectiveOn,
		&e.Grounds, &e.Reason, &e.DecidedBy, &e.RecordedAt, &e.CertificateReturnedOn)
	return e, mapErr("sqlstore.CertificationEndOf", err)
}

// RecordCertificateReturn notes the day the certificate came back.
func (tx *Tx) RecordCertificateReturn(ctx context.Context, certificationID int64, on civil.Date) error {
	return tx.execOne(ctx, "sqlstore.RecordCertificateReturn", `UPDATE certification_ends SET certificate_returned_on = ?
		WHERE certification_id = ? AND certificate_returned_on IS NULL`, on, certificationID)
}

// AddRegistryEvent appends a public event for the feed.
func (tx *Tx) AddRegistryEvent(ctx context.Context, number, kind, on string) error {
	if err := tx.lockLogHead(ctx); err != nil { // before the insert's trigger locks the generation row
		return err
	}
	_, err := tx.exec(ctx, "INSERT INTO registry_events (number, kind, occurred_on, recorded_at) VALUES (?, ?, ?, ?)",
		number, kind, on, tx.ts(tx.Now))
	if err != nil {
		return mapErr("sqlstore.AddRegistryEvent", err)
	}
	return tx.appendLog(ctx, number, kind, on) // every published event is in the public log, in this transaction
}

// AddRegistryEnding appends the public event of a certification's end
// with the grounds of a revocation ("a,c", R-11.5; "" otherwise).
func (tx *Tx) AddRegistryEnding(ctx context.Context, number, kind, on, grounds string) error {
	if err := tx.lockLogHead(ctx); err != nil {
		return err
	}
	_, err := tx.exec(ctx, "INSERT INTO registry_events (number, kind, occurred_on, recorded_at, grounds) VALUES (?, ?, ?, ?, ?)",
		number, kind, on, tx.ts(tx.Now), grounds)
	if err != nil {
		return mapErr("sqlstore.AddRegistryEnding", err)
	}
	return tx.appendLog(ctx, number, kind, on)
}

// RegistryEnding returns the day and grounds of a number's newest public
// event of kind; nintei.ErrNotFound when it has none.
func (c *conn) RegistryEnding(ctx context.Context, number, kind string) (on, grounds string, err error) {
	err = c.queryRow(ctx, `SELECT occurred_on, grounds FROM registry_events WHERE number = ? AND kind = ?
		ORDER BY id DESC LIMIT 1`, number, kind).Scan(&on, &grounds)
	return on, grounds, mapErr("sqlstore.RegistryEnding", err)
}

// RegistryEvent is defined in package store, the port of the use cases.
type RegistryEvent = store.RegistryEvent

// RegistryEvents returns the newest public events.
func (c *conn) RegistryEvents(ctx context.Context, limit int) ([]RegistryEvent, error) {
	rows, err := c.query(ctx, `SELECT e.id, e.number, e.kind, e.occurred_on, e.recorded_at, COALESCE(r.service_name, '')
		FROM registry_events e LEFT JOIN registry_entries r ON r.number = e.number ORDER BY e.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, mapErr("sqlstore.RegistryEvents", err)
	}
	defer rows.Close()
	var out []RegistryEvent
	for rows.Next() {
		var e RegistryEvent
		if err := rows.Scan(&e.ID, &e.Number, &e.Kind, &e.OccurredOn, &e.RecordedAt, &e.ServiceName); err != nil {
			return nil, mapErr("sqlstore.RegistryEvents", err)
		}
		out = append(out, e)
	}
	return out, mapErr("sqlstore.RegistryEvents", rows.Err())
}

// ExpiringCertifications lists valid certifications whose last valid day
// is before day: those the expiry sweep ends.
func (c *conn) ExpiringCertifications(ctx context.Context, day civil.Date) ([]certification.Certification, error) {
	return c.certificationsWhere(ctx, "status = 'valid' AND valid_until < ?", day)
}

// ValidCertificationsUntil lists valid certifications whose last valid day
// is on or before day, for renewal guidance.
func (c *conn) ValidCertificationsUntil(ctx context.Context, day civil.Date) ([]certification.Certification, error) {
	return c.certificationsWhere(ctx, "status = 'valid' AND valid_until <= ?", day)
}

func (c *conn) certificationsWhere(ctx context.Context, where string, args ...any) ([]certification.Certification, error) {
	rows, err := c.query(ctx, `SELECT `+certificationColumns+` FROM certifications WHERE `+where+" ORDER BY id", args...)
	if err != nil {
		return nil, mapErr("sqlstore.certificationsWhere", err)
	}
	defer rows.Close()
	var out []certification.Certification
	for rows.Next() {
		x, err := scanCertification(rows)
		if err != nil {
			return nil, mapErr("sqlstore.certificationsWhere", err)
		}
		out = append(out, x)
	}
	return out, mapErr("sqlstore.certificationsWhere", rows.Err())
}

// The public registry log (docs/registry.md): appendLog is called by the
// two writers of registry events above, so no publishing path can skip
// it, and it runs in their transaction.

// appendLog appends the entry of an event with the public fields of the
// number that changed since its previous entry.
func (tx *Tx) appendLog(ctx context.Context, number, kind, on string) error {
	// The caller locked the head: the state read next is then the newest
	// committed one, even when another instance logs the same number.
	old, err := tx.logState(ctx, number)
	if err != nil {
		return err
	}
	now, ok, err := tx.liveFields(ctx, number)
	if err != nil {
		return err
	} else if !ok {
		now = old // not (yet) in the registry: nothing public changed
	}
	return tx.appendLogFields(ctx, number, kind, on, old, now)
}

// appendLogFields takes the next sequence and the head's hash by updating
// the head row first: the update locks the row (PostgreSQL; SQLite holds
// its write lock), so appends of all instances are serialised, and a
// rolled-back append gives its sequence back.
func (tx *Tx) appendLogFields(ctx context.Context, number, kind, on string, old, now registry.Fields) error {
	var e registry.LogEntry
	if err := tx.queryRow(ctx, "UPDATE registry_log_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").Scan(&e.Seq, &e.Prev); err != nil {
		return mapErr("sqlstore.appendLog", err)
	}
	e.Time, e.Number, e.Kind, e.On, e.Fields = tx.Now.UTC().Format(time.RFC3339), number, kind, on, registry.Changes(old, now)
	e.Seal()
	if _, err := tx.exec(ctx, "INSERT INTO registry_log (seq, number, line, hash) VALUES (?, ?, ?, ?)", e.Seq, number, string(e.Line()), e.Hash); err != nil {
		return mapErr("sqlstore.appendLog", err)
	}
	if _, err := tx.exec(ctx, "UPDATE registry_log_head SET hash = ? WHERE id = 1", e.Hash); err != nil {
		return mapErr("sqlstore.appendLog", err)
	}
	state, err := json.Marshal(now)
	if err != nil {
		return nintei.Wrap("sqlstore.appendLog", err)
	}
	_, err = tx.exec(ctx, `INSERT INTO registry_log_state (number, fields) VALUES (?, ?)
		ON CONFLICT (number) DO UPDATE SET fields = excluded.fields`, number, string(state))
	return mapErr("sqlstore.appendLog", err)
}

// lockLogHead locks the head row until the transaction ends (an update
// is the one row lock both dialects share). The audit trail's head is
// locked first: a transaction that publishes also audits, some in one
// order and some in the other, and on PostgreSQL two of them taking the
// two heads in opposite orders would deadlock.
func (tx *Tx) lockLogHead(ctx context.Context) error {
	if _, err := tx.exec(ctx, "UPDATE audit_head SET seq = seq WHERE id = 1"); err != nil {
		return mapErr("sqlstore.lockLogHead", err)
	}
	_, err := tx.exec(ctx, "UPDATE registry_log_head SET seq = seq WHERE id = 1")
	return mapErr("sqlstore.lockLogHead", err)
}

// logState is a number's public fields as its newest log entry left them.
func (c *conn) logState(ctx context.Context, number string) (registry.Fields, error) {
	var s string
	err := c.queryRow(ctx, "SELECT fields FROM registry_log_state WHERE number = ?", number).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return registry.Fields{}, nil
	} else if err != nil {
		return nil, mapErr("sqlstore.logState", err)
	}
	var f registry.Fields
	return f, nintei.Wrap("sqlstore.logState", json.Unmarshal([]byte(s), &f))
}

// liveFields are a number's public fields as the public pages show them
// now (withholdings ended before today released); ok is false when the
// number is not in the registry.
func (c *conn) liveFields(ctx context.Context, number string) (f registry.Fields, ok bool, err error) {
	var status, snap string
	err = c.queryRow(ctx, `SELECT r.status, t.snapshot FROM registry_entries r JOIN registry_texts t ON t.number = r.number
		WHERE r.number = ?`, number).Scan(&status, &snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, mapErr("sqlstore.liveFields", err)
	}
	var pub registry.Service
	if err := json.Unmarshal([]byte(snap), &pub); err != nil {
		return nil, false, nintei.Wrap("sqlstore.liveFields", err)
	}
	today := c.now().In(jst).Format(time.DateOnly)
	released, err := c.ReleasedTexts(ctx, number, today)
	if err != nil {
		return nil, false, err
	}
	var grounds string
	if status == "revoked" {
		if _, grounds, err = c.RegistryEnding(ctx, number, status); err != nil && nintei.KindOf(err) != nintei.KindNotFound {
			return nil, false, err
		}
	}
	imps, err := c.publicImprovements(ctx, number)
	if err != nil {
		return nil, false, err
	}
	return registry.PublicFields(registry.Release(pub, today, released), status, grounds, imps), true, nil
}

// jst is the zone of the registry's days (the public pages release a
// withheld answer on the day after its period, in Japan).
var jst = time.FixedZone("JST", 9*60*60)

func (c *conn) publicImprovements(ctx context.Context, number string) ([]registry.Improvement, error) {
	rows, err := c.query(ctx, `SELECT request_id, requested_on, due_on, body, status FROM registry_improvements
		WHERE number = ? ORDER BY request_id`, number)
	if err != nil {
		return nil, mapErr("sqlstore.publicImprovements", err)
	}
	defer rows.Close()
	var out []registry.Improvement
	for rows.Next() {
		var m registry.Improvement
		var id int64
		if err := rows.Scan(&id, &m.RequestedOn, &m.DueOn, &m.Body, &m.Status); err != nil {
			return nil, mapErr("sqlstore.publicImprovements", err)
		}
		m.ID = strconv.FormatInt(id, 10)
		out = append(out, m)
	}
	return out, mapErr("sqlstore.publicImprovements", rows.Err())
}

// SyncRegistryLog appends an entry for every published service whose
// public fields differ from what the log says: services published before
// the log began ("published"), withholdings whose period ended
// ("withholding_ended": the pages release them with no event) and any
// other change ("changed"). It locks the log's head first, so the state
// it then reads is the head's. It returns the number of entries added.
func (tx *Tx) SyncRegistryLog(ctx context.Context, on string) (int, error) {
	if err := tx.lockLogHead(ctx); err != nil {
		return 0, err
	}
	numbers, err := tx.texts(ctx, "sqlstore.SyncRegistryLog", "SELECT number FROM registry_entries ORDER BY number")
	if err != nil {
		return 0, err
	}
	added := 0
	for _, n := range numbers {
		old, err := tx.logState(ctx, n)
		if err != nil {
			return added, err
		}
		now, _, err := tx.liveFields(ctx, n)
		if err != nil {
			return added, err
		}
		ch := registry.Changes(old, now)
		if len(ch) == 0 {
			continue
		}
		if err := tx.appendLogFields(ctx, n, syncKind(old, ch), on, old, now); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

func syncKind(old registry.Fields, ch map[string]*string) string {
	if len(old) == 0 {
		return "published"
	}
	for k, v := range ch {
		if v == nil && strings.HasPrefix(k, "withheld_until/") {
			return "withholding_ended"
		}
	}
	return "changed"
}

// RegistryLogHead returns the sequence and hash of the newest entry (0 and
// 64 zeros for an empty log).
func (c *conn) RegistryLogHead(ctx context.Context) (seq int64, hash string, err error) {
	err = c.queryRow(ctx, "SELECT seq, hash FROM registry_log_head WHERE id = 1").Scan(&seq, &hash)
	return seq, hash, mapErr("sqlstore.RegistryLogHead", err)
}

// RegistryLog returns up to limit served lines after sequence after.
func (c *conn) RegistryLog(ctx context.Context, after int64, limit int) ([]string, error) {
	return c.texts(ctx, "sqlstore.RegistryLog", "SELECT line FROM registry_log WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
}

// RegistryLogState returns every number's public fields as the log leaves
// them at its head; read it in the transaction that read the head.
func (c *conn) RegistryLogState(ctx context.Context) (map[string]registry.Fields, error) {
	rows, err := c.query(ctx, "SELECT number, fields FROM registry_log_state")
	if err != nil {
		return nil, mapErr("sqlstore.RegistryLogState", err)
	}
	defer rows.Close()
	out := map[string]registry.Fields{}
	for rows.Next() {
		var n, s string
		var f registry.Fields
		if err := rows.Scan(&n, &s); err != nil {
			return nil, mapErr("sqlstore.RegistryLogState", err)
		}
		if err := json.Unmarshal([]byte(s), &f); err != nil {
			return nil, nintei.Wrap("sqlstore.RegistryLogState", err)
		}
		out[n] = f
	}
	return out, mapErr("sqlstore.RegistryLogState", rows.Err())
}

// RegistrySnapshot is defined in package store, the port of the use cases.
type RegistrySnapshot = store.RegistrySnapshot

// SaveRegistrySnapshot stores a signed snapshot's exact bytes and keeps
// the three newest: one of a large registry is tens of MB.
func (tx *Tx) SaveRegistrySnapshot(ctx context.Context, s RegistrySnapshot) error {
	_, err := tx.exec(ctx, `INSERT INTO registry_snapshots (log_seq, body, signature, key_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		s.LogSeq, string(s.Body), s.Signature, s.KeyID, tx.ts(tx.Now))
	if err != nil {
		return mapErr("sqlstore.SaveRegistrySnapshot", err)
	}
	_, err = tx.exec(ctx, "DELETE FROM registry_snapshots WHERE id <= (SELECT MAX(id) FROM registry_snapshots) - 3")
	return mapErr("sqlstore.SaveRegistrySnapshot", err)
}

// LatestRegistrySnapshot returns the newest snapshot; nintei.ErrNotFound
// when none was made.
func (c *conn) LatestRegistrySnapshot(ctx context.Context) (RegistrySnapshot, error) {
	var s RegistrySnapshot
	var body string
	err := c.queryRow(ctx, `SELECT log_seq, body, signature, key_id, created_at FROM registry_snapshots
		ORDER BY id DESC LIMIT 1`).Scan(&s.LogSeq, &body, &s.Signature, &s.KeyID, &s.CreatedAt)
	s.Body = []byte(body)
	return s, mapErr("sqlstore.LatestRegistrySnapshot", err)
}

// texts runs a query of one text column.
func (c *conn) texts(ctx context.Context, op, q string, args ...any) ([]string, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, s)
	}
	return out, mapErr(op, rows.Err())
}
