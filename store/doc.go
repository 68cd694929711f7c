// Package store is the port between the use cases (package service) and the
// database: the records they exchange and the interfaces Store, Tx and
// Queries (ports_gen.go, which embeds one interface per adapter file written
// in ports_<area>_gen.go; all generated from internal/sqlstore's methods), so that
// service depends on this package and not on the SQL adapter. The adapter,
// internal/sqlstore, imports it: its record types are aliases of these, and
// sqlstore.Port adapts a *sqlstore.Store to Store.
package store

//go:generate go run ../tools/genport
