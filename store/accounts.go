package store

import (
	"time"
)

// PasswordReset is a forgotten-password link: single use, short-lived; only
// the token's hash is stored.
type PasswordReset struct {
	ID        int64
	UserID    int64
	TokenHash string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}
