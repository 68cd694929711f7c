package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// NextSerial allocates the next certification serial of a scheme inside
// the transaction: the counter row is updated (and so locked) first, so
// concurrent certifications get distinct serials with no gap, and a
// rolled-back certification gives its serial back.
func (tx *Tx) NextSerial(ctx context.Context, schemeID string) (int64, error) {
	if _, err := tx.exec(ctx, `INSERT INTO certification_serials (scheme_id, last_serial) VALUES (?, 0)
		ON CONFLICT (scheme_id) DO NOTHING`, schemeID); err != nil {
		return 0, mapErr("sqlstore.NextSerial", err)
	}
	var n int64
	err := tx.queryRow(ctx, `UPDATE certification_serials SET last_serial = last_serial + 1 WHERE scheme_id = ?
		RETURNING last_serial`, schemeID).Scan(&n)
	return n, mapErr("sqlstore.NextSerial", err)
}

// Certification is a certified service's record.
type Certification struct {
	ID            int64
	ApplicationID int64
	OrgID         int64
	SchemeID      string
	Serial        int64
	Number        string
	CertifiedOn   string // YYYY-MM-DD (JST)
	ValidUntil    string // the last valid day
	Status        string
}

// InsertCertification stores a certification.
func (tx *Tx) InsertCertification(ctx context.Context, c Certification) (Certification, error) {
	var err error
	c.ID, err = tx.insertID(ctx, "sqlstore.InsertCertification", `INSERT INTO certifications (application_id, org_id,
		scheme_id, serial, number, certified_on, valid_until, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ApplicationID, c.OrgID, c.SchemeID, c.Serial, c.Number, c.CertifiedOn, c.ValidUntil, c.Status, tx.ts(tx.Now))
	return c, err
}

// CertificationOfApplication returns an application's certification;
// nintei.ErrNotFound if it has none.
func (c *conn) CertificationOfApplication(ctx context.Context, applicationID int64) (Certification, error) {
	var x Certification
	err := c.queryRow(ctx, `SELECT id, application_id, org_id, scheme_id, serial, number, certified_on, valid_until, status
		FROM certifications WHERE application_id = ?`, applicationID).Scan(&x.ID, &x.ApplicationID, &x.OrgID, &x.SchemeID,
		&x.Serial, &x.Number, &x.CertifiedOn, &x.ValidUntil, &x.Status)
	return x, mapErr("sqlstore.CertificationOfApplication", err)
}

// RegistryEntry is a published snapshot: what the public may see of one
// certified service, and nothing else.
type RegistryEntry struct {
	Bases        string // comma-separated base services
	Number       string
	ServiceName  string
	ProviderName string
	CertifiedOn  string
	ValidUntil   string
	Status       string
	Snapshot     string // JSON, see service.PublicService
	PublishedAt  time.Time
}

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

// setTexts writes an entry's snapshot and search text.
func (tx *Tx) setTexts(ctx context.Context, number, snapshot, searchText string) error {
	_, err := tx.exec(ctx, `INSERT INTO registry_texts (number, snapshot, search_text) VALUES (?, ?, ?)
		ON CONFLICT (number) DO UPDATE SET snapshot = excluded.snapshot, search_text = excluded.search_text`,
		number, snapshot, searchText)
	return mapErr("sqlstore.setTexts", err)
}

// setAnswers replaces the filterable answers of an entry.
func (tx *Tx) setAnswers(ctx context.Context, number string, answers map[string]string) error {
	if _, err := tx.exec(ctx, "DELETE FROM registry_answers WHERE number = ?", number); err != nil {
		return mapErr("sqlstore.setAnswers", err)
	}
	for id, text := range answers {
		if _, err := tx.exec(ctx, "INSERT INTO registry_answers (number, item_id, text) VALUES (?, ?, ?)", number, id, text); err != nil {
			return mapErr("sqlstore.setAnswers", err)
		}
	}
	return nil
}

// RegistryQuery selects published entries.
type RegistryQuery struct {
	Text    string            // NFKC-folded, lower-cased search words (all must match)
	Base    string            // a base service the entry provides
	Status  string            // "valid" or "expired" on Today
	Today   string            // YYYY-MM-DD, for Status
	Answers map[string]string // item ID → exact published answer
	Sort    string            // "number", "service", "provider", "certified" (default: newest certification)
	Offset  int
	Limit   int
}

// registrySorts are the allowed orders: never user text in ORDER BY.
var registrySorts = map[string]string{
	"":          "r.certified_on DESC, r.number DESC",
	"certified": "r.certified_on DESC, r.number DESC",
	"number":    "r.number",
	"service":   "r.service_name, r.number",
	"provider":  "r.provider_name, r.number",
}

const registryColumns = `r.number, r.service_name, r.provider_name, r.certified_on, r.valid_until, c.status, r.published_at`

// Registry lists published entries, newest certification first, with the
// total count. Search is a LIKE over the folded public text, which also
// finds one- and two-character Japanese queries.
func (c *conn) Registry(ctx context.Context, q RegistryQuery) ([]RegistryEntry, int, error) {
	where, args := registryWhere(q)
	var total int
	if err := c.queryRow(ctx, "SELECT COUNT(*) FROM registry_entries r JOIN certifications c ON c.id = r.certification_id "+where, args...).Scan(&total); err != nil {
		return nil, 0, mapErr("sqlstore.Registry", err)
	}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	rows, err := c.query(ctx, "SELECT "+registryColumns+` FROM registry_entries r JOIN certifications c ON c.id = r.certification_id `+
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
		JOIN certifications c ON c.id = r.certification_id JOIN registry_texts t ON t.number = r.number WHERE r.number = ?`, number).
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
func registryWhere(q RegistryQuery) (string, []any) {
	where, args := "WHERE 1 = 1", []any{}
	for _, w := range strings.Fields(q.Text) {
		where += " AND r.number IN (SELECT t.number FROM registry_texts t WHERE t.search_text LIKE ? ESCAPE '\\')"
		args = append(args, "%"+likeEscape(w)+"%")
	}
	if q.Base != "" {
		where += " AND (',' || r.bases || ',') LIKE ?"
		args = append(args, "%,"+likeEscape(q.Base)+",%")
	}
	switch q.Status {
	case "valid":
		where += " AND c.status = 'valid' AND r.valid_until >= ?"
		args = append(args, q.Today)
	case "expired":
		where += " AND c.status = 'valid' AND r.valid_until < ?"
		args = append(args, q.Today)
	}
	for id, text := range q.Answers {
		where += " AND EXISTS (SELECT 1 FROM registry_answers a WHERE a.number = r.number AND a.item_id = ? AND a.text = ?)"
		args = append(args, id, text)
	}
	return where, args
}

// RegistryVersion reads what decides whether a cached public page is still
// right: when the entry was last published, its stored status and last
// valid day. nintei.ErrNotFound for an unknown number.
func (c *conn) RegistryVersion(ctx context.Context, number string) (string, error) {
	var rev int64
	var status, validUntil string
	err := c.queryRow(ctx, `SELECT r.revision, c.status, r.valid_until FROM registry_entries r
		JOIN certifications c ON c.id = r.certification_id WHERE r.number = ?`, number).Scan(&rev, &status, &validUntil)
	if err != nil {
		return "", mapErr("sqlstore.RegistryVersion", err)
	}
	return strconv.FormatInt(rev, 10) + "|" + status + "|" + validUntil, nil
}
