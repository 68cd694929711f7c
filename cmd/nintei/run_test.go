package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"nintei/internal/testenv"
)

// cli runs the real program with arguments and an environment, returning
// stdout, stderr and the error.
func cli(t *testing.T, vars map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return vars[k] }
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := run(ctx, args, getenv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

// dbFlags point a command at the backend's fresh database.
func dbFlags(t *testing.T, b testenv.Backend) []string {
	flags := []string{"--data-dir", t.TempDir()}
	if u := b.URL(t); u != "" {
		flags = append(flags, "--database-url", u)
	}
	return flags
}

func TestCLIAdministration(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		flags := dbFlags(t, b)
		out, _, err := cli(t, nil, "", append([]string{"migrate"}, flags...)...)
		if err != nil || !strings.Contains(out, "applied 0001") {
			t.Fatalf("migrate: %q, %v", out, err)
		}
		out, _, err = cli(t, nil, "a long enough password\n", append([]string{"user", "add", "--email", "Admin@Example.jp",
			"--name", "管理 太郎", "--role", "admin"}, flags...)...)
		if err != nil || !strings.Contains(out, "admin@example.jp (admin)") {
			t.Fatalf("user add: %q, %v", out, err)
		}
		_, _, err = cli(t, nil, "short\n", append([]string{"user", "add", "--email", "b@example.jp", "--name", "B", "--role", "admin"}, flags...)...)
		if err == nil || !strings.Contains(err.Error(), "パスワードは 10 文字以上") {
			t.Errorf("short password: err = %v, want the Japanese policy message", err)
		}
		second := filepath.Join("..", "..", "catalog", "testdata", "asp-saas-mini.yaml")
		out, _, err = cli(t, nil, "", append([]string{"catalog", "import", second}, flags...)...)
		if err != nil || !strings.Contains(out, "imported edition") {
			t.Fatalf("catalog import: %q, %v", out, err)
		}
		out, _, err = cli(t, nil, "", append([]string{"catalog", "import", second}, flags...)...)
		if err != nil || !strings.Contains(out, "same content") {
			t.Fatalf("catalog re-import: %q, %v", out, err)
		}
		out, _, err = cli(t, nil, "", append([]string{"catalog", "list"}, flags...)...)
		if err != nil || strings.Count(out, "\n") != 2 || !strings.Contains(out, "iaas-paas-iot") {
			t.Fatalf("catalog list: %q, %v", out, err)
		}
		out, _, err = cli(t, nil, "", append([]string{"audit", "verify"}, flags...)...)
		if err != nil || !strings.Contains(out, "chain intact") {
			t.Fatalf("audit verify: %q, %v", out, err)
		}
	})
}

func TestCatalogValidateReportsEveryProblemWithLine(t *testing.T) {
	broken := filepath.Join("..", "..", "catalog", "testdata", "broken-duplicate-id.yaml")
	_, stderr, err := cli(t, nil, "", "catalog", "validate", broken)
	if err == nil || !strings.Contains(err.Error(), "problem") {
		t.Fatalf("err = %v, want a problem count", err)
	}
	if !strings.Contains(stderr, "broken-duplicate-id.yaml:") {
		t.Errorf("stderr %q does not name file:line", stderr)
	}
	if want := `items[1].id: 項目 ID 「D-1」 が重複しています / duplicate item id "D-1"`; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks the problem in both languages: %s", stderr, want)
	}
	good := filepath.Join("..", "..", "catalog", "editions", "iaas-paas-iot-2018-draft.yaml")
	out, _, err := cli(t, nil, "", "catalog", "validate", good)
	if err != nil || !strings.Contains(out, "68 items, 5 key items") {
		t.Errorf("validate built-in: %q, %v", out, err)
	}
}

