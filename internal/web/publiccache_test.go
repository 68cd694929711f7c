package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nintei"
	"nintei/internal/testenv"
)

// cached public responses follow the registry. A publication made
// outside any HTTP request (as another instance or a job would) shows on
// every cached surface at once, because the key holds the generation the
// database triggers bump; a signed-in visitor never gets the anonymous copy.
func TestPublicCacheFollowsTheRegistry_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		first := certifiedService(t, s)
		public := s.client()
		paths := []string{"/registry", "/registry.csv", "/api/v1/registry", "/registry/feed.atom", "/registry?q=" + url.QueryEscape("サービス")}
		for _, p := range paths { // prime the cache
			if r := public.get(t, p); r.Status != http.StatusOK || !strings.Contains(r.Body, strings.Split(first, " ")[1]) {
				t.Fatalf("%s = %d, first service missing", p, r.Status)
			}
		}
		second := certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社やまびこ", "jimu2@body.example.jp")
		for _, p := range paths {
			if body := public.get(t, p).Body; !strings.Contains(body, strings.Split(second, " ")[1]) {
				t.Errorf("%s still serves the registry before %s was certified", p, second)
			}
		}
		// The same URL for a signed-in user is rendered for them.
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		if doc := owner.getPage(t, "/registry", http.StatusOK); doc.Find("form[action='/logout']").Length() != 1 {
			t.Error("a signed-in user got the anonymous copy of the list")
		}
		// A new day is a new key: the JSON's status turns at midnight in Japan.
		esc := url.PathEscape(first)
		before := public.get(t, "/verify/"+esc, "Accept", "application/json").Body
		s.Env.Clock.T = s.Env.Clock.T.Add(2 * 366 * 24 * time.Hour)
		after := public.get(t, "/verify/"+esc, "Accept", "application/json").Body
		if before == after || !strings.Contains(after, `"expired"`) {
			t.Errorf("verification after the validity ended: %s", after)
		}
	})
}

// With a long generation TTL (as in production, where other instances'
// writes show within it), a write through this instance still shows at once.
func TestPublicCacheSeesWritesThroughThisInstance(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{GenerationTTL: time.Hour})
	number := certifiedService(t, s)
	esc := url.PathEscape(number)
	secret := "事業者の主な事業の概要について、当社の規程と運用に基づき記載します。"
	public := s.client()
	if !strings.Contains(public.get(t, "/registry/"+esc).Body, secret) {
		t.Fatal("the answer is not public before withholding")
	}
	owner := s.client()
	login(t, owner, "owner@a.example.jp", testenv.TestPassword)
	owner.postForm(t, "/applications/1/withholdings", url.Values{"csrf_token": {owner.csrf(t)}, "item": {"IPIOT-005"},
		"reason": {"新事業の公表前のため"}, "until": {"2027-03-31"}})
	staff := s.client()
	login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
	if r := staff.postForm(t, "/applications/1/review/withholding", url.Values{"csrf_token": {staff.csrf(t)}, "withholding": {"1"}, "decision": {"approve"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve = %d", r.Status)
	}
	if strings.Contains(public.get(t, "/registry/"+esc).Body, secret) {
		t.Error("the cached page still shows the answer withheld through this instance")
	}
}

// A burst of anonymous requests for one uncached response renders it once:
// the others wait for the first and get the same bytes; a failed render is
// not shared (each waiting request renders for itself).
func TestPublicCacheRendersABurstOnce(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	var renders atomic.Int32
	fail := atomic.Bool{}
	handle := func(w http.ResponseWriter, r *http.Request) error {
		renders.Add(1)
		time.Sleep(50 * time.Millisecond)
		if fail.Load() {
			return nintei.Errorf(nintei.KindUnavailable, "error.unavailable")
		}
		_, err := w.Write([]byte("page " + r.URL.RawQuery))
		return err
	}
	burst := func(query string) []string {
		var wg sync.WaitGroup
		bodies := make([]string, 20)
		for i := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := httptest.NewRecorder()
				err := s.Srv.public.ServePublicCached(rec, httptest.NewRequest("GET", "/registry?"+query, nil), handle)
				if err == nil {
					bodies[i] = rec.Body.String()
				}
			}()
		}
		wg.Wait()
		return bodies
	}
	for _, b := range burst("q=burst") {
		if b != "page q=burst" {
			t.Errorf("body %q", b)
		}
	}
	if n := renders.Load(); n != 1 {
		t.Errorf("a burst of 20 rendered %d times, want 1", n)
	}
	renders.Store(0)
	fail.Store(true)
	burst("q=failing")
	if n := renders.Load(); n < 2 {
		t.Errorf("a failed render was shared: %d renders", n)
	}
}
