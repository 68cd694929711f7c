package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"nintei"
	"nintei/registry"
	"nintei/store"
)

// compactOf derives the compact answers from a published snapshot.
func compactOf(snapshot string) (string, error) {
	var pub registry.Service
	if err := json.Unmarshal([]byte(snapshot), &pub); err != nil {
		return "", nintei.Wrap("sqlstore.compactOf", err)
	}
	return registry.EncodeCompact(pub), nil
}

// maxPublicEntries bounds one PublicEntries call (a comparison is of five).
const maxPublicEntries = 10

// PublicEntry is defined in package store, the port of the use cases.
type PublicEntry = store.PublicEntry

// PublicEntries returns the published entries of the numbers, in no order;
// numbers not in the registry are simply absent.
func (c *conn) PublicEntries(ctx context.Context, numbers []string) ([]PublicEntry, error) {
	if len(numbers) == 0 {
		return nil, nil
	}
	if len(numbers) > maxPublicEntries {
		return nil, &nintei.Error{Kind: nintei.KindInvalid, Key: "error.registry.too_many", Args: map[string]any{"Max": maxPublicEntries}, Op: "sqlstore.PublicEntries"}
	}
	args := make([]any, len(numbers))
	for i, n := range numbers {
		args[i] = n
	}
	// At most maxPublicEntries distinct texts (1 to 5 numbers), so prepared.
	rows, err := c.queryPrepared(ctx, `SELECT r.number, r.service_name, r.provider_name, r.certified_on, r.valid_until, r.status, t.answers
		FROM registry_entries r JOIN registry_compact t ON t.number = r.number
		WHERE r.number IN (?`+strings.Repeat(", ?", len(numbers)-1)+`)`, args...)
	if err != nil {
		return nil, mapErr("sqlstore.PublicEntries", err)
	}
	defer rows.Close()
	var out []PublicEntry
	for rows.Next() {
		var x PublicEntry
		if err := rows.Scan(&x.Number, &x.ServiceName, &x.ProviderName, &x.CertifiedOn, &x.ValidUntil, &x.Status, &x.Compact); err != nil {
			return nil, mapErr("sqlstore.PublicEntries", err)
		}
		out = append(out, x)
	}
	return out, mapErr("sqlstore.PublicEntries", rows.Err())
}

// backfillCompact derives the compact answers of entries published before
// migration 0013, in batches, when the store opens.
func (s *Store) backfillCompact(ctx context.Context) error {
	for {
		rows, err := s.query(ctx, `SELECT t.number, t.snapshot FROM registry_texts t
			WHERE NOT EXISTS (SELECT 1 FROM registry_compact c WHERE c.number = t.number) LIMIT 500`)
		if err != nil {
			return mapErr("sqlstore.backfillCompact", err)
		}
		batch := map[string]string{}
		for rows.Next() {
			var number, snapshot string
			if err := rows.Scan(&number, &snapshot); err != nil {
				_ = rows.Close()
				return mapErr("sqlstore.backfillCompact", err)
			}
			batch[number] = snapshot
		}
		// An error ending the iteration must not pass for the end of the work.
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return mapErr("sqlstore.backfillCompact", err)
		}
		if len(batch) == 0 {
			return nil
		}
		err = s.InTx(ctx, func(tx *Tx) error {
			for number, snapshot := range batch {
				answers, err := compactOf(snapshot)
				if err != nil {
					return fmt.Errorf("registry entry %s: %w", number, err)
				}
				if err := tx.setCompact(ctx, number, answers); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

// setCompact writes an entry's compact answers (see migration 0018 for why
// they have a table of their own).
func (tx *Tx) setCompact(ctx context.Context, number, answers string) error {
	_, err := tx.exec(ctx, `INSERT INTO registry_compact (number, answers) VALUES (?, ?)
		ON CONFLICT (number) DO UPDATE SET answers = excluded.answers`, number, answers)
	return mapErr("sqlstore.setCompact", err)
}

// RegistryHead returns one entry's public header — number, names, dates,
// status — without its answers: all verification shows, so it need not
// fetch and decode a whole service (on PostgreSQL that transfer was most
// of a verification's cost). nintei.ErrNotFound for an unknown number.
func (c *conn) RegistryHead(ctx context.Context, number string) (RegistryEntry, error) {
	rows, err := c.queryPrepared(ctx, `SELECT number, service_name, provider_name, certified_on, valid_until, status
		FROM registry_entries WHERE number = ?`, number)
	if err != nil {
		return RegistryEntry{}, mapErr("sqlstore.RegistryHead", err)
	}
	defer rows.Close()
	var x RegistryEntry
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return x, mapErr("sqlstore.RegistryHead", err)
		}
		return x, fmt.Errorf("sqlstore.RegistryHead: %w", nintei.ErrNotFound)
	}
	if err := rows.Scan(&x.Number, &x.ServiceName, &x.ProviderName, &x.CertifiedOn, &x.ValidUntil, &x.Status); err != nil {
		return x, mapErr("sqlstore.RegistryHead", err)
	}
	return x, nil
}
