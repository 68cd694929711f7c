package store

import (
	"time"
)

// Session is a server-side login session. The cookie holds the token; the
// database holds only its hash.
type Session struct {
	TokenHash  string
	UserID     int64
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// APIToken is a personal API token; only its hash is stored, and the prefix
// lets its owner recognise it in a list.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
}

// Identity is an account at an OpenID Connect provider linked to a user:
// its issuer and subject sign the user in; Provider is the configured
// provider's name and Email the address the provider vouched for when
// linking, both only for display.
type Identity struct {
	ID         int64
	UserID     int64
	Provider   string
	Issuer     string
	Subject    string
	Email      string
	LinkedAt   time.Time
	LastUsedAt *time.Time
}
