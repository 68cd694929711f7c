package accounts

import (
	"context"
	"errors"
	"strconv"
	"time"

	"nintei"
	"nintei/internal/password"
	"nintei/service/core"
	"nintei/store"
)

// Login is the result of a successful login: the new session's secret token
// (for the cookie) and its CSRF token.
type Login struct {
	User      nintei.User
	Token     string
	CSRFToken string
}

var (
	errLoginFailed    = nintei.Errorf(nintei.KindUnauthenticated, "error.login.failed")
	errLoginThrottled = nintei.Errorf(nintei.KindTooMany, "error.login.throttled")
	errSessionExpired = nintei.Errorf(nintei.KindUnauthenticated, "error.session.expired")
)

// LogIn checks a password and opens a new session. The previous session
// (oldToken, possibly empty) is ended, so a session token is never reused
// across a login (session fixation). After LoginFailures failures within
// LoginWindow the account is refused until the window passes, even with
// the right password.
func (s *Accounts) LogIn(ctx context.Context, email, pw, oldToken string) (Login, error) {
	email, err := nintei.NormalizeEmail(email)
	if err != nil {
		password.CheckDummy(pw)
		return Login{}, errLoginFailed
	}
	now := s.Now()
	failures, err := s.Store.LoginFailuresSince(ctx, email, now.Add(-s.Config.LoginWindow))
	if err != nil {
		return Login{}, err
	}
	if failures >= s.Config.LoginFailures {
		return Login{}, errLoginThrottled.With("Minutes", int(s.Config.LoginWindow.Minutes()))
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if errors.Is(err, nintei.ErrNotFound) {
		password.CheckDummy(pw)
		return Login{}, s.loginFailed(ctx, email, nil)
	}
	if err != nil {
		return Login{}, err
	}
	ok, err := password.Check(pw, u.PasswordHash)
	if err != nil || !ok || !u.Active() {
		return Login{}, s.loginFailed(ctx, email, &u)
	}
	return s.openSession(ctx, u, oldToken)
}

// loginFailed records the failure (for throttling, and in the audit trail
// when the account exists) and returns the one message that does not tell
// which of address or password was wrong.
func (s *Accounts) loginFailed(ctx context.Context, email string, u *nintei.User) error {
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.RecordLoginFailure(ctx, email); err != nil {
			return err
		}
		if u == nil {
			return nil
		}
		return tx.Audit(ctx, core.Event(u, "user.login_failed", "user", strconv.FormatInt(u.ID, 10)))
	})
	if err != nil {
		return err
	}
	return errLoginFailed
}

func (s *Accounts) openSession(ctx context.Context, u nintei.User, oldToken string) (Login, error) {
	return s.openSessionWith(ctx, u, oldToken, passwordLogin, nil)
}

func passwordLogin(u *nintei.User) nintei.AuditEvent {
	return core.Event(u, "user.login", "user", strconv.FormatInt(u.ID, 10))
}

// openSessionWith opens a session as a password login does, writing the
// login's audit event ev(u); before, when set, runs first in the same
// transaction and may make u (single sign-on links an identity there, or
// creates an invitee's account).
func (s *Accounts) openSessionWith(ctx context.Context, u nintei.User, oldToken string, ev func(*nintei.User) nintei.AuditEvent,
	before func(tx store.Tx, u *nintei.User) error) (Login, error) {
	token, hash := core.NewToken()
	csrf, _ := core.NewToken()
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		if before != nil {
			if err := before(tx, &u); err != nil {
				return err
			}
		}
		if oldToken != "" {
			if err := tx.DeleteSession(ctx, core.HashToken(oldToken)); err != nil {
				return err
			}
		}
		if err := tx.ClearLoginFailures(ctx, u.Email); err != nil {
			return err
		}
		if err := tx.SetLastLogin(ctx, u.ID, tx.Time()); err != nil {
			return err
		}
		err := tx.CreateSession(ctx, store.Session{TokenHash: hash, UserID: u.ID, CSRFToken: csrf,
			CreatedAt: tx.Time(), LastSeenAt: tx.Time(), ExpiresAt: tx.Time().Add(s.Config.SessionIdle)})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, ev(&u))
	})
	if err != nil {
		return Login{}, err
	}
	return Login{User: u, Token: token, CSRFToken: csrf}, nil
}

// Authenticate resolves a session cookie's token. Expired, unknown and
// disabled-user sessions all fail with KindUnauthenticated.
func (s *Accounts) Authenticate(ctx context.Context, token string) (core.Principal, error) {
	now := s.Now()
	hash := core.HashToken(token)
	sess, err := s.Store.SessionByHash(ctx, hash, now)
	if errors.Is(err, nintei.ErrNotFound) {
		return core.Principal{}, errSessionExpired
	}
	if err != nil {
		return core.Principal{}, err
	}
	// Besides the idle expiry, a session ends SessionLifetime after its
	// login however busy it is, so a stolen cookie cannot be kept alive by
	// use; the slid expiry never passes that end either.
	end := sess.CreatedAt.Add(s.Config.SessionLifetime)
	if s.Config.SessionLifetime > 0 && !now.Before(end) {
		return core.Principal{}, errSessionExpired
	}
	u, err := s.activeUser(ctx, sess.UserID)
	if err != nil {
		return core.Principal{}, err
	}
	// Slide the idle expiry at most once a minute, to keep reads cheap.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		expires := now.Add(s.Config.SessionIdle)
		if s.Config.SessionLifetime > 0 && expires.After(end) {
			expires = end
		}
		if err := s.Store.TouchSession(ctx, hash, now, expires); err != nil {
			s.Log.WarnContext(ctx, "session touch failed", "err", err)
		}
	}
	return core.Principal{User: u, SessionHash: hash, CSRFToken: sess.CSRFToken}, nil
}

func (s *Accounts) activeUser(ctx context.Context, id int64) (nintei.User, error) {
	u, err := s.Store.User(ctx, id)
	if errors.Is(err, nintei.ErrNotFound) || (err == nil && !u.Active()) {
		return nintei.User{}, errSessionExpired
	}
	return u, err
}

// LogOut ends the session of token. Logging out twice is not an error.
func (s *Accounts) LogOut(ctx context.Context, p core.Principal) error {
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.DeleteSession(ctx, p.SessionHash); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, "user.logout", "user", strconv.FormatInt(p.User.ID, 10)))
	})
}

// ChangePassword replaces the actor's password after checking the current
// one, and ends every other session of theirs.
func (s *Accounts) ChangePassword(ctx context.Context, p core.Principal, current, next string) error {
	ok, err := password.Check(current, p.User.PasswordHash)
	if err != nil || !ok {
		return nintei.Invalid("error.password.current_wrong", "current")
	}
	if err := nintei.CheckPasswordPolicy(next); err != nil {
		return err
	}
	hash, err := password.Hash(next, s.Config.PasswordParams)
	if err != nil {
		return nintei.Wrap("service.ChangePassword", err)
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.SetPasswordHash(ctx, p.User.ID, hash); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, p.User.ID, p.SessionHash); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, "user.password_change", "user", strconv.FormatInt(p.User.ID, 10)))
	})
}
