package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"nintei/certification"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/follow"
)

// runJobs runs every due job as the server's runner would, the follow
// scan with them, a minute later each time so that the scan's next tick
// comes due.
func runJobs(t *testing.T, s *site) {
	t.Helper()
	s.Env.Clock.Advance(time.Minute)
	r := jobs.New(s.Env.Store, s.Env.Clock, jobs.Options{Worker: "follow-test", Workers: 1})
	s.Env.Svc.RegisterJobs(r)
	if _, err := r.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// mailsTo lists the mails sent to addr so far.
func mailsTo(s *site, addr string) []mail.Message {
	var out []mail.Message
	for _, m := range s.Env.Mail.Messages() {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

// mailedPath is the path of the site's link in a mail that matches re.
func mailedPath(t *testing.T, s *site, text, re string) string {
	t.Helper()
	link := regexp.MustCompile(regexp.QuoteMeta(s.Env.Svc.Settings().BaseURL) + re).FindString(text)
	if link == "" {
		t.Fatalf("no link %s in the mail:\n%s", re, text)
	}
	return strings.TrimPrefix(link, s.Env.Svc.Settings().BaseURL)
}

func revoke(t *testing.T, s *site) {
	t.Helper()
	jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
	if err := s.Env.Svc.EndCertification(context.Background(), jimu, 1, aftercare.Ending{Kind: certification.Revoked,
		Grounds: []string{"a"}, Reason: "基準不適合"}); err != nil {
		t.Fatal(err)
	}
}

// followThroughMail follows number as buyer through the form and the
// mailed link; nothing is announced before the confirmation, and asking
// again gets the same answer (its second confirmation keeps one
// subscription).
func followThroughMail(t *testing.T, s *site, c *client, number, buyer string) {
	t.Helper()
	form := url.Values{"kind": {"service"}, "target": {number}, "email": {buyer}}
	first := c.postForm(t, "/follow", form)
	if first.Status != http.StatusOK || first.doc(t).Find("#follow-sent").Length() != 1 {
		t.Fatalf("POST /follow = %d\n%.600s", first.Status, first.Body)
	}
	mails := mailsTo(s, buyer)
	if len(mails) != 1 {
		t.Fatalf("%d confirmation mails, want 1", len(mails))
	}
	confirm := mailedPath(t, s, mails[0].Text, `/follow/confirm/\S+`)
	runJobs(t, s) // nothing is announced before the confirmation
	if n := len(mailsTo(s, buyer)); n != 1 {
		t.Fatalf("%d mails before confirming, want the confirmation only", n)
	}
	if d := c.getPage(t, confirm, http.StatusOK); d.Find("#follow-confirm").Length() != 1 {
		t.Fatal("the confirmation page has no button")
	}
	if r := c.postForm(t, confirm, nil); r.Status != http.StatusOK || r.doc(t).Find("#follow-confirmed").Length() != 1 {
		t.Fatalf("confirm = %d\n%.600s", r.Status, r.Body)
	}
	if r := c.postForm(t, confirm, nil); r.Status != http.StatusNotFound {
		t.Errorf("a used confirmation link answered %d, want 404", r.Status)
	}
	// The same request again gets the same answer (nobody learns who follows what).
	again := c.postForm(t, "/follow", form)
	if again.Status != first.Status || again.doc(t).Find("#follow-sent").Text() != first.doc(t).Find("#follow-sent").Text() {
		t.Errorf("a second request for a followed service answered differently: %d", again.Status)
	}
	second := mailedPath(t, s, mailsTo(s, buyer)[1].Text, `/follow/confirm/\S+`)
	c.postForm(t, second, nil) // confirming the duplicate keeps one subscription
}

// A buyer follows a service from its public page through the real
// confirmation mail; its revocation brings exactly one notice, whose
// unsubscribe link works, after which another event brings nothing.
func TestFollowServiceByMail(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		c := s.client()
		doc := c.getPage(t, "/registry/"+number, http.StatusOK)
		if doc.Find("#follow-form").Length() != 1 || doc.Find(`.follow-box a[href$="/feed.atom"]`).Length() != 1 {
			t.Fatal("the service page has no follow form with the feed's link")
		}
		const buyer = "buyer@example.com"
		followThroughMail(t, s, c, number, buyer)
		revoke(t, s)
		runJobs(t, s)
		runJobs(t, s)
		notices := mailsTo(s, buyer)[2:]
		if len(notices) != 1 {
			t.Fatalf("%d notices of the revocation, want exactly 1: %+v", len(notices), notices)
		}
		n := notices[0]
		if !strings.Contains(n.Subject, s.ja("follow.event.revoked", nil)) || !strings.Contains(n.Text, number) {
			t.Errorf("notice %q\n%s", n.Subject, n.Text)
		}
		unsub := mailedPath(t, s, n.Text, `/follow/unsubscribe/\S+`)
		if got := n.Headers["List-Unsubscribe"]; got != "<"+s.Env.Svc.Settings().BaseURL+unsub+">" ||
			n.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe headers %v", n.Headers)
		}
		if d := c.getPage(t, unsub, http.StatusOK); d.Find("#follow-unsubscribe").Length() != 1 {
			t.Fatal("the unsubscribe page has no button")
		}
		// A mail program's one-click request (RFC 8058): no cookie, no Origin.
		oneClick := c.request(t, http.MethodPost, unsub, strings.NewReader("List-Unsubscribe=One-Click"),
			"Content-Type", "application/x-www-form-urlencoded")
		if oneClick.Status != http.StatusOK || oneClick.doc(t).Find("#follow-unsubscribed").Length() != 1 {
			t.Fatalf("one-click unsubscribe = %d\n%.600s", oneClick.Status, oneClick.Body)
		}
		if err := s.Env.Store.InTx(context.Background(), func(tx *sqlstore.Tx) error {
			return tx.AddRegistryEvent(context.Background(), number, "changed", "2026-11-28")
		}); err != nil {
			t.Fatal(err)
		}
		runJobs(t, s)
		if n := len(mailsTo(s, buyer)); n != 3 {
			t.Errorf("%d mails after unsubscribing, want the 3 before", n)
		}
	})
}

