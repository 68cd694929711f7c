package sqlstore_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

func appendEvents(t *testing.T, s *sqlstore.Store, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		err := s.InTx(ctx, func(tx *sqlstore.Tx) error {
			return tx.Audit(ctx, nintei.AuditEvent{ActorLabel: "test", Action: "thing.change", ObjectType: "thing", ObjectID: fmt.Sprint(i)})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditChainVerifies(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		appendEvents(t, s, 5)
		n, brk, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 5 {
			t.Fatalf("verify = %d, %v, %v; want 5 events, intact", n, brk, err)
		}
	})
}

// Concurrent appends must still form one gap-free chain: the head row
// serialises them on both databases.
func TestAuditConcurrentAppends(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					errs <- s.InTx(ctx, func(tx *sqlstore.Tx) error {
						return tx.Audit(ctx, nintei.AuditEvent{ActorLabel: "w", Action: "x", ObjectType: "w", ObjectID: fmt.Sprint(w, i)})
					})
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		n, brk, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 40 {
			t.Fatalf("verify = %d, %v, %v; want 40 events, intact", n, brk, err)
		}
	})
}

func TestAuditRollsBackWithTheChange(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		boom := errors.New("boom")
		err := s.InTx(ctx, func(tx *sqlstore.Tx) error {
			if err := tx.Audit(ctx, nintei.AuditEvent{ActorLabel: "t", Action: "a", ObjectType: "o", ObjectID: "1"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		appendEvents(t, s, 1)
		n, brk, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 1 {
			t.Fatalf("verify = %d, %v, %v; want 1 event, intact", n, brk, err)
		}
	})
}

func TestAuditDetectsTampering(t *testing.T) {
	cases := []struct {
		name, sqlite, postgres string
		wantSeq                int64
		wantReason             string
	}{
		{"edited action", "UPDATE audit_events SET action = 'innocent' WHERE seq = 3", "UPDATE audit_events SET action = 'innocent' WHERE seq = 3", 3, "hash"},
		{"deleted middle", "DELETE FROM audit_events WHERE seq = 2", "DELETE FROM audit_events WHERE seq = 2", 2, "gap"},
		{"deleted tail", "DELETE FROM audit_events WHERE seq = 5", "DELETE FROM audit_events WHERE seq = 5", 5, "head"},
	}
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s, _ := newStore(t, b)
				appendEvents(t, s, 5)
				db := s.DB() // the raw pool, as someone editing rows by hand would use
				// The append-only triggers refuse the edit first …
				stmt := c.sqlite
				if s.Dialect() == sqlstore.Postgres {
					stmt = c.postgres
				}
				if _, err := db.Exec(stmt); err == nil {
					t.Fatal("the database accepted a change to audit_events")
				}
				// … so the tamperer drops them, as someone with database access could.
				drop := []string{"DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"}
				if s.Dialect() == sqlstore.Postgres {
					drop = []string{"DROP TRIGGER audit_events_no_change ON audit_events"}
				}
				for _, d := range drop {
					if _, err := db.Exec(d); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := db.Exec(stmt); err != nil {
					t.Fatal(err)
				}
				_, brk, err := s.VerifyAudit(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if brk == nil || brk.Seq != c.wantSeq || brk.Reason != c.wantReason {
					t.Errorf("break = %+v, want seq %d reason %s", brk, c.wantSeq, c.wantReason)
				}
			})
		}
	})
}
