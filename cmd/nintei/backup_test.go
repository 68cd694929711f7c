package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"nintei/internal/backup"
	"nintei/internal/blob/blobtest"
	"nintei/internal/testenv"
	"nintei/tools/demo"
)

// demoBody seeds a demo body in a fresh data directory and leaves its
// server running until the test ends; it returns the data directory and
// the server's address.
func demoBody(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := startServer(t, ctx, []string{"demo", "--addr", "127.0.0.1:0", "--data-dir", dir})
	t.Cleanup(func() { cancel(); <-done })
	return dir, serverURL
}

// serveBody serves an existing body until the returned stop is called.
func serveBody(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := startServer(t, ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	t.Cleanup(stop)
	return serverURL, stop
}

// registryPages fetches every public registry surface: the
// list (every page), each service page, the CSV, the JSON list and each
// entry, and the Atom feed.
func registryPages(t *testing.T, base string) map[string][]byte {
	t.Helper()
	get := func(path string) []byte {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d, %v", path, resp.StatusCode, err)
		}
		return body
	}
	pages := map[string][]byte{}
	for _, p := range []string{"/registry", "/registry?page=2", "/registry.csv", "/api/v1/registry", "/registry/feed.atom",
		"/api/v1/registry?per_page=100"} {
		pages[p] = get(p)
	}
	var list struct {
		Items []struct{ Number string } `json:"items"`
		Total int                       `json:"total"`
	}
	if err := json.Unmarshal(pages["/api/v1/registry?per_page=100"], &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) < 30 || len(list.Items) != list.Total {
		t.Fatalf("registry lists %d of %d services, want the demo's 30 or more on one page", len(list.Items), list.Total)
	}
	for _, it := range list.Items {
		n := url.PathEscape(it.Number)
		pages["/registry/"+n] = get("/registry/" + n)
		pages["/api/v1/registry/"+n] = get("/api/v1/registry/" + n)
	}
	return pages
}

func samePages(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d pages, want %d", what, len(got), len(want))
	}
	for p, w := range want {
		if !bytes.Equal(got[p], w) {
			t.Errorf("%s: %s differs (%d bytes, want %d)", what, p, len(got[p]), len(w))
		}
	}
}

func TestHelpListsBackupCommands(t *testing.T) {
	out, _, err := cli(t, nil, "", "help")
	for _, want := range []string{"backup --out FILE", "restore --in FILE", "migrate-data --to URL", "--blobs-to-s3", "--force"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("help lacks %q (%v)", want, err)
		}
	}
}

// Demo data → backup while the server runs → restore into a new directory:
// the audit chain verifies and every registry page is byte-identical.
func TestBackupRestoreRoundTrip(t *testing.T) {
	dir, base := demoBody(t)
	want := registryPages(t, base)
	archive := filepath.Join(t.TempDir(), "nintei.tar.gz")
	// Another writer keeps writing while the backup runs (as the server
	// would): neither waits for the other beyond SQLite's busy timeout.
	stop := writeWhile(t, dir)
	out, _, err := cli(t, nil, "", "backup", "--data-dir", dir, "--out", archive)
	if err != nil || !strings.Contains(out, "backup written") {
		t.Fatalf("backup: %q, %v", out, err)
	}
	if n, err := stop(); err != nil || n == 0 {
		t.Fatalf("writes during the backup: %d, %v", n, err)
	}
	if _, _, err := cli(t, nil, "", "backup", "--data-dir", dir, "--out", archive); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second backup to the same name: err = %v, want a refusal", err)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	out, _, err = cli(t, nil, "", "restore", "--in", archive, "--data-dir", restored)
	if err != nil || !strings.Contains(out, "chain intact") || !strings.Contains(out, "evidence files OK") {
		t.Fatalf("restore: %q, %v", out, err)
	}
	out, _, err = cli(t, nil, "", "audit", "verify", "--data-dir", restored)
	if err != nil || !strings.Contains(out, "chain intact") {
		t.Fatalf("audit verify on the restored body: %q, %v", out, err)
	}
	// The feeds name the configured body as their author: the restored body
	// is served as the demo configures it.
	base2, _ := serveBody(t, "--data-dir", restored, "--body-name", demo.Body.Name)
	samePages(t, "restored", want, registryPages(t, base2))

	if _, _, err := cli(t, nil, "", "restore", "--in", archive, "--data-dir", restored); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("restore into a non-empty directory: err = %v, want a refusal", err)
	}
}