// The audit chain of a demo body verifies, and stops verifying once a row
// is edited by hand (after dropping the append-only trigger).
func TestAuditVerifyFailsAfterHandEdit(t *testing.T) {
	dir := t.TempDir()
	flags := []string{"--data-dir", dir}
	ctx, cancel := context.WithCancel(context.Background())
	done := startServer(t, ctx, append([]string{"demo", "--addr", "127.0.0.1:0"}, flags...))
	cancel()
	<-done
	out, _, err := cli(t, nil, "", append([]string{"audit", "verify"}, flags...)...)
	if err != nil || !strings.Contains(out, "chain intact") {
		t.Fatalf("audit verify on demo: %q, %v", out, err)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "nintei.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The demo registry looks real: 30 or more services, one with withheld
	// answers, one expired, one revoked (issue: registry demo).
	// It also has one renewal under review (R-9.2: renewal pending) and
	// the revoked service's files on the return list.
	var total, expired, revoked, withheld, pending, returns int
	err = db.QueryRow(`SELECT COUNT(*), SUM(status = 'expired'), SUM(status = 'revoked'),
		(SELECT COUNT(DISTINCT number) FROM registry_withheld), SUM(status = 'renewal_pending'),
		(SELECT COUNT(*) FROM document_returns) FROM registry_entries`).Scan(&total, &expired, &revoked, &withheld, &pending, &returns)
	if err != nil || total < 30 || expired != 1 || revoked != 1 || withheld != 1 || pending != 1 || returns < 2 {
		t.Errorf("demo registry: %d services, %d expired, %d revoked, %d withheld, %d renewal pending, %d files to return (%v)",
			total, expired, revoked, withheld, pending, returns, err)
	}
	for _, stmt := range []string{"DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 4"} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err = cli(t, nil, "", append([]string{"audit", "verify"}, flags...)...)
	if err == nil || !strings.Contains(err.Error(), "seq 4 (hash)") {
		t.Fatalf("audit verify after edit: err = %v, want a break at seq 4", err)
	}
}

func TestStartupErrorsAreClear(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"bad address", []string{"migrate", "--addr", "nonsense", "--data-dir", t.TempDir()}, "--addr / NINTEI_ADDR"},
		{"bad database url", []string{"migrate", "--database-url", "mysql://x", "--data-dir", t.TempDir()}, "must start with postgres://"},
		{"unreachable postgres", []string{"migrate", "--database-url", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, "データベースに接続できません"},
		{"data dir not writable", []string{"migrate", "--data-dir", filepath.Join(file, "sub")}, "データディレクトリに書き込めません"},
		{"bad duration", []string{"migrate", "--session-idle", "soon", "--data-dir", t.TempDir()}, "--session-idle"},
		{"unreachable S3", []string{"migrate", "--data-dir", t.TempDir(), "--blob-backend", "s3", "--s3-endpoint", "127.0.0.1:1",
			"--s3-tls=false", "--s3-region", "us-east-1", "--s3-bucket", "evidence", "--s3-access-key", "a", "--s3-secret-key", "s"},
			"bucket evidence at 127.0.0.1:1: cannot write"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := cli(t, nil, "", c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestEnvironmentConfiguresServe(t *testing.T) {
	_, _, err := cli(t, map[string]string{"NINTEI_LOG_LEVEL": "loud"}, "", "migrate", "--data-dir", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "NINTEI_LOG_LEVEL") {
		t.Errorf("err = %v, want a NINTEI_LOG_LEVEL message", err)
	}
}

// startServer runs `nintei <args>` until ctx ends and waits until it
// answers /readyz; the returned channel closes when run returns.
func startServer(t testing.TB, ctx context.Context, args []string) <-chan struct{} {
	t.Helper()
	if args[0] == "serve" && !hasFlag(args, "shutdown-delay") {
		args = append(args, "--shutdown-delay", "0s") // no load balancer to tell: stop at once
	}
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := run(ctx, args, func(string) string { return "" }, strings.NewReader(""), pw, io.Discard)
		pw.CloseWithError(fmt.Errorf("server stopped: %v", err))
	}()
	base := waitListening(t, pr)
	go io.Copy(io.Discard, pr)
	waitReady(t, base)
	serverURL = base
	return done
}

// serverURL is the address of the server most recently started by startServer.
var serverURL string

func waitListening(t testing.TB, r io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			return addr
		}
	}
	t.Fatalf("server did not start: %v", sc.Err())
	return ""
}

func waitReady(t testing.TB, base string) {
	t.Helper()
	for i := 0; i < 500; i++ {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("server never became ready")
}
