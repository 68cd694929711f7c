package request

import (
	"context"
	"mime/multipart"
	"net/http"
	"net/url"

	"nintei/certification"
	"nintei/service"
)

// Shared are the handlers and helpers the JSON API shares with the pages:
// the files (workbook, attachments) are the same bytes on both surfaces, a
// supervision request is resolved or published by the same service call,
// an upload is read the same way and a certification's end is shown alike.
// Package ui provides them (ui.Server.Shared) and the root package hands
// them to package api, so that neither surface imports the other.
type Shared struct {
	ExportWorkbook, DownloadAttachment     HandlerFunc
	ResolveSupervision, PublishSupervision func(r *http.Request, p service.Principal, id, rid int64) error
	LifecycleOf                            func(r *http.Request, p service.Principal, appID int64, status certification.Status) (*LifecycleView, error)
	StreamedUpload                         func(r *http.Request) (int64, url.Values, *multipart.Part, error)
	WriteVerification                      func(w http.ResponseWriter, ctx context.Context, number string) error
	AuditEvents                            HandlerFunc                               // the audit log as JSON, with the page's filter and labels
	ResetLimit                             func(r *http.Request, email string) error // the forgotten-password form's rate limit
}

// LifecycleView is what the application page shows about a certification
// after it was issued: its status today, how it ended, and the forms the
// viewer may use (termination, revocation, succession, certificate return).
// The API's certification status is built from it too.
type LifecycleView struct {
	Status  string
	InForce bool
	End     *EndView
	Grounds []string
	Kinds   []string
}

// EndView is how a certification ended.
type EndView struct {
	Kind, EffectiveOn, Reason, ReturnedOn string
	Grounds                               []string
}
