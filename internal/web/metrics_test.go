package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/internal/metrics"
	"nintei/internal/testenv"
)

type failingSender struct{}

func (failingSender) Send(context.Context, mail.Message) error { return errors.New("smtp down") }

// /metrics (on its own listener in serve) reports request latency by route
// pattern — never by raw path —, applications by state and jobs from the
// database, mails sent and failed, job runs by kind and outcome and their
// durations, the public cache's hits and misses, rate-limit refusals and
// the database pool.
func TestMetrics(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		m := metrics.New(env.Store, env.Clock.Now, env.Log)
		m.WatchDB(env.Store.DB())
		env.Svc.SetMailer(metrics.CountingSender{Sender: env.Mail, M: m})
		srv, err := New(env.Svc, env.Msgs, env.Log, Options{Metrics: m, Limits: Limits{Search: Rate{N: 1, Per: time.Hour}}})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		s := &site2{URL: ts.URL}
		s.get(t, "/registry/IP-IoT%200042-2611") // 404: an unknown number
		s.get(t, "/registry")
		certifiedService(t, &site{URL: ts.URL, Env: env, Srv: srv})
		_ = metrics.CountingSender{Sender: failingSender{}, M: m}.Send(context.Background(), mail.Message{To: "x@example.jp"})
		s.get(t, "/registry?lang=en") // a miss, then a hit from memory
		s.get(t, "/registry?lang=en")
		s.get(t, "/registry?q=cloud") // the search limit allows one, then refuses
		s.get(t, "/registry?q=cloud")
		runJobsObserved(t, env, m)

		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body := rec.Body.String()
		for _, want := range []string{
			`nintei_http_request_duration_seconds_count{code="4xx",route="GET /registry/{number}"} 1`,
			`nintei_http_request_duration_seconds_count{code="2xx",route="GET /registry"} 4`, // one refused
			`nintei_applications{state="certified"} 1`,
			`nintei_jobs{state="dead"} 1`, // test.fail
			`nintei_mail_failures_total 1`,
			`nintei_metrics_store_up 1`,
			`nintei_job_runs_total{kind="test.fail",outcome="failed"} 1`,
			`nintei_job_runs_total{kind="test.ok",outcome="ok"} 1`,
			`nintei_job_duration_seconds_count{kind="test.ok"} 1`,
			`nintei_public_cache_requests_total{result="memory"} 1`,
			`nintei_rate_limit_refusals_total{limit="search"} 1`,
			`go_sql_max_open_connections{db_name="nintei"}`,
			`go_sql_in_use_connections{db_name="nintei"}`, // the store collector may hold one during the scrape
			`go_sql_wait_count_total{db_name="nintei"}`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		// Counts that depend on how much the certification mailed and read:
		// at least one, and as many mails sent as mail jobs that succeeded.
		sent := metricValue(t, body, `nintei_mails_sent_total`)
		if sent < 1 || sent != metricValue(t, body, `nintei_job_runs_total{kind="mail.send",outcome="ok"}`) {
			t.Errorf("mails sent = %v, mail jobs ok = %v", sent, metricValue(t, body, `nintei_job_runs_total{kind="mail.send",outcome="ok"}`))
		}
		for _, name := range []string{`nintei_public_cache_requests_total{result="miss"}`, `go_sql_open_connections{db_name="nintei"}`,
			`nintei_job_duration_seconds_sum{kind="test.ok"}`} {
			if v := metricValue(t, body, name); v <= 0 {
				t.Errorf("%s = %v, want more than 0", name, v)
			}
		}
		if strings.Contains(body, "IP-IoT") { // the raw path /registry/IP-IoT%200042-2611
			t.Error("a raw path became a label")
		}
	})
}

// runJobsObserved runs the due jobs (the certification's mails among them)
// and two of a test's kinds, one failing, through a runner reporting to m.
func runJobsObserved(t *testing.T, env *testenv.Env, m *metrics.Metrics) {
	t.Helper()
	ctx := context.Background()
	r := jobs.New(env.Store, env.Clock, jobs.Options{Observe: m.ObserveJob})
	env.Svc.RegisterJobs(r)
	r.Handle("test.ok", func(context.Context, jobs.Job) error { return nil })
	r.Handle("test.fail", func(context.Context, jobs.Job) error { return errors.New("no") })
	for _, kind := range []string{"test.ok", "test.fail"} {
		if _, _, err := jobs.Enqueue(ctx, env.Store, kind, nil, jobs.Spec{MaxAttempts: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
}

// metricValue is the value of the sample named (with its labels) in a
// Prometheus text body; the test fails when there is none.
func metricValue(t *testing.T, body, sample string) float64 {
	t.Helper()
	for _, line := range strings.Split(body, "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return v
		}
	}
	t.Errorf("metrics lack %s", sample)
	return 0
}

// site2 is a bare client for a server built by hand.
type site2 struct{ URL string }

func (s *site2) get(t *testing.T, path string) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}
