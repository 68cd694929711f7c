package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"nintei/internal/mail"
	"nintei/internal/metrics"
	"nintei/internal/testenv"
)

type failingSender struct{}

func (failingSender) Send(context.Context, mail.Message) error { return errors.New("smtp down") }

// /metrics (on its own listener in serve) reports request latency by route
// pattern — never by raw path —, applications by state and jobs from the
// database, and mail failures.
func TestMetrics(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		m := metrics.New(env.Store, env.Clock.Now, env.Log)
		srv, err := New(env.Svc, env.Msgs, env.Log, Options{Metrics: m})
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

		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body := rec.Body.String()
		for _, want := range []string{
			`nintei_http_request_duration_seconds_count{code="4xx",route="GET /registry/{number}"} 1`,
			`nintei_http_request_duration_seconds_count{code="2xx",route="GET /registry"} 1`,
			`nintei_applications{state="certified"} 1`,
			`nintei_jobs{state="dead"} 0`,
			`nintei_mail_failures_total 1`,
			`nintei_metrics_store_up 1`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		if strings.Contains(body, "IP-IoT") { // the raw path /registry/IP-IoT%200042-2611
			t.Error("a raw path became a label")
		}
	})
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
