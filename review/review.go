// Package review holds the certification body's side of an application
// the formal-review checklist, fees and invoices, per-item
// assessments and the automatic verdict, inquiries,
// investigation, the committee and the decision.
package review

import (
	"time"
)

// Fees is the fee schedule (別表1). Amounts and the tax rate are
// configuration, never code.
type Fees struct {
	NewYen, RenewalYen, ReissueYen int64 // before tax
	TaxPercent                     int64
	PaymentDays                    int // the invoice is due this many days after issue
}

// DefaultFees are the amounts of the program overview: 190,000 / 95,000 /
// 9,500 yen before a 10 % consumption tax, due about one week later.
func DefaultFees() Fees {
	return Fees{NewYen: 190000, RenewalYen: 95000, ReissueYen: 9500, TaxPercent: 10, PaymentDays: 7}
}

// FeeKind names what an invoice is for.
type FeeKind string

// Fee kinds.
const (
	FeeNew     FeeKind = "new"
	FeeRenewal FeeKind = "renewal"
	FeeReissue FeeKind = "reissue"
)

// Breakdown is an invoice's amounts in whole yen.
type Breakdown struct {
	BaseYen    int64 `json:"base_yen"`
	TaxYen     int64 `json:"tax_yen"`
	TotalYen   int64 `json:"total_yen"`
	TaxPercent int64 `json:"tax_percent"`
}

// Price computes the amounts of a fee. Rounding rule: the consumption tax is
// rounded down to the yen (切り捨て), as is usual for invoices in Japan; with
// the default amounts the tax is exact (19,000 / 9,500 / 950 yen).
func (f Fees) Price(k FeeKind) Breakdown {
	base := map[FeeKind]int64{FeeNew: f.NewYen, FeeRenewal: f.RenewalYen, FeeReissue: f.ReissueYen}[k]
	tax := base * f.TaxPercent / 100
	return Breakdown{BaseYen: base, TaxYen: tax, TotalYen: base + tax, TaxPercent: f.TaxPercent}
}

// Invoice is a fee invoiced to an applicant. Fees are never refunded
// a withdrawn application keeps its invoice.
type Invoice struct {
	ID            int64   `json:"id"`
	ApplicationID int64   `json:"application_id"`
	Number        string  `json:"number"` // INV-YYYY-NNNN
	Kind          FeeKind `json:"kind"`
	Breakdown
	IssuedOn   string `json:"issued_on"` // YYYY-MM-DD (JST)
	DueOn      string `json:"due_on"`
	PaidOn     string `json:"paid_on"`
	PaidYen    int64  `json:"paid_yen"`
	PaymentRef string `json:"payment_ref"`
}

// Paid reports whether the payment was confirmed.
func (i Invoice) Paid() bool { return i.PaidOn != "" }

// Overdue reports whether an unpaid invoice is past its due date on today.
func (i Invoice) Overdue(today string) bool { return !i.Paid() && today > i.DueOn }

// Verdict values of a reviewer's assessment of one item.
const (
	AssessOK      = "ok"
	AssessInquiry = "inquiry"
	AssessNotMet  = "not_met"
)

// Assessment is a reviewer's judgement of one Form B item.
type Assessment struct {
	ItemID     string    `json:"item_id"`
	Verdict    string    `json:"verdict"`
	Comment    string    `json:"comment"`
	AssessedBy int64     `json:"assessed_by"`
	AssessedAt time.Time `json:"assessed_at"`
}

// Inquiry (照会) is a question about one item and the applicant's answer,
// with the entry before and after any amendment (JSON of formb.Entry).
type Inquiry struct {
	ID          int64      `json:"id"`
	ItemID      string     `json:"item_id"`
	Question    string     `json:"question"`
	AskedBy     int64      `json:"asked_by"`
	AskedAt     time.Time  `json:"asked_at"`
	Answer      string     `json:"answer"`
	BeforeEntry string     `json:"before_entry"`
	AfterEntry  string     `json:"after_entry"`
	AnsweredAt  *time.Time `json:"answered_at"`
	// AnswerDueOn is the day the answer is due (YYYY-MM-DD), set when the
	// inquiry is sent; "" for inquiries sent before due dates existed.
	AnswerDueOn string `json:"answer_due_on"`
}

// Open reports whether the inquiry waits for the applicant.
func (q Inquiry) Open() bool { return q.AnsweredAt == nil }

// Amended reports whether the answer changed the item.
func (q Inquiry) Amended() bool { return q.AfterEntry != "" && q.AfterEntry != q.BeforeEntry }

// Waiting is how long the applicant took (or has taken so far) to answer:
// time not counted as review time.
func (q Inquiry) Waiting(now time.Time) time.Duration {
	if q.AnsweredAt != nil {
		return q.AnsweredAt.Sub(q.AskedAt)
	}
	return now.Sub(q.AskedAt)
}

// Investigation is the record of an on-site visit.
type Investigation struct {
	ID           int64     `json:"id"`
	HeldOn       string    `json:"held_on"`
	Place        string    `json:"place"`
	Participants string    `json:"participants"`
	Report       string    `json:"report"`
	RecordedAt   time.Time `json:"recorded_at"`
}

// Member is a committee member assigned to an application, with
// their conflict-of-interest declaration and opinion.
type Member struct {
	UserID      int64      `json:"user_id"`
	Name        string     `json:"name"`
	Conflict    *bool      `json:"conflict"` // nil until declared
	Declaration string     `json:"declaration"`
	Opinion     string     `json:"opinion"`
	OpinionAt   *time.Time `json:"opinion_at"`
}

// Decision is the result. A non-certification lists the items that
// need improvement, with the explanation.
type Decision struct {
	Outcome      string        `json:"outcome"` // "certified" or "not_certified"
	Explanation  string        `json:"explanation"`
	Note         string        `json:"note,omitempty"` // the secretariat's note for the file: staff only, never the applicant
	Improvements []Improvement `json:"improvements"`
	DecidedBy    int64         `json:"decided_by"`
	DecidedAt    time.Time     `json:"decided_at"`
}

// Improvement is one item that needs improvement before certification.
type Improvement struct {
	ItemID string `json:"item_id"`
	Note   string `json:"note"`
}
