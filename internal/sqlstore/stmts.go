package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements for the queries every public page
// runs. database/sql prepares an unprepared query on every call, and for
// the registry's reads that preparation was a quarter of a page's cost.
// A *sql.Stmt is safe for concurrent use and re-prepares itself on each
// pooled connection as needed.
type stmtCache struct {
	db    *sql.DB
	stmts sync.Map // query text → *sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := c.stmts.LoadOrStore(query, st); loaded {
		_ = st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// queryPrepared runs a read through a cached prepared statement outside a
// transaction, and as a plain query inside one. Only for queries whose
// text comes from a small fixed set: every distinct text stays prepared.
func (c *conn) queryPrepared(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if c.stmts == nil {
		return c.query(ctx, query, args...)
	}
	st, err := c.stmts.get(ctx, c.rebind(query))
	if err != nil {
		return nil, err
	}
	c.count.Add(1)
	return st.QueryContext(ctx, args...)
}

func (c *conn) queryRowPrepared(ctx context.Context, query string, args ...any) *sql.Row {
	if c.stmts == nil {
		return c.queryRow(ctx, query, args...)
	}
	st, err := c.stmts.get(ctx, c.rebind(query))
	if err != nil {
		return c.queryRow(ctx, query, args...) // the same error, reported by the query itself
	}
	c.count.Add(1)
	return st.QueryRowContext(ctx, args...)
}