// A damaged archive is refused, the message names the wrong file, and the
// data directory stays empty.
func TestRestoreRefusesDamagedArchive(t *testing.T) {
	dir, _ := demoBody(t)
	archive := filepath.Join(t.TempDir(), "nintei.tar.gz")
	if _, _, err := cli(t, nil, "", "backup", "--data-dir", dir, "--out", archive); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(data)
	flipped[len(flipped)/2] ^= 0x10
	cases := map[string][]byte{"one byte flipped": flipped, "truncated": data[:len(data)/2]}
	for name, bad := range cases {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "bad.tar.gz")
			if err := os.WriteFile(file, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(t.TempDir(), "target")
			_, _, err := cli(t, nil, "", "restore", "--in", file, "--data-dir", target)
			if err == nil || !strings.Contains(err.Error(), "restore refused") || !strings.Contains(err.Error(), "nintei.db") {
				t.Fatalf("err = %v, want a refusal naming nintei.db", err)
			}
			if entries, _ := os.ReadDir(target); len(entries) != 0 {
				t.Errorf("the data directory holds %d entries after a refused restore", len(entries))
			}
		})
	}
}

// freshPostgres creates an empty database beside the test database and
// drops it when the test ends; it skips without PostgreSQL.
func freshPostgres(t *testing.T) string {
	t.Helper()
	admin := os.Getenv(testenv.PostgresURLVar)
	if admin == "" {
		testenv.Backends(t) // fails instead when NINTEI_REQUIRE_POSTGRES=1
		t.Skipf("%s is not set", testenv.PostgresURLVar)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var b [6]byte
	rand.Read(b[:])
	name := "nintei_move_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// migrate-data copies a demo body from SQLite into a fresh PostgreSQL
// database while its server runs, verifies counts, the audit chain and the
// files, and the registry pages served from PostgreSQL are byte-identical;
// a second run is refused because the target is no longer empty. Then the
// pg_dump path: backup of the PostgreSQL body, restore into another fresh
// database, same pages again.
func TestMigrateDataToPostgres(t *testing.T) {
	target := freshPostgres(t)
	dir, base := demoBody(t)
	want := registryPages(t, base)
	out, _, err := cli(t, nil, "", "migrate-data", "--data-dir", dir, "--to", target)
	if err != nil {
		t.Fatalf("migrate-data: %v\n%s", err, out)
	}
	for _, line := range []string{"row counts match", "audit trail OK", "chain intact", "evidence files OK"} {
		if !strings.Contains(out, line) {
			t.Errorf("migrate-data output %q lacks %q", out, line)
		}
	}
	_, _, err = cli(t, nil, "", "migrate-data", "--data-dir", dir, "--to", target)
	if err == nil || !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("second migrate-data: err = %v, want a refusal of the non-empty target", err)
	}
	out, _, err = cli(t, nil, "", "migrate-data", "--data-dir", dir, "--to", target, "--force")
	if err != nil || !strings.Contains(out, "row counts match") {
		t.Fatalf("migrate-data --force: %q, %v", out, err)
	}
	base2, stop := serveBody(t, "--data-dir", t.TempDir(), "--database-url", target, "--body-name", demo.Body.Name)
	samePages(t, "on PostgreSQL", want, registryPages(t, base2))
	stop()
	out, _, err = cli(t, nil, "", "audit", "verify", "--database-url", target, "--data-dir", t.TempDir())
	if err != nil || !strings.Contains(out, "chain intact") {
		t.Fatalf("audit verify on PostgreSQL: %q, %v", out, err)
	}
	// The identity sequences were advanced past the copied ids: new rows
	// (an organisation, a user, an audit event) insert without collisions.
	out, _, err = cli(t, nil, "a long enough password\n", "user", "add", "--email", "after-move@example.jp", "--name", "移行 後",
		"--role", "owner", "--org", "移行後株式会社", "--database-url", target, "--data-dir", t.TempDir())
	if err != nil || !strings.Contains(out, "added user") {
		t.Fatalf("user add after the move: %q, %v", out, err)
	}
	_, _, err = cli(t, nil, "", "backup", "--data-dir", t.TempDir(), "--database-url", target, "--out", filepath.Join(t.TempDir(), "x.tar.gz"))
	if err == nil || !strings.Contains(err.Error(), "evidence files that are not in") {
		t.Errorf("backup with the wrong data directory: err = %v, want a refusal naming the missing files", err)
	}

	archive := filepath.Join(t.TempDir(), "pg.tar.gz")
	if out, _, err := cli(t, nil, "", "backup", "--data-dir", dir, "--database-url", target, "--out", archive); err != nil {
		t.Fatalf("backup of PostgreSQL: %v\n%s", err, out)
	}
	second := freshPostgres(t)
	restored := filepath.Join(t.TempDir(), "restored")
	out, _, err = cli(t, nil, "", "restore", "--in", archive, "--data-dir", restored, "--database-url", second)
	if err != nil || !strings.Contains(out, "chain intact") || !strings.Contains(out, "evidence files OK") {
		t.Fatalf("restore of the pg_dump: %q, %v", out, err)
	}
	base3, _ := serveBody(t, "--data-dir", restored, "--database-url", second, "--body-name", demo.Body.Name)
	samePages(t, "restored from pg_dump", want, registryPages(t, base3))
	_, _, err = cli(t, nil, "", "restore", "--in", archive, "--data-dir", t.TempDir(), "--database-url", second)
	if err == nil || !strings.Contains(err.Error(), "already has") {
		t.Errorf("restore into a database with tables: err = %v, want a refusal", err)
	}
}

// migrate-data --blobs-to-s3 puts every evidence file into the bucket under
// the bucket's own keys, rewrites the keys in the copy, and verifies each
// file's SHA-256 in the bucket; the moved body then starts on S3.
// (Not named …S3…: CI's PostgreSQL pass skips those, and this one needs both.)
func TestMigrateDataMovesFilesToTheBucket(t *testing.T) {
	o, _ := blobtest.S3(t)
	target := freshPostgres(t)
	dir, _ := demoBody(t)
	vars := map[string]string{"NINTEI_S3_ENDPOINT": o.Endpoint, "NINTEI_S3_TLS": "false", "NINTEI_S3_BUCKET": o.Bucket,
		"NINTEI_S3_ACCESS_KEY": o.AccessKey, "NINTEI_S3_SECRET_KEY": o.SecretKey, "NINTEI_S3_PREFIX": "nintei/"}
	out, _, err := cli(t, vars, "", "migrate-data", "--data-dir", dir, "--to", target, "--blobs-to-s3")
	if err != nil || !strings.Contains(out, "evidence files to the S3 bucket") || !strings.Contains(out, "in the S3 bucket "+o.Bucket+" match") {
		t.Fatalf("migrate-data --blobs-to-s3: %q, %v", out, err)
	}
	db, err := sql.Open("pgx", target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var key string
	if err := db.QueryRow("SELECT blob_key FROM attachments ORDER BY id LIMIT 1").Scan(&key); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "files", key[:2], key[2:4], key)); !os.IsNotExist(err) {
		t.Errorf("attachment key %s is still a key of the directory store (%v), want the bucket's new key", key, err)
	}
	vars["NINTEI_BLOB_BACKEND"] = "s3"
	out, _, err = cli(t, vars, "", "audit", "verify", "--data-dir", t.TempDir(), "--database-url", target)
	if err != nil || !strings.Contains(out, "chain intact") {
		t.Fatalf("audit verify on the moved body: %q, %v", out, err)
	}
}

