package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pgWrapper puts scripts named pg_dump and pg_restore first in PATH: each
// writes what the kernel shows of its command line (/proc/PID/cmdline, what
// ps reads), its environment and the passfile it was given, then runs the
// real tool. It returns the directory the records are written to.
func pgWrapper(t *testing.T) string {
	t.Helper()
	bin, logs := t.TempDir(), t.TempDir()
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		real, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("%s is not installed", tool)
		}
		script := "#!/bin/sh\n" +
			"log=" + filepath.Join(logs, tool) + "\n" +
			"tr '\\0' ' ' < /proc/$$/cmdline > \"$log.cmdline\"\n" +
			"env > \"$log.env\"\n" +
			"if [ -n \"$PGPASSFILE\" ]; then cat \"$PGPASSFILE\" > \"$log.passfile\"; stat -c %a \"$PGPASSFILE\" > \"$log.mode\"; echo \"$PGPASSFILE\" > \"$log.path\"; fi\n" +
			"exec " + real + " \"$@\"\n"
		if err := os.WriteFile(filepath.Join(bin, tool), []byte(script), 0o700); err != nil { // #nosec G306 -- a test script
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return logs
}

// passwordRole creates a login role with a password, owner of two fresh
// databases, and returns their URLs with the password in them.
func passwordRole(t *testing.T, password string) (string, string) {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	role := "nintei_pw_" + hex.EncodeToString(b[:])
	// Registered before the databases so that it runs after their drop
	// (cleanups run last first): the role owns them.
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", os.Getenv("NINTEI_TEST_DATABASE_URL"))
		if err == nil {
			_, err = admin.Exec("DROP ROLE IF EXISTS " + role)
			admin.Close()
		}
		if err != nil {
			t.Errorf("drop role %s: %v", role, err)
		}
	})
	first := freshPostgres(t)
	second := freshPostgres(t)
	db, err := sql.Open("pgx", os.Getenv("NINTEI_TEST_DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{"CREATE ROLE " + role + " LOGIN PASSWORD '" + strings.ReplaceAll(password, "'", "''") + "'"}
	var urls []string
	for _, u := range []string{first, second} {
		pu := mustURL(t, u)
		stmts = append(stmts, "ALTER DATABASE "+strings.TrimPrefix(pu.Path, "/")+" OWNER TO "+role)
		pu.User = url.UserPassword(role, password)
		urls = append(urls, pu.String())
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return urls[0], urls[1]
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A PostgreSQL backup and its restore never put the password on the
// command line of pg_dump or pg_restore (nor in their environment): it goes
// in a 0600 passfile, which is removed afterwards (issue 18, item 4).
func TestBackupKeepsPasswordOffTheCommandLine(t *testing.T) {
	const password = "Pw:with\\odd'chars-7f3a9c"
	logs := pgWrapper(t)
	src, dst := passwordRole(t, password)
	dir := t.TempDir()
	if out, _, err := cli(t, nil, "", "migrate", "--data-dir", dir, "--database-url", src); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	archive := filepath.Join(t.TempDir(), "pg.tar.gz")
	if out, _, err := cli(t, nil, "", "backup", "--data-dir", dir, "--database-url", src, "--out", archive); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, _, err := cli(t, nil, "", "restore", "--in", archive, "--data-dir", filepath.Join(t.TempDir(), "r"), "--database-url", dst); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	escaped := url.UserPassword("x", password).String()
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		cmdline := readLog(t, logs, tool+".cmdline")
		if !strings.Contains(cmdline, "--dbname") {
			t.Errorf("%s command line %q: the wrapper did not record it", tool, cmdline)
		}
		for _, secret := range []string{password, escaped[2:], url.QueryEscape(password), "7f3a9c"} {
			if strings.Contains(cmdline, secret) {
				t.Errorf("%s command line shows the password: %s", tool, cmdline)
			}
			if env := readLog(t, logs, tool+".env"); strings.Contains(env, secret) {
				t.Errorf("%s environment holds the password", tool)
			}
		}
		if got, want := readLog(t, logs, tool+".passfile"), `*:*:*:*:Pw\:with\\odd'chars-7f3a9c`+"\n"; got != want {
			t.Errorf("%s passfile = %q, want %q", tool, got, want)
		}
		if got := strings.TrimSpace(readLog(t, logs, tool+".mode")); got != "600" {
			t.Errorf("%s passfile mode = %s, want 600", tool, got)
		}
		if _, err := os.Stat(strings.TrimSpace(readLog(t, logs, tool+".path"))); !os.IsNotExist(err) {
			t.Errorf("%s passfile still exists after the run (%v)", tool, err)
		}
	}
}

func readLog(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name)) // #nosec G304 -- the test's own directory
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSplitPassword(t *testing.T) {
	cases := []struct{ in, conn, password string }{
		{"postgres://u:s%40cret@db:5432/n?sslmode=require", "postgres://u@db:5432/n?sslmode=require", "s@cret"},
		{"postgres://u@db/n?password=p%3Aq&sslmode=disable", "postgres://u@db/n?sslmode=disable", "p:q"},
		{"postgresql://db/n", "postgresql://db/n", ""},
	}
	for _, c := range cases {
		conn, pw, err := splitPassword(c.in)
		if err != nil || conn != c.conn || pw != c.password {
			t.Errorf("splitPassword(%q) = %q, %q, %v; want %q, %q", c.in, conn, pw, err, c.conn, c.password)
		}
	}
	if _, _, err := splitPassword("postgres://u:secret@db:bad/n"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL: err = %v, want an error that does not quote the password", err)
	}
}
