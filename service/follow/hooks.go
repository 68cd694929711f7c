package follow

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/service/core"
	"nintei/store"
)

// Webhooks are registered by anyone with the same double opt-in as mail:
// the confirmation link goes to a contact address, and only its page shows
// the signing secret and the management link, once. Confirming forgets
// the contact address; the management link shows the delivery log and
// deletes the webhook.

// deliveryLogSize is how many attempts the delivery log shows.
const deliveryLogSize = 100

// RegisterHook asks for a webhook at url following kind's target and mails
// the confirmation link to contact. The URL must be https:// and must not
// name a private or loopback address (checkHookURL).
func (s *Follow) RegisterHook(ctx context.Context, kind, target, url, contact string, lang i18n.Lang) error {
	contact, err := nintei.NormalizeEmail(contact)
	if err != nil {
		return err
	}
	if url, err = checkHookURL(url, s.Config.HooksAllowLoopback); err != nil {
		return err
	}
	t, err := s.checkTarget(ctx, kind, target)
	if err != nil {
		return err
	}
	token, hash := core.NewToken()
	until := s.Now().Add(ConfirmTTL)
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		id, err := tx.InsertFollowHook(ctx, store.FollowHook{Kind: t.Kind, Target: t.Target, URL: url, Contact: contact,
			ConfirmHash: hash, ConfirmUntil: until, ManageHash: "pending:" + hash})
		if err != nil {
			return err
		}
		ref := strconv.FormatInt(id, 10)
		if err := tx.Audit(ctx, core.Event(nil, "follow.hook_register", "follow_hook", ref)); err != nil {
			return err
		}
		args := s.targetArgs(lang, t)
		args["URL"], args["Hook"] = s.Config.BaseURL+"/follow/webhooks/confirm/"+token, url
		args["Until"] = until.In(core.JST).Format("2006-01-02")
		m := mail.Message{To: contact, Subject: s.MailT(lang, "follow.mail.hook_confirm.subject", args),
			Text: s.MailT(lang, "follow.mail.hook_confirm.body", args)}
		return s.QueueMail(ctx, tx, m, core.Mailed{Type: "follow_hook", ID: ref})
	})
}

// HookInfo is what the webhook pages show of one webhook.
type HookInfo struct {
	Target
	URL        string
	Secret     string // only in ConfirmHook's answer
	ManagePath string // only in ConfirmHook's answer
	Deliveries []store.FollowDelivery
}

// PendingHook returns the webhook a confirmation link is for, while the
// link works; errLink otherwise.
func (s *Follow) PendingHook(ctx context.Context, token string) (HookInfo, error) {
	h, err := s.Store.FollowHookBy(ctx, "confirm_hash", core.HashToken(token))
	if err != nil || h.ConfirmedAt != nil || !s.Now().Before(h.ConfirmUntil) {
		return HookInfo{}, linkErr(err)
	}
	return HookInfo{Target: s.describe(ctx, h.Kind, h.Target), URL: h.URL}, nil
}

// ConfirmHook confirms the webhook of a confirmation link and returns its
// signing secret and management path: the only time either is shown.
func (s *Follow) ConfirmHook(ctx context.Context, token string) (HookInfo, error) {
	h, err := s.Store.FollowHookBy(ctx, "confirm_hash", core.HashToken(token))
	if err != nil {
		return HookInfo{}, linkErr(err)
	}
	secret := newSecret()
	manage, manageHash := core.NewToken()
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.ConfirmFollowHook(ctx, h.ID, secret, manageHash); err != nil {
			return linkErr(err)
		}
		return tx.Audit(ctx, core.Event(nil, "follow.hook_confirm", "follow_hook", strconv.FormatInt(h.ID, 10)))
	})
	if err != nil {
		return HookInfo{}, err
	}
	return HookInfo{Target: s.describe(ctx, h.Kind, h.Target), URL: h.URL, Secret: secret,
		ManagePath: "/follow/webhooks/manage/" + manage}, nil
}

// Hook returns the webhook of a management token with its newest delivery
// attempts; errLink for an unknown token.
func (s *Follow) Hook(ctx context.Context, manage string) (HookInfo, error) {
	h, err := s.Store.FollowHookBy(ctx, "manage_hash", core.HashToken(manage))
	if err != nil {
		return HookInfo{}, linkErr(err)
	}
	ds, err := s.Store.FollowDeliveries(ctx, h.ID, deliveryLogSize)
	if err != nil {
		return HookInfo{}, err
	}
	return HookInfo{Target: s.describe(ctx, h.Kind, h.Target), URL: h.URL, Deliveries: ds}, nil
}

// DeleteHook deletes the webhook of a management token and its log.
func (s *Follow) DeleteHook(ctx context.Context, manage string) error {
	h, err := s.Store.FollowHookBy(ctx, "manage_hash", core.HashToken(manage))
	if err != nil {
		return linkErr(err)
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.DeleteFollowHook(ctx, h.ID); err != nil {
			return linkErr(err)
		}
		return tx.Audit(ctx, core.Event(nil, "follow.hook_delete", "follow_hook", strconv.FormatInt(h.ID, 10)))
	})
}

// newSecret is a webhook's signing secret: 32 random bytes in hex.
func newSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return "whsec_" + hex.EncodeToString(b)
}
