package main

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// `nintei jobs list` shows the queue as a table and `nintei jobs retry ID`
// puts a dead job back (audited), refusing one that is not dead.
func TestCLIJobsListAndRetry(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		flags := dbFlags(t, b)
		if _, _, err := cli(t, nil, "", append([]string{"migrate"}, flags...)...); err != nil {
			t.Fatal(err)
		}
		id := cliDeadJob(t, flags)
		ids := strconv.FormatInt(id, 10)

		out, _, err := cli(t, nil, "", append([]string{"jobs", "list", "--state", "dead"}, flags...)...)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "LAST ERROR") ||
			!strings.HasPrefix(lines[1], ids+" ") || !strings.Contains(lines[1], "cli.flaky") ||
			!strings.Contains(lines[1], "dead") || !strings.Contains(lines[1], "1/1") ||
			!strings.Contains(lines[1], "connection refused") || !strings.HasSuffix(lines[1], "x…") ||
			lines[2] != "1 job(s)" {
			t.Fatalf("jobs list --state dead:\n%s", out)
		}
		out, _, err = cli(t, nil, "", append([]string{"jobs", "list", "--state", "queued"}, flags...)...)
		if err != nil || strings.Contains(out, "cli.flaky") {
			t.Fatalf("jobs list --state queued: %q, %v", out, err)
		}
		if _, _, err = cli(t, nil, "", append([]string{"jobs", "list", "--state", "lost"}, flags...)...); err == nil ||
			!strings.Contains(err.Error(), "queued、running、done、dead") {
			t.Errorf("unknown state: err = %v", err)
		}

		out, _, err = cli(t, nil, "", append([]string{"jobs", "retry", ids}, flags...)...)
		if err != nil || !strings.Contains(out, "job "+ids+" (cli.flaky) queued again") {
			t.Fatalf("jobs retry: %q, %v", out, err)
		}
		out, _, err = cli(t, nil, "", append([]string{"jobs", "list", "--kind", "cli.flaky"}, flags...)...)
		if err != nil || !strings.Contains(out, "queued") || !strings.Contains(out, "0/1") {
			t.Fatalf("after the retry: %q, %v", out, err)
		}
		_, _, err = cli(t, nil, "", append([]string{"jobs", "retry", ids}, flags...)...)
		if err == nil || !strings.Contains(err.Error(), "再実行できません") || !strings.Contains(err.Error(), "cannot be retried") {
			t.Errorf("retry of a queued job: err = %v, want the refusal in both languages", err)
		}
		if _, _, err = cli(t, nil, "", append([]string{"jobs", "retry", "x"}, flags...)...); err == nil {
			t.Error("retry x: no error")
		}
		out, _, err = cli(t, nil, "", append([]string{"audit", "verify"}, flags...)...)
		if err != nil || !strings.Contains(out, "chain intact") {
			t.Fatalf("audit verify: %q, %v", out, err)
		}
		st := openCLIStore(t, flags)
		evs, err := st.AuditEvents(context.Background(), sqlstore.AuditQuery{Action: "job.retry"})
		if err != nil || len(evs) != 1 || evs[0].ObjectID != ids || evs[0].ActorLabel != "system" {
			t.Errorf("job.retry audit = %+v, %v", evs, err)
		}
	})
}

// openCLIStore opens the database the flags name.
func openCLIStore(t *testing.T, flags []string) *sqlstore.Store {
	t.Helper()
	o := sqlstore.Options{Clock: nintei.SystemClock{}}
	for i := 0; i+1 < len(flags); i += 2 {
		switch flags[i] {
		case "--data-dir":
			o.DataDir = flags[i+1]
		case "--database-url":
			o.URL = flags[i+1]
		}
	}
	st, err := sqlstore.Open(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// cliDeadJob makes a job with one attempt that fails.
func cliDeadJob(t *testing.T, flags []string) int64 {
	t.Helper()
	ctx := context.Background()
	st := openCLIStore(t, flags)
	r := jobs.New(st, nintei.SystemClock{}, jobs.Options{})
	r.Handle("cli.flaky", func(context.Context, jobs.Job) error {
		return errors.New("dial tcp 127.0.0.1:25: connection refused\n" + strings.Repeat("x", 80))
	})
	id, _, err := jobs.Enqueue(ctx, st, "cli.flaky", nil, jobs.Spec{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	return id
}
