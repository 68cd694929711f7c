package service_test

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service/core"
	"nintei/service/ops"
)

var resetLink = regexp.MustCompile(`/password/reset/([A-Za-z0-9_-]+)`)

// resetToken requests a reset for email and returns the mailed token.
func resetToken(t *testing.T, env *testenv.Env, email string) string {
	t.Helper()
	before := len(env.Mail.Messages())
	if err := env.Svc.RequestPasswordReset(context.Background(), email, i18n.Japanese); err != nil {
		t.Fatal(err)
	}
	msgs := env.Mail.Messages()
	if len(msgs) != before+1 {
		t.Fatalf("%d mails after the request, want %d", len(msgs), before+1)
	}
	m := resetLink.FindStringSubmatch(msgs[len(msgs)-1].Text)
	if m == nil {
		t.Fatalf("no reset link in:\n%s", msgs[len(msgs)-1].Text)
	}
	return m[1]
}

func TestPasswordResetIsSingleUseAndEndsSessions(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		ctx := context.Background()
		u := env.AddUser(t, "owner@example.jp", nintei.RoleOwner, "株式会社テスト")
		login, err := env.Svc.LogIn(ctx, u.Email, testenv.TestPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		token := resetToken(t, env, "Owner@Example.jp")
		msg := env.Mail.Messages()[0]
		for _, want := range []string{"テスト owner 様", "パスワード再設定", "2026年11月27日 20:00"} {
			if !strings.Contains(msg.Subject+msg.Text, want) {
				t.Errorf("mail lacks %q:\n%s\n%s", want, msg.Subject, msg.Text)
			}
		}
		if strings.Contains(msg.Text, core.HashToken(token)) {
			t.Error("the mail carries the stored hash")
		}
		if _, err := env.Svc.ResetPassword(ctx, token, "short"); keyOf(err) != "error.password.too_short" {
			t.Fatalf("short password: %v, want error.password.too_short", err)
		}
		if _, err := env.Svc.ResetPassword(ctx, token, "a brand new passphrase"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Svc.Authenticate(ctx, login.Token); err == nil {
			t.Error("the session opened before the reset still works")
		}
		if _, err := env.Svc.LogIn(ctx, u.Email, "a brand new passphrase", ""); err != nil {
			t.Errorf("login with the new password: %v", err)
		}
		if _, err := env.Svc.ResetPassword(ctx, token, "yet another passphrase"); keyOf(err) != "error.reset.used" {
			t.Errorf("second use: %v, want error.reset.used", err)
		}
		if _, err := env.Svc.PasswordResetFor(ctx, "not-a-token"); keyOf(err) != "error.reset.invalid" {
			t.Errorf("unknown token: %v, want error.reset.invalid", err)
		}
		assertAudited(t, env, "user", "user.password_reset")
	})
}

func TestPasswordResetExpiresAfterOneHour(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	ctx := context.Background()
	env.AddUser(t, "owner@example.jp", nintei.RoleOwner, "株式会社テスト")
	token := resetToken(t, env, "owner@example.jp")
	env.Clock.T = env.Clock.T.Add(59 * time.Minute)
	if _, err := env.Svc.PasswordResetFor(ctx, token); err != nil {
		t.Fatalf("after 59 minutes: %v, want the link to work", err)
	}
	env.Clock.T = env.Clock.T.Add(time.Minute)
	if _, err := env.Svc.PasswordResetFor(ctx, token); keyOf(err) != "error.reset.expired" {
		t.Errorf("after an hour: %v, want error.reset.expired", err)
	}
	if _, err := env.Svc.ResetPassword(ctx, token, "a brand new passphrase"); keyOf(err) != "error.reset.expired" {
		t.Errorf("reset after an hour: %v, want error.reset.expired", err)
	}
}

