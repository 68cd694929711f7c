package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CopyReport says what CopyFrom copied.
type CopyReport struct {
	Tables  []Table          // copied, in the order they were filled
	Rows    map[string]int64 // rows copied per table
	Skipped []string         // source tables the target has not (SQLite's search index)
}

// RewriteFunc may change a row on its way to the target (migrate-data gives
// evidence files new keys in S3); vals are in the order of cols.
type RewriteFunc func(table string, cols []string, vals []any) error

// CopyFrom replaces every row of this PostgreSQL store with the rows of the
// SQLite database src, in one transaction: every table the two share, in
// foreign-key order, column by column where both have the column. The
// migrations table is the target's own (its migrator wrote it) and is not
// copied; the caller checks that both are at the same version. Columns only
// the target has (the search vector) stay NULL and are filled when the store
// is opened next. Triggers are disabled while copying (the append-only audit
// trail and the registry's generation counter would refuse or alter the
// copy), and every identity sequence is advanced past the copied ids.
// Callers check that the target holds nothing worth keeping first.
func (s *Store) CopyFrom(ctx context.Context, src *sql.DB, rewrite RewriteFunc) (CopyReport, error) {
	if s.d != Postgres {
		return CopyReport{Rows: map[string]int64{}}, fmt.Errorf("sqlstore.CopyFrom: the target must be PostgreSQL, not %s", s.d)
	}
	rep, srcByName, err := s.planCopy(ctx, src)
	if err != nil {
		return rep, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	if err := copyTables(ctx, src, tx, &rep, srcByName, rewrite); err != nil {
		return rep, err
	}
	if err := tx.Commit(); err != nil {
		return rep, err
	}
	// Fresh statistics, so the first queries are planned for the rows that
	// are there and not for empty tables (autovacuum would get to it later).
	if _, err := s.db.ExecContext(ctx, "ANALYZE"); err != nil {
		return rep, fmt.Errorf("analyze after the copy: %w", err)
	}
	return rep, nil
}

// planCopy lists the tables both databases have (the report's Tables, in the
// target's order) and those only the source has (Skipped), and returns the
// source's tables by name.
func (s *Store) planCopy(ctx context.Context, src *sql.DB) (CopyReport, map[string]Table, error) {
	rep := CopyReport{Rows: map[string]int64{}}
	srcTables, err := Tables(ctx, src, SQLite)
	if err != nil {
		return rep, nil, err
	}
	dstTables, err := Tables(ctx, s.db, Postgres)
	if err != nil {
		return rep, nil, err
	}
	srcByName := map[string]Table{}
	for _, t := range srcTables {
		srcByName[t.Name] = t
	}
	for _, t := range dstTables {
		if _, ok := srcByName[t.Name]; ok && t.Name != MigrationsTable {
			rep.Tables = append(rep.Tables, t)
		}
	}
	for _, t := range srcTables {
		if t.Name != MigrationsTable && !slices.ContainsFunc(dstTables, func(d Table) bool { return d.Name == t.Name }) {
			rep.Skipped = append(rep.Skipped, t.Name)
		}
	}
	return rep, srcByName, nil
}

// copyTables empties the target's tables and copies every row into them in
// tx with the tables' own triggers off (the rows are copied as they are, not
// written anew), then moves the sequences past the copied IDs.
func copyTables(ctx context.Context, src *sql.DB, tx *sql.Tx, rep *CopyReport, srcByName map[string]Table, rewrite RewriteFunc) error {
	var names []string
	for _, t := range rep.Tables {
		names = append(names, quoteIdent(t.Name))
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+n+" DISABLE TRIGGER USER"); err != nil {
			return fmt.Errorf("disable triggers on %s: %w", n, err)
		}
	}
	// Clears what the migrations seeded (the audit head, the registry's
	// generation), and with --force whatever was there.
	if _, err := tx.ExecContext(ctx, "TRUNCATE "+strings.Join(names, ", ")); err != nil {
		return fmt.Errorf("empty the target: %w", err)
	}
	for _, t := range rep.Tables {
		n, err := copyTable(ctx, src, tx, srcByName[t.Name], t, rewrite)
		if err != nil {
			return fmt.Errorf("copy %s: %w", t.Name, err)
		}
		rep.Rows[t.Name] = n
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+n+" ENABLE TRIGGER USER"); err != nil {
			return fmt.Errorf("enable triggers on %s: %w", n, err)
		}
	}
	return advanceSequences(ctx, tx, rep.Tables)
}

