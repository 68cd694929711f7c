// Package testenv gives tests real databases: SQLite always, and PostgreSQL
// when NINTEI_TEST_DATABASE_URL names one (.ci/run always does). Each test
// gets its own empty SQLite file or PostgreSQL schema, so tests never see
// each other's rows and can run in parallel.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"nintei"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/password"
	"nintei/internal/sqlstore"
	"nintei/service"
	"nintei/service/accounts"
)

// PostgresURLVar names the variable that turns on the PostgreSQL runs.
const PostgresURLVar = "NINTEI_TEST_DATABASE_URL"

// Backend is one database kind a test body runs on.
type Backend struct {
	Name string // "sqlite" or "postgres"
	url  string
}

// Backends lists SQLite and, when configured, PostgreSQL. When CI sets
// NINTEI_REQUIRE_POSTGRES=1 a missing URL fails instead of skipping.
func Backends(t testing.TB) []Backend {
	bs := []Backend{{Name: "sqlite"}}
	if u := os.Getenv(PostgresURLVar); u != "" {
		bs = append(bs, Backend{Name: "postgres", url: u})
	} else if os.Getenv("NINTEI_REQUIRE_POSTGRES") == "1" {
		t.Fatalf("%s is not set but NINTEI_REQUIRE_POSTGRES=1", PostgresURLVar)
	}
	return bs
}

// ForEachBackend runs body once per backend as a subtest named after it.
func ForEachBackend(t *testing.T, body func(t *testing.T, b Backend)) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { body(t, b) })
	}
}

// Options for opening a test store.
type Options struct {
	Clock   nintei.Clock
	DataDir string // SQLite only; default t.TempDir()
}

// URL returns a database URL for a fresh, empty place on this backend (""
// for SQLite, which uses the data directory). For PostgreSQL it creates a
// schema dropped when the test ends.
func (b Backend) URL(t testing.TB) string {
	if b.Name == "sqlite" {
		return ""
	}
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	schema := "t_" + hex.EncodeToString(buf)
	admin, err := sql.Open("pgx", b.url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		_ = admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = admin.Close()
	})
	u, err := url.Parse(b.url)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// OpenStore opens a migrated, empty store on the backend.
func (b Backend) OpenStore(t testing.TB, o Options) *sqlstore.Store {
	return b.OpenStores(t, 1, o)[0]
}

// OpenStores opens n stores on one fresh database (one SQLite file, or one
// PostgreSQL schema), each with its own connection pool, as n instances of
// the program sharing a database would.
func (b Backend) OpenStores(t testing.TB, n int, o Options) []*sqlstore.Store {
	if o.Clock == nil {
		o.Clock = nintei.SystemClock{}
	}
	if o.DataDir == "" {
		o.DataDir = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	url := b.URL(t)
	out := make([]*sqlstore.Store, n)
	for i := range out {
		s, err := sqlstore.Open(ctx, sqlstore.Options{URL: url, DataDir: o.DataDir, Clock: o.Clock})
		if err != nil {
			t.Fatalf("open %s store: %v", b.Name, err)
		}
		t.Cleanup(func() { _ = s.Close() })
		out[i] = s
	}
	return out
}

// FastPasswords are cheap argon2id parameters for tests that create many
// users; the hash format and code path are the production ones.
var FastPasswords = password.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

// Env is a wired service on a test store, with a mail recorder and a
// settable clock.
type Env struct {
	Store *sqlstore.Store
	Blobs blob.Store
	Svc   *service.Service
	Mail  *Mailbox
	Clock *nintei.FixedClock
	Msgs  *i18n.Catalog
	Log   *slog.Logger
}

// NewEnv builds an Env on the backend with the built-in catalog installed.
func (b Backend) NewEnv(t testing.TB) *Env {
	clock := &nintei.FixedClock{T: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	st := b.OpenStore(t, Options{Clock: clock})
	msgs := i18n.MustLoad()
	rec := &mail.Recorder{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	settings := service.DefaultSettings()
	settings.PasswordParams = FastPasswords
	settings.HooksAllowLoopback = true // the tests' webhook receivers are httptest servers on 127.0.0.1
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(sqlstore.Port(st), blobs, clock, rec, msgs, log, settings)
	if err := svc.InstallBuiltinEditions(context.Background()); err != nil {
		t.Fatalf("install catalog: %v", err)
	}
	return &Env{Store: st, Blobs: blobs, Svc: svc, Mail: NewMailbox(st, clock, svc, rec), Clock: clock, Msgs: msgs, Log: log}
}

// AddUser creates a user with the given role (and provider name for
// applicants) and returns it.
func (e *Env) AddUser(t testing.TB, email string, role nintei.Role, org string) nintei.User {
	u, err := e.Svc.AddUser(context.Background(), nil, accounts.NewUser{Email: email, Name: "テスト " + string(role),
		Role: role, Password: TestPassword, OrgName: org})
	if err != nil {
		t.Fatalf("add user %s: %v", email, err)
	}
	return u
}

// TestPassword is the password AddUser gives every user.
const TestPassword = "correct horse battery staple"
