package aftercare

import (
	"context"
	"encoding/base64"
	"strconv"
	"time"

	"nintei"
	"nintei/registry"
	"nintei/service/core"
	"nintei/store"
)

// JobRegistrySnapshot is the kind of the daily job that signs a snapshot
// of the public registry.
const JobRegistrySnapshot = "registry.snapshot"

// ErrSnapshotsOff: no signing key is configured, so no snapshot is made
// or served.
var ErrSnapshotsOff = nintei.Errorf(nintei.KindNotFound, "error.registry.snapshot_off")

// RegistryLogPage is the largest number of log lines one read returns: a
// first entry carries all of a service's answers (some kB), so a page
// stays a few MB.
const RegistryLogPage = 1000

// RegistryLog returns the public log's served lines after sequence after
// (at most RegistryLogPage) and the head's sequence and hash.
func (s *Aftercare) RegistryLog(ctx context.Context, after int64) (lines []string, head int64, hash string, err error) {
	if head, hash, err = s.Store.RegistryLogHead(ctx); err != nil {
		return nil, 0, "", err
	}
	lines, err = s.Store.RegistryLog(ctx, max(after, 0), RegistryLogPage)
	return lines, head, hash, err
}

// RegistryKeys are the published public keys of the snapshots' signatures.
func (s *Aftercare) RegistryKeys() (registry.PublishedKeys, error) {
	if s.Config.RegistryKey == nil {
		return registry.PublishedKeys{}, ErrSnapshotsOff
	}
	return s.Config.RegistryKey.Published(), nil
}

// LatestRegistrySnapshot returns the newest stored snapshot.
func (s *Aftercare) LatestRegistrySnapshot(ctx context.Context) (store.RegistrySnapshot, error) {
	if s.Config.RegistryKey == nil {
		return store.RegistrySnapshot{}, ErrSnapshotsOff
	}
	return s.Store.LatestRegistrySnapshot(ctx)
}

// MakeRegistrySnapshot brings the log up to the registry (ended
// withholdings, services published before the log began) and signs and
// stores the registry as of the log's head, in one transaction that holds
// the head, so no entry can slip in between.
func (s *Aftercare) MakeRegistrySnapshot(ctx context.Context) (store.RegistrySnapshot, error) {
	ring := s.Config.RegistryKey
	if ring == nil {
		return store.RegistrySnapshot{}, ErrSnapshotsOff
	}
	var out store.RegistrySnapshot
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := tx.SyncRegistryLog(ctx, tx.Time().In(core.JST).Format(core.DateLayout)); err != nil {
			return err
		}
		seq, hash, err := tx.RegistryLogHead(ctx)
		if err != nil {
			return err
		}
		state, err := tx.RegistryLogState(ctx)
		if err != nil {
			return err
		}
		snap := registry.Snapshot{GeneratedAt: tx.Time().UTC().Format(time.RFC3339), KeyID: ring.Current().ID,
			HeadSeq: seq, HeadHash: hash, Services: state}
		body := snap.Encode()
		out = store.RegistrySnapshot{LogSeq: seq, Body: body, KeyID: snap.KeyID,
			Signature: base64.StdEncoding.EncodeToString(ring.Sign(body)), CreatedAt: tx.Time()}
		if err := tx.SaveRegistrySnapshot(ctx, out); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(nil, "registry.snapshot", "registry", strconv.FormatInt(seq, 10))) // the log entry it signs up to
	})
	return out, err
}
