// Package apply holds the provider's use cases of applying: opening an
// application, forms A and B (and their workbook), attachments and uploads,
// disclosure records and the submission with its pre-check.
package apply

import (
	"nintei/service/aftercare"
	"nintei/service/core"
)

// Apply is the applying area of the service. It embeds the aftercare area
// because a change notice, a renewal or a revocation is submitted like an
// application and checked by the rules of aftercare.
type Apply struct {
	*core.Core
	*aftercare.Aftercare
}

// New makes the applying area on the shared core.
func New(c *core.Core, after *aftercare.Aftercare) *Apply {
	return &Apply{Core: c, Aftercare: after}
}
