package sqlstore_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/registry"
)

// replayLog reads the whole log from s and checks its chain.
func replayLog(t *testing.T, s *sqlstore.Store) (int, registry.LogEntry) {
	t.Helper()
	lines, err := s.RegistryLog(ctx, 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	raw := make([][]byte, len(lines))
	for i, l := range lines {
		raw[i] = []byte(l)
	}
	_, last, err := registry.Replay(raw, 0)
	if err != nil {
		t.Fatalf("chain broken: %v", err)
	}
	seq, hash, err := s.RegistryLogHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if seq != last.Seq || (seq > 0 && hash != last.Hash) {
		t.Fatalf("head is %d %s, the log ends at %d %s", seq, hash, last.Seq, last.Hash)
	}
	return len(lines), last
}

// Every registry event is appended to the log in its transaction, with a
// gap-free sequence and a hash chain from the genesis (R-7.1: what the
// registry publishes can be checked); a rolled-back event leaves no entry
// and gives its sequence back.
func TestRegistryLogAppendsInTheEventsTransaction_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		if n, last := replayLog(t, s); n != 0 || last.Hash != registry.GenesisPrev {
			t.Fatalf("a new log has %d entries, head %s", n, last.Hash)
		}
		for i, kind := range []string{"certified", "withheld", "changed"} {
			err := s.InTx(ctx, func(tx *sqlstore.Tx) error {
				return tx.AddRegistryEvent(ctx, fmt.Sprintf("T-%d", i), kind, "2026-11-27")
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		boom := errors.New("boom")
		if err := s.InTx(ctx, func(tx *sqlstore.Tx) error {
			if err := tx.AddRegistryEnding(ctx, "T-0", "revoked", "2026-11-27", "a"); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if err := s.InTx(ctx, func(tx *sqlstore.Tx) error { return tx.AddRegistryEnding(ctx, "T-1", "terminated", "2026-11-28", "") }); err != nil {
			t.Fatal(err)
		}
		n, last := replayLog(t, s)
		if n != 4 || last.Seq != 4 || last.Kind != "terminated" || last.Number != "T-1" || last.On != "2026-11-28" {
			t.Fatalf("log has %d entries, last %+v", n, last)
		}
		if last.Time != "2026-11-27T09:30:00Z" {
			t.Errorf("time %q, want RFC 3339 UTC to the second", last.Time)
		}
		events, err := s.RegistryEvents(ctx, 10)
		if err != nil || len(events) != 4 {
			t.Fatalf("%d feed events (%v), want 4: the log and the feed are written together", len(events), err)
		}
	})
}

// Two instances on one database appending at once make one unbroken
// chain: the head row serialises them.
func TestRegistryLogConcurrentInstancesOneChain_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		stores := b.OpenStores(t, 2, testenv.Options{})
		const each = 15
		var wg sync.WaitGroup
		errs := make(chan error, 2*each)
		for k, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					errs <- s.InTx(ctx, func(tx *sqlstore.Tx) error {
						return tx.AddRegistryEvent(ctx, fmt.Sprintf("C-%d-%d", k, i), "certified", "2026-11-27")
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range stores {
			if n, last := replayLog(t, s); n != 2*each || last.Seq != 2*each {
				t.Fatalf("%d entries up to %d, want %d", n, last.Seq, 2*each)
			}
		}
	})
}

// A snapshot is stored as the exact bytes signed, and the newest is
// served.
func TestRegistrySnapshotsStoredAsSigned(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		if _, err := s.LatestRegistrySnapshot(ctx); err == nil {
			t.Fatal("a new store has a snapshot")
		}
		body := []byte(`{"format":"x","text":"認定\u2028"}`)
		for i, sig := range []string{"c2ln", "c2lnMg=="} {
			err := s.InTx(ctx, func(tx *sqlstore.Tx) error {
				return tx.SaveRegistrySnapshot(ctx, sqlstore.RegistrySnapshot{LogSeq: int64(i), Body: body, Signature: sig, KeyID: "k"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.LatestRegistrySnapshot(ctx)
		if err != nil || string(got.Body) != string(body) || got.Signature != "c2lnMg==" || got.LogSeq != 1 {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
}

// Transactions that audit and publish in opposite orders, on two
// instances at once, do not deadlock: the log takes the audit trail's head
// first.
func TestRegistryLogAndAuditInEitherOrder(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		stores := b.OpenStores(t, 2, testenv.Options{})
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for k, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 20 {
					errs <- s.InTx(ctx, func(tx *sqlstore.Tx) error {
						ev := nintei.AuditEvent{ActorLabel: "system", Action: "test.order", ObjectType: "test", ObjectID: fmt.Sprint(i)}
						if k == 0 {
							if err := tx.Audit(ctx, ev); err != nil {
								return err
							}
						}
						if err := tx.AddRegistryEvent(ctx, fmt.Sprintf("D-%d-%d", k, i), "changed", "2026-11-27"); err != nil {
							return err
						}
						if k == 1 {
							return tx.Audit(ctx, ev)
						}
						return nil
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := replayLog(t, stores[0]); n != 40 {
			t.Fatalf("%d entries, want 40", n)
		}
	})
}
