package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"nintei"
)

//go:embed migrations
var migrationFiles embed.FS

// migrationLockID is the PostgreSQL advisory lock that keeps two instances
// starting at once from applying the same migration twice.
const migrationLockID = 7_113_900_001

// Migration is one forward-only schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the embedded migrations of a dialect in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// migrate applies every migration not yet recorded, each in its own
// transaction together with its schema_migrations row.
func (s *Store) migrate(ctx context.Context) error {
	migs, err := Migrations(s.d)
	if err != nil {
		return mapErr("sqlstore.migrate", err)
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return mapErr("sqlstore.migrate", err)
	}
	defer c.Close()
	if s.d == Postgres {
		if _, err := c.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID); err != nil {
			return mapErr("sqlstore.migrate.lock", err)
		}
		defer c.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockID)
	}
	const ddl = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`
	if _, err := c.ExecContext(ctx, ddl); err != nil {
		return mapErr("sqlstore.migrate", err)
	}
	if err := s.refuseNewerSchema(ctx, c, migs); err != nil {
		return err
	}
	for _, m := range migs {
		applied, err := s.applyMigration(ctx, c, m)
		if err != nil {
			return err
		}
		if applied {
			s.applied = append(s.applied, m)
		}
	}
	return nil
}

// refuseNewerSchema stops a binary from running on a database that a newer
// binary has migrated: the older code would read and write tables whose
// meaning it does not know. The error names the database's highest version
// and the binary's.
func (s *Store) refuseNewerSchema(ctx context.Context, c *sql.Conn, known []Migration) error {
	have := make(map[int]bool, len(known))
	binary := 0
	for _, m := range known {
		have[m.Version] = true
		binary = max(binary, m.Version)
	}
	rows, err := c.QueryContext(ctx, "SELECT version, name FROM schema_migrations ORDER BY version")
	if err != nil {
		return mapErr("sqlstore.migrate", err)
	}
	defer rows.Close()
	var unknown []string
	database := 0
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			return mapErr("sqlstore.migrate", err)
		}
		database = max(database, v)
		if !have[v] {
			unknown = append(unknown, name)
		}
	}
	if err := rows.Err(); err != nil {
		return mapErr("sqlstore.migrate", err)
	}
	if len(unknown) == 0 {
		return nil
	}
	return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.db.schema_newer", Op: "sqlstore.migrate",
		Args: map[string]any{"Database": fmt.Sprintf("%04d", database), "Binary": fmt.Sprintf("%04d", binary),
			"Unknown": strings.Join(unknown, ", ")},
		Err: fmt.Errorf("%w: database at %04d, binary knows up to %04d (unknown: %s)",
			ErrSchemaNewer, database, binary, strings.Join(unknown, ", "))}
}

// ErrSchemaNewer is the cause of the error Open returns for a database
// migrated by a newer binary.
var ErrSchemaNewer = errors.New("database schema is newer than this binary")

// JustApplied lists the migrations this Open applied (none when the
// database was already up to date), for `nintei migrate`.
func (s *Store) JustApplied() []Migration { return append([]Migration(nil), s.applied...) }

// BinarySchemaVersion is the highest migration this binary knows.
func BinarySchemaVersion(d Dialect) int {
	migs, err := Migrations(d)
	if err != nil || len(migs) == 0 {
		return 0
	}
	return migs[len(migs)-1].Version
}

// foreignKeysOff marks a SQLite migration that rebuilds a table (SQLite
// cannot alter a constraint): it runs with foreign keys off, as SQLite's
// documented procedure requires, and every reference is checked before it
// commits.
const foreignKeysOff = "-- nintei:foreign-keys-off"

// applyMigration applies m unless it is recorded, and reports whether it did.
func (s *Store) applyMigration(ctx context.Context, c *sql.Conn, m Migration) (bool, error) {
	rebuild := s.d == SQLite && strings.HasPrefix(m.SQL, foreignKeysOff)
	if rebuild {
		if _, err := c.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return false, mapErr("sqlstore.migrate", err)
		}
		defer c.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return false, mapErr("sqlstore.migrate", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, s.rebind("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"), m.Version).Scan(&n); err != nil {
		return false, mapErr("sqlstore.migrate", err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, mapErr("sqlstore.migrate "+m.Name, err)
	}
	if rebuild {
		if err := foreignKeyCheck(ctx, tx); err != nil {
			return false, fmt.Errorf("sqlstore.migrate %s: %w", m.Name, err)
		}
	}
	_, err = tx.ExecContext(ctx, s.rebind("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return false, mapErr("sqlstore.migrate", err)
	}
	return true, mapErr("sqlstore.migrate", tx.Commit())
}

// AppliedMigrations lists the recorded schema versions, for `nintei migrate`.
func (s *Store) AppliedMigrations(ctx context.Context) ([]Migration, error) {
	rows, err := s.query(ctx, "SELECT version, name FROM schema_migrations ORDER BY version")
	if err != nil {
		return nil, mapErr("sqlstore.AppliedMigrations", err)
	}
	defer rows.Close()
	var out []Migration
	for rows.Next() {
		var m Migration
		if err := rows.Scan(&m.Version, &m.Name); err != nil {
			return nil, mapErr("sqlstore.AppliedMigrations", err)
		}
		out = append(out, m)
	}
	return out, mapErr("sqlstore.AppliedMigrations", rows.Err())
}

// foreignKeyCheck fails if any row refers to a missing row.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("row %d of %s refers to a missing row of %s", rowid.Int64, table, parent)
	}
	return rows.Err()
}
