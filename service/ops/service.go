// Package ops holds the operator's use cases: the scheduled jobs and their
// handlers, reminders, readiness, and the audit log and its actions.
package ops

import (
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/core"
)

// Ops is the operations area of the service. It embeds the areas whose
// sweeps its jobs run (uploads in applying, registry expiry and document
// deletion in aftercare).
type Ops struct {
	*core.Core
	*apply.Apply
	*aftercare.Aftercare
}

// New makes the operations area on the shared core.
func New(c *core.Core, app *apply.Apply, after *aftercare.Aftercare) *Ops {
	return &Ops{Core: c, Apply: app, Aftercare: after}
}
