package follow

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The SSRF guard: URLs naming non-public addresses are refused when a
// webhook is registered, and the dialer refuses them again at delivery
// (a public name may resolve to a private address later).
func TestHookURLsArePublicHTTPS(t *testing.T) {
	for _, c := range []struct {
		url           string
		allowLoopback bool
		ok            bool
	}{
		{"https://hooks.example.com/nintei", false, true},
		{"https://203.0.113.9/hook", false, true},
		{"http://hooks.example.com/nintei", false, false},
		{"https://127.0.0.1/hook", false, false},
		{"https://localhost/hook", false, false},
		{"https://app.localhost/hook", false, false},
		{"https://10.1.2.3/hook", false, false},
		{"https://172.16.0.1/hook", false, false},
		{"https://192.168.0.1/hook", false, false},
		{"https://100.64.0.1/hook", false, false},
		{"https://169.254.169.254/latest/meta-data", false, false},
		{"https://[::1]/hook", false, false},
		{"https://[fe80::1]/hook", false, false},
		{"https://[fc00::1]/hook", false, false},
		{"https://[::ffff:10.0.0.1]/hook", false, false},
		{"https://0.0.0.0/hook", false, false},
		{"https://user:secret@hooks.example.com/", false, false},
		{"ftp://hooks.example.com/", false, false},
		{"http://127.0.0.1:8080/hook", true, true},
		{"http://localhost:8080/hook", true, true},
		{"http://10.1.2.3/hook", true, false},
	} {
		_, err := checkHookURL(c.url, c.allowLoopback)
		if (err == nil) != c.ok {
			t.Errorf("checkHookURL(%q, %v) = %v, want ok %v", c.url, c.allowLoopback, err, c.ok)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	_, err := newHookClient(false).Post(srv.URL, "application/json", nil)
	if err == nil || failureOf(err) != FailRefused {
		t.Errorf("the dialer connected to a loopback address: %v", err)
	}
	resp, err := newHookClient(true).Post(srv.URL, "application/json", nil)
	if err != nil {
		t.Fatalf("with the tests' switch: %v", err)
	}
	_ = resp.Body.Close()
}
