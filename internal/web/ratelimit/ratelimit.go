// Package ratelimit holds the per-client rate limits: token buckets by
// client address (behind trusted proxies) and by login name.
package ratelimit

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"nintei"
)

// Rate is a token bucket's size and refill: N requests per Per, in bursts
// of up to N. The zero Rate is no limit.
type Rate struct {
	N   int
	Per time.Duration
}

// On reports whether the rate limits anything.
func (r Rate) On() bool { return r.N > 0 && r.Per > 0 }

// Limits are the per-client abuse limits (issue 8, item 7). They are kept
// in memory, so each instance counts on its own: behind a load balancer of
// k instances a client gets up to k times each limit. The zero Limits
// limits nothing (the tests' default; `nintei serve` sets them on).
type Limits struct {
	LoginPerIP   Rate // POST /login by client address
	LoginPerName Rate // POST /login by the login name tried, whatever the address
	Search       Rate // /registry?q= and /api/v1/registry?q= by client address
	API          Rate // every /api/ request by client address
	// TrustedProxies are the addresses whose X-Forwarded-For is believed;
	// the client is the right-most address in it that is not a proxy.
	TrustedProxies []netip.Prefix
	// MaxClients bounds the clients each limit remembers (default 16,384,
	// about 1.5 MiB per limit).
	MaxClients int
}

var errRateLimited = nintei.Errorf(nintei.KindTooMany, "error.rate_limited")

// limiter is one rate limit over many clients: a token bucket per key.
type limiter struct {
	rate  Rate
	max   int
	now   func() time.Time
	mu    sync.Mutex
	seen  map[string]bucket
	calls int
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(r Rate, max int, now func() time.Time) *limiter {
	if !r.On() {
		return nil
	}
	if max <= 0 {
		max = 1 << 14
	}
	return &limiter{rate: r, max: max, now: now, seen: map[string]bucket{}}
}

// take spends one token of key's bucket. When the bucket is empty it
// returns a KindTooMany error carrying the whole seconds until a token is
// back (Retry-After). A nil limiter allows everything.
func (l *limiter) take(key string) error {
	if l == nil {
		return nil
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.seen[key]
	if !ok {
		l.makeRoom(now)
		b = bucket{tokens: float64(l.rate.N), last: now}
	}
	perToken := l.rate.Per.Seconds() / float64(l.rate.N)
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(float64(l.rate.N), b.tokens+elapsed/perToken)
	}
	b.last = now
	ok = b.tokens >= 1
	if ok {
		b.tokens--
	}
	l.seen[key] = b
	if ok {
		return nil
	}
	wait := int(math.Ceil((1-b.tokens)*perToken - 1e-9)) // whole seconds, float noise aside
	return errRateLimited.With("Seconds", max(wait, 1))
}

// makeRoom keeps memory bounded: every 1,024 new clients, and whenever the
// table is full, it forgets the clients idle long enough to have a full
// bucket again (forgetting them changes nothing). If the table is still
// full, a flood of distinct addresses is under way: half the table, chosen
// at random by map order, is dropped.
func (l *limiter) makeRoom(now time.Time) {
	l.calls++
	if len(l.seen) < l.max && l.calls%1024 != 0 {
		return
	}
	for k, b := range l.seen {
		if now.Sub(b.last) >= l.rate.Per {
			delete(l.seen, k)
		}
	}
	if len(l.seen) < l.max {
		return
	}
	for k := range l.seen {
		if len(l.seen) < l.max/2 {
			break
		}
		delete(l.seen, k)
	}
}

// size is the number of clients remembered.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.seen)
}

// Limiters are the server's limiters.
type Limiters struct {
	loginIP, loginName, search, api *limiter
	resetIP, resetName              *limiter // the forgotten-password form, at the login rates
	followIP, followName            *limiter // the follow forms (mail and webhook), at the login rates
	proxies                         []netip.Prefix
	// OnRefusal, when set, is told the name of the limit that refused a
	// request (api, search, login_ip, login_name, reset_ip, reset_name, follow_ip, follow_name),
	// for the metrics. Set it before the server serves.
	OnRefusal func(limit string)
}

// refused reports a refusal of the limit to OnRefusal and passes err on.
func (rl *Limiters) refused(limit string, err error) error {
	if err != nil && rl.OnRefusal != nil {
		rl.OnRefusal(limit)
	}
	return err
}

