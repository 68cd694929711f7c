package sqlstore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// A database migrated by a newer binary (a schema_migrations row this
// binary does not know) is refused at Open, and the error names both
// versions; the database is left as it was.
func TestOpenRefusesNewerSchema(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir, url := t.TempDir(), b.URL(t)
		s, err := sqlstore.Open(ctx, sqlstore.Options{URL: url, DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(s.JustApplied()); got == 0 {
			t.Errorf("first open applied %d migrations, want every one", got)
		}
		binary := sqlstore.BinarySchemaVersion(s.Dialect())
		future := binary + 1
		q := "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, '2027-01-01T00:00:00Z')"
		if s.Dialect() == sqlstore.Postgres {
			q = strings.NewReplacer("?, ?", "$1, $2").Replace(q)
		}
		if _, err := s.DB().ExecContext(ctx, q, future, fmt.Sprintf("%04d_from_the_future.sql", future)); err != nil {
			t.Fatal(err)
		}
		s.Close()

		_, err = sqlstore.Open(ctx, sqlstore.Options{URL: url, DataDir: dir})
		if !errors.Is(err, sqlstore.ErrSchemaNewer) {
			t.Fatalf("open of a newer schema: err = %v, want ErrSchemaNewer", err)
		}
		var ne *nintei.Error
		if !errors.As(err, &ne) || ne.Key != "error.db.schema_newer" {
			t.Fatalf("err = %#v, want the key error.db.schema_newer", err)
		}
		if got, want := ne.Args["Database"], fmt.Sprintf("%04d", future); got != want {
			t.Errorf("database version = %v, want %v", got, want)
		}
		if got, want := ne.Args["Binary"], fmt.Sprintf("%04d", binary); got != want {
			t.Errorf("binary version = %v, want %v", got, want)
		}
		if !strings.Contains(err.Error(), "_from_the_future.sql") {
			t.Errorf("err = %v, want the unknown migration named", err)
		}
	})
}

// A second Open of an up-to-date database applies nothing, so `nintei
// migrate` has nothing to list as applied.
func TestOpenReportsOnlyWhatItApplied(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir, url := t.TempDir(), b.URL(t)
		for i, want := range []bool{true, false} {
			s, err := sqlstore.Open(ctx, sqlstore.Options{URL: url, DataDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			all, _ := sqlstore.Migrations(s.Dialect())
			got := len(s.JustApplied())
			s.Close()
			if want && got != len(all) || !want && got != 0 {
				t.Errorf("open #%d applied %d of %d migrations", i+1, got, len(all))
			}
		}
	})
}
