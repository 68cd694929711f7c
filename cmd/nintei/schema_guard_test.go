package main

import (
	"database/sql"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nintei/internal/sqlstore"
)

// futureMigration records, in the SQLite database of dataDir, a migration
// one past the highest this binary knows, as a newer binary would, and
// returns both versions as written in messages.
func futureMigration(t *testing.T, dataDir string) (database, binary string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dataDir, sqlstore.SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v := sqlstore.BinarySchemaVersion(sqlstore.SQLite)
	if _, err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, '2027-01-01T00:00:00Z')",
		v+1, fmt.Sprintf("%04d_newer.sql", v+1)); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%04d", v+1), fmt.Sprintf("%04d", v)
}

// Every command that opens the database refuses one that a newer binary
// migrated, naming both versions; `migrate` lists only what it applied.
func TestCommandsRefuseNewerSchema(t *testing.T) {
	dir := t.TempDir()
	out, _, err := cli(t, nil, "", "migrate", "--data-dir", dir)
	if err != nil || !strings.Contains(out, "applied 0001") {
		t.Fatalf("first migrate: %q, %v", out, err)
	}
	out, _, err = cli(t, nil, "", "migrate", "--data-dir", dir)
	if err != nil || strings.Contains(out, "applied") || !strings.Contains(out, "up to date at") {
		t.Fatalf("second migrate = %q, %v; want nothing listed as applied", out, err)
	}
	database, binary := futureMigration(t, dir)
	for _, args := range [][]string{
		{"migrate"}, {"serve", "--addr", "127.0.0.1:0"}, {"demo", "--addr", "127.0.0.1:0"},
		{"audit", "verify"}, {"catalog", "list"}, {"backup", "--out", filepath.Join(t.TempDir(), "b.tar.gz")},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, _, err := cli(t, nil, "", append(args, "--data-dir", dir)...)
			if err == nil || !strings.Contains(err.Error(), database) || !strings.Contains(err.Error(), binary) {
				t.Errorf("err = %v, want a refusal naming versions %s and %s", err, database, binary)
			}
		})
	}
}

// The binary's `serve` on a newer schema exits non-zero at once and says
// why on standard error.
func TestServeExitsOnNewerSchema(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, err := runBinary(bin, nil, "", "migrate", "--data-dir", dir); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	database, binary := futureMigration(t, dir)
	out, err := runBinary(bin, nil, "", "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("serve on a newer schema: err = %v, want a non-zero exit\n%s", err, out)
	}
	for _, want := range []string{database, binary, "データベースのスキーマ", "newer than this program"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "listening on") {
		t.Errorf("serve started listening on a newer schema:\n%s", out)
	}
}
