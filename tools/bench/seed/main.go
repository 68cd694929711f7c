// Command seed fills a nintei data directory (SQLite) with N certified
// services of ~65 published answers each, for the registry load run
// (bench/run.sh). It writes the published projection directly, in one
// transaction per thousand services; the workflow that normally produces
// it is exercised by the test suite, not here.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"time"

	"nintei"
	"nintei/formb/formbtest"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/service"
	"nintei/service/accounts"
)

func main() {
	dir := flag.String("data-dir", "", "data directory to fill (SQLite)")
	n := flag.Int("services", 10000, "certified services to create")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the seeding to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "seed:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := seed(context.Background(), *dir, *n); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

var words = []string{"クラウド", "IoT", "データ", "センサー", "監視", "基盤", "認証", "物流", "農業", "医療", "エネルギー", "工場", "防災", "交通", "水道"}

func seed(ctx context.Context, dir string, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the preparing goroutine on an early return
	store, err := sqlstore.Open(ctx, sqlstore.Options{DataDir: dir})
	if err != nil {
		return err
	}
	defer store.Close()
	blobs, err := blob.NewDir(dir + "/files")
	if err != nil {
		return err
	}
	svc := service.New(sqlstore.Port(store), blobs, nintei.SystemClock{}, &mail.Recorder{}, i18n.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)), service.DefaultSettings())
	if err := svc.InstallBuiltinEditions(ctx); err != nil {
		return err
	}
	owner, err := svc.AddUser(ctx, nil, accounts.NewUser{Email: "bench@example.jp", Name: "ベンチ", Role: nintei.RoleOwner,
		Password: "bench-password-1", OrgName: "ベンチマーク株式会社"})
	if err != nil {
		return err
	}
	row, ed, err := editionOf(ctx, svc)
	if err != nil {
		return err
	}
	form := formbtest.CompleteForm(ed)
	start := time.Now()
	// The answers' index by item and text takes 65 inserts at scattered
	// places per service; built once at the end, it is one sort (the
	// seeding took 22–54 s for 10,000 services with it kept up to date).
	if _, err := store.DB().ExecContext(ctx, "DROP INDEX registry_answers_item"); err != nil {
		return err
	}
	// The snapshots and search texts are computed on the other core while
	// this one writes: the writes are one at a time (SQLite), the rest is
	// not (22–54 s for 10,000 services before, with everything in turn).
	next := make(chan prepared, 256)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case next <- prepare(row, i, ed.Items, form):
			case <-ctx.Done():
				return
			}
		}
	}()
	if err := writeAll(ctx, store, owner, row, n, next); err != nil {
		return err
	}
	if _, err := store.DB().ExecContext(ctx, "CREATE INDEX registry_answers_item ON registry_answers (item_id, text)"); err != nil {
		return err
	}
	fmt.Printf("seeded %d certified services in %.1f s\n", n, time.Since(start).Seconds())
	return nil
}

// writeAll writes the prepared services in order, a thousand per
// transaction.
func writeAll(ctx context.Context, store *sqlstore.Store, owner nintei.User, editionID string, n int, next <-chan prepared) error {
	for from := 0; from < n; from += 1000 {
		to := min(from+1000, n)
		err := store.InTx(ctx, func(tx *sqlstore.Tx) error {
			tx.BatchSearchIndex()
			for i := from; i < to; i++ {
				if err := insertOne(ctx, tx, owner, editionID, i, <-next); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func editionOf(ctx context.Context, svc *service.Service) (string, *catalogEdition, error) {
	row, err := svc.CurrentEdition(ctx, "")
	if err != nil {
		return "", nil, err
	}
	_, ed, err := svc.Edition(ctx, row.ID)
	return row.ID, ed, err
}
