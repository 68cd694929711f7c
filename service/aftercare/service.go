// Package aftercare holds the use cases after the decision: the certification
// and its public registry entry, change notices, renewals, incidents and
// maintenance, supervision, withholding, revocation and the other endings,
// and the return of documents.
package aftercare

import "nintei/service/core"

// Aftercare is the after-certification area of the service.
type Aftercare struct {
	*core.Core
}

// New makes the aftercare area on the shared core.
func New(c *core.Core) *Aftercare { return &Aftercare{Core: c} }