// A search's followers, by mail and by webhook, hear of a newly certified
// service that matches it, and only of one that does.
func TestFollowSearchByMail(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		c := s.client()
		for _, q := range []string{"みなと", "該当しない語"} {
			addr := "search-" + map[string]string{"みなと": "hit", "該当しない語": "miss"}[q] + "@example.com"
			if r := c.postForm(t, "/follow", url.Values{"kind": {"search"}, "target": {q}, "email": {addr}}); r.Status != http.StatusOK {
				t.Fatalf("POST /follow = %d\n%.600s", r.Status, r.Body)
			}
			c.postForm(t, mailedPath(t, s, mailsTo(s, addr)[0].Text, `/follow/confirm/\S+`), nil)
		}
		recv := &hookReceiver{}
		ts := httptest.NewServer(recv)
		defer ts.Close()
		hook := url.Values{"kind": {"search"}, "target": {"みなと"}, "url": {ts.URL}, "contact": {"ops@org.example.com"}}
		c.postForm(t, "/follow/webhooks", hook)
		confirm := mailedPath(t, s, mailsTo(s, "ops@org.example.com")[0].Text, `/follow/webhooks/confirm/\S+`)
		recv.secret = c.postForm(t, confirm, nil).doc(t).Find("#hook-secret").Text()
		number := certifiedService(t, s)
		runJobs(t, s)
		runJobs(t, s) // the webhook's retry after its first 500
		recv.mu.Lock()
		if len(recv.bad) > 0 || len(recv.got) != 2 || recv.got[1].Event.Kind != "certified" || recv.got[1].Event.Number != number ||
			recv.got[1].Follow.Kind != "search" || recv.got[1].Follow.Target != "みなと" {
			t.Errorf("the search's webhook got %+v (bad %v)", recv.got, recv.bad)
		}
		recv.mu.Unlock()
		hit := mailsTo(s, "search-hit@example.com")
		if len(hit) != 2 || !strings.Contains(hit[1].Text, number) || !strings.Contains(hit[1].Text, "みなと") {
			t.Errorf("the matching search's follower got %d mails: %+v", len(hit), hit)
		}
		if miss := mailsTo(s, "search-miss@example.com"); len(miss) != 1 {
			t.Errorf("the other search's follower got %d mails, want the confirmation only", len(miss))
		}
	})
}

// hookReceiver is an organisation's webhook endpoint: it checks every
// delivery's signature and answers 500 to the first.
type hookReceiver struct {
	mu     sync.Mutex
	secret string
	got    []follow.Delivery
	bad    []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	m := hmac.New(sha256.New, []byte(h.secret))
	m.Write(body)
	want := "sha256=" + hex.EncodeToString(m.Sum(nil))
	if !hmac.Equal([]byte(r.Header.Get(follow.SignatureHeader)), []byte(want)) || r.Header.Get(follow.TimestampHeader) == "" {
		h.bad = append(h.bad, r.Header.Get(follow.SignatureHeader))
	}
	var d follow.Delivery
	if err := json.Unmarshal(body, &d); err != nil {
		h.bad = append(h.bad, "body: "+err.Error())
	}
	h.got = append(h.got, d)
	if len(h.got) == 1 {
		w.WriteHeader(http.StatusInternalServerError)
	}
}