// New makes the limiters of l, reading the time from now.
func New(l Limits, now func() time.Time) *Limiters {
	return &Limiters{
		loginIP:    newLimiter(l.LoginPerIP, l.MaxClients, now),
		loginName:  newLimiter(l.LoginPerName, l.MaxClients, now),
		search:     newLimiter(l.Search, l.MaxClients, now),
		api:        newLimiter(l.API, l.MaxClients, now),
		resetIP:    newLimiter(l.LoginPerIP, l.MaxClients, now),
		resetName:  newLimiter(l.LoginPerName, l.MaxClients, now),
		followIP:   newLimiter(l.LoginPerIP, l.MaxClients, now),
		followName: newLimiter(l.LoginPerName, l.MaxClients, now),
		proxies:    l.TrustedProxies,
	}
}

// Route applies the limits a route's requests share: the API limit to
// every API request, the search limit to a search (q given). A cached
// answer is still counted: the limits are checked before the cache.
func (rl *Limiters) Route(r *http.Request, api, search bool) error {
	if api {
		if err := rl.api.take(rl.clientKey(r)); err != nil {
			return rl.refused("api", err)
		}
	}
	if search && strings.TrimSpace(r.URL.Query().Get("q")) != "" {
		return rl.refused("search", rl.search.take(rl.clientKey(r)))
	}
	return nil
}

// Login applies both login limits: by address, then by the name tried
// (case and surrounding spaces ignored, as the login does).
func (rl *Limiters) Login(r *http.Request, name string) error {
	return rl.pair(r, name, "login", rl.loginIP, rl.loginName)
}

// Reset limits the forgotten-password form as the login is limited, in
// buckets of its own: by address, then by the e-mail address asked for.
func (rl *Limiters) Reset(r *http.Request, name string) error {
	return rl.pair(r, name, "reset", rl.resetIP, rl.resetName)
}

// Follow limits the follow forms, which mail a confirmation link, as the
// forgotten-password form is limited: by address, then by the e-mail
// address given, so nobody can flood one mailbox with confirmations.
func (rl *Limiters) Follow(r *http.Request, email string) error {
	return rl.pair(r, email, "follow", rl.followIP, rl.followName)
}

func (rl *Limiters) pair(r *http.Request, name, limit string, byIP, byName *limiter) error {
	if err := byIP.take(rl.clientKey(r)); err != nil {
		return rl.refused(limit+"_ip", err)
	}
	if n, err := nintei.NormalizeEmail(name); err == nil {
		name = n
	}
	if name = strings.ToLower(strings.TrimSpace(name)); name != "" {
		return rl.refused(limit+"_name", byName.take(name))
	}
	return nil
}

// clientKey is the bucket of a request's client: its IPv4 address, or for
// IPv6 the /64 it is in. One IPv6 subscriber is routinely given a whole
// /64 (and picks new addresses in it at will, RFC 8981), so a key per
// address would let one client have 2^64 buckets.
func (rl *Limiters) clientKey(r *http.Request) string {
	s := rl.clientIP(r)
	ip, err := netip.ParseAddr(s)
	if err != nil || !ip.Is6() {
		return s
	}
	return netip.PrefixFrom(ip, 64).Masked().String()
}

// clientIP is the address a request comes from: RemoteAddr, or, when that
// is a trusted proxy, the right-most address of X-Forwarded-For that is not
// a trusted proxy (addresses left of it could be forged by the client).
func (rl *Limiters) clientIP(r *http.Request) string {
	ip := parseAddr(r.RemoteAddr)
	if !ip.IsValid() {
		return r.RemoteAddr
	}
	if !rl.trusted(ip) {
		return ip.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := parseAddr(strings.TrimSpace(hops[i]))
		if !hop.IsValid() {
			break // garbage: stop at the last address we could read
		}
		ip = hop
		if !rl.trusted(hop) {
			break
		}
	}
	return ip.String()
}

func (rl *Limiters) trusted(ip netip.Addr) bool {
	for _, p := range rl.proxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// parseAddr reads "host:port" or a bare address; IPv4-mapped IPv6 becomes IPv4.
func parseAddr(s string) netip.Addr {
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap().WithZone("")
}

// RetryAfter sets Retry-After for a throttled answer: the seconds the
// error carries, else the account pause of the login throttle (15 min).
func RetryAfter(w http.ResponseWriter, ne *nintei.Error) {
	secs := 900
	if n, ok := ne.Args["Seconds"].(int); ok {
		secs = n
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
}
