package follow

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"nintei"
	"nintei/internal/jobs"
	"nintei/store"
)

// JobHook is the kind of the job that delivers one event to one webhook.
const JobHook = "follow.webhook"

// hookAttempts: with the runner's backoff (30 s doubling to an hour) the
// last attempt comes about four hours after the first.
const hookAttempts = 10

// Signature headers of a delivery. The signature is the hex HMAC-SHA256 of
// the body under the webhook's secret; the body holds the time it was sent
// as well, so a receiver can refuse old replays.
const (
	SignatureHeader = "X-Nintei-Signature"
	TimestampHeader = "X-Nintei-Timestamp"
)

var (
	errHookURL = nintei.Invalid("error.follow.hook_url", "url")
	errStatus  = errors.New("follow: the receiver answered")
)

// checkHookURL accepts an https:// URL whose host is a name or a public
// address; with allowLoopback (tests) also http:// to 127.0.0.1, ::1 or
// localhost. The dialer checks the addresses a name resolves to again at
// every delivery (hookClient), so a name turned private later is refused.
func checkHookURL(raw string, allowLoopback bool) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil || len(raw) > 2000 {
		return "", errHookURL
	}
	host := u.Hostname()
	loopback := host == "localhost" || isLoopback(host)
	switch {
	case allowLoopback && loopback && (u.Scheme == "http" || u.Scheme == "https"):
		return u.String(), nil
	case u.Scheme != "https" || loopback || strings.HasSuffix(host, ".localhost"):
		return "", errHookURL
	}
	if ip, err := netip.ParseAddr(host); err == nil && !publicAddr(ip) {
		return "", errHookURL
	}
	return u.String(), nil
}

func isLoopback(host string) bool {
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// publicAddr reports an address a webhook may be delivered to.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsGlobalUnicast() && !ip.IsPrivate() && !cgnat.Contains(ip)
}

// hookClient posts deliveries: no redirects (a redirect could lead to an
// internal address), a short timeout, and a dialer that refuses every
// address that is not public (loopback too when allowed, for tests).
type hookClient struct{ *http.Client }

func newHookClient(allowLoopback bool) hookClient {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip, err := netip.ParseAddr(host)
		if err != nil || !(publicAddr(ip) || allowLoopback && ip.IsLoopback()) {
			return fmt.Errorf("%w: %s", errRefusedAddress, host)
		}
		return nil
	}}
	tr := &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: 5 * time.Second, MaxIdleConns: 4}
	return hookClient{&http.Client{Transport: tr, Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Sign returns the signature header's value for body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// hookJob is a delivery job's payload.
type hookJob struct {
	HookID int64        `json:"hook_id"`
	Event  EventPayload `json:"event"`
}

// EventPayload is a registry event as a webhook receives it.
type EventPayload struct {
	ID          int64    `json:"id"`
	Kind        string   `json:"kind"`
	Number      string   `json:"number"`
	ServiceName string   `json:"service_name"`
	OccurredOn  string   `json:"occurred_on"`
	Items       []string `json:"changed_items,omitempty"`
	URL         string   `json:"url"`
}

// Delivery is the JSON body of one delivery.
type Delivery struct {
	Event  EventPayload `json:"event"`
	Follow struct {
		Kind   string `json:"kind"`
		Target string `json:"target"`
	} `json:"follow"`
	SentAt  time.Time `json:"sent_at"`
	Attempt int       `json:"attempt"`
}

// deliver is the delivery job: it posts the event, logs the attempt, and
// fails (to be retried with backoff) unless the receiver answered 2xx. A
// webhook deleted meanwhile gets nothing.
func (s *Follow) deliver(ctx context.Context, j jobs.Job) error {
	var p hookJob
	if err := jobs.Decode(j, &p); err != nil {
		return err
	}
	h, err := s.Store.FollowHookBy(ctx, "id", p.HookID)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return nil
	} else if err != nil {
		return err
	}
	d := Delivery{Event: p.Event, SentAt: s.Now(), Attempt: j.Attempts}
	d.Follow.Kind, d.Follow.Target = h.Kind, h.Target
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	status, sendErr := s.post(ctx, h, body, d.SentAt)
	logged := store.FollowDelivery{HookID: h.ID, EventID: p.Event.ID, EventKind: p.Event.Kind, Attempt: j.Attempts, StatusCode: status}
	if sendErr != nil {
		logged.Error = failureOf(sendErr)
		s.Log.InfoContext(ctx, "webhook delivery failed", "hook", h.ID, "event", p.Event.ID, "attempt", j.Attempts, "err", sendErr)
	}
	if err := s.Store.AddFollowDelivery(ctx, logged); err != nil {
		return err
	}
	return sendErr
}

// post sends one delivery and returns the status code (0 without answer).
func (s *Follow) post(ctx context.Context, h store.FollowHook, body []byte, at time.Time) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "nintei-webhook/1")
	req.Header.Set(SignatureHeader, Sign(h.Secret, body))
	req.Header.Set(TimestampHeader, strconv.FormatInt(at.Unix(), 10))
	resp, err := s.client.Do(req) // #nosec G704 -- the URL was checked (checkHookURL) and the dialer refuses non-public addresses
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("%w %d", errStatus, resp.StatusCode)
	}
	return resp.StatusCode, nil
}

// The delivery log names what went wrong as one of these words, never the
// error's text: that could show the organisation the server's network
// (its resolver's address, internal names).
const (
	FailStatus  = "status"  // the receiver answered, but not 2xx
	FailDNS     = "dns"     // the name did not resolve
	FailRefused = "refused" // the address is not public (SSRF guard)
	FailTimeout = "timeout"
	FailTLS     = "tls"
	FailConnect = "connect" // anything else before an answer
)

// errRefusedAddress is the dialer's refusal of a non-public address.
var errRefusedAddress = errors.New("follow: not a public address")

func failureOf(err error) string {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, errStatus):
		return FailStatus
	case errors.Is(err, errRefusedAddress):
		return FailRefused
	case errors.As(err, &dns):
		return FailDNS
	case errors.As(err, &ne) && ne.Timeout():
		return FailTimeout
	case strings.Contains(err.Error(), "tls:") || strings.Contains(err.Error(), "x509:"):
		return FailTLS
	}
	return FailConnect
}
