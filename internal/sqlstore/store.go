// Package sqlstore keeps nintei's data in SQLite (the embedded default) or
// PostgreSQL, through database/sql with hand-written SQL. Queries are written
// once with `?` placeholders and rebound for PostgreSQL; where the dialects
// truly differ the difference is spelled out next to the query.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver (pure Go)

	"nintei"
	"nintei/store"
)

// Dialect names the database underneath.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the database. It is safe for concurrent use.
type Store struct {
	conn
	db *sql.DB
	// applied lists the migrations Open applied, for `nintei migrate`.
	applied []Migration
}

// Options says which database to open.
type Options struct {
	// URL is a postgres:// URL; empty means SQLite in DataDir.
	URL     string
	DataDir string
	Clock   nintei.Clock
}

// SQLiteFile is the database file name inside the data directory.
const SQLiteFile = "nintei.db"

// Open connects to the database, checks that it answers, and applies the
// migrations. It fails with a KindUnavailable error whose key explains the
// cause when PostgreSQL cannot be reached or the data directory is not
// writable.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.Clock == nil {
		o.Clock = nintei.SystemClock{}
	}
	d, dsn, err := dataSource(o)
	if err != nil {
		return nil, err
	}
	driver := map[Dialect]string{SQLite: "sqlite", Postgres: "pgx"}[d]
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.db.open", Op: "sqlstore.Open", Err: err}
	}
	configurePool(db, d)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.db.unreachable", Op: "sqlstore.Open", Err: err}
	}
	s := &Store{conn: conn{q: db, d: d, clock: o.Clock, stmts: &stmtCache{db: db}, count: new(atomic.Int64),
		search: newSearchState()}, db: db}
	if err := s.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.backfillSearch(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.backfillCompact(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

func dataSource(o Options) (Dialect, string, error) {
	if strings.HasPrefix(o.URL, "postgres://") || strings.HasPrefix(o.URL, "postgresql://") {
		return Postgres, o.URL, nil
	}
	if o.URL != "" {
		return "", "", &nintei.Error{Kind: nintei.KindInvalid, Key: "error.db.url_scheme", Op: "sqlstore.Open"}
	}
	if err := checkWritableDir(o.DataDir); err != nil {
		return "", "", err
	}
	path := filepath.Join(o.DataDir, SQLiteFile)
	// The pragmas sit in the DSN so that every pooled connection gets them;
	// _txlock=immediate takes the write lock at BEGIN, which turns
	// read-then-write races into waits instead of SQLITE_BUSY mid-transaction.
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-1024)&_txlock=immediate"
	return SQLite, dsn, nil
}

// checkWritableDir creates dir if needed and proves it writable, so that a
// read-only data directory fails at start with a clear message rather than at
// the first write.
func checkWritableDir(dir string) error {
	if dir == "" {
		return &nintei.Error{Kind: nintei.KindInvalid, Key: "error.datadir.missing", Op: "sqlstore.Open"}
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.datadir.unwritable", Op: "sqlstore.Open", Err: err}
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.datadir.unwritable", Op: "sqlstore.Open", Err: err}
	}
	closeErr := f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.datadir.unwritable", Op: "sqlstore.Open", Err: err}
	}
	if closeErr != nil {
		return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.datadir.unwritable", Op: "sqlstore.Open", Err: closeErr}
	}
	return nil
}

func configurePool(db *sql.DB, d Dialect) {
	if d == SQLite {
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		db.SetConnMaxIdleTime(5 * time.Minute)
		return
	}
	// As many idle connections as open ones: with fewer, a busy instance
	// closed and reopened connections all the time, and each new PostgreSQL
	// connection is a new server process (verification with two instances
	// went from 7,500 to 11,000 req/s). Ten per instance leaves room for
	// several instances under PostgreSQL's default max_connections of 100.
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dialect reports which database is underneath.
func (s *Store) Dialect() Dialect { return s.d }

// Ping checks that the database answers; used by /readyz.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.db.unreachable", Op: "sqlstore.Ping", Err: err}
	}
	return nil
}

// Tx is a transaction with a fixed "now": every row it writes carries the
// same time, and audit events appended in it land in the same commit.
type Tx struct {
	conn
	tx  *sql.Tx
	Now time.Time
	// searchRows, when not nil, holds the SQLite search index rows of the
	// transaction's publications until it commits (BatchSearchIndex).
	searchRows *[]searchRow
}

