package service_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"nintei"
	"nintei/catalog"
	"nintei/internal/testenv"
)

var ctx = context.Background()

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The built-in IaaS・PaaS (IoT) edition is installed on first start with its
// 68 items and the five key items of; a second start changes nothing.
func TestBuiltinEditionInstalledOnce_R5_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		if err := env.Svc.InstallBuiltinEditions(ctx); err != nil {
			t.Fatal(err)
		}
		eds, err := env.Svc.Editions(ctx)
		if err != nil || len(eds) != 1 {
			t.Fatalf("editions = %+v, %v; want exactly one", eds, err)
		}
		_, ed, err := env.Svc.Edition(ctx, eds[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(ed.Items), 68; got != want {
			t.Errorf("items = %d, want %d", got, want)
		}
		if got, want := len(ed.KeyItems()), 5; got != want {
			t.Errorf("key items = %d, want %d (R-5.3)", got, want)
		}
		if ed.Scheme.NumberPrefix != "IP-IoT" {
			t.Errorf("prefix = %q, want IP-IoT (R-8.4)", ed.Scheme.NumberPrefix)
		}
		events, _ := env.Store.AuditEvents(ctx, sqlstoreQuery("catalog_edition"))
		if len(events) != 1 || events[0].Action != "catalog.import" {
			t.Errorf("audit events = %+v, want one catalog.import", events)
		}
	})
}

// A second scheme works by data alone: its own prefix, items and key rules.
func TestSecondSchemeByDataAlone(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		admin := env.AddUser(t, "admin@example.jp", nintei.RoleAdmin, "")
		res, err := env.Svc.ImportEdition(ctx, &admin, readFile(t, "../catalog/testdata/asp-saas-mini.yaml"))
		if err != nil || !res.Created {
			t.Fatalf("import = %+v, %v", res, err)
		}
		sc, err := env.Store.Scheme(ctx, res.Edition.Scheme.ID)
		if err != nil || sc.NumberPrefix != "ASP" {
			t.Errorf("scheme = %+v, %v; want prefix ASP", sc, err)
		}
		eds, _ := env.Svc.Editions(ctx)
		if len(eds) != 2 {
			t.Errorf("editions = %d, want 2 schemes side by side", len(eds))
		}
	})
}

// Editions are immutable: the same content again is a no-op, changed
// content under the same edition ID is refused, and a scheme's number
// prefix cannot change once imported.
func TestEditionsAreImmutable(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		src := readFile(t, "../catalog/testdata/asp-saas-mini.yaml")
		if _, err := env.Svc.ImportEdition(ctx, nil, src); err != nil {
			t.Fatal(err)
		}
		// Reformatting (a comment) does not change the parsed content.
		res, err := env.Svc.ImportEdition(ctx, nil, append([]byte("# reformatted\n"), src...))
		if err != nil || res.Created {
			t.Errorf("identical re-import = %+v, %v; want no-op", res, err)
		}
		changed := strings.Replace(string(src), "事業者の正式名称", "事業者の正式名称（商号）", 1)
		_, err = env.Svc.ImportEdition(ctx, nil, []byte(changed))
		if nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("changed content, same id: err = %v, want conflict", err)
		}
		newPrefix := strings.Replace(strings.Replace(string(src), "number_prefix: ASP", "number_prefix: ASPX", 1),
			"id: asp-saas-mini-1", "id: asp-saas-mini-2", 1)
		_, err = env.Svc.ImportEdition(ctx, nil, []byte(newPrefix))
		var ne *nintei.Error
		if !errors.As(err, &ne) || ne.Key != "error.catalog.prefix_changed" {
			t.Errorf("prefix change: err = %v, want error.catalog.prefix_changed", err)
		}
		eds, _ := env.Svc.Editions(ctx)
		if len(eds) != 2 {
			t.Errorf("editions = %d, want 2 (nothing installed by refused imports)", len(eds))
		}
	})
}

func TestBrokenCatalogInstallsNothing(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		_, err := env.Svc.ImportEdition(ctx, nil, readFile(t, "../catalog/testdata/broken-duplicate-id.yaml"))
		var ve *catalog.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) == 0 {
			t.Fatalf("err = %v, want validation problems", err)
		}
		for _, p := range ve.Problems {
			if p.Line <= 0 {
				t.Errorf("problem without a line: %+v", p)
			}
		}
		eds, _ := env.Svc.Editions(ctx)
		if len(eds) != 1 {
			t.Errorf("editions = %d, want only the built-in one", len(eds))
		}
	})
}
