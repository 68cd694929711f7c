package sqlstore

import (
	"context"
	"sort"
	"strings"

	"nintei/store"
)

// RegistryEntry is defined in package store, the port of the use cases.
type RegistryEntry = store.RegistryEntry

// PublishEntry writes (or replaces) a service's published snapshot with its
// facets: base services and the published answers by item.
func (tx *Tx) PublishEntry(ctx context.Context, certificationID int64, e RegistryEntry, searchText string, answers map[string]string) error {
	_, err := tx.exec(ctx, `INSERT INTO registry_entries (number, certification_id, service_name, provider_name,
		certified_on, valid_until, published_at, bases) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (number) DO UPDATE SET service_name = excluded.service_name, provider_name = excluded.provider_name,
		valid_until = excluded.valid_until, published_at = excluded.published_at, bases = excluded.bases,
		revision = registry_entries.revision + 1`,
		e.Number, certificationID, e.ServiceName, e.ProviderName, e.CertifiedOn, e.ValidUntil, tx.ts(tx.Now), e.Bases)
	if err != nil {
		return mapErr("sqlstore.PublishEntry", err)
	}
	if err := tx.setTexts(ctx, e.Number, e.Snapshot, searchText); err != nil {
		return err
	}

	return tx.setAnswers(ctx, e.Number, answers)
}