// InTx runs fn in a transaction, committing when it returns nil. fn must not
// keep tx after it returns.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr("sqlstore.begin", err)
	}
	now := s.clock.Now().UTC()
	tx := &Tx{conn: conn{q: sqlTx, d: s.d, clock: fixedClock(now), count: s.count}, tx: sqlTx, Now: now}
	err = fn(tx)
	if err == nil {
		err = tx.flushSearchIndex(ctx)
	}
	if err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return mapErr("sqlstore.commit", err)
	}
	return nil
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn holds the query methods shared by Store (autocommit reads and single
// writes) and Tx, so each query is written once.
type conn struct {
	q     querier
	d     Dialect
	clock nintei.Clock
	// stmts holds prepared statements of the hot public reads (see
	// queryPrepared); nil inside a transaction.
	stmts *stmtCache
	// count counts the statements sent, shared by a Store and its
	// transactions; tests read it through Queries to prove that a page
	// costs a fixed number of queries.
	count *atomic.Int64
	// search is the registry's in-memory search index (registry_index.go),
	// shared by a Store's reads; nil inside a transaction.
	search *searchState
}

// Queries is how many statements the store and its transactions have sent
// since it was opened (BEGIN and COMMIT not counted).
func (s *Store) Queries() int64 { return s.count.Load() }

func (c *conn) now() time.Time { return c.clock.Now().UTC().Truncate(time.Microsecond) }

func (c *conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c.count.Add(1)
	return c.q.ExecContext(ctx, c.rebind(query), args...)
}

func (c *conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.count.Add(1)
	return c.q.QueryContext(ctx, c.rebind(query), args...)
}

func (c *conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	c.count.Add(1)
	return c.q.QueryRowContext(ctx, c.rebind(query), args...)
}

var rebound sync.Map // query text -> PostgreSQL text

// rebind turns `?` placeholders into PostgreSQL's `$n`. Queries are written
// without `?` inside string literals, so a plain scan is enough.
func (c *conn) rebind(query string) string {
	if c.d != Postgres {
		return query
	}
	if v, ok := rebound.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	rebound.Store(query, b.String())
	return b.String()
}

// insertID runs an INSERT … RETURNING id (both dialects support RETURNING).
func (c *conn) insertID(ctx context.Context, op, query string, args ...any) (int64, error) {
	var id int64
	if err := c.queryRow(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, mapErr(op, err)
	}
	return id, nil
}

// execOne runs a statement that must change exactly one row; zero rows is
// reported as not found.
func (c *conn) execOne(ctx context.Context, op, query string, args ...any) error {
	res, err := c.exec(ctx, query, args...)
	if err != nil {
		return mapErr(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(op, err)
	}
	if n != 1 {
		return fmt.Errorf("%s: %w", op, nintei.ErrNotFound)
	}
	return nil
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }

// sqliteTimeLayout is fixed-width so that SQLite, which compares TEXT, orders
// times correctly (a variable-length fraction would sort "…02Z" after "…02.5Z").
const sqliteTimeLayout = "2006-01-02T15:04:05.000000Z"

// ts converts a time for a query parameter: microseconds in UTC for both
// dialects (PostgreSQL's precision), fixed-width text for SQLite.
func (c *conn) ts(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if c.d == SQLite {
		return t.Format(sqliteTimeLayout)
	}
	return t
}

// tsPtr is ts for an optional time.
func (c *conn) tsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return c.ts(*t)
}

// DB exposes the underlying pool to tests and maintenance tools that must
// act outside the program's rules (e.g. proving that tampering is detected).
func (s *Store) DB() *sql.DB { return s.db }

// RawQueryRow runs a hand-written statement in the transaction with
// placeholders rebound for the dialect; for tools (the benchmark seeder)
// that write rows the program normally derives.
func (tx *Tx) RawQueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.queryRow(ctx, query, args...)
}

// Port is s as the use cases see it: store.Store, whose InTx hands its
// function a store.Tx. Every other method is s's own.
func Port(s *Store) store.Store { return port{s} }

// port adapts *Store to store.Store; only InTx differs, because a Go method
// taking func(*Tx) does not satisfy one taking func(store.Tx).
type port struct{ *Store }

// InTx runs fn in a transaction of the store (see Store.InTx).
func (p port) InTx(ctx context.Context, fn func(tx store.Tx) error) error {
	return p.Store.InTx(ctx, func(tx *Tx) error { return fn(tx) })
}

// Time is the transaction's fixed "now" (the field Now), for code that sees
// the transaction through the store.Tx interface.
func (tx *Tx) Time() time.Time { return tx.Now }

// A *Tx is a store.Tx as it is.
var _ store.Tx = (*Tx)(nil)
