package store

import (
	"time"
)

// ReturnItem is a file on the return list.
type ReturnItem struct {
	AttachmentID  int64
	ApplicationID int64
	OrgName       string
	ServiceName   string // from Form A, as the application had it
	FileName      string
	Purpose       string
	Size          int64
	SHA256        string
	BlobKey       string
	Reason        string
	ListedOn      string
	Method        string // "" while pending
	DisposedOn    string
	DisposedAt    *time.Time
}

// Reasons a document is put on the return list.
const (
	ReturnNotCertified = "not_certified"
	ReturnWithdrawn    = "withdrawn"
	ReturnRejected     = "rejected" // a change notice not accepted
	ReturnRenewal      = "renewal"  // superseded evidence
	// The ends of a certification (expired, revoked, terminated, lapsed)
	// are reasons too, under their status names.
)
