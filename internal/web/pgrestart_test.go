package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"nintei"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
)

// flakyProxy forwards TCP connections to a database server and can cut
// them all and refuse new ones, as a PostgreSQL restart does.
type flakyProxy struct {
	target string
	mu     sync.Mutex
	ln     net.Listener
	addr   string
	conns  []net.Conn
}

func newFlakyProxy(t *testing.T, target string) *flakyProxy {
	p := &flakyProxy{target: target}
	p.up(t)
	t.Cleanup(func() { p.down() })
	return p
}

func (p *flakyProxy) up(t *testing.T) {
	t.Helper()
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(s, c); s.Close() }()
			go func() { _, _ = io.Copy(c, s); c.Close() }()
		}
	}()
}

// down closes the listener and every proxied connection.
func (p *flakyProxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Issue 7: PostgreSQL restarting under load. While the database is away,
// requests fail cleanly — 503 with the "try again" message, in JSON for
// the API — and readiness says so; once it is back they succeed again
// without restarting nintei.
func TestDatabaseRestartIsSurvived(t *testing.T) {
	var pg *testenv.Backend
	for _, b := range testenv.Backends(t) {
		if b.Name == "postgres" {
			pg = &b
		}
	}
	if pg == nil {
		t.Skip("needs PostgreSQL (NINTEI_TEST_DATABASE_URL)")
	}
	direct, err := url.Parse(pg.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := newFlakyProxy(t, direct.Host)
	via := *direct
	via.Host = proxy.addr
	ctx := context.Background()
	clock := &nintei.FixedClock{T: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	st, err := sqlstore.Open(ctx, sqlstore.Options{URL: via.String(), DataDir: t.TempDir(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	msgs := i18n.MustLoad()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(sqlstore.Port(st), blobs, clock, &mail.Recorder{}, msgs, log, service.DefaultSettings())
	if err := svc.InstallBuiltinEditions(ctx); err != nil {
		t.Fatal(err)
	}
	srv, err := New(svc, msgs, log, Options{Ready: func() error { return svc.Ready(ctx) }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	s := &site{URL: ts.URL, Env: &testenv.Env{Msgs: msgs}}
	c := s.client()
	n := 0
	search := func() reply { // a new query each time: never answered from the public cache
		n++
		return c.get(t, "/api/v1/registry?q=q"+strconv.Itoa(n))
	}
	if r := search(); r.Status != http.StatusOK {
		t.Fatalf("before: %d %s", r.Status, r.Body)
	}

	proxy.down()
	for range 3 {
		s.wantAPIError(t, search(), http.StatusServiceUnavailable, "error.unavailable")
	}
	if r := c.get(t, "/registry?q=x1"); r.Status != http.StatusServiceUnavailable {
		t.Errorf("page while the database is away: %d", r.Status)
	}
	if r := c.get(t, "/readyz"); r.Status != http.StatusServiceUnavailable {
		t.Errorf("readiness while the database is away: %d", r.Status)
	}

	proxy.up(t)
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := search()
		if r.Status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database is back but requests still fail: %d %s", r.Status, r.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for range 5 {
		if r := search(); r.Status != http.StatusOK {
			t.Errorf("after the restart: %d", r.Status)
		}
	}
	if r := c.get(t, "/readyz"); r.Status != http.StatusOK {
		t.Errorf("readiness after the restart: %d", r.Status)
	}
}
