// Package accounts holds the use cases of people and their access: users and
// their roles, invitations, logging in and sessions, forgotten passwords and
// personal API tokens.
package accounts

import "nintei/service/core"

// Accounts is the accounts area of the service.
type Accounts struct {
	*core.Core
}

// New makes the accounts area on the shared core.
func New(c *core.Core) *Accounts { return &Accounts{Core: c} }
