package examination

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/policy"
	"nintei/review"
	"nintei/service/apply"
	"nintei/service/core"
	"nintei/store"
)

// Point is one line of the formal-review checklist, generated from
// what requires of this application: Auto says what the data shows
// ("ok", "missing", or "check" where a person must look).
type Point struct {
	Key     string `json:"key"`
	Auto    string `json:"auto"`
	Comment string `json:"comment,omitempty"`
}

// Checklist builds the formal-review checklist of an application.
func (s *Examination) Checklist(ctx context.Context, a application.Application) ([]Point, error) {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return nil, err
	}
	form, err := s.Store.FormB(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	atts, err := s.ReviewedFiles(ctx, a)
	if err != nil {
		return nil, err
	}
	return s.checklistOf(ctx, a, ed, form, atts)
}

// checklistOf is Checklist from the Form B and files already read.
func (s *Examination) checklistOf(ctx context.Context, a application.Application, ed *catalog.Edition, form formb.Form, atts []application.Attachment) ([]Point, error) {
	facts, err := s.TranscriptFacts(ctx, a)
	if err != nil {
		return nil, err
	}
	pc := apply.PrecheckOf(a, ed, form, apply.Proofs{Files: atts, Facts: facts}, s.Today())
	missing := map[string]bool{}
	for _, fe := range pc.FormA {
		missing[fe.Field] = true
	}
	auto := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "missing"
	}
	p := a.FormA.Provider
	points := []Point{
		{Key: "form_a", Auto: auto(len(a.FormA.Problems(s.Today())) == 0)},
		{Key: "existence", Auto: auto(!missing["attachments.existence"])},
		{Key: "form_b", Auto: auto(!formb.Blocking(formb.Check(ed, form)))},
		{Key: "evidence_files", Auto: auto(len(formb.CheckEvidenceFiles(ed, form, linkedItems(atts))) == 0)},
		{Key: "japanese", Auto: "check"},
	}
	if !p.RepresentativeHasPower {
		points = append(points, Point{Key: "responsibility", Auto: auto(!missing["attachments.responsibility"])})
	}
	if p.Foreign {
		points = append(points, Point{Key: "translation", Auto: "check"})
	}
	if len(p.Outsourcees) > 0 {
		points = append(points, Point{Key: "outsourcee", Auto: auto(!missing["attachments.outsourcee"])})
	}
	if len(p.Agents) > 0 {
		points = append(points, Point{Key: "agents", Auto: "check"})
	}
	return points, nil
}

func linkedItems(atts []application.Attachment) map[string]bool {
	out := map[string]bool{}
	for _, att := range atts {
		for _, id := range att.ItemIDs {
			out[id] = true
		}
	}
	return out
}

var errNeedComment = nintei.Errorf(nintei.KindInvalid, "error.review.return_needs_comment")

// ReturnForCorrection sends an application back to the applicant with a
// comment on each point to correct. The applicant edits and
// resubmits.
func (s *Examination) ReturnForCorrection(ctx context.Context, p core.Principal, id, version int64, comments map[string]string) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	points, err := s.Checklist(ctx, a)
	if err != nil {
		return err
	}
	n := 0
	for i := range points {
		points[i].Comment = strings.TrimSpace(comments[points[i].Key])
		if points[i].Comment != "" {
			n++
		}
	}
	if n == 0 {
		return errNeedComment
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvReturnForCorrection, version); err != nil {
			return err
		}
		if err := tx.InsertFormalReview(ctx, id, "returned", points, p.User.ID); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, core.NoticeReturned, nil)
	})
	return err
}

// Returned gives the points of the newest return for correction, for the
// applicant to read ("" outcome when never returned).
func (s *Examination) Returned(ctx context.Context, a application.Application) ([]Point, error) {
	outcome, raw, err := s.Store.LatestFormalReviewPoints(ctx, a.ID)
	if err != nil || outcome != "returned" {
		return nil, err
	}
	var points []Point
	if err := json.Unmarshal([]byte(raw), &points); err != nil {
		return nil, nintei.Wrap("service.Returned", err)
	}
	var out []Point
	for _, pt := range points {
		if pt.Comment != "" {
			out = append(out, pt)
		}
	}
	return out, nil
}

var errChecklistMissing = nintei.Errorf(nintei.KindInvalid, "error.review.checklist_missing")

