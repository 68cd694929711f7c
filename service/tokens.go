package service

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"nintei"
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
func (s *Service) CreateAPIToken(ctx context.Context, p Principal, name string) (NewAPIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return NewAPIToken{}, nintei.Invalid("error.required", "name")
	}
	if utf8.RuneCountInString(name) > 100 {
		return NewAPIToken{}, nintei.Invalid("error.too_long", "name").With("Max", 100)
	}
	raw, _ := newToken()
	secret := apiTokenPrefix + raw
	var out store.APIToken
	err := s.store.InTx(ctx, func(tx store.Tx) error {
		t, err := tx.CreateAPIToken(ctx, store.APIToken{UserID: p.User.ID, Name: name,
			Prefix: secret[:len(apiTokenPrefix)+6], TokenHash: HashToken(secret)})
		if err != nil {
			return err
		}
		out = t
		ev := event(&p.User, "api_token.create", "api_token", strconv.FormatInt(t.ID, 10))
		ev.AfterDigest = nintei.StateDigest(map[string]any{"name": name, "prefix": t.Prefix, "user": p.User.ID})
		return tx.Audit(ctx, ev)
	})
	return NewAPIToken{Token: out, Secret: secret}, err
}

// APITokens lists the actor's own tokens.
func (s *Service) APITokens(ctx context.Context, p Principal) ([]store.APIToken, error) {
	return s.store.APITokensOfUser(ctx, p.User.ID)
}

// RevokeAPIToken revokes one of the actor's tokens; another user's token is
// reported as not found.
func (s *Service) RevokeAPIToken(ctx context.Context, p Principal, id int64) error {
	return s.store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.RevokeAPIToken(ctx, p.User.ID, id); err != nil {
			return err
		}
		return tx.Audit(ctx, event(&p.User, "api_token.revoke", "api_token", strconv.FormatInt(id, 10)))
	})
}

// AuthenticateAPIToken resolves a bearer token.
func (s *Service) AuthenticateAPIToken(ctx context.Context, secret string) (Principal, error) {
	if !strings.HasPrefix(secret, apiTokenPrefix) {
		return Principal{}, nintei.Errorf(nintei.KindUnauthenticated, "error.token.invalid")
	}
	now := s.Now()
	t, err := s.store.ActiveAPIToken(ctx, HashToken(secret), now)
	if err != nil {
		if nintei.KindOf(err) == nintei.KindNotFound {
			return Principal{}, nintei.Errorf(nintei.KindUnauthenticated, "error.token.invalid")
		}
		return Principal{}, err
	}
	u, err := s.activeUser(ctx, t.UserID)
	if err != nil {
		return Principal{}, nintei.Errorf(nintei.KindUnauthenticated, "error.token.invalid")
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if err := s.store.TouchAPIToken(ctx, t.ID, now); err != nil {
			s.log.WarnContext(ctx, "token touch failed", "err", err)
		}
	}
	return Principal{User: u}, nil
}
