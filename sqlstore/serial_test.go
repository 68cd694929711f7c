package sqlstore_test

import (
	"sort"
	"sync"
	"testing"

	"nintei/internal/testenv"
	"nintei/sqlstore"
)

// 100 certifications allocating serials at once get 1…100, no
// duplicate and no gap, on both databases; a rolled-back allocation is not
// lost.
func TestSerialAllocationUnderConcurrency_R8_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var got []int64
		for i := 0; i < 100; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for {
					var n int64
					err := s.InTx(ctx, func(tx *sqlstore.Tx) error {
						var err error
						n, err = tx.NextSerial(ctx, "iaas-paas-iot")
						return err
					})
					if err == nil {
						mu.Lock()
						got = append(got, n)
						mu.Unlock()
						return
					}
					t.Logf("retrying after %v", err) // PostgreSQL may abort a transaction under contention
				}
			}(i)
		}
		wg.Wait()
		sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
		for i, n := range got {
			if n != int64(i+1) {
				t.Fatalf("serials %v: duplicate or gap at %d", got, i)
			}
		}
		// A rolled-back allocation gives its serial back.
		_ = s.InTx(ctx, func(tx *sqlstore.Tx) error {
			_, _ = tx.NextSerial(ctx, "iaas-paas-iot")
			return errRollback
		})
		var next int64
		_ = s.InTx(ctx, func(tx *sqlstore.Tx) error {
			var err error
			next, err = tx.NextSerial(ctx, "iaas-paas-iot")
			return err
		})
		if next != 101 {
			t.Errorf("after a rollback the next serial is %d, want 101", next)
		}
	})
}

type rollback struct{}

func (rollback) Error() string { return "rollback" }

var errRollback = rollback{}
