package ratelimit

import (
	"fmt"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"nintei"
)

// X-Forwarded-For names the client only when the connection comes from a
// trusted proxy: the right-most address that is not a proxy.
func TestClientIPBehindProxies(t *testing.T) {
	rl := New(Limits{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, time.Now)
	for _, tt := range []struct{ remote, xff, want string }{
		{"203.0.113.5:4000", "192.0.2.1", "203.0.113.5"}, // not a proxy: the header is ignored
		{"10.0.0.2:4000", "192.0.2.1, 10.0.0.7", "192.0.2.1"},
		{"10.0.0.2:4000", "", "10.0.0.2"},
		{"10.0.0.2:4000", "garbage, 10.0.0.7", "10.0.0.7"},
		{"[::ffff:10.0.0.2]:4000", "2001:db8::1", "2001:db8::1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := rl.clientIP(r); got != tt.want {
			t.Errorf("clientIP(%s, XFF %q) = %s, want %s", tt.remote, tt.xff, got, tt.want)
		}
	}
}

// Memory stays bounded: idle clients (their bucket full again) are
// forgotten, and a flood of distinct addresses never grows the table past
// its bound.
func TestRateLimiterForgetsIdleClients(t *testing.T) {
	clock := &nintei.FixedClock{T: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(Rate{N: 2, Per: time.Minute}, 100, clock.Now)
	for i := range 10_000 {
		_ = l.take("192.0.2." + strconv.Itoa(i))
		if n := l.size(); n > 100 {
			t.Fatalf("after %d clients the limiter holds %d, want ≤ 100", i+1, n)
		}
	}
	clock.Advance(time.Minute)
	for i := range 99 {
		_ = l.take(fmt.Sprintf("active-%d", i))
	}
	if n := l.size(); n > 99 {
		t.Errorf("after a minute idle the limiter still holds %d clients, want only the 99 active", n)
	}
	// Active clients below the bound are never dropped by a sweep, and an
	// emptied bucket is still empty after the sweeps of 2,000 passers-by.
	big := newLimiter(Rate{N: 1, Per: time.Hour}, 4096, clock.Now)
	for i := range 3000 {
		_ = big.take(fmt.Sprintf("c%d", i))
	}
	if n := big.size(); n != 3000 {
		t.Errorf("limiter of 4,096 holds %d of 3,000 active clients", n)
	}
	if err := big.take("c1"); nintei.KindOf(err) != nintei.KindTooMany {
		t.Errorf("c1's second request in the hour = %v, want too many", err)
	}
}

// An IPv6 client is counted by its /64: the addresses it can choose from
// share one bucket, while another /64 has its own; IPv4 clients are counted
// by address (issue 18, item 7).
func TestIPv6ClientsShareTheirSlash64(t *testing.T) {
	clock := &nintei.FixedClock{T: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	rl := New(Limits{LoginPerIP: Rate{N: 2, Per: time.Minute}, LoginPerName: Rate{N: 100, Per: time.Minute},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}, clock.Now)
	try := func(remote, xff string) error {
		r := httptest.NewRequest("POST", "/login", nil)
		r.RemoteAddr, r.Header["X-Forwarded-For"] = remote, []string{xff}
		return rl.Login(r, "")
	}
	for _, tt := range []struct{ remote, xff, key string }{
		{"[2001:db8:1:2::10]:4000", "", "2001:db8:1:2::/64"},
		{"127.0.0.1:4000", "2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"[2001:db8:1:3::10]:4000", "", "2001:db8:1:3::/64"},
		{"203.0.113.5:4000", "", "203.0.113.5"},
		{"[::ffff:203.0.113.6]:4000", "", "203.0.113.6"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr, r.Header["X-Forwarded-For"] = tt.remote, []string{tt.xff}
		if got := rl.clientKey(r); got != tt.key {
			t.Errorf("clientKey(%s, XFF %q) = %s, want %s", tt.remote, tt.xff, got, tt.key)
		}
	}
	// Two attempts from two addresses of one /64 use up its bucket …
	if err := try("[2001:db8:1:2::1]:4000", ""); err != nil {
		t.Fatal(err)
	}
	if err := try("127.0.0.1:4000", "2001:db8:1:2:abcd::2"); err != nil {
		t.Fatal(err)
	}
	if err := try("[2001:db8:1:2:9999::3]:4000", ""); nintei.KindOf(err) != nintei.KindTooMany {
		t.Errorf("third attempt from the same /64 = %v, want too many", err)
	}
	// … while the neighbouring /64 and an IPv4 client are not affected.
	if err := try("[2001:db8:1:3::1]:4000", ""); err != nil {
		t.Errorf("another /64: %v", err)
	}
	if err := try("203.0.113.5:4000", ""); err != nil {
		t.Errorf("an IPv4 client: %v", err)
	}
}
