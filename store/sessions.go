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