// An organisation registers a webhook through the contact's confirmation
// mail; the revocation is posted with a valid HMAC signature, retried after
// the receiver's 500, and both attempts are in the delivery log.
func TestFollowWebhookSignedAndRetried(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		recv := &hookReceiver{}
		ts := httptest.NewServer(recv)
		defer ts.Close()
		c := s.client()
		c.getPage(t, "/follow/webhooks?kind=service&target="+url.QueryEscape(number), http.StatusOK)
		form := url.Values{"kind": {"service"}, "target": {number}, "url": {ts.URL + "/hook"}, "contact": {"ops@org.example.com"}}
		if r := c.postForm(t, "/follow/webhooks", form); r.Status != http.StatusOK || r.doc(t).Find("#hook-sent").Length() != 1 {
			t.Fatalf("POST /follow/webhooks = %d\n%.600s", r.Status, r.Body)
		}
		confirm := mailedPath(t, s, mailsTo(s, "ops@org.example.com")[0].Text, `/follow/webhooks/confirm/\S+`)
		c.getPage(t, confirm, http.StatusOK)
		done := c.postForm(t, confirm, nil).doc(t)
		recv.secret = done.Find("#hook-secret").Text()
		manage, _ := done.Find("#hook-manage").Attr("href")
		if recv.secret == "" || manage == "" {
			t.Fatal("the confirmation page shows no secret or management link")
		}
		revoke(t, s)
		runJobs(t, s) // the scan queues the delivery; its first attempt gets 500
		runJobs(t, s) // the retry, due 30 s later
		recv.mu.Lock()
		got, bad := recv.got, recv.bad
		recv.mu.Unlock()
		if len(bad) > 0 {
			t.Errorf("bad signatures or bodies: %v", bad)
		}
		if len(got) != 2 || got[0].Event.ID != got[1].Event.ID || got[1].Event.Kind != "revoked" || got[1].Attempt != 2 {
			t.Fatalf("deliveries %+v, want the revocation twice", got)
		}
		log := c.getPage(t, manage, http.StatusOK).Find("#hook-log tbody tr")
		if log.Length() != 2 || !strings.Contains(log.Eq(0).Text(), "200") || !strings.Contains(log.Eq(1).Text(), "500") {
			t.Errorf("delivery log %q", log.Text())
		}
		if r := c.postForm(t, manage+"/delete", nil); r.Status != http.StatusOK {
			t.Errorf("delete = %d", r.Status)
		}
		c.getPage(t, manage, http.StatusNotFound)
	})
}

// Webhooks are https:// to public addresses only: private, loopback and
// plain http:// receivers are refused (the tests' switch aside, which
// allows loopback).
func TestFollowWebhookRefusesPrivateURLs(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s)
	c := s.client()
	for _, u := range []string{"http://example.com/hook", "https://10.0.0.5/hook", "https://192.168.1.1/", "https://169.254.169.254/latest",
		"https://[fd00::1]/", "ftp://example.com/", "https://user:pw@example.com/"} {
		r := c.postForm(t, "/follow/webhooks", url.Values{"kind": {"service"}, "target": {number}, "url": {u}, "contact": {"ops@org.example.com"}})
		if r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want refused", u, r.Status)
		}
	}
}

// The follow forms mail a link, so they are limited as the forgotten-
// password form is: one address cannot be flooded with confirmations, and
// the refusal says how long to wait.
func TestFollowRateLimit(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{Limits: Limits{LoginPerName: Rate{N: 2, Per: time.Minute}}})
	number := certifiedService(t, s)
	c := s.client()
	form := url.Values{"kind": {"service"}, "target": {number}, "email": {"victim@example.com"}}
	for i := range 2 {
		if r := c.postForm(t, "/follow", form); r.Status != http.StatusOK {
			t.Fatalf("request %d = %d", i+1, r.Status)
		}
	}
	r := c.postForm(t, "/follow", form)
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Errorf("third request = %d (Retry-After %q), want 429", r.Status, r.Header.Get("Retry-After"))
	}
	hook := url.Values{"kind": {"service"}, "target": {number}, "url": {"https://example.com/h"}, "contact": {"victim@example.com"}}
	if r := c.postForm(t, "/follow/webhooks", hook); r.Status != http.StatusTooManyRequests {
		t.Errorf("webhook form = %d, want 429: the forms share the limit", r.Status)
	}
	if n := len(mailsTo(s, "victim@example.com")); n != 2 {
		t.Errorf("%d confirmation mails, want 2", n)
	}
}
