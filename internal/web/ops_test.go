package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nintei"
	"nintei/internal/blob"
	"nintei/internal/logging"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
)

// flakyBlobs is the test's evidence store: the real one until broken is
// set, then one whose disk is gone (every write and every probe fails).
type flakyBlobs struct {
	blob.Store
	broken atomic.Bool
}

var errDiskGone = errors.New("disk gone")

func (f *flakyBlobs) Put(ctx context.Context, r io.Reader, limit int64) (blob.Object, error) {
	if f.broken.Load() {
		return blob.Object{}, errDiskGone
	}
	return f.Store.Put(ctx, r, limit)
}

func (f *flakyBlobs) PutAs(ctx context.Context, key string, r io.Reader, limit int64) (blob.Object, error) {
	if f.broken.Load() {
		return blob.Object{}, errDiskGone
	}
	return f.Store.PutAs(ctx, key, r, limit)
}

func (f *flakyBlobs) Ping(ctx context.Context) error {
	if f.broken.Load() {
		return errDiskGone
	}
	return f.Store.(blob.Pinger).Ping(ctx)
}

// refusingMail is an SMTP server that is down.
type refusingMail struct{}

func (refusingMail) Send(context.Context, mail.Message) error {
	return errors.New("smtp: connection refused")
}

// syncBuffer collects log lines written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines decodes the JSON log lines written so far.
func (b *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %v\n%s", err, l)
		}
		out = append(out, m)
	}
	return out
}

// opsSite is a site whose service logs as `nintei serve` does (JSON lines
// with request IDs) into a buffer, keeps evidence in a store the test can
// break and mails through a server that is down.
func opsSite(t *testing.T, b testenv.Backend, opts Options) (*site, *flakyBlobs, *syncBuffer) {
	t.Helper()
	env := b.NewEnv(t)
	logs := &syncBuffer{}
	log := logging.New(logs, "debug")
	blobs := &flakyBlobs{Store: env.Blobs}
	settings := service.DefaultSettings()
	settings.PasswordParams = testenv.FastPasswords
	svc := service.New(sqlstore.Port(env.Store), blobs, env.Clock, refusingMail{}, env.Msgs, log, settings)
	// Wired as `nintei serve` wires them (cmd/nintei/drain.go): the
	// database decides readiness, the evidence store only degrades it.
	opts.Ready = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return env.Store.Ping(ctx)
	}
	opts.Degraded = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return blobs.Ping(ctx)
	}
	srv, err := New(svc, env.Msgs, log, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &site{URL: ts.URL, Env: env, Srv: srv}, blobs, logs
}

// Readiness reflects the database; an evidence store that fails (S3 down)
// leaves the instance in the load balancer, since the public registry does
// not need it, and /readyz says it is degraded (issue 18, item 6).
// Liveness looks at neither.
func TestReadinessReflectsEvidenceStore(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, blobs, logs := opsSite(t, b, Options{})
		c := s.client()
		if r := c.get(t, "/readyz"); r.Status != http.StatusOK || r.Body != "ready\n" {
			t.Fatalf("/readyz = %d %q, want 200 ready", r.Status, r.Body)
		}
		blobs.broken.Store(true)
		r := c.get(t, "/readyz")
		if r.Status != http.StatusOK || r.Body != "ready, degraded: evidence store unavailable\n" {
			t.Fatalf("/readyz with a failing evidence store = %d %q, want 200 ready, degraded", r.Status, r.Body)
		}
		if strings.Contains(r.Body, "disk") {
			t.Errorf("/readyz tells the cause to the world: %q", r.Body)
		}
		if r := c.get(t, "/registry"); r.Status != http.StatusOK {
			t.Errorf("/registry with a failing evidence store = %d, want 200", r.Status)
		}
		if r := c.get(t, "/healthz"); r.Status != http.StatusOK {
			t.Errorf("/healthz with a failing evidence store = %d, want 200 (liveness stays cheap)", r.Status)
		}
		var found bool
		for _, l := range logs.lines(t) {
			if l["msg"] == "ready, degraded" {
				found = true
				if err, _ := l["err"].(string); !strings.Contains(err, "disk gone") {
					t.Errorf("degraded log err = %q, want the evidence store's failure", err)
				}
				if l["request_id"] != r.Header.Get("X-Request-ID") {
					t.Errorf("degraded log request_id = %v, want %q", l["request_id"], r.Header.Get("X-Request-ID"))
				}
			}
		}
		if !found {
			t.Error("no 'ready, degraded' log line")
		}
		blobs.broken.Store(false)
		if r := c.get(t, "/readyz"); r.Status != http.StatusOK {
			t.Errorf("/readyz after the store recovered = %d, want 200", r.Status)
		}

		// A database that is gone makes the instance unready too.
		s.Env.Store.Close()
		if r := c.get(t, "/readyz"); r.Status != http.StatusServiceUnavailable {
			t.Errorf("/readyz with the database closed = %d, want 503", r.Status)
		}
	})
}

