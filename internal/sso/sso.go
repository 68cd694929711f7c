// Package sso signs people in through OpenID Connect providers (the body's
// own identity provider for staff, gBizID for providers): the
// authorization code flow with PKCE (S256), state and nonce. It only
// establishes who the provider vouches for; which nintei user that is, and
// what they may do, is decided by package service/accounts.
package sso

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Who may sign in through a provider: the body's staff, the providers'
// people (applicants), or both.
const (
	AccountsStaff    = "staff"
	AccountsProvider = "provider"
	AccountsAny      = "any"
)

// Secret is a client secret. It prints and logs as [redacted], so a
// configuration dump or a log line never shows it.
type Secret string

func (Secret) String() string                { return "[redacted]" }
func (Secret) GoString() string              { return "[redacted]" }
func (Secret) LogValue() slog.Value          { return slog.StringValue("[redacted]") }
func (Secret) MarshalText() ([]byte, error)  { return []byte("[redacted]"), nil }
func (s Secret) Reveal() string              { return string(s) }
func (s Secret) Set() bool                   { return s != "" }
func (Secret) Format(f fmt.State, verb rune) { _, _ = f.Write([]byte("[redacted]")) }

// Provider is one configured OpenID Connect provider.
type Provider struct {
	ID           string // short name in URLs: /login/oidc/{ID}
	Name         string // on the button: 「{Name}でログイン」
	Issuer       string
	ClientID     string
	ClientSecret Secret
	Accounts     string // AccountsStaff, AccountsProvider or AccountsAny
}

// Allows reports whether staff (or, when staff is false, a provider's
// people) may sign in through p.
func (p Provider) Allows(staff bool) bool {
	switch p.Accounts {
	case AccountsAny:
		return true
	case AccountsStaff:
		return staff
	default:
		return !staff
	}
}

// Flow is what one sign-in keeps between sending the browser to the
// provider and its return: the state (bound to the browser by a cookie),
// the nonce the ID token must carry and the PKCE verifier.
type Flow struct {
	State, Nonce, Verifier string
}

// NewFlow draws a flow's random values.
func NewFlow() Flow {
	return Flow{State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier()}
}

func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Identity is who the provider vouched for, from a verified ID token.
type Identity struct {
	Provider      string // Provider.ID
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// The ways a return from the provider is refused.
var (
	ErrUnavailable = errors.New("sso: provider unreachable")
	ErrRefused     = errors.New("sso: provider's answer refused")
	ErrNonce       = errors.New("sso: nonce mismatch")
)

// Client talks to one provider. Its discovery document is fetched on first
// use and kept, so a provider that is down does not stop nintei starting.
type Client struct {
	P    Provider
	http *http.Client

	mu   sync.Mutex
	prov *oidc.Provider
}

// NewClient makes the client of p; httpc nil uses a client with a timeout.
func NewClient(p Provider, httpc *http.Client) *Client {
	if httpc == nil {
		httpc = &http.Client{Timeout: 15 * time.Second}
	}
	return &Client{P: p, http: httpc}
}

func (c *Client) ctx(ctx context.Context) context.Context {
	ctx = oidc.ClientContext(ctx, c.http)
	return context.WithValue(ctx, oauth2.HTTPClient, c.http)
}

func (c *Client) provider(ctx context.Context) (*oidc.Provider, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.prov != nil {
		return c.prov, nil
	}
	p, err := oidc.NewProvider(c.ctx(ctx), c.P.Issuer)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, c.P.ID, err)
	}
	c.prov = p
	return p, nil
}

func (c *Client) config(p *oidc.Provider, redirect string) *oauth2.Config {
	return &oauth2.Config{ClientID: c.P.ClientID, ClientSecret: c.P.ClientSecret.Reveal(), Endpoint: p.Endpoint(),
		RedirectURL: redirect, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// AuthURL is where the browser goes to sign in at the provider.
func (c *Client) AuthURL(ctx context.Context, redirect string, f Flow) (string, error) {
	p, err := c.provider(ctx)
	if err != nil {
		return "", err
	}
	return c.config(p, redirect).AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), nil
}

// Identify redeems the code (with the PKCE verifier), verifies the ID
// token (signature, issuer, audience, expiry; the nonce against f) and
// reads the e-mail claims, from the UserInfo endpoint when the ID token
// does not carry them (OpenID Connect Core 5.4).
func (c *Client) Identify(ctx context.Context, redirect, code string, f Flow) (Identity, error) {
	p, err := c.provider(ctx)
	if err != nil {
		return Identity{}, err
	}
	ctx = c.ctx(ctx)
	tok, err := c.config(p, redirect).Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return Identity{}, fmt.Errorf("%w: code exchange: %v", ErrRefused, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, fmt.Errorf("%w: no ID token", ErrRefused)
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: c.P.ClientID}).Verify(ctx, raw)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: ID token: %v", ErrRefused, err)
	}
	if idt.Nonce == "" || idt.Nonce != f.Nonce {
		return Identity{}, ErrNonce
	}
	var cl claims
	if err := idt.Claims(&cl); err != nil {
		return Identity{}, fmt.Errorf("%w: claims: %v", ErrRefused, err)
	}
	if cl.Email == "" {
		if cl, err = c.userInfo(ctx, p, tok, idt.Subject); err != nil {
			return Identity{}, err
		}
	}
	return Identity{Provider: c.P.ID, Issuer: idt.Issuer, Subject: idt.Subject, Email: cl.Email,
		EmailVerified: cl.verified(), Name: strings.TrimSpace(cl.Name)}, nil
}

// userInfo reads the claims from the UserInfo endpoint; its subject must
// be the ID token's (OpenID Connect Core 5.3.2).
func (c *Client) userInfo(ctx context.Context, p *oidc.Provider, tok *oauth2.Token, subject string) (claims, error) {
	var cl claims
	ui, err := p.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return cl, fmt.Errorf("%w: userinfo: %v", ErrRefused, err)
	}
	if ui.Subject != subject {
		return cl, fmt.Errorf("%w: userinfo subject differs from the ID token's", ErrRefused)
	}
	if err := ui.Claims(&cl); err != nil {
		return cl, fmt.Errorf("%w: userinfo claims: %v", ErrRefused, err)
	}
	return cl, nil
}

// claims are the ID token's or UserInfo's claims nintei reads.
// email_verified is a boolean by the standard; some providers send the
// string "true", which counts too.
type claims struct {
	Email         string          `json:"email"`
	EmailVerified json.RawMessage `json:"email_verified"`
	Name          string          `json:"name"`
}

func (c claims) verified() bool {
	s := strings.Trim(string(c.EmailVerified), `"`)
	return s == "true"
}