// setTexts writes an entry's snapshot, its compact answers, the search
// text and the search index together, so that nothing derived can lag
// behind the snapshot.
func (tx *Tx) setTexts(ctx context.Context, number, snapshot, searchText string) error {
	answers, err := compactOf(snapshot)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO registry_texts (number, snapshot, search_text) VALUES (?, ?, ?)
		ON CONFLICT (number) DO UPDATE SET snapshot = excluded.snapshot, search_text = excluded.search_text`,
		number, snapshot, searchText)
	if err != nil {
		return mapErr("sqlstore.setTexts", err)
	}
	if err := tx.setCompact(ctx, number, answers); err != nil {
		return err
	}
	return tx.indexSearch(ctx, number, searchText)
}

// setAnswers replaces the filterable answers of an entry, in one INSERT
// of all its rows (one statement per answer made up most of a
// publication's writes: 65 statements for a complete form).
func (tx *Tx) setAnswers(ctx context.Context, number string, answers map[string]string) error {
	if _, err := tx.exec(ctx, "DELETE FROM registry_answers WHERE number = ?", number); err != nil {
		return mapErr("sqlstore.setAnswers", err)
	}
	if len(answers) == 0 {
		return nil
	}
	ids := make([]string, 0, len(answers))
	for id := range answers {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the same statement text for the same items
	args := make([]any, 0, 3*len(ids))
	for _, id := range ids {
		args = append(args, number, id, answers[id])
	}
	rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?),", len(ids)), ",")
	_, err := tx.exec(ctx, "INSERT INTO registry_answers (number, item_id, text) VALUES "+rows, args...)
	return mapErr("sqlstore.setAnswers", err)
}

// RegistryQuery is defined in package store, the port of the use cases.
type RegistryQuery = store.RegistryQuery

// The statistics' rows are defined in package store.
type (
	QuarterCount = store.QuarterCount
	FacetCount   = store.FacetCount
	DecisionSpan = store.DecisionSpan
)

// registrySorts are the allowed orders: never user text in ORDER BY.
var registrySorts = map[string]string{
	"":          "r.certified_on DESC, r.number DESC",
	"certified": "r.certified_on DESC, r.number DESC",
	"number":    "r.number",
	"service":   "r.service_name, r.number",
	"provider":  "r.provider_name, r.number",
}

const registryColumns = `r.number, r.service_name, r.provider_name, r.certified_on, r.valid_until, r.status, r.published_at`

// Registry lists published entries, newest certification first, with the
// total count. It reads the projection only: no workflow table is joined.
// A search outside a transaction is answered by the in-memory index
// (registry_index.go).
func (c *conn) Registry(ctx context.Context, q RegistryQuery) ([]RegistryEntry, int, error) {
	if words := strings.Fields(q.Text); len(words) > 0 && c.search != nil {
		return c.searchIndexed(ctx, q, words)
	}
	where, args := c.registryWhere(q)
	return c.registryRows(ctx, where, args, q)
}

// registryRows counts the entries a WHERE clause selects and reads the
// page q asks for.
func (c *conn) registryRows(ctx context.Context, where string, args []any, q RegistryQuery) ([]RegistryEntry, int, error) {
	var total int
	if err := c.queryRow(ctx, "SELECT COUNT(*) FROM registry_entries r "+where, args...).Scan(&total); err != nil {
		return nil, 0, mapErr("sqlstore.Registry", err)
	}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	rows, err := c.query(ctx, "SELECT "+registryColumns+" FROM registry_entries r "+
		where+" ORDER BY "+order(q.Sort)+" LIMIT ? OFFSET ?", append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, mapErr("sqlstore.Registry", err)
	}
	defer rows.Close()
	var out []RegistryEntry
	for rows.Next() {
		var e RegistryEntry
		if err := rows.Scan(&e.Number, &e.ServiceName, &e.ProviderName, &e.CertifiedOn, &e.ValidUntil, &e.Status, &e.PublishedAt); err != nil {
			return nil, 0, mapErr("sqlstore.Registry", err)
		}
		out = append(out, e)
	}
	return out, total, mapErr("sqlstore.Registry", rows.Err())
}

// RegistryEntryByNumber returns one published entry with its snapshot;
// nintei.ErrNotFound for an unknown number.
func (c *conn) RegistryEntryByNumber(ctx context.Context, number string) (RegistryEntry, error) {
	var e RegistryEntry
	err := c.queryRow(ctx, "SELECT "+registryColumns+`, t.snapshot FROM registry_entries r
		JOIN registry_texts t ON t.number = r.number WHERE r.number = ?`, number).
		Scan(&e.Number, &e.ServiceName, &e.ProviderName, &e.CertifiedOn, &e.ValidUntil, &e.Status, &e.PublishedAt, &e.Snapshot)
	return e, mapErr("sqlstore.RegistryEntryByNumber", err)
}

// likeEscape escapes LIKE's wildcards so a search for "%" means a percent sign.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func order(sort string) string {
	if o, ok := registrySorts[sort]; ok {
		return o
	}
	return registrySorts[""]
}

// registryWhere builds the filter clause with parameters only.
func (c *conn) registryWhere(q RegistryQuery) (string, []any) {
	where, args := c.searchClause(q.Text)
	if q.Base != "" {
		where += " AND (',' || r.bases || ',') LIKE ?"
		args = append(args, "%,"+likeEscape(q.Base)+",%")
	}
	// The stored status changes when the sweep runs; until then a valid
	// entry past its last valid day is already expired (certification.PublicStatus).
	switch q.Status {
	case "valid":
		where += " AND r.status = 'valid' AND r.valid_until >= ?"
		args = append(args, q.Today)
	case "expired":
		where += " AND (r.status = 'expired' OR (r.status = 'valid' AND r.valid_until < ?))"
		args = append(args, q.Today)
	case "renewal_pending", "terminated", "revoked", "lapsed":
		where += " AND r.status = ?"
		args = append(args, q.Status)
	}
	for id, text := range q.Answers {
		where += " AND EXISTS (SELECT 1 FROM registry_answers a WHERE a.number = r.number AND a.item_id = ? AND a.text = ?)"
		args = append(args, id, text)
	}
	return where, args
}

// RegistryGeneration is a number that changes with every change a public
// page could show (triggers bump it: publications, withholding, status),
// so public responses cached under it are never stale.
func (c *conn) RegistryGeneration(ctx context.Context) (int64, error) {
	var g int64
	err := c.queryRowPrepared(ctx, "SELECT generation FROM registry_state WHERE id = 1").Scan(&g)
	return g, mapErr("sqlstore.RegistryGeneration", err)
}

// The public statistics read only what the registry publishes: its events,
// the entries' base services and the published answers (withheld answers
// are never in registry_answers). Quarters are computed in SQL from the
// days' text (YYYY-MM-DD), the same way on both dialects.
const (
	quarterOf = `CAST(substr(e.occurred_on, 1, 4) AS INTEGER), (CAST(substr(e.occurred_on, 6, 2) AS INTEGER) + 2) / 3`
	// inForce is certification.PublicStatus in SQL: a valid entry past its
	// last valid day is expired until the sweep stores it.
	inForce = `(r.status = 'renewal_pending' OR (r.status = 'valid' AND r.valid_until >= ?))`
)

// RegistryEventCounts counts, per kind and calendar quarter, the services
// with a public event of kind certified, renewed, revoked, expired,
// terminated or lapsed.
func (c *conn) RegistryEventCounts(ctx context.Context) ([]QuarterCount, error) {
	rows, err := c.query(ctx, `SELECT e.kind, `+quarterOf+`, COUNT(DISTINCT e.number) FROM registry_events e
		WHERE e.kind IN ('certified', 'renewed', 'revoked', 'expired', 'terminated', 'lapsed')
		GROUP BY e.kind, `+quarterOf+` ORDER BY 2, 3, 1`)
	if err != nil {
		return nil, mapErr("sqlstore.RegistryEventCounts", err)
	}
	defer rows.Close()
	var out []QuarterCount
	for rows.Next() {
		var q QuarterCount
		if err := rows.Scan(&q.Kind, &q.Year, &q.Quarter, &q.Count); err != nil {
			return nil, mapErr("sqlstore.RegistryEventCounts", err)
		}
		out = append(out, q)
	}
	return out, mapErr("sqlstore.RegistryEventCounts", rows.Err())
}

// RegistryBaseCounts counts the services in force on today (YYYY-MM-DD)
// that provide each of bases, and all of them under the key "".
func (c *conn) RegistryBaseCounts(ctx context.Context, today string, bases []string) ([]FacetCount, error) {
	out := make([]FacetCount, 0, len(bases)+1)
	for _, b := range append([]string{""}, bases...) {
		f := FacetCount{Key: b}
		err := c.queryRow(ctx, `SELECT COUNT(*) FROM registry_entries r WHERE `+inForce+
			` AND (',' || r.bases || ',') LIKE ?`, today, "%,"+likeEscape(b)+",%").Scan(&f.Count)
		if b == "" {
			err = c.queryRow(ctx, `SELECT COUNT(*) FROM registry_entries r WHERE `+inForce, today).Scan(&f.Count)
		}
		if err != nil {
			return nil, mapErr("sqlstore.RegistryBaseCounts", err)
		}
		out = append(out, f)
	}
	return out, nil
}

// RegistryAnswerCounts counts the services in force on today by their
// published answer to each of items; a withheld answer is not published,
// so not counted.
func (c *conn) RegistryAnswerCounts(ctx context.Context, today string, items []string) ([]FacetCount, error) {
	if len(items) == 0 {
		return nil, nil
	}
	args := []any{today}
	for _, id := range items {
		args = append(args, id)
	}
	rows, err := c.query(ctx, `SELECT a.item_id, a.text, COUNT(*) FROM registry_answers a
		JOIN registry_entries r ON r.number = a.number
		WHERE `+inForce+` AND a.item_id IN (?`+strings.Repeat(", ?", len(items)-1)+`)
		GROUP BY a.item_id, a.text ORDER BY a.item_id, a.text`, args...)
	if err != nil {
		return nil, mapErr("sqlstore.RegistryAnswerCounts", err)
	}
	defer rows.Close()
	var out []FacetCount
	for rows.Next() {
		var f FacetCount
		if err := rows.Scan(&f.Key, &f.Value, &f.Count); err != nil {
			return nil, mapErr("sqlstore.RegistryAnswerCounts", err)
		}
		out = append(out, f)
	}
	return out, mapErr("sqlstore.RegistryAnswerCounts", rows.Err())
}

// DecisionSpans lists the certify decisions of published certifications
// (first terms and renewals) with their application's submission, oldest
// decision first; a certification moved in from the old site, which has
// no submission, is left out.
func (c *conn) DecisionSpans(ctx context.Context) ([]DecisionSpan, error) {
	rows, err := c.query(ctx, `SELECT a.submitted_at, t.decided_on FROM certification_terms t
		JOIN applications a ON a.id = t.application_id
		JOIN registry_entries r ON r.certification_id = t.certification_id
		WHERE a.submitted_at IS NOT NULL ORDER BY t.decided_on, t.application_id`)
	if err != nil {
		return nil, mapErr("sqlstore.DecisionSpans", err)
	}
	defer rows.Close()
	var out []DecisionSpan
	for rows.Next() {
		var d DecisionSpan
		if err := rows.Scan(&d.SubmittedAt, &d.DecidedOn); err != nil {
			return nil, mapErr("sqlstore.DecisionSpans", err)
		}
		out = append(out, d)
	}
	return out, mapErr("sqlstore.DecisionSpans", rows.Err())
}
