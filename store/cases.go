package store

import (
	"time"

	"nintei/application"
	"nintei/certification"
)

// CaseRow is one application on the staff's list: the application with
// its provider's name and the facts the list shows and sorts by, all read
// by one query (CaseRows).
type CaseRow struct {
	application.Application
	Provider    string
	EnteredAt   *time.Time           // when it entered its current state; nil when the history has no row
	InvoiceDue  string               // the earliest due date of an unpaid invoice, "" when none
	InquiryDue  string               // the earliest answer due date of an open inquiry, "" when none
	OpenAsked   *time.Time           // when the oldest open inquiry was asked, nil when none
	CertStatus  certification.Status // the stored status of its certification, "" when none
	ValidUntil  string               // the certification's last valid day, "" when none
	Assessed    int                  // items assessed so far
	AssignedToU bool                 // the user given to CaseRows is assigned to it as a reviewer
}
