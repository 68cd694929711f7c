package store

import (
	"time"

	"nintei"
)

// Invitation lets an owner bring a colleague into their provider. The link
// carries a single-use token; only its hash is stored.
type Invitation struct {
	ID             int64
	OrgID          int64
	Email          string
	Role           nintei.Role
	TokenHash      string
	InvitedBy      int64
	CreatedAt      time.Time
	ExpiresAt      time.Time
	AcceptedAt     *time.Time
	AcceptedUserID int64
}
