package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Table is a base table as the database itself describes it (sqlite_master
// and PRAGMA table_info, or information_schema and pg_constraint), so that
// tools which move whole databases (migrate-data) need no list of tables and
// keep working when a migration adds one.
type Table struct {
	Name    string
	Columns []Column
	Refs    []string // tables this one's foreign keys point to
}

// Column is a column with its type as the database spells it, lower-cased
// (SQLite's declared type, PostgreSQL's udt_name: int8, timestamptz, bool …).
// Generated columns are not listed: the database computes them.
type Column struct {
	Name string
	Type string
}

// MigrationsTable is the migrator's bookkeeping table: each database's own
// migrator writes it, so it is never copied from one database to another.
const MigrationsTable = "schema_migrations"

// Tables lists the base tables of the database behind db, ordered so that
// every table comes after the tables it refers to (insert in this order,
// delete in the reverse). SQLite's internal tables, virtual tables (the FTS5
// search index) and their shadow tables are left out: they are not data but
// indexes that sqlstore rebuilds.
func Tables(ctx context.Context, db *sql.DB, d Dialect) ([]Table, error) {
	var names []string
	var err error
	if d == SQLite {
		names, err = sqliteTables(ctx, db)
	} else {
		names, err = stringsOf(ctx, db, `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore.Tables: %w", err)
	}
	byName := map[string]*Table{}
	for _, n := range names {
		t := &Table{Name: n}
		if t.Columns, err = columnsOf(ctx, db, d, n); err != nil {
			return nil, fmt.Errorf("sqlstore.Tables %s: %w", n, err)
		}
		byName[n] = t
	}
	if err := addRefs(ctx, db, d, byName); err != nil {
		return nil, fmt.Errorf("sqlstore.Tables: %w", err)
	}
	return orderByRefs(names, byName)
}

func sqliteTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, COALESCE(sql, '') FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all, virtual []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			return nil, err
		}
		if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(ddl)), "CREATE VIRTUAL TABLE") {
			virtual = append(virtual, name)
			continue
		}
		all = append(all, name)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Shadow tables of a virtual table v are named v_data, v_idx, …
	return slices.DeleteFunc(all, func(n string) bool {
		return slices.ContainsFunc(virtual, func(v string) bool { return strings.HasPrefix(n, v+"_") })
	}), nil
}

func columnsOf(ctx context.Context, db *sql.DB, d Dialect, table string) ([]Column, error) {
	q := `SELECT name, type FROM pragma_table_info(?) ORDER BY cid`
	if d == Postgres {
		q = `SELECT column_name, udt_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`
	}
	rows, err := db.QueryContext(ctx, q, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Column
	for rows.Next() {
		var c Column
		if err := rows.Scan(&c.Name, &c.Type); err != nil {
			return nil, err
		}
		c.Type = strings.ToLower(c.Type)
		out = append(out, c)
	}
	return out, rows.Err()
}

func addRefs(ctx context.Context, db *sql.DB, d Dialect, byName map[string]*Table) error {
	if d == SQLite {
		for name, t := range byName {
			refs, err := stringsOf(ctx, db, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, name)
			if err != nil {
				return err
			}
			t.Refs = refs
		}
		return nil
	}
	rows, err := db.QueryContext(ctx, `SELECT src.relname, dst.relname FROM pg_constraint c
		JOIN pg_class src ON src.oid = c.conrelid JOIN pg_class dst ON dst.oid = c.confrelid
		JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema()`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var src, dst string
		if err := rows.Scan(&src, &dst); err != nil {
			return err
		}
		if t := byName[src]; t != nil && !slices.Contains(t.Refs, dst) {
			t.Refs = append(t.Refs, dst)
		}
	}
	return rows.Err()
}

// orderByRefs sorts tables so that referenced tables come first, by name
// among equals so the order is the same on every run.
func orderByRefs(names []string, byName map[string]*Table) ([]Table, error) {
	sort.Strings(names)
	done := map[string]bool{}
	var out []Table
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			if done[n] {
				continue
			}
			ready := true
			for _, r := range byName[n].Refs {
				if r != n && byName[r] != nil && !done[r] {
					ready = false
				}
			}
			if ready {
				done[n], progress = true, true
				out = append(out, *byName[n])
			}
		}
		if !progress {
			return nil, fmt.Errorf("foreign keys form a cycle among the remaining tables")
		}
	}
	return out, nil
}

func stringsOf(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// quoteIdent quotes a table or column name the database reported, for both
// dialects.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// RowCounts counts the rows of each table.
func RowCounts(ctx context.Context, db *sql.DB, tables []Table) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range tables {
		var n int64
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+quoteIdent(t.Name)).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t.Name, err)
		}
		out[t.Name] = n
	}
	return out, nil
}

// SchemaVersion is the highest migration applied to the database behind db.
func SchemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, "SELECT MAX(version) FROM "+MigrationsTable).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return int(v.Int64), nil
}

// SnapshotSQLite writes a consistent copy of the SQLite database in dataDir
// to path (which must not exist) with VACUUM INTO, without migrating or
// otherwise changing the database. It reads in one transaction, so a server
// may keep writing meanwhile.
func SnapshotSQLite(ctx context.Context, dataDir, path string) error {
	db, err := OpenSQLiteFile(filepath.Join(dataDir, SQLiteFile))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("sqlstore.SnapshotSQLite: %w", err)
	}
	return nil
}

// OpenSQLiteFile opens an existing SQLite file as it is, without migrating
// it (backup reads the live database and its snapshot through it).
func OpenSQLiteFile(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?mode=rw&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
}
