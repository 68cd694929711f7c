package store

import (
	"time"
)

// Reviewer is a reviewer the secretariat assigned to an application.
type Reviewer struct {
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	Email      string    `json:"email"`
	AssignedAt time.Time `json:"assigned_at"`
}
