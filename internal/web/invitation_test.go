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

var inviteLink = regexp.MustCompile(`https?://\S+/invite/([A-Za-z0-9_-]+)`)

// inviteToken reads the link token from the i-th e-mail sent.
func inviteToken(t *testing.T, s *site, i int) string {
	t.Helper()
	msgs := s.Env.Mail.Messages()
	if len(msgs) <= i {
		t.Fatalf("%d mails sent, want at least %d", len(msgs), i+1)
	}
	m := inviteLink.FindStringSubmatch(msgs[i].Text)
	if m == nil {
		t.Fatalf("mail has no invitation link:\n%s", msgs[i].Text)
	}
	return m[1]
}

// invite posts the owner's invitation form.
func invite(t *testing.T, owner *client, email string) reply {
	t.Helper()
	return owner.postForm(t, "/members/invite", url.Values{"csrf_token": {owner.csrf(t)}, "email": {email}})
}

func TestInvitationJourney(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		owner := s.loginAs(t, nintei.RoleOwner)

		r := invite(t, owner, "New.Member@Example.jp")
		if r.Status != http.StatusSeeOther || r.location() != "/members" {
			t.Fatalf("invite = %d to %q, want 303 to /members\n%.600s", r.Status, r.location(), r.Body)
		}
		doc := owner.getPage(t, "/members", http.StatusOK)
		if got, want := flashText(doc), s.ja("flash.invited", nil); got != want {
			t.Errorf("flash = %q, want %q", got, want)
		}
		if !strings.Contains(doc.Find("table").Last().Text(), "new.member@example.jp") {
			t.Error("members page does not list the pending invitation")
		}
		msgs := s.Env.Mail.Messages()
		if len(msgs) != 1 {
			t.Fatalf("%d mails, want 1", len(msgs))
		}
		if got, want := msgs[0].To, "new.member@example.jp"; got != want {
			t.Errorf("mail to %q, want %q", got, want)
		}
		if !strings.Contains(msgs[0].Subject, "招待されました") || !strings.Contains(msgs[0].Subject, orgA) {
			t.Errorf("subject %q is not the Japanese invitation subject naming %s", msgs[0].Subject, orgA)
		}
		if !strings.Contains(msgs[0].Text, users[nintei.RoleOwner].Name) || !strings.Contains(msgs[0].Text, "招待されました") {
			t.Errorf("body is not the Japanese invitation from the owner:\n%s", msgs[0].Text)
		}
		token := inviteToken(t, s, 0)
		path := "/invite/" + token

		guest := s.client()
		doc = guest.getPage(t, path, http.StatusOK)
		if lead := doc.Find("p.lead").Text(); !strings.Contains(lead, orgA) || !strings.Contains(lead, "new.member@example.jp") {
			t.Errorf("invitation page lead %q does not name the provider and address", lead)
		}

		bad := []struct {
			name, pw, confirm, key string
		}{
			{"山田 花子", "a long enough password", "another long password", "error.password.mismatch"},
			{"山田 花子", "short", "short", "error.password.too_short"},
			{"  ", "a long enough password", "a long enough password", "error.required"},
		}
		for _, tt := range bad {
			r := guest.postForm(t, path, url.Values{"name": {tt.name}, "password": {tt.pw}, "confirm": {tt.confirm}})
			if r.Status != http.StatusBadRequest {
				t.Errorf("accept with %s = %d, want 400", tt.key, r.Status)
				continue
			}
			doc := r.doc(t)
			if got, want := alertText(doc), s.ja(tt.key, map[string]any{"Min": nintei.MinPasswordChars}); got != want {
				t.Errorf("accept with %s: alert %q, want %q", tt.key, got, want)
			}
			if got := doc.Find("input#name").AttrOr("value", ""); got != tt.name {
				t.Errorf("name field = %q, want %q kept", got, tt.name)
			}
		}

		r = guest.postForm(t, path, url.Values{"name": {"山田 花子"}, "password": {"a long enough password"},
			"confirm": {"a long enough password"}})
		if r.Status != http.StatusSeeOther || r.location() != "/dashboard" {
			t.Fatalf("accept = %d to %q, want 303 to /dashboard\n%.600s", r.Status, r.location(), r.Body)
		}
		if got, want := flashText(guest.getPage(t, "/dashboard", http.StatusOK)), s.ja("flash.welcome", nil); got != want {
			t.Errorf("flash = %q, want %q", got, want)
		}
		var me struct {
			User struct {
				Email string      `json:"email"`
				Name  string      `json:"name"`
				Role  nintei.Role `json:"role"`
			} `json:"user"`
			Organization struct {
				ID   int64          `json:"id"`
				Kind nintei.OrgKind `json:"kind"`
				Name string         `json:"name"`
			} `json:"organization"`
		}
		guest.get(t, "/api/v1/me").json(t, &me)
		if me.User.Email != "new.member@example.jp" || me.User.Name != "山田 花子" || me.User.Role != nintei.RoleMember ||
			me.Organization.ID != users[nintei.RoleOwner].OrgID || me.Organization.Name != orgA || me.Organization.Kind != nintei.OrgProvider {
			t.Errorf("/api/v1/me after accepting = %+v, want the new member of %s", me, orgA)
		}
		login(t, s.client(), "new.member@example.jp", "a long enough password")

		// The link works once.
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			c := s.client()
			var r reply
			if method == http.MethodGet {
				r = c.get(t, path)
			} else {
				r = c.postForm(t, path, url.Values{"name": {"二度目"}, "password": {"another password!"}, "confirm": {"another password!"}})
			}
			if r.Status != http.StatusNotFound {
				t.Errorf("%s used link = %d, want 404", method, r.Status)
				continue
			}
			if got, want := alertText(r.doc(t)), s.ja("error.invitation.invalid", nil); got != want {
				t.Errorf("%s used link: alert %q, want %q", method, got, want)
			}
		}
		if r := s.client().get(t, "/invite/not-a-real-token"); r.Status != http.StatusNotFound {
			t.Errorf("unknown token = %d, want 404", r.Status)
		}
	})
}