// AcceptFormal accepts the formal review and issues the invoice, due
// PaymentDays later on a business day. Points the data shows missing block it.
func (s *Examination) AcceptFormal(ctx context.Context, p core.Principal, id, version int64) (review.Invoice, error) {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return review.Invoice{}, err
	}
	points, err := s.Checklist(ctx, a)
	if err != nil {
		return review.Invoice{}, err
	}
	for _, pt := range points {
		if pt.Auto == "missing" {
			return review.Invoice{}, errChecklistMissing.With("Point", pt.Key)
		}
	}
	kind := review.FeeNew
	if a.Kind == application.Renewal {
		kind = review.FeeRenewal
	}
	today := s.Today()
	inv := review.Invoice{ApplicationID: id, Kind: kind, Breakdown: s.Config.Fees.Price(kind),
		IssuedOn: today.Format(core.DateLayout), DueOn: s.DueOn(today)}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvAcceptFormal, version); err != nil {
			return err
		}
		if err := tx.InsertFormalReview(ctx, id, "accepted", points, p.User.ID); err != nil {
			return err
		}
		if inv, err = tx.InsertInvoice(ctx, inv); err != nil {
			return err
		}
		ev := core.Event(&p.User, "invoice.issue", "invoice", inv.Number)
		ev.AfterDigest = nintei.StateDigest(inv)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, core.NoticeInvoice, map[string]any{"Number": inv.Number, "Total": core.Yen(inv.TotalYen), "Due": inv.DueOn})
	})
	return inv, err
}

var (
	errPaymentAmount = nintei.Errorf(nintei.KindInvalid, "error.review.payment_amount")
	// An empty payment form asks for what is missing, field by field.
	errPaymentDateMissing   = nintei.Invalid("error.payment.date_missing", "paid_on")
	errPaymentAmountMissing = nintei.Invalid("error.payment.amount_missing", "paid_yen")
	// errPaidInFuture: a payment is confirmed once the money arrived, so
	// its date is today (JST) or earlier.
	errPaidInFuture = nintei.Invalid("error.payment.future", "paid_on")
)

// ConfirmPayment records the payment of the application's open invoice and
// starts the document review; a different amount is refused.
func (s *Examination) ConfirmPayment(ctx context.Context, p core.Principal, id, version int64, paidOn string, paidYen int64, ref string) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	invs, err := s.Store.Invoices(ctx, id)
	if err != nil {
		return err
	}
	var open *review.Invoice
	for i := range invs {
		if !invs[i].Paid() {
			open = &invs[i]
		}
	}
	if open == nil {
		return application.ErrNotNow.With("State", string(a.State))
	}
	if strings.TrimSpace(paidOn) == "" {
		return errPaymentDateMissing
	}
	if paidYen == 0 {
		return errPaymentAmountMissing.With("Total", core.Yen(open.TotalYen))
	}
	if paidYen != open.TotalYen {
		return errPaymentAmount.With("Total", core.Yen(open.TotalYen))
	}
	if !core.ValidDate(paidOn) {
		return nintei.Invalid("error.forma.date", "paid_on")
	}
	if today := s.Today().Format(core.DateLayout); paidOn > today {
		return errPaidInFuture.With("Today", today)
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		// A change notice's reissue fee is paid after the decision: no state follows it.
		if a.Kind != application.Change {
			if _, err := s.Fire(ctx, tx, p, a, application.EvConfirmPayment, version); err != nil {
				return err
			}
		}
		if err := tx.RecordPayment(ctx, open.ID, paidOn, paidYen, strings.TrimSpace(ref), p.User.ID); err != nil {
			return err
		}
		ev := core.Event(&p.User, "invoice.paid", "invoice", open.Number)
		return core.AuditWithDetail(ctx, tx, ev, core.InvoicePaidDetail{PaidOn: paidOn, Yen: paidYen})
	})
}

// Invoices lists an application's invoices for an actor who may see it.
func (s *Examination) Invoices(ctx context.Context, p core.Principal, id int64) ([]review.Invoice, error) {
	if _, err := s.Application(ctx, p, id); err != nil {
		return nil, err
	}
	return s.Store.Invoices(ctx, id)
}

var errNothingToRemind = nintei.Errorf(nintei.KindConflict, "error.review.nothing_to_remind")

// Remind e-mails the applicant about an unpaid invoice or unanswered
// inquiries (the scheduled reminders of later work send the same notices).
func (s *Examination) Remind(ctx context.Context, p core.Principal, id int64) error {
	if err := p.May(policy.RunReview); err != nil {
		return err
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	var n core.Notice
	args := map[string]any{}
	switch a.State {
	case application.AwaitingPay:
		invs, err := s.Store.Invoices(ctx, id)
		if err != nil {
			return err
		}
		for _, inv := range invs {
			if !inv.Paid() {
				n, args["Number"], args["Total"], args["Due"] = core.NoticePaymentReminder, inv.Number, core.Yen(inv.TotalYen), inv.DueOn
			}
		}
	case application.Inquiry:
		n = core.NoticeInquiryReminder
	}
	if n.Subject == "" {
		return errNothingToRemind
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.Audit(ctx, core.Event(&p.User, "reminder.send", "application", strconv.FormatInt(id, 10))); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, n, args)
	})
}
