package sqlstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

var ctx = context.Background()

func newStore(t *testing.T, b testenv.Backend) (*sqlstore.Store, *nintei.FixedClock) {
	clock := &nintei.FixedClock{T: time.Date(2026, 11, 27, 9, 30, 0, 123456789, time.UTC)}
	return b.OpenStore(t, testenv.Options{Clock: clock}), clock
}

func TestMigrationsAreIdempotent(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		dir := t.TempDir()
		url := b.URL(t)
		for i := 0; i < 2; i++ {
			s, err := sqlstore.Open(ctx, sqlstore.Options{URL: url, DataDir: dir})
			if err != nil {
				t.Fatalf("open #%d: %v", i+1, err)
			}
			migs, err := s.AppliedMigrations(ctx)
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			all, _ := sqlstore.Migrations(s.Dialect())
			if got, want := len(migs), len(all); got != want || got == 0 {
				t.Fatalf("applied %d migrations, want %d", got, want)
			}
		}
	})
}

func TestUsersAndOrganizations(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		org, err := s.CreateOrganization(ctx, nintei.Organization{Kind: nintei.OrgProvider, Name: "株式会社テスト", CorporateNumber: "7000012050002"})
		if err != nil {
			t.Fatal(err)
		}
		u, err := s.CreateUser(ctx, nintei.User{OrgID: org.ID, Email: "a@example.jp", Name: "試験 太郎", Role: nintei.RoleOwner, PasswordHash: "h"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByEmail(ctx, "a@example.jp")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.Name != "試験 太郎" || got.Role != nintei.RoleOwner || got.OrgID != org.ID {
			t.Errorf("got %+v, want %+v", got, u)
		}
		// Times round-trip at microsecond precision in UTC on both databases.
		if want := clock.T.Truncate(time.Microsecond); !got.CreatedAt.Equal(want) {
			t.Errorf("created_at = %v, want %v", got.CreatedAt, want)
		}
		gotOrg, err := s.Organization(ctx, org.ID)
		if err != nil || gotOrg.CorporateNumber != "7000012050002" || gotOrg.Kind != nintei.OrgProvider {
			t.Errorf("organization = %+v, %v", gotOrg, err)
		}
	})
}

func TestDriverErrorsMapToSentinels(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, _ := newStore(t, b)
		org, _ := s.CreateOrganization(ctx, nintei.Organization{Kind: nintei.OrgBody, Name: "認定機関"})
		u := nintei.User{OrgID: org.ID, Email: "dup@example.jp", Name: "x", Role: nintei.RoleAdmin, PasswordHash: "h"}
		if _, err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, u); !errors.Is(err, nintei.ErrDuplicate) {
			t.Errorf("duplicate e-mail: err = %v, want ErrDuplicate", err)
		}
		u.Email, u.OrgID = "orphan@example.jp", 99999
		if _, err := s.CreateUser(ctx, u); !errors.Is(err, nintei.ErrReference) {
			t.Errorf("unknown org: err = %v, want ErrReference", err)
		}
		if _, err := s.User(ctx, 424242); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("missing user: err = %v, want ErrNotFound", err)
		}
		if err := s.SetPasswordHash(ctx, 424242, "h"); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("update missing user: err = %v, want ErrNotFound", err)
		}
	})
}

func seedUser(t *testing.T, s *sqlstore.Store) nintei.User {
	t.Helper()
	org, err := s.CreateOrganization(ctx, nintei.Organization{Kind: nintei.OrgProvider, Name: "P"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, nintei.User{OrgID: org.ID, Email: "u@example.jp", Name: "U", Role: nintei.RoleOwner, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSessionsExpire(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		u := seedUser(t, s)
		now := clock.T
		err := s.CreateSession(ctx, sqlstore.Session{TokenHash: "h1", UserID: u.ID, CSRFToken: "c", CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByHash(ctx, "h1", now.Add(59*time.Minute)); err != nil {
			t.Errorf("session before expiry: %v", err)
		}
		if _, err := s.SessionByHash(ctx, "h1", now.Add(time.Hour)); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("session at expiry: err = %v, want ErrNotFound", err)
		}
		n, err := s.DeleteExpiredSessions(ctx, now.Add(2*time.Hour))
		if err != nil || n != 1 {
			t.Errorf("swept %d, %v; want 1", n, err)
		}
	})
}

func TestLoginFailuresOrderByTimeNotText(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		// A whole second and a fractional one: text comparison of
		// variable-width timestamps would order these wrongly.
		clock.T = time.Date(2026, 1, 1, 0, 0, 2, 0, time.UTC)
		if err := s.RecordLoginFailure(ctx, "x@example.jp"); err != nil {
			t.Fatal(err)
		}
		n, err := s.LoginFailuresSince(ctx, "x@example.jp", time.Date(2026, 1, 1, 0, 0, 1, 500_000_000, time.UTC))
		if err != nil || n != 1 {
			t.Errorf("failures since 00:00:01.5 = %d, %v; want 1", n, err)
		}
		n, _ = s.LoginFailuresSince(ctx, "x@example.jp", time.Date(2026, 1, 1, 0, 0, 2, 500_000_000, time.UTC))
		if n != 0 {
			t.Errorf("failures since 00:00:02.5 = %d, want 0", n)
		}
	})
}

func TestInvitationIsSingleUseUnderConcurrency(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		u := seedUser(t, s)
		inv, err := s.CreateInvitation(ctx, sqlstore.Invitation{OrgID: u.OrgID, Email: "new@example.jp", Role: nintei.RoleMember,
			TokenHash: "inv", InvitedBy: u.ID, ExpiresAt: clock.T.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		results := make(chan error, 8)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- s.InTx(ctx, func(tx *sqlstore.Tx) error { return tx.MarkInvitationAccepted(ctx, inv.ID, u.ID, clock.T) })
			}()
		}
		wg.Wait()
		close(results)
		ok := 0
		for err := range results {
			if err == nil {
				ok++
			} else if !errors.Is(err, nintei.ErrNotFound) {
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Errorf("%d accepts succeeded, want exactly 1", ok)
		}
	})
}

func TestAPITokens(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		u := seedUser(t, s)
		tok, err := s.CreateAPIToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "ci", Prefix: "nt_abc", TokenHash: "th"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ActiveAPIToken(ctx, "th", clock.T); err != nil {
			t.Errorf("active token: %v", err)
		}
		if err := s.RevokeAPIToken(ctx, u.ID+1, tok.ID); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("revoking another user's token: err = %v, want ErrNotFound", err)
		}
		if err := s.RevokeAPIToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ActiveAPIToken(ctx, "th", clock.T); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("revoked token still active: %v", err)
		}
		list, _ := s.APITokensOfUser(ctx, u.ID)
		if len(list) != 1 || list[0].RevokedAt == nil {
			t.Errorf("tokens = %+v, want one revoked", list)
		}
	})
}
