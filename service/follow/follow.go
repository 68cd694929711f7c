// Package follow lets anyone follow a service or a search of the public
// registry (issue 20): by e-mail, or, for an organisation, by a webhook.
// Both are confirmed through a mailed single-use link first (double
// opt-in), so nobody can subscribe another person's address. The notices
// come from the registry's public events: a periodic job reads the events
// after a cursor and, in the transaction that moves the cursor, queues one
// mail per event and subscription and one webhook delivery per event and
// webhook (scan.go), so each event is announced exactly once.
package follow

import (
	"context"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/registry"
	"nintei/service/core"
	"nintei/store"
)

// What can be followed.
const (
	KindService = "service" // one service, by its registry number
	KindSearch  = "search"  // the registry's search words: newly certified services that match
)

// ConfirmTTL is how long a confirmation link works; an unconfirmed
// subscription is deleted, its address with it, after that.
const ConfirmTTL = 7 * 24 * time.Hour

// maxSearchWords bounds a followed search's words.
const maxSearchWords = 200

var (
	errKind        = nintei.Invalid("error.follow.kind", "kind")
	errSearchWords = nintei.Invalid("error.follow.search_words", "target")
	errNumber      = nintei.Invalid("error.follow.number", "target")
	// errLink is every unusable link (unknown, used, expired): which of
	// them is not said.
	errLink = &nintei.Error{Kind: nintei.KindNotFound, Key: "error.follow.link"}
)

// Follow is the following area of the service.
type Follow struct {
	*core.Core
	client hookClient // webhook deliveries; see hooks_send.go
}

// New makes the following area on the shared core.
func New(c *core.Core) *Follow {
	return &Follow{Core: c, client: newHookClient(c.Config.HooksAllowLoopback)}
}

// Target is what a subscription follows, as the public pages name it.
type Target struct {
	Kind   string
	Target string // a registry number, or folded search words
	Name   string // the service's name (KindService)
}

// checkTarget validates and normalises what is to be followed: a number
// in the registry, or search words (folded as the registry search folds
// them).
func (s *Follow) checkTarget(ctx context.Context, kind, target string) (Target, error) {
	target = strings.TrimSpace(target)
	switch kind {
	case KindService:
		e, err := s.Store.RegistryHead(ctx, target)
		if nintei.KindOf(err) == nintei.KindNotFound {
			return Target{}, errNumber
		} else if err != nil {
			return Target{}, err
		}
		return Target{Kind: kind, Target: e.Number, Name: e.ServiceName}, nil
	case KindSearch:
		words := strings.Join(strings.Fields(registry.Fold(target)), " ")
		if words == "" || len([]rune(words)) > maxSearchWords {
			return Target{}, errSearchWords
		}
		return Target{Kind: kind, Target: words}, nil
	}
	return Target{}, errKind
}

// Subscribe asks for a subscription of email to what kind and target name
// and mails the confirmation link. It answers alike whether the address
// already follows it or not (a second confirmed subscription is dropped on
// confirmation), so the form tells nobody who follows what.
func (s *Follow) Subscribe(ctx context.Context, kind, target, email string, lang i18n.Lang) error {
	email, err := nintei.NormalizeEmail(email)
	if err != nil {
		return err
	}
	t, err := s.checkTarget(ctx, kind, target)
	if err != nil {
		return err
	}
	token, hash := core.NewToken()
	unsub, _ := core.NewToken()
	until := s.Now().Add(ConfirmTTL)
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		id, err := tx.InsertFollowMail(ctx, store.FollowMail{Kind: t.Kind, Target: t.Target, Email: email,
			ConfirmHash: hash, ConfirmUntil: until, UnsubToken: unsub})
		if err != nil {
			return err
		}
		ref := strconv.FormatInt(id, 10)
		if err := tx.Audit(ctx, core.Event(nil, "follow.subscribe", "follow", ref)); err != nil {
			return err
		}
		args := s.targetArgs(lang, t)
		args["URL"] = s.Config.BaseURL + "/follow/confirm/" + token
		args["Until"] = until.In(core.JST).Format("2006-01-02")
		m := mail.Message{To: email, Subject: s.MailT(lang, "follow.mail.confirm.subject", args),
			Text: s.MailT(lang, "follow.mail.confirm.body", args)}
		return s.QueueMail(ctx, tx, m, core.Mailed{Type: "follow", ID: ref})
	})
}

