package sqlstore_test

import (
	"io"
	"log/slog"
	"testing"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/registry"
	"nintei/service"
)

// two instances on one database answer a search alike once the
// registry generation has moved. Each keeps its own in-memory index; a
// text republished through one instance is found, and its old text no
// longer found, through the other at its next search.
func TestRegistrySearchFollowsOtherInstances_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		stores := b.OpenStores(t, 2, testenv.Options{})
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		svc := service.New(sqlstore.Port(stores[0]), nil, nintei.SystemClock{}, &mail.Recorder{}, i18n.MustLoad(), log, service.DefaultSettings())
		if err := svc.InstallBuiltinEditions(ctx); err != nil {
			t.Fatal(err)
		}
		n := publishTexts(t, &testenv.Env{Store: stores[0]}, "旧い文言の監視", "別のサービス")
		search := func(st *sqlstore.Store, q string) []string {
			t.Helper()
			entries, total, err := st.Registry(ctx, sqlstore.RegistryQuery{Text: registry.Fold(q), Limit: 50})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.Number)
			}
			if total != len(got) {
				t.Errorf("search %q: total %d, %d entries", q, total, len(got))
			}
			return got
		}
		for i, st := range stores { // both indexes built at this generation
			if got := search(st, "旧い"); len(got) != 1 || got[0] != n[0] {
				t.Fatalf("instance %d: 旧い found %v, want [%s]", i, got, n[0])
			}
		}
		err := stores[1].InTx(ctx, func(tx *sqlstore.Tx) error {
			return tx.RepublishSnapshot(ctx, n[0], "{}", registry.Fold("新しい文言の監視"), nil)
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range stores {
			if got := search(st, "旧い"); len(got) != 0 {
				t.Errorf("instance %d: the old text is still found: %v", i, got)
			}
			if got := search(st, "新しい文言"); len(got) != 1 || got[0] != n[0] {
				t.Errorf("instance %d: 新しい文言 found %v, want [%s]", i, got, n[0])
			}
			if got := search(st, "監視"); len(got) != 1 {
				t.Errorf("instance %d: 監視 found %v, want one entry", i, got)
			}
		}
	})
}