// An unknown or deactivated address gets the same answer as a known one,
// in about the same time, and no mail is sent.
func TestPasswordResetUnknownAddressSameAnswer(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	ctx := context.Background()
	env.AddUser(t, "owner@example.jp", nintei.RoleOwner, "株式会社テスト")
	min := env.Svc.Settings().ResetAnswerTime
	for _, email := range []string{"nobody@example.jp", "owner@example.jp"} {
		start := time.Now()
		if err := env.Svc.RequestPasswordReset(ctx, email, i18n.Japanese); err != nil {
			t.Errorf("%s: %v, want nil", email, err)
		}
		if took := time.Since(start); took < min {
			t.Errorf("%s answered in %v, want at least %v", email, took, min)
		}
	}
	if n := len(env.Mail.Messages()); n != 1 {
		t.Errorf("%d mails, want 1 (none to the unknown address)", n)
	}
	if err := env.Svc.RequestPasswordReset(ctx, "not an address", i18n.Japanese); keyOf(err) != "error.email.invalid" {
		t.Errorf("malformed address: %v, want error.email.invalid", err)
	}
	for range 5 { // at most three mails an hour to one account
		_ = env.Svc.RequestPasswordReset(ctx, "owner@example.jp", i18n.Japanese)
	}
	if n := len(env.Mail.Messages()); n != 3 {
		t.Errorf("%d mails after flooding, want 3", n)
	}
}

func TestDeactivationEndsSessionsAndBlocksTokens(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		ctx := context.Background()
		admin := principal(env.AddUser(t, "admin@example.jp", nintei.RoleAdmin, ""))
		u := env.AddUser(t, "shinsa@example.jp", nintei.RoleReviewer, "")
		login, err := env.Svc.LogIn(ctx, u.Email, testenv.TestPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		tok, err := env.Svc.CreateAPIToken(ctx, principal(u), "ci")
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.SetUserActive(ctx, principal(u), admin.User.ID, false); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("reviewer deactivating: %v, want forbidden", err)
		}
		if err := env.Svc.SetUserActive(ctx, admin, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Svc.Authenticate(ctx, login.Token); err == nil {
			t.Error("the session of a deactivated user still works")
		}
		if _, err := env.Svc.AuthenticateAPIToken(ctx, tok.Secret); err == nil {
			t.Error("the API token of a deactivated user still works")
		}
		if _, err := env.Svc.LogIn(ctx, u.Email, testenv.TestPassword, ""); keyOf(err) != "error.login.failed" {
			t.Errorf("login of a deactivated user: %v, want error.login.failed", err)
		}
		before := len(env.Mail.Messages())
		_ = env.Svc.RequestPasswordReset(ctx, u.Email, i18n.Japanese)
		if len(env.Mail.Messages()) != before {
			t.Error("a deactivated user was sent a reset link")
		}
		if err := env.Svc.SetUserActive(ctx, admin, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Svc.LogIn(ctx, u.Email, testenv.TestPassword, ""); err != nil {
			t.Errorf("login after reactivation: %v", err)
		}
		assertAudited(t, env, "user", "user.deactivate", "user.reactivate")
	})
}

func TestLastAdminIsProtected(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		ctx := context.Background()
		a1 := principal(env.AddUser(t, "admin1@example.jp", nintei.RoleAdmin, ""))
		a2 := env.AddUser(t, "admin2@example.jp", nintei.RoleAdmin, "")
		if err := env.Svc.SetUserActive(ctx, a1, a1.User.ID, false); keyOf(err) != "error.user.self_deactivate" {
			t.Errorf("self-deactivation: %v", err)
		}
		if err := env.Svc.ChangeRole(ctx, a1, a2.ID, nintei.RoleSecretariat); err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.ChangeRole(ctx, a1, a1.User.ID, nintei.RoleReviewer); keyOf(err) != "error.user.last_admin" {
			t.Errorf("demoting the last admin: %v, want error.user.last_admin", err)
		}
		if err := env.Svc.ChangeRole(ctx, a1, a2.ID, nintei.RoleOwner); keyOf(err) != "error.role.not_for_org" {
			t.Errorf("staff to owner: %v, want error.role.not_for_org", err)
		}
		// With two admins, one may be demoted, never both.
		if err := env.Svc.ChangeRole(ctx, a1, a2.ID, nintei.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.SetUserActive(ctx, a1, a2.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.ChangeRole(ctx, a1, a1.User.ID, nintei.RoleSecretariat); keyOf(err) != "error.user.last_admin" {
			t.Errorf("demoting the last active admin: %v, want error.user.last_admin", err)
		}
	})
}

