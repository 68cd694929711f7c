package accounts

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"nintei"
	"nintei/service/core"
	"nintei/store"
)

// apiTokenPrefix marks nintei tokens so that secret scanners can find leaked ones.
const apiTokenPrefix = "nt_"

// NewAPIToken is a created token; Secret is shown to its owner once and never stored.
type NewAPIToken struct {
	Token  store.APIToken
	Secret string
}

// CreateAPIToken issues a personal API token for the actor.
func (s *Accounts) CreateAPIToken(ctx context.Context, p core.Principal, name string) (NewAPIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return NewAPIToken{}, nintei.Invalid("error.required", "name")
	}
	if utf8.RuneCountInString(name) > 100 {
		return NewAPIToken{}, nintei.Invalid("error.too_long", "name").With("Max", 100)
	}
	raw, _ := core.NewToken()
	secret := apiTokenPrefix + raw
	var out store.APIToken
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		t, err := tx.CreateAPIToken(ctx, store.APIToken{UserID: p.User.ID, Name: name,
			Prefix: secret[:len(apiTokenPrefix)+6], TokenHash: core.HashToken(secret)})
		if err != nil {
			return err
		}
		out = t
		ev := core.Event(&p.User, "api_token.create", "api_token", strconv.FormatInt(t.ID, 10))
		ev.AfterDigest = nintei.StateDigest(map[string]any{"name": name, "prefix": t.Prefix, "user": p.User.ID})
		return tx.Audit(ctx, ev)
	})
	return NewAPIToken{Token: out, Secret: secret}, err
}

// APITokens lists the actor's own tokens.
func (s *Accounts) APITokens(ctx context.Context, p core.Principal) ([]store.APIToken, error) {
	return s.Store.APITokensOfUser(ctx, p.User.ID)
}

// RevokeAPIToken revokes one of the actor's tokens; another user's token is
// reported as not found.
func (s *Accounts) RevokeAPIToken(ctx context.Context, p core.Principal, id int64) error {
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.RevokeAPIToken(ctx, p.User.ID, id); err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, "api_token.revoke", "api_token", strconv.FormatInt(id, 10)))
	})
}

// AuthenticateAPIToken resolves a bearer token.
func (s *Accounts) AuthenticateAPIToken(ctx context.Context, secret string) (core.Principal, error) {
	if !strings.HasPrefix(secret, apiTokenPrefix) {
		return core.Principal{}, nintei.Errorf(nintei.KindUnauthenticated, "error.token.invalid")
	}
	now := s.Now()
	t, err := s.Store.ActiveAPIToken(ctx, core.HashToken(secret), now)
	if err != nil {
		if nintei.KindOf(err) == nintei.KindNotFound {
			return core.Principal{}, nintei.Errorf(nintei.KindUnauthenticated, "error.token.invalid")
		}
		return core.Principal{}, err
	}
	u, err := s.activeUser(ctx, t.UserID)
	if err != nil {
		return core.Principal{}, nintei.Errorf(nintei.KindUnauthenticated, "error.token.invalid")
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if err := s.Store.TouchAPIToken(ctx, t.ID, now); err != nil {
			s.Log.WarnContext(ctx, "token touch failed", "err", err)
		}
	}
	return core.Principal{User: u}, nil
}
