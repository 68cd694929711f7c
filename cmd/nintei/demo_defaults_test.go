package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDemoDefaults(t *testing.T) {
	none := func(string) string { return "" }
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want []string
	}{
		{nil, nil, []string{"--addr", "127.0.0.1:8080", "--log-level", "warn"}},
		{[]string{"--addr", ":9000"}, nil, []string{"--log-level", "warn", "--addr", ":9000"}},
		{[]string{"--log-level=info"}, nil, []string{"--addr", "127.0.0.1:8080", "--log-level=info"}},
		{nil, map[string]string{"NINTEI_ADDR": "0.0.0.0:80", "NINTEI_LOG_LEVEL": "debug"}, nil},
	} {
		getenv := none
		if tc.env != nil {
			getenv = func(k string) string { return tc.env[k] }
		}
		if got := demoDefaults(tc.args, getenv); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("demoDefaults(%q, %v) = %q, want %q", tc.args, tc.env, got, tc.want)
		}
	}
	for addr, want := range map[string]string{"127.0.0.1:8080": "http://localhost:8080/", "[::]:8105": "http://localhost:8105/",
		"192.0.2.7:80": "http://192.0.2.7:80/", "[2001:db8::1]:8080": "http://[2001:db8::1]:8080/"} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := openURL(a); got != want {
			t.Errorf("openURL(%s) = %q, want %q", addr, got, want)
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// `nintei demo` prints where to open it and every login — the registry's
// providers too — and keeps its request log out of the terminal.
func TestDemoPrintsLoginsAndKeepsQuiet(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stdout, stderr lockedBuffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := run(ctx, []string{"demo", "--addr", "127.0.0.1:0"}, func(string) string { return "" }, strings.NewReader(""),
			io.MultiWriter(pw, &stdout), &stderr)
		pw.CloseWithError(fmt.Errorf("server stopped: %v", err))
	}()
	t.Cleanup(func() { stop(); <-done })
	base := waitListening(t, pr)
	go io.Copy(io.Discard, pr)
	waitReady(t, base)
	for _, p := range []string{"/", "/registry", "/no-such-page"} {
		resp, err := http.Get(base + p)
		must(t, err)
		resp.Body.Close()
	}
	time.Sleep(100 * time.Millisecond)
	out := stdout.String()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	for _, want := range []string{"ブラウザで http://localhost:" + port + "/ を開いてください。", "owner1@registry.example.jp",
		"owner30@registry.example.jp", "株式会社あおぞらクラウド", "jimukyoku@nintei.example.jp"} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo does not print %q:\n%s", want, out)
		}
	}
	if log := stderr.String(); strings.Contains(log, "/registry") || strings.Contains(log, "no-such-page") {
		t.Errorf("the demo's request log reached the terminal:\n%.800s", log)
	}
}