func TestRoleChangeIsAudited(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	ctx := context.Background()
	admin := principal(env.AddUser(t, "admin@example.jp", nintei.RoleAdmin, ""))
	u := env.AddUser(t, "shinsa@example.jp", nintei.RoleReviewer, "")
	if err := env.Svc.ChangeRole(ctx, admin, u.ID, nintei.RoleCommittee); err != nil {
		t.Fatal(err)
	}
	got, err := env.Store.User(ctx, u.ID)
	if err != nil || got.Role != nintei.RoleCommittee {
		t.Fatalf("role = %v, %v; want committee", got.Role, err)
	}
	entries, err := env.Svc.AuditLog(ctx, admin, ops.AuditFilter{Kind: "user", ObjectID: itoa(u.ID)})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || entries[0].Event.Action != "user.role_change" || entries[0].ActorName != admin.User.Name ||
		!strings.Contains(entries[0].Event.Detail, `"to":"committee"`) || entries[0].Target.Label != u.Name || !entries[0].Target.Openable {
		t.Errorf("newest user event = %+v, want the role change by %s naming %s", entries, admin.User.Name, u.Name)
	}
	if _, err := env.Svc.AuditLog(ctx, principal(u), ops.AuditFilter{}); nintei.KindOf(err) != nintei.KindForbidden {
		t.Errorf("committee reading the audit log: %v, want forbidden", err)
	}
}

func TestStaffInvitation(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	ctx := context.Background()
	admin := principal(env.AddUser(t, "admin@example.jp", nintei.RoleAdmin, ""))
	if _, err := env.Svc.InviteStaff(ctx, admin, "new@example.jp", nintei.RoleOwner, i18n.Japanese); keyOf(err) != "error.role.not_staff" {
		t.Errorf("inviting an owner: %v, want error.role.not_staff", err)
	}
	inv, err := env.Svc.InviteStaff(ctx, admin, "New@Example.jp", nintei.RoleReviewer, i18n.Japanese)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`/invite/([A-Za-z0-9_-]+)`).FindStringSubmatch(env.Mail.Messages()[0].Text)
	if m == nil {
		t.Fatal("no invitation link")
	}
	u, err := env.Svc.AcceptInvitation(ctx, m[1], "新任 審査員", "a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != nintei.RoleReviewer || u.OrgID != admin.User.OrgID || inv.Role != nintei.RoleReviewer {
		t.Errorf("accepted user = %+v, want a reviewer of the body", u)
	}
}

// The audit log filters by day in Japan time, both ends included.
func TestAuditLogFiltersByDay(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	ctx := context.Background()
	admin := principal(env.AddUser(t, "admin@example.jp", nintei.RoleAdmin, "")) // 2026-11-27 19:00 JST
	env.Clock.T = time.Date(2026, 11, 27, 15, 30, 0, 0, time.UTC)                // 2026-11-28 00:30 JST
	env.AddUser(t, "shinsa@example.jp", nintei.RoleReviewer, "")
	day := func(s string) civil.Date { return civil.MustParse(s) }
	for _, c := range []struct {
		from, to string
		want     int
	}{{"2026-11-27", "2026-11-27", 1}, {"2026-11-28", "", 1}, {"", "2026-11-28", 2}, {"2026-11-29", "", 0}} {
		f := ops.AuditFilter{Kind: "user", From: day(c.from), To: day(c.to)}
		got, err := env.Svc.AuditLog(ctx, admin, f)
		if err != nil || len(got) != c.want {
			t.Errorf("%s…%s: %d events, %v; want %d", c.from, c.to, len(got), err, c.want)
		}
	}
}

// keyOf is the message key of err, "" when it is not a nintei.Error.
func keyOf(err error) string {
	var ne *nintei.Error
	if errors.As(err, &ne) {
		return ne.Key
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// assertAudited fails unless the trail holds each action on an object of objectType.
func assertAudited(t *testing.T, env *testenv.Env, objectType string, actions ...string) {
	t.Helper()
	events, err := env.Store.AuditEvents(context.Background(), sqlstoreQuery(objectType))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		found := false
		for _, e := range events {
			found = found || e.Action == a
		}
		if !found {
			t.Errorf("no %s event in the trail", a)
		}
	}
}
