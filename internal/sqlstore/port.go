package sqlstore

import (
	"context"
	"time"

	"nintei/store"
)

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
