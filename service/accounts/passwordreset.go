package accounts

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/password"
	"nintei/service/core"
	"nintei/store"
)

// PasswordResetTTL is how long a forgotten-password link works.
const PasswordResetTTL = time.Hour

// resetsPerHour bounds the reset mails one account receives in an hour,
// whoever asks and from wherever: the form cannot be used to flood a mailbox.
const resetsPerHour = 3

var (
	errResetInvalid = nintei.Errorf(nintei.KindNotFound, "error.reset.invalid")
	errResetUsed    = nintei.Errorf(nintei.KindNotFound, "error.reset.used")
	errResetExpired = nintei.Errorf(nintei.KindNotFound, "error.reset.expired")
)

// RequestPasswordReset mails a single-use link to set a new password to the
// account of email. The answer is the same whether the address belongs to
// an active account or not — nil, after at least Settings.ResetAnswerTime —
// so the form cannot tell anyone which addresses have accounts; only a
// malformed address is refused. A failure to send is logged, not answered.
func (s *Accounts) RequestPasswordReset(ctx context.Context, email string, lang i18n.Lang) error {
	email, err := nintei.NormalizeEmail(email)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := s.sendPasswordReset(ctx, email, lang); err != nil {
		s.Log.ErrorContext(ctx, "password reset request failed", "err", err)
	}
	if wait := s.Config.ResetAnswerTime - time.Since(start); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	return nil
}

func (s *Accounts) sendPasswordReset(ctx context.Context, email string, lang i18n.Lang) error {
	u, err := s.Store.UserByEmail(ctx, email)
	if errors.Is(err, nintei.ErrNotFound) || (err == nil && !u.Active()) {
		return nil
	}
	if err != nil {
		return err
	}
	token, hash := core.NewToken()
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		n, err := tx.CountPasswordResetsSince(ctx, u.ID, tx.Time().Add(-time.Hour))
		if err != nil || n >= resetsPerHour {
			return err
		}
		reset, err := tx.CreatePasswordReset(ctx, store.PasswordReset{UserID: u.ID, TokenHash: hash,
			ExpiresAt: tx.Time().Add(PasswordResetTTL)})
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, core.Event(&u, "user.password_reset_request", "user", strconv.FormatInt(u.ID, 10))); err != nil {
			return err
		}
		return s.queueReset(ctx, tx, u, reset, token, lang)
	})
}

// queueReset queues the reset link's mail in the request's transaction; the
// token is in the mail job's payload until the job is pruned, and expires
// after PasswordResetTTL whatever happens.
func (s *Accounts) queueReset(ctx context.Context, tx store.Tx, u nintei.User, reset store.PasswordReset, token string, lang i18n.Lang) error {
	args := map[string]any{"URL": s.Config.BaseURL + "/password/reset/" + token,
		"Expires": clockTime(lang, reset.ExpiresAt), "Minutes": int(PasswordResetTTL.Minutes())}
	text := s.personMail(ctx, lang, u.Name, s.MailT(lang, "mail.reset.body", args))
	m := mail.Message{To: u.Email, Subject: s.MailT(lang, "mail.reset.subject", args), Text: text}
	return s.QueueMail(ctx, tx, m, core.Mailed{Type: "user", ID: strconv.FormatInt(u.ID, 10)})
}

// personMail wraps a mail to one person in the greeting 「氏名 様」 and the
// body's signature block, as applicantMail does for a provider.
func (s *Accounts) personMail(ctx context.Context, lang i18n.Lang, name, text string) string {
	greeting := s.Msgs.T(lang, "mail.greeting.user", map[string]any{"Name": name})
	return greeting + "\n\n" + strings.TrimRight(text, "\n") + "\n\n" + s.Signature(lang, s.Issuer(ctx))
}

// PasswordResetFor checks a reset link's token before the form is shown:
// unknown, used and expired links each get their own clear error.
func (s *Accounts) PasswordResetFor(ctx context.Context, token string) (nintei.User, error) {
	r, err := s.Store.PasswordResetByHash(ctx, core.HashToken(token))
	if errors.Is(err, nintei.ErrNotFound) {
		return nintei.User{}, errResetInvalid
	}
	if err != nil {
		return nintei.User{}, err
	}
	switch {
	case r.UsedAt != nil:
		return nintei.User{}, errResetUsed
	case !s.Now().Before(r.ExpiresAt):
		return nintei.User{}, errResetExpired
	}
	u, err := s.Store.User(ctx, r.UserID)
	if err != nil || !u.Active() {
		return nintei.User{}, errResetInvalid
	}
	return u, nil
}

// ResetPassword sets a new password through a reset link (same rules as
// any new password), consumes the link and ends every session of the user.
func (s *Accounts) ResetPassword(ctx context.Context, token, pw string) (nintei.User, error) {
	u, err := s.PasswordResetFor(ctx, token)
	if err != nil {
		return u, err
	}
	if err := nintei.CheckPasswordPolicy(pw); err != nil {
		return u, err
	}
	hash, err := password.Hash(pw, s.Config.PasswordParams)
	if err != nil {
		return u, nintei.Wrap("service.ResetPassword", err)
	}
	r, err := s.Store.PasswordResetByHash(ctx, core.HashToken(token))
	if err != nil {
		return u, err
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.UsePasswordReset(ctx, r.ID, tx.Time()); errors.Is(err, nintei.ErrNotFound) {
			return errResetUsed
		} else if err != nil {
			return err
		}
		if err := tx.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, u.ID, ""); err != nil {
			return err
		}
		if err := tx.ClearLoginFailures(ctx, u.Email); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&u, "user.password_reset", "user", strconv.FormatInt(u.ID, 10)))
	})
	return u, err
}

// clockTime writes a moment in Japan time as the language writes one:
// 2026年12月7日 18:00, or 7 December 2026 18:00.
func clockTime(lang i18n.Lang, t time.Time) string {
	if lang == i18n.English {
		return t.In(core.JST).Format("2 January 2006 15:04")
	}
	return t.In(core.JST).Format("2006年1月2日 15:04")
}
