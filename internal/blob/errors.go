package blob

import (
	"fmt"

	"nintei"
)

// kindError is a sentinel of this package that also unwraps to the
// nintei.Error the web layer understands, so a handler can return a blob
// error as it is and the user gets a 404 or a 413, never internal detail.
type kindError struct {
	msg string
	as  *nintei.Error
}

func (e *kindError) Error() string { return e.msg }

// Unwrap exposes the nintei.Error to errors.Is/errors.As and nintei.KindOf.
func (e *kindError) Unwrap() error { return e.as }

// Sentinel errors of every Store. Match them with errors.Is.
var (
	// ErrNotFound: there is no object under the key (never stored, or
	// deleted). It is a nintei not-found error.
	ErrNotFound error = &kindError{"blob: object not found", nintei.ErrNotFound}

	// ErrInvalidKey: the key cannot be one a store produced. Stores refuse
	// it before touching storage. To a user it is the same as a missing
	// object: there is nothing under such a name, and nothing to learn.
	ErrInvalidKey error = &kindError{"blob: invalid key", nintei.ErrNotFound}

	// ErrTooLarge: Put read more than its limit. The error Put returns also
	// carries the limit for the message ("error.too_large", {Max}).
	ErrTooLarge error = &kindError{"blob: object too large", nintei.Errorf(nintei.KindTooLarge, "error.too_large")}
)

// TooLarge is the error Put returns when the content exceeds limit: it
// matches ErrTooLarge and gives the web layer the limit to show. Every Store
// implementation returns it, so that all say "too large" the same way.
func TooLarge(limit int64) error { return &tooLargeError{limit: limit} }

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("blob: object larger than the limit of %d bytes", e.limit)
}

// Unwrap puts the nintei.Error with the limit first, so that errors.As finds
// it before the limit-less one inside ErrTooLarge.
func (e *tooLargeError) Unwrap() []error {
	withMax := nintei.Errorf(nintei.KindTooLarge, "error.too_large").With("Max", e.limit)
	return []error{withMax, ErrTooLarge}
}

// keyError wraps a sentinel with the operation and key, for the log.
func keyError(op, key string, sentinel error) error {
	if !ValidKey(key) {
		// An invalid key may be anything, even 10 KB of junk: do not log it.
		return fmt.Errorf("blob: %s: %w", op, sentinel)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, sentinel)
}
