package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/testenv"
)

var resetLinkRE = regexp.MustCompile(`https?://\S+(/password/reset/[A-Za-z0-9_-]+)`)

func TestLoginPageLinksToPasswordReset(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	doc := s.client().getPage(t, "/login", http.StatusOK)
	a := doc.Find(`main a[href="/password/forgot"]`)
	if got := strings.TrimSpace(a.Text()); got != "パスワードをお忘れの方" {
		t.Errorf("login page link = %q, want 「パスワードをお忘れの方」 to /password/forgot", got)
	}
}

// forgot posts the forgotten-password form and returns the page's answer.
func forgot(t *testing.T, c *client, email string) (int, string) {
	t.Helper()
	r := c.postForm(t, "/password/forgot", url.Values{"email": {email}})
	return r.Status, strings.TrimSpace(r.doc(t).Find("main").Text())
}

func TestPasswordResetJourney(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		email := emailOf(nintei.RoleOwner)
		other := s.loginAs(t, nintei.RoleOwner) // a session on another device

		guest := s.client()
		guest.getPage(t, "/password/forgot", http.StatusOK)
		status, known := forgot(t, guest, " Owner@Example.jp ")
		if status != http.StatusOK || !strings.Contains(known, s.ja("reset.request.sent", nil)) {
			t.Fatalf("known address: %d %q, want the one answer", status, known)
		}
		status, unknown := forgot(t, guest, "nobody@example.jp")
		if status != http.StatusOK || unknown != known {
			t.Errorf("unknown address answered %d %q, want exactly the known address's answer", status, unknown)
		}
		msgs := s.Env.Mail.Messages()
		if len(msgs) != 1 || msgs[0].To != email {
			t.Fatalf("mails = %+v, want one to %s", msgs, email)
		}
		m := resetLinkRE.FindStringSubmatch(msgs[0].Text)
		if m == nil || !strings.Contains(msgs[0].Text, "様") || !strings.Contains(msgs[0].Text, "2026年11月27日 20:00") {
			t.Fatalf("mail has no link, greeting or expiry:\n%s", msgs[0].Text)
		}
		link := m[1]

		doc := guest.getPage(t, link, http.StatusOK)
		if !strings.Contains(doc.Find("p.lead").Text(), email) || doc.Find(`input[name="password"]`).Length() != 1 {
			t.Fatalf("reset form does not name %s or lacks the password field", email)
		}
		r := guest.postForm(t, link, url.Values{"password": {"a brand new passphrase"}, "confirm": {"another passphrase!"}})
		if r.Status != http.StatusBadRequest || !strings.Contains(alertText(r.doc(t)), s.ja("error.password.mismatch", nil)) {
			t.Errorf("mismatch = %d %q", r.Status, alertText(r.doc(t)))
		}
		r = guest.postForm(t, link, url.Values{"password": {"short"}, "confirm": {"short"}})
		if r.Status != http.StatusBadRequest || !strings.Contains(alertText(r.doc(t)), "10") {
			t.Errorf("short password = %d %q, want the length rule", r.Status, alertText(r.doc(t)))
		}
		r = guest.postForm(t, link, url.Values{"password": {"a brand new passphrase"}, "confirm": {"a brand new passphrase"}})
		if r.Status != http.StatusSeeOther || r.location() != "/login" {
			t.Fatalf("reset = %d to %q, want 303 to /login\n%.500s", r.Status, r.location(), r.Body)
		}
		if got := flashText(guest.getPage(t, "/login", http.StatusOK)); got != s.ja("flash.password_reset", nil) {
			t.Errorf("flash = %q", got)
		}
		if r := other.get(t, "/dashboard"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login") {
			t.Errorf("the other device's session still works after the reset: %d %q", r.Status, r.location())
		}
		login(t, s.client(), email, "a brand new passphrase")

		doc = guest.getPage(t, link, http.StatusNotFound)
		if got := alertText(doc); got != s.ja("error.reset.used", nil) || doc.Find(`main a[href="/password/forgot"]`).Length() != 1 {
			t.Errorf("used link: %q, want %q and a way to ask again", got, s.ja("error.reset.used", nil))
		}
		r = guest.postForm(t, link, url.Values{"password": {"yet another passphrase"}, "confirm": {"yet another passphrase"}})
		if r.Status != http.StatusNotFound || alertText(r.doc(t)) != s.ja("error.reset.used", nil) {
			t.Errorf("reusing the link = %d %q", r.Status, alertText(r.doc(t)))
		}
	})
}

func TestPasswordResetLinkExpires(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	guest := s.client()
	forgot(t, guest, emailOf(nintei.RoleReviewer))
	link := resetLinkRE.FindStringSubmatch(s.Env.Mail.Messages()[0].Text)[1]
	s.Env.Clock.T = s.Env.Clock.T.Add(time.Hour)
	if got := alertText(guest.getPage(t, link, http.StatusNotFound)); got != s.ja("error.reset.expired", nil) {
		t.Errorf("expired link: %q", got)
	}
	if got := alertText(guest.getPage(t, "/password/reset/forged", http.StatusNotFound)); got != s.ja("error.reset.invalid", nil) {
		t.Errorf("forged link: %q", got)
	}
}

// The request form is limited like the login: by address and by the
// address asked for; the answer says so and when to try again.
func TestPasswordResetIsRateLimited(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{Limits: Limits{LoginPerName: Rate{N: 2, Per: time.Minute}}})
	s.seedRoles(t)
	c := s.client()
	for range 2 {
		if status, _ := forgot(t, c, emailOf(nintei.RoleOwner)); status != http.StatusOK {
			t.Fatalf("status %d within the limit", status)
		}
	}
	r := c.postForm(t, "/password/forgot", url.Values{"email": {emailOf(nintei.RoleOwner)}})
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || !strings.Contains(alertText(r.doc(t)), "秒") {
		t.Errorf("over the limit = %d, Retry-After %q, %q", r.Status, r.Header.Get("Retry-After"), alertText(r.doc(t)))
	}
}

func TestPasswordResetAPI(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	api := s.client()
	for _, email := range []string{emailOf(nintei.RoleMember), "nobody@example.jp"} {
		r := api.api(t, http.MethodPost, "/api/v1/password/forgot", map[string]string{"email": email})
		var got map[string]string
		r.json(t, &got)
		if r.Status != http.StatusAccepted || got["message"] != s.ja("reset.request.sent", nil) {
			t.Errorf("%s: %d %v", email, r.Status, got)
		}
	}
	link := resetLinkRE.FindStringSubmatch(s.Env.Mail.Messages()[0].Text)[1]
	token := strings.TrimPrefix(link, "/password/reset/")
	body := map[string]string{"token": token, "password": "a brand new passphrase"}
	if r := api.api(t, http.MethodPost, "/api/v1/password/reset", body); r.Status != http.StatusNoContent {
		t.Fatalf("reset = %d %s", r.Status, r.Body)
	}
	s.wantAPIError(t, api.api(t, http.MethodPost, "/api/v1/password/reset", body), http.StatusNotFound, "error.reset.used")
}
