package store

import (
	"time"
)

// SupervisionRequest is a request of the body to a certified provider
// an explanation, documents, an investigation, or an
// improvement, with a due date.
type SupervisionRequest struct {
	ID              int64
	ApplicationID   int64
	CertificationID int64
	Kind            string
	Body            string
	DueOn           string
	State           string // open, answered, resolved
	PublishedOn     string // the day an improvement request was published; "" if not
	RequestedBy     int64
	RequestedAt     time.Time
	ResolvedAt      *time.Time
	Responses       []SupervisionResponse
	// Filled by OpenSupervisionRequests:
	Number      string
	ServiceName string
}

// PublishedImprovement is an improvement request as the public sees it on
// the service page: the day, the text, the status.
type PublishedImprovement struct {
	RequestID   int64
	Number      string
	RequestedOn string
	DueOn       string
	Body        string
	Status      string // open, resolved
}

// SupervisionResponse is the provider's answer or follow-up, appended and
// never edited.
type SupervisionResponse struct {
	ID          int64
	RequestID   int64
	Body        string
	RespondedBy int64
	RespondedAt time.Time
}
