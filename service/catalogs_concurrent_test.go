package service_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
)

// Two instances starting at once on an empty database both install the
// built-in catalog (R-5.1: the catalog is data): one installs it, the other
// finds it installed, and neither fails to start. The audit trail records
// one import.
func TestBuiltinEditionsInstalledByTwoInstancesAtOnce_R5_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		stores := b.OpenStores(t, 2, testenv.Options{})
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		var wg sync.WaitGroup
		errs := make([]error, len(stores))
		for i, st := range stores {
			svc := service.New(sqlstore.Port(st), nil, nintei.SystemClock{}, &mail.Recorder{}, i18n.MustLoad(), log, service.DefaultSettings())
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = svc.InstallBuiltinEditions(context.Background())
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("instance %d: InstallBuiltinEditions = %v, want nil", i, err)
			}
		}
		eds, err := stores[0].Editions(context.Background())
		if err != nil || len(eds) == 0 {
			t.Fatalf("editions = %v, %v", eds, err)
		}
		n, brk, err := stores[0].VerifyAudit(context.Background())
		if err != nil || brk != nil || n != int64(len(eds)) {
			t.Errorf("audit = %d events, %v, %v; want one import per edition (%d), intact", n, brk, err, len(eds))
		}
	})
}
