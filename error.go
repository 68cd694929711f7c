// Package nintei holds the concepts of the disclosure certification program
// (情報開示認定制度): organisations, users and roles, the audit trail, and the
// one error type every layer speaks. Adapters live in sub-packages named after
// what they wrap (sqlstore, web, mail, …); wiring lives in cmd/nintei.
package nintei

import (
	"errors"
)

// ErrorKind classifies an error so the edges (HTML, JSON API, CLI) can map it
// to a status in one place without looking at its text.
type ErrorKind string

// The error kinds. Each maps to exactly one HTTP status in web/errors.go.
const (
	KindInvalid         ErrorKind = "invalid"         // the input is wrong; the user can fix it
	KindNotFound        ErrorKind = "not_found"       // no such object, or not visible to this actor
	KindUnauthenticated ErrorKind = "unauthenticated" // login needed or session expired
	KindForbidden       ErrorKind = "forbidden"       // logged in, but this role may not
	KindConflict        ErrorKind = "conflict"        // a concurrent change or a duplicate won
	KindTooMany         ErrorKind = "too_many"        // throttled
	KindTooLarge        ErrorKind = "too_large"       // body or file over the limit
	KindUnavailable     ErrorKind = "unavailable"     // a dependency (database, storage) is down
	KindInternal        ErrorKind = "internal"        // a bug or an unexpected failure
)

// Error is the one error type of nintei. Key is a message key (translated at
// the edge, Japanese first) and is the only part a user ever sees; Err keeps
// the internal cause for the log.
type Error struct {
	Kind ErrorKind
	Key  string         // message key, e.g. "error.login.failed"
	Args map[string]any // values for the message template
	Op   string         // where it happened, for the log
	Err  error          // internal cause, never shown
}

func (e *Error) Error() string {
	msg := string(e.Kind) + ": " + e.Key
	if e.Op != "" {
		msg = e.Op + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap exposes the internal cause to errors.Is / errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error of the given kind with a message key.
func Errorf(kind ErrorKind, key string) *Error { return &Error{Kind: kind, Key: key} }

// With returns a copy of e carrying a template argument.
func (e *Error) With(name string, value any) *Error {
	c := *e
	c.Args = make(map[string]any, len(e.Args)+1)
	for k, v := range e.Args {
		c.Args[k] = v
	}
	c.Args[name] = value
	return &c
}

// Wrap attaches an internal cause and operation name to a new internal error.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var ne *Error
	if errors.As(err, &ne) {
		return err
	}
	return &Error{Kind: KindInternal, Key: "error.internal", Op: op, Err: err}
}

// KindOf reports the kind of err; errors that are not *Error are internal.
func KindOf(err error) ErrorKind {
	var ne *Error
	if errors.As(err, &ne) {
		return ne.Kind
	}
	return KindInternal
}

// Sentinel errors that store adapters map driver errors to, so that service
// code can decide without knowing which database runs underneath.
var (
	ErrNotFound  = &Error{Kind: KindNotFound, Key: "error.not_found"}
	ErrDuplicate = &Error{Kind: KindConflict, Key: "error.duplicate"}
	ErrConflict  = &Error{Kind: KindConflict, Key: "error.conflict"}
	ErrReference = &Error{Kind: KindInvalid, Key: "error.reference"}
	ErrBusy      = &Error{Kind: KindUnavailable, Key: "error.unavailable"}
)

// Is lets errors.Is(err, ErrNotFound) match any not-found Error with the same key.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Key == e.Key
}

// Invalid is a shorthand for a user-fixable error on one field.
func Invalid(key, field string) *Error {
	return &Error{Kind: KindInvalid, Key: key, Args: map[string]any{"Field": field}}
}
