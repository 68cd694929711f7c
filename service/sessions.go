package service

import (
	"context"
	"errors"
	"strconv"
	"time"

	"nintei"
	"nintei/internal/password"
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
func (s *Service) LogIn(ctx context.Context, email, pw, oldToken string) (Login, error) {
	email, err := nintei.NormalizeEmail(email)
	if err != nil {
		password.CheckDummy(pw)
		return Login{}, errLoginFailed
	}
	now := s.Now()
	failures, err := s.store.LoginFailuresSince(ctx, email, now.Add(-s.settings.LoginWindow))
	if err != nil {
		return Login{}, err
	}
	if failures >= s.settings.LoginFailures {
		return Login{}, errLoginThrottled.With("Minutes", int(s.settings.LoginWindow.Minutes()))
	}
	u, err := s.store.UserByEmail(ctx, email)
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
func (s *Service) loginFailed(ctx context.Context, email string, u *nintei.User) error {
	err := s.store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.RecordLoginFailure(ctx, email); err != nil {
			return err
		}
		if u == nil {
			return nil
		}
		return tx.Audit(ctx, event(u, "user.login_failed", "user", strconv.FormatInt(u.ID, 10)))
	})
	if err != nil {
		return err
	}
	return errLoginFailed
}

func (s *Service) openSession(ctx context.Context, u nintei.User, oldToken string) (Login, error) {
	token, hash := newToken()
	csrf, _ := newToken()
	err := s.store.InTx(ctx, func(tx store.Tx) error {
		if oldToken != "" {
			if err := tx.DeleteSession(ctx, HashToken(oldToken)); err != nil {
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
			CreatedAt: tx.Time(), LastSeenAt: tx.Time(), ExpiresAt: tx.Time().Add(s.settings.SessionIdle)})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, event(&u, "user.login", "user", strconv.FormatInt(u.ID, 10)))
	})
	if err != nil {
		return Login{}, err
	}
	return Login{User: u, Token: token, CSRFToken: csrf}, nil
}

// Principal is who makes a request: the user and how they authenticated.
type Principal struct {
	User        nintei.User
	SessionHash string // empty for API-token requests
	CSRFToken   string // empty for API-token requests
}

// Authenticate resolves a session cookie's token. Expired, unknown and
// disabled-user sessions all fail with KindUnauthenticated.
func (s *Service) Authenticate(ctx context.Context, token string) (Principal, error) {
	now := s.Now()
	hash := HashToken(token)
	sess, err := s.store.SessionByHash(ctx, hash, now)
	if errors.Is(err, nintei.ErrNotFound) {
		return Principal{}, errSessionExpired
	}
	if err != nil {
		return Principal{}, err
	}
	// Besides the idle expiry, a session ends SessionLifetime after its
	// login however busy it is, so a stolen cookie cannot be kept alive by
	// use; the slid expiry never passes that end either.
	end := sess.CreatedAt.Add(s.settings.SessionLifetime)
	if s.settings.SessionLifetime > 0 && !now.Before(end) {
		return Principal{}, errSessionExpired
	}
	u, err := s.activeUser(ctx, sess.UserID)
	if err != nil {
		return Principal{}, err
	}
	// Slide the idle expiry at most once a minute, to keep reads cheap.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		expires := now.Add(s.settings.SessionIdle)
		if s.settings.SessionLifetime > 0 && expires.After(end) {
			expires = end
		}
		if err := s.store.TouchSession(ctx, hash, now, expires); err != nil {
			s.log.WarnContext(ctx, "session touch failed", "err", err)
		}
	}
	return Principal{User: u, SessionHash: hash, CSRFToken: sess.CSRFToken}, nil
}

func (s *Service) activeUser(ctx context.Context, id int64) (nintei.User, error) {
	u, err := s.store.User(ctx, id)
	if errors.Is(err, nintei.ErrNotFound) || (err == nil && !u.Active()) {
		return nintei.User{}, errSessionExpired
	}
	return u, err
}

// LogOut ends the session of token. Logging out twice is not an error.
func (s *Service) LogOut(ctx context.Context, p Principal) error {
	return s.store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.DeleteSession(ctx, p.SessionHash); err != nil {
			return err
		}
		return tx.Audit(ctx, event(&p.User, "user.logout", "user", strconv.FormatInt(p.User.ID, 10)))
	})
}

// ChangePassword replaces the actor's password after checking the current
// one, and ends every other session of theirs.
func (s *Service) ChangePassword(ctx context.Context, p Principal, current, next string) error {
	ok, err := password.Check(current, p.User.PasswordHash)
	if err != nil || !ok {
		return nintei.Invalid("error.password.current_wrong", "current")
	}
	if err := nintei.CheckPasswordPolicy(next); err != nil {
		return err
	}
	hash, err := password.Hash(next, s.settings.PasswordParams)
	if err != nil {
		return nintei.Wrap("service.ChangePassword", err)
	}
	return s.store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.SetPasswordHash(ctx, p.User.ID, hash); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, p.User.ID, p.SessionHash); err != nil {
			return err
		}
		return tx.Audit(ctx, event(&p.User, "user.password_change", "user", strconv.FormatInt(p.User.ID, 10)))
	})
}
