// Package examination holds the body's use cases from submission to
// decision: formal review, fees and their documents, the assessment of the
// items, inquiries, reviewers and the committee, the readiness to certify,
// the decision and the closing of stalled applications.
package examination

import (
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/core"
)

// Examination is the examination area of the service. It embeds the applying
// area (the pre-check and transcript facts a reviewer sees) and the aftercare
// area (a decision issues the certification and publishes its entry).
type Examination struct {
	*core.Core
	*apply.Apply
	*aftercare.Aftercare
}

// New makes the examination area on the shared core.
func New(c *core.Core, app *apply.Apply, after *aftercare.Aftercare) *Examination {
	return &Examination{Core: c, Apply: app, Aftercare: after}
}
