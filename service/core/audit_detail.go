package core

import (
	"bytes"
	"context"
	"encoding/json"

	"nintei"
	"nintei/store"
)

// AuditWithDetail writes ev with its Detail set to d as JSON. d is one of the
// detail types below, one per kind of event, marshalled with encoding/json so
// that no value (an item ID, a verdict, text a person typed) can break the
// JSON. A detail that cannot be marshalled is an error, and so the change it
// records is not made: the trail never silently loses a detail.
func AuditWithDetail(ctx context.Context, tx store.Tx, ev nintei.AuditEvent, d any) error {
	detail, err := marshalDetail(d)
	if err != nil {
		return nintei.Wrap("service.auditWithDetail "+ev.Action, err)
	}
	ev.Detail = detail
	return tx.Audit(ctx, ev)
}

// marshalDetail is d as compact JSON, with <, > and & written as they are
// (the detail is read by people and programs, never put into HTML unescaped).
func marshalDetail(d any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// The audit details. Field names and order are those the details have always
// had, so events written before and after read alike.
type (
	// application.form_b.save: how many entries the saved form holds.
	FormBSaveDetail struct {
		Items int `json:"items"`
	}
	// attachment.add
	AttachmentDetail struct {
		Attachment int64  `json:"attachment"`
		Purpose    string `json:"purpose"`
	}
	// change.open
	ChangeOpenDetail struct {
		Certification string `json:"certification"`
	}
	// change.accept
	ChangeAcceptDetail struct {
		Certification string `json:"certification"`
		Reissue       bool   `json:"reissue"`
	}
	// catalog.mapping_import, application.edition_move: the editions
	// an application moved between, and how many items were marked.
	EditionMoveDetail struct {
		From   string `json:"from"`
		To     string `json:"to"`
		Marked int    `json:"marked,omitempty"`
	}
	// renewal.open: the certification renewed and its application.
	RenewalOpenDetail struct {
		Certification string `json:"certification"`
		Previous      int64  `json:"previous"`
	}
	// certification.renew: the new term.
	RenewTermDetail struct {
		StartsOn   string `json:"starts_on"`
		ValidUntil string `json:"valid_until"`
	}
	// certification.<lifecycle event>: the day and the grounds, comma-separated.
	LifecycleDetail struct {
		On      string `json:"on"`
		Grounds string `json:"grounds"`
	}
	// assessment.save
	AssessmentDetail struct {
		Item    string `json:"item"`
		Verdict string `json:"verdict"`
	}
	// invoice.paid
	InvoicePaidDetail struct {
		PaidOn string `json:"paid_on"`
		Yen    int64  `json:"yen"`
	}
	// incident.report.<stage>
	IncidentReportDetail struct {
		Report int64 `json:"report"`
	}
	// maintenance.record
	MaintenanceDetail struct {
		Verdict string `json:"verdict"`
	}
	// mail.send: a queued mail handed to the mail server (job and attempt
	// say which try it took).
	MailSentDetail struct {
		To      string `json:"to"`
		Subject string `json:"subject"`
		Job     int64  `json:"job"`
		Attempt int    `json:"attempt"`
	}
	// reminder.send (sent by the scheduler)
	ReminderDetail struct {
		Kind      string `json:"kind"`
		Automatic bool   `json:"automatic"`
	}
	// document.<returned|destroyed>: a document given back or destroyed.
	DocumentReturnDetail struct {
		Application int64  `json:"application"`
		On          string `json:"on"`
		SHA256      string `json:"sha256"`
	}
	// document.file_deleted
	FileDeletedDetail struct {
		SHA256 string `json:"sha256"`
	}
	// supervision.request
	SupervisionDetail struct {
		Kind        string `json:"kind"`
		Application int64  `json:"application"`
	}
	// upload.discarded: a stored file no row records.
	UploadDiscardedDetail struct {
		Reason string `json:"reason"`
		Size   int64  `json:"size"`
	}
	// withholding.request
	WithholdingRequestDetail struct {
		Application int64 `json:"application"`
	}
	// withholding.<state>
	WithholdingDecisionDetail struct {
		Application int64  `json:"application"`
		Until       string `json:"until"`
	}
	// application.<workflow event>: the states before and after.
	transitionDetail struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	// application.view: which view of a withheld application was read.
	ViewDetail struct {
		View string `json:"view"`
	}
)