// Every line logged while serving a request carries its ID, the one the
// response's X-Request-ID header shows: the access log, the error mapper's
// lines (refused and failed requests) and the service's mail failures.
func TestRequestIDInEveryLogLine(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, blobs, logs := opsSite(t, b, Options{})
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		s.Env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		app, v := s.Env.ReadyApplication(t, service.Principal{User: owner})
		c := s.bearerClient(s.apiToken(t, owner, "ops").Secret)
		base := "/api/v1/applications/" + strconv.FormatInt(app, 10)

		wantLines := map[string][]string{} // request ID → messages that must be logged with it
		expect := func(r reply, msgs ...string) {
			t.Helper()
			id := r.Header.Get("X-Request-ID")
			if !validRequestID.MatchString(id) {
				t.Fatalf("X-Request-ID = %q, want a generated ID", id)
			}
			if _, dup := wantLines[id]; dup {
				t.Fatalf("request ID %q given twice", id)
			}
			wantLines[id] = append([]string{"http"}, msgs...)
		}

		// Refused by the error mapper (4xx).
		r := c.get(t, "/api/v1/applications/999999")
		if r.Status != http.StatusNotFound {
			t.Fatalf("unknown application = %d", r.Status)
		}
		expect(r, "request refused")

		// Failed by the error mapper (5xx): the evidence store fails mid-upload.
		blobs.broken.Store(true)
		ct, body := multipartBody(t, url.Values{"purpose": {"evidence"}}, "資料.pdf", tinyPDF)
		r = c.request(t, "POST", base+"/attachments", body, "Content-Type", ct)
		if r.Status != http.StatusInternalServerError {
			t.Fatalf("upload to a failing store = %d %s, want 500", r.Status, r.Body)
		}
		var e errorBody
		r.json(t, &e)
		if e.Error.RequestID != r.Header.Get("X-Request-ID") || strings.Contains(r.Body, "disk") {
			t.Errorf("500 body = %s; want the request ID %q and no internal detail", r.Body, r.Header.Get("X-Request-ID"))
		}
		expect(r, "request failed")
		blobs.broken.Store(false)

		// A failing mail server is no longer the request's business: the
		// submission queues its mails (sent by the job runner, which logs
		// its own failures), so the request logs nothing about mail.
		r = c.api(t, "POST", base+"/submit", map[string]any{"version": v})
		if r.Status != http.StatusOK {
			t.Fatalf("submit = %d %s", r.Status, r.Body)
		}
		expect(r)

		for _, l := range logs.lines(t) {
			id, _ := l["request_id"].(string)
			if id == "" {
				t.Errorf("log line without request_id: %v", l)
				continue
			}
			want, ok := wantLines[id]
			if !ok {
				t.Errorf("log line with an unknown request_id: %v", l)
				continue
			}
			for i, m := range want {
				if m == l["msg"] {
					wantLines[id] = append(want[:i:i], want[i+1:]...)
					break
				}
			}
		}
		for id, missing := range wantLines {
			if len(missing) > 0 {
				t.Errorf("request %s: no log line %q with its ID", id, missing)
			}
		}
	})
}

// An X-Request-ID from the client is kept only behind a trusted proxy and
// only when it is well-formed; otherwise the server draws its own.
func TestIncomingRequestID(t *testing.T) {
	b := sqliteOnly(t)
	for _, tc := range []struct {
		name    string
		trusted bool
		in      string
		keep    bool
	}{
		{"trusted proxy, sane ID", true, "req-2026.11.27_abcdef", true},
		{"trusted proxy, too short", true, "abc", false},
		{"trusted proxy, injection", true, "abcdefgh\" forged=1", false},
		{"trusted proxy, too long", true, strings.Repeat("a", 65), false},
		{"untrusted client", false, "req-2026.11.27_abcdef", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _, logs := opsSite(t, b, Options{TrustProxy: tc.trusted})
			r := s.client().get(t, "/healthz", "X-Request-ID", tc.in)
			got := r.Header.Get("X-Request-ID")
			if (got == tc.in) != tc.keep || !validRequestID.MatchString(got) {
				t.Errorf("X-Request-ID in %q → out %q; keep = %v", tc.in, got, tc.keep)
			}
			lines := logs.lines(t)
			if len(lines) != 1 || lines[0]["request_id"] != got {
				t.Errorf("log lines = %v, want one access line with request_id %q", lines, got)
			}
		})
	}
}
