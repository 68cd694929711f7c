// Package views holds the read models that gather work across areas: the
// inbox, the queue, the staff's and the provider's work and the registry
// snippets. They change nothing.
package views

import (
	"nintei/service/aftercare"
	"nintei/service/core"
)

// Views is the read-model area of the service. It embeds the aftercare area
// for the public form of a registry entry.
type Views struct {
	*core.Core
	*aftercare.Aftercare
}

// New makes the read-model area on the shared core.
func New(c *core.Core, after *aftercare.Aftercare) *Views {
	return &Views{Core: c, Aftercare: after}
}