func TestInvitationRefusals(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		owner := s.loginAs(t, nintei.RoleOwner)
		tests := []struct {
			email string
			key   string
		}{
			{emailOf(nintei.RoleMember), "error.email.taken"},
			{strings.ToUpper(emailOf(nintei.RoleReviewer)), "error.email.taken"},
			{"not an address", "error.email.invalid"},
			{"", "error.email.invalid"},
		}
		for _, tt := range tests {
			r := invite(t, owner, tt.email)
			if r.Status != http.StatusBadRequest {
				t.Errorf("invite %q = %d, want 400", tt.email, r.Status)
				continue
			}
			doc := r.doc(t)
			if got, want := alertText(doc), s.ja(tt.key, nil); got != want {
				t.Errorf("invite %q: alert %q, want %q", tt.email, got, want)
			}
			if got := doc.Find("input#invite-email").AttrOr("value", ""); got != tt.email {
				t.Errorf("invite %q: field kept %q", tt.email, got)
			}
		}
		if n := len(s.Env.Mail.Messages()); n != 0 {
			t.Errorf("%d mails sent for refused invitations", n)
		}

		// An unused link expires after 7 days.
		if r := invite(t, owner, "late@example.jp"); r.Status != http.StatusSeeOther {
			t.Fatalf("invite = %d, want 303", r.Status)
		}
		path := "/invite/" + inviteToken(t, s, 0)
		s.client().getPage(t, path, http.StatusOK)
		s.Env.Clock.Advance(8 * 24 * time.Hour)
		for _, r := range []reply{s.client().get(t, path), s.client().postForm(t, path,
			url.Values{"name": {"遅刻"}, "password": {"a long enough password"}, "confirm": {"a long enough password"}})} {
			if r.Status != http.StatusNotFound {
				t.Errorf("expired link = %d, want 404", r.Status)
			}
		}
	})
}

func TestInvitationAPI(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		owner := s.bearerClient(s.apiToken(t, users[nintei.RoleOwner], "ci").Secret)
		member := s.bearerClient(s.apiToken(t, users[nintei.RoleMember], "ci").Secret)

		r := owner.api(t, http.MethodPost, "/api/v1/invitations", map[string]string{"email": "api@example.jp"})
		if r.Status != http.StatusCreated {
			t.Fatalf("owner invite = %d, want 201: %s", r.Status, r.Body)
		}
		var inv struct {
			ID         int64       `json:"id"`
			Email      string      `json:"email"`
			Role       nintei.Role `json:"role"`
			ExpiresAt  time.Time   `json:"expires_at"`
			AcceptedAt *time.Time  `json:"accepted_at"`
		}
		r.json(t, &inv)
		if inv.ID == 0 || inv.Email != "api@example.jp" || inv.Role != nintei.RoleMember || inv.AcceptedAt != nil ||
			!inv.ExpiresAt.Equal(s.Env.Clock.Now().Add(7*24*time.Hour)) {
			t.Errorf("invitation = %+v", inv)
		}
		if n := len(s.Env.Mail.Messages()); n != 1 {
			t.Errorf("%d mails, want 1", n)
		}
		s.wantAPIError(t, member.api(t, http.MethodPost, "/api/v1/invitations", map[string]string{"email": "x@example.jp"}),
			http.StatusForbidden, "error.forbidden")
		s.wantAPIError(t, owner.api(t, http.MethodPost, "/api/v1/invitations", map[string]string{"email": emailOf(nintei.RoleAdmin)}),
			http.StatusBadRequest, "error.email.taken")

		var list struct {
			Users       []struct{ Email string } `json:"users"`
			Invitations []struct{ Email string } `json:"invitations"`
		}
		member.get(t, "/api/v1/members").json(t, &list)
		if len(list.Users) != 2 || len(list.Invitations) != 1 || list.Invitations[0].Email != "api@example.jp" {
			t.Errorf("members = %+v, want 2 users and the api@ invitation", list)
		}
	})
}

// TestAcceptInvitationInLoggedInBrowser: the invitation form is public and
// carries no CSRF token, so it must work in a browser that still has a
// session (a shared PC, or the owner trying the link).
func TestAcceptInvitationInLoggedInBrowser(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	owner := s.loginAs(t, nintei.RoleOwner)
	if r := invite(t, owner, "shared.pc@example.jp"); r.Status != http.StatusSeeOther {
		t.Fatalf("invite = %d, want 303", r.Status)
	}
	path := "/invite/" + inviteToken(t, s, 0)
	doc := owner.getPage(t, path, http.StatusOK)
	r := submitForm(t, owner, doc, `main form`, url.Values{"name": {"共有 端末"}, "password": {"a long enough password"},
		"confirm": {"a long enough password"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("accepting in a logged-in browser = %d, want 303 (%q)", r.Status, alertText(r.doc(t)))
	}
	var me struct {
		User struct{ Email string } `json:"user"`
	}
	owner.get(t, "/api/v1/me").json(t, &me)
	if me.User.Email != "shared.pc@example.jp" {
		t.Errorf("browser is logged in as %q, want the new member", me.User.Email)
	}
}