// targetArgs are the message arguments naming a target.
func (s *Follow) targetArgs(lang i18n.Lang, t Target) map[string]any {
	what := s.Msgs.T(lang, "follow.target.search", map[string]any{"Words": t.Target})
	if t.Kind == KindService {
		what = s.Msgs.T(lang, "follow.target.service", map[string]any{"Number": t.Target, "Service": t.Name})
	}
	return map[string]any{"Target": what}
}

// PendingMail returns the subscription a confirmation link is for, while
// the link works; errLink otherwise.
func (s *Follow) PendingMail(ctx context.Context, token string) (Target, error) {
	m, err := s.Store.FollowMailBy(ctx, "confirm_hash", core.HashToken(token))
	if err != nil || m.ConfirmedAt != nil || !s.Now().Before(m.ConfirmUntil) {
		return Target{}, linkErr(err)
	}
	return s.describe(ctx, m.Kind, m.Target), nil
}

// Confirm confirms the subscription of a confirmation link. When the
// address already follows the same thing, the new subscription is dropped
// instead: one address gets one notice per event.
func (s *Follow) Confirm(ctx context.Context, token string) (Target, error) {
	m, err := s.Store.FollowMailBy(ctx, "confirm_hash", core.HashToken(token))
	if err != nil {
		return Target{}, linkErr(err)
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.ConfirmFollowMail(ctx, m.ID); err != nil {
			return linkErr(err)
		}
		if err := tx.Audit(ctx, core.Event(nil, "follow.confirm", "follow", strconv.FormatInt(m.ID, 10))); err != nil {
			return err
		}
		others, err := tx.FollowMailsFor(ctx, m.Kind, m.Target)
		if err != nil {
			return err
		}
		for _, o := range others {
			if o.Email == m.Email && o.ID < m.ID { // the earlier one stays, with its unsubscribe link
				return tx.DeleteFollowMail(ctx, m.ID)
			}
		}
		return nil
	})
	return s.describe(ctx, m.Kind, m.Target), err
}

// Subscription returns what an unsubscribe link's subscription follows;
// errLink when the link is unknown (already used).
func (s *Follow) Subscription(ctx context.Context, token string) (Target, error) {
	m, err := s.Store.FollowMailBy(ctx, "unsub_token", token)
	if err != nil {
		return Target{}, linkErr(err)
	}
	return s.describe(ctx, m.Kind, m.Target), nil
}

// Unsubscribe ends the subscription of an unsubscribe link and deletes its
// address. A link used before answers errLink.
func (s *Follow) Unsubscribe(ctx context.Context, token string) error {
	m, err := s.Store.FollowMailBy(ctx, "unsub_token", token)
	if err != nil {
		return linkErr(err)
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.DeleteFollowMail(ctx, m.ID); err != nil {
			return linkErr(err)
		}
		return tx.Audit(ctx, core.Event(nil, "follow.unsubscribe", "follow", strconv.FormatInt(m.ID, 10)))
	})
}

// describe names a stored target for a page; a service no longer in the
// registry keeps its number.
func (s *Follow) describe(ctx context.Context, kind, target string) Target {
	t := Target{Kind: kind, Target: target}
	if kind == KindService {
		if e, err := s.Store.RegistryHead(ctx, target); err == nil {
			t.Name = e.ServiceName
		}
	}
	return t
}

// linkErr turns a link's not-found into errLink and passes other errors on.
func linkErr(err error) error {
	if err == nil || nintei.KindOf(err) == nintei.KindNotFound {
		return errLink
	}
	return err
}