func copyTable(ctx context.Context, src *sql.DB, tx *sql.Tx, from, to Table, rewrite RewriteFunc) (int64, error) {
	var cols []Column
	for _, c := range to.Columns {
		if slices.ContainsFunc(from.Columns, func(f Column) bool { return f.Name == c.Name }) {
			cols = append(cols, c)
		}
	}
	names := make([]string, len(cols))
	quoted := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		names[i], quoted[i], marks[i] = c.Name, quoteIdent(c.Name), "$"+strconv.Itoa(i+1)
	}
	list := strings.Join(quoted, ", ")
	rows, err := src.QueryContext(ctx, "SELECT "+list+" FROM "+quoteIdent(from.Name)) // #nosec G202 -- identifiers read from the schema and quoted
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	ins, err := tx.PrepareContext(ctx, "INSERT INTO "+quoteIdent(to.Name)+" ("+list+") OVERRIDING SYSTEM VALUE VALUES ("+strings.Join(marks, ", ")+")") // #nosec G202 -- identifiers read from the schema and quoted; values are parameters
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range cols {
			v, err := toPostgres(vals[i], c.Type)
			if err != nil {
				return n, fmt.Errorf("row %d, column %s: %w", n+1, c.Name, err)
			}
			vals[i] = v
		}
		if rewrite != nil {
			if err := rewrite(to.Name, names, vals); err != nil {
				return n, err
			}
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

// timeLayouts are the ways a time can be spelled in a SQLite TIMESTAMP
// column that the driver did not already turn into a time.Time.
var timeLayouts = []string{sqliteTimeLayout, time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02"}

// toPostgres converts a value read from SQLite (int64, float64, string,
// []byte, time.Time or nil) to what the PostgreSQL column of type typ takes:
// 0/1 for booleans, parsed times for timestamptz, bytes for bytea.
func toPostgres(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "bool":
		switch x := v.(type) {
		case int64:
			return x != 0, nil
		case string:
			return strconv.ParseBool(x)
		}
	case "timestamptz", "timestamp", "date":
		if s, ok := v.(string); ok {
			for _, l := range timeLayouts {
				if t, err := time.Parse(l, s); err == nil {
					return t.UTC(), nil
				}
			}
			return nil, fmt.Errorf("%q is not a time", s)
		}
	case "int2", "int4", "int8", "numeric":
		if s, ok := v.(string); ok {
			return strconv.ParseInt(s, 10, 64)
		}
	case "bytea":
		if s, ok := v.(string); ok {
			return []byte(s), nil
		}
	case "text", "varchar", "bpchar":
		switch x := v.(type) {
		case []byte:
			return string(x), nil
		case time.Time:
			return x.UTC().Format(sqliteTimeLayout), nil
		}
	}
	return v, nil
}

// advanceSequences moves every sequence behind an identity or serial column
// past the largest id copied, so the next insert does not collide.
func advanceSequences(ctx context.Context, tx *sql.Tx, tables []Table) error {
	for _, t := range tables {
		for _, c := range t.Columns {
			var seq sql.NullString
			if err := tx.QueryRowContext(ctx, "SELECT pg_get_serial_sequence($1, $2)", quoteIdent(t.Name), c.Name).Scan(&seq); err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", t.Name, c.Name, err)
			}
			if !seq.Valid {
				continue
			}
			q := fmt.Sprintf("SELECT setval($1, COALESCE((SELECT MAX(%[1]s) FROM %[2]s), 1), (SELECT COUNT(*) > 0 FROM %[2]s))", // #nosec G201 -- identifiers read from the schema and quoted
				quoteIdent(c.Name), quoteIdent(t.Name))
			if _, err := tx.ExecContext(ctx, q, seq.String); err != nil {
				return fmt.Errorf("advance %s: %w", seq.String, err)
			}
		}
	}
	return nil
}

// SeededTables names the tables that the migrations themselves write rows
// into (the audit head, the registry's generation …), read from the
// migrations' INSERT statements: a freshly migrated database has rows there
// and is still empty.
func SeededTables(d Dialect) (map[string]bool, error) {
	migs, err := Migrations(d)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{MigrationsTable: true}
	for _, m := range migs {
		words := strings.Fields(strings.ToUpper(m.SQL))
		orig := strings.Fields(m.SQL)
		for i := 0; i+2 < len(words); i++ {
			if words[i] == "INSERT" && words[i+1] == "INTO" {
				name := strings.Trim(orig[i+2], `"(`)
				out[strings.ToLower(name)] = true
			}
		}
	}
	return out, nil
}

// TablesWithRows lists the tables of the store that hold rows, leaving out
// the ones named in ignore.
func (s *Store) TablesWithRows(ctx context.Context, ignore map[string]bool) ([]string, error) {
	tables, err := Tables(ctx, s.db, s.d)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		if ignore[t.Name] {
			continue
		}
		var one int
		err := s.db.QueryRowContext(ctx, "SELECT 1 FROM "+quoteIdent(t.Name)+" LIMIT 1").Scan(&one)
		if err == nil {
			out = append(out, t.Name)
		} else if !isNoRows(err) {
			return nil, fmt.Errorf("look into %s: %w", t.Name, err)
		}
	}
	return out, nil
}

// BlobRef is a row that refers to an evidence file by key and records the
// file's SHA-256.
type BlobRef struct {
	Table, Key, SHA256 string
}

// BlobRefs lists every evidence file the database refers to: the rows of
// every table that has both a blob_key and a sha256 column.
func (s *Store) BlobRefs(ctx context.Context) ([]BlobRef, error) { return BlobRefsOf(ctx, s.db, s.d) }

// BlobRefsOf is BlobRefs for a database opened outside a Store (a snapshot).
func BlobRefsOf(ctx context.Context, db *sql.DB, d Dialect) ([]BlobRef, error) {
	tables, err := Tables(ctx, db, d)
	if err != nil {
		return nil, err
	}
	var out []BlobRef
	for _, t := range tables {
		has := func(n string) bool { return slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Name == n }) }
		if !has("blob_key") || !has("sha256") {
			continue
		}
		rows, err := db.QueryContext(ctx, "SELECT blob_key, sha256 FROM "+quoteIdent(t.Name)+" ORDER BY blob_key") // #nosec G202 -- a table name read from the schema and quoted
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := BlobRef{Table: t.Name}
			if err := rows.Scan(&r.Key, &r.SHA256); err != nil {
				_ = rows.Close() // the scan error is the one to report
				return nil, err
			}
			out = append(out, r)
		}
		_ = rows.Close() // rows.Err below reports what went wrong
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
