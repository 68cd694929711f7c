package sqlstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"nintei"
)

// mapErr turns driver errors into nintei's shared sentinels so that service
// code decides without knowing the database. Anything unknown becomes an
// internal error carrying the driver's text for the log only.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var ne *nintei.Error
	if errors.As(err, &ne) {
		return err
	}
	if isNoRows(err) {
		return fmt.Errorf("%s: %w", op, nintei.ErrNotFound)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &nintei.Error{Kind: nintei.KindUnavailable, Key: "error.unavailable", Op: op, Err: err}
	}
	if sentinel := sentinelFor(err); sentinel != nil {
		return &nintei.Error{Kind: sentinel.Kind, Key: sentinel.Key, Op: op, Err: err}
	}
	return &nintei.Error{Kind: nintei.KindInternal, Key: "error.internal", Op: op, Err: err}
}

func sentinelFor(err error) *nintei.Error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return nintei.ErrDuplicate
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return nintei.ErrReference
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return nintei.ErrBusy
		}
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return nintei.ErrDuplicate
		case "23503":
			return nintei.ErrReference
		case "40001", "40P01":
			return nintei.ErrConflict
		case "57P01", "57P02", "57P03", "08000", "08003", "08006":
			return nintei.ErrBusy
		}
	}
	if lostConnection(err) {
		return errLostConnection
	}
	return nil
}

// errLostConnection answers a request whose database connection failed
// (PostgreSQL restarting, the network down): 503, try again — the pool
// opens new connections by itself once the server is back.
var errLostConnection = nintei.Errorf(nintei.KindUnavailable, "error.unavailable")

// lostConnection reports whether err is the database connection failing
// rather than the statement: refused, reset, closed or cut short.
func lostConnection(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, driver.ErrBadConn),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}
