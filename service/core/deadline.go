package core

import "nintei/civil"

// InquiryReminderDays is how long an inquiry waits before the automatic
// reminder; the secretariat can remind earlier from the review page.
const InquiryReminderDays = 7

// The kinds of deadline (Deadline.Kind).
const (
	DeadlineInvoiceDue      = "invoice_due"      // the due date of an unpaid invoice
	DeadlineInquiryAsked    = "inquiry_asked"    // an open inquiry sent before due dates existed: the day it was asked
	DeadlineInquiryDue      = "inquiry_due"      // the earliest answer due date of the open inquiries
	DeadlineRenewalOpens    = "renewal_opens"    // the first day a renewal may be handed in
	DeadlineRenewalCloses   = "renewal_closes"   // the last day a renewal may be handed in
	DeadlineValidUntil      = "valid_until"      // the last valid day of the current term
	DeadlineWithholdingEnds = "withholding_ends" // the last day answers are withheld, approved
	DeadlineWithholdingAsks = "withholding_asks" // the same, requested and not yet decided
	DeadlineSupervisionDue  = "supervision_due"  // the due date of a supervision request
)

// Deadline is a day that matters for an application or a certification.
type Deadline struct {
	Kind    string
	On      civil.Date
	Overdue bool // the day has passed and the step is still to be taken
}