// writeWhile inserts login failures (not public data) into the body's
// database until stop is called, which reports how many it wrote.
func writeWhile(t *testing.T, dir string) (stop func() (int, error)) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "nintei.db")+"?_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	quit := make(chan struct{})
	type result struct {
		n   int
		err error
	}
	res := make(chan result, 1)
	go func() {
		n := 0
		for {
			select {
			case <-quit:
				res <- result{n, nil}
				return
			default:
			}
			if _, err := db.Exec("INSERT INTO login_failures (email, at) VALUES ('during-backup@example.jp', '2026-11-27T10:00:00.000000Z')"); err != nil {
				res <- result{n, err}
				return
			}
			n++
		}
	}()
	return func() (int, error) {
		close(quit)
		r := <-res
		db.Close()
		return r.n, r.err
	}
}

// An archive from a newer nintei (a higher schema version) or one without a
// database is refused before anything is written.
func TestRestoreRefusesArchiveItCannotUse(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "nintei.db")
	if err := os.WriteFile(db, []byte("not really a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		m       backup.Manifest
		sources []backup.Source
		want    string
	}{
		{"newer schema", backup.Manifest{Database: "sqlite", SchemaVersion: 9999}, []backup.Source{{Path: "nintei.db", Local: db}}, "newer than this nintei"},
		{"no database", backup.Manifest{Database: "sqlite", SchemaVersion: 1}, nil, "holds no database"},
		{"unknown database", backup.Manifest{Database: "oracle", SchemaVersion: 1}, nil, "does not know"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), "a.tar.gz")
			f, err := os.Create(archive)
			if err != nil {
				t.Fatal(err)
			}
			if err := backup.Write(f, c.m, c.sources); err != nil {
				t.Fatal(err)
			}
			f.Close()
			target := filepath.Join(t.TempDir(), "target")
			_, _, err = cli(t, nil, "", "restore", "--in", archive, "--data-dir", target)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
			if entries, _ := os.ReadDir(target); len(entries) != 0 {
				t.Errorf("the data directory holds %d entries after a refused restore", len(entries))
			}
		})
	}
}
