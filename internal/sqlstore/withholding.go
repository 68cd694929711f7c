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

// The public registry log (docs/registry.md), beside the published texts
// it records: appendLog is called by the writers of registry events
// (lifecycle.go), so no publishing path can skip it, and it runs in their
// transaction.

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
