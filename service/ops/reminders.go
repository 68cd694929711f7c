package ops

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"nintei"
	"nintei/application"
	"nintei/internal/jobs"
	"nintei/service/core"
	"nintei/store"
)

// JobReminder mails the applicant an automatic reminder: an invoice past
// its due date (R-4.6: the document review waits for the payment), or an
// inquiry InquiryReminderLead days before its answer due date (one sent
// before due dates existed: unanswered for InquiryReminderDays).
const JobReminder = "reminder.mail"

type reminder struct {
	ApplicationID int64  `json:"application_id"`
	Kind          string `json:"kind"` // "payment" or "inquiry"
	Invoice       string `json:"invoice,omitempty"`
	InquiryID     int64  `json:"inquiry_id,omitempty"`
}

// scheduleReminders is part of the hourly sweep: one reminder per overdue
// invoice and per long-open inquiry, whichever instance sweeps first (the
// unique key).
func (s *Ops) scheduleReminders(ctx context.Context) error {
	today := s.Today()
	apps, err := s.Store.ApplicationsInStates(ctx, application.AwaitingPay, application.Inquiry)
	if err != nil {
		return err
	}
	for _, a := range apps {
		r, key, err := s.dueReminder(ctx, a, today)
		if err != nil {
			return err
		}
		if key == "" {
			continue
		}
		if _, _, err := jobs.Enqueue(ctx, s.Store, JobReminder, r, jobs.Spec{UniqueKey: key}); err != nil {
			return err
		}
	}
	return nil
}

// dueReminder is the reminder an application needs today, with its unique
// key; "" when none is due.
func (s *Ops) dueReminder(ctx context.Context, a application.Application, today time.Time) (reminder, string, error) {
	switch a.State {
	case application.AwaitingPay:
		invs, err := s.Store.Invoices(ctx, a.ID)
		if err != nil {
			return reminder{}, "", err
		}
		for _, inv := range invs {
			if !inv.Paid() && inv.DueOn < today.Format(core.DateLayout) {
				return reminder{ApplicationID: a.ID, Kind: "payment", Invoice: inv.Number}, "remind-payment-" + inv.Number, nil
			}
		}
	case application.Inquiry:
		qs, err := s.Store.Inquiries(ctx, a.ID)
		if err != nil {
			return reminder{}, "", err
		}
		for _, q := range qs {
			if q.Open() && core.InquiryReminderDue(q, today) {
				return reminder{ApplicationID: a.ID, Kind: "inquiry", InquiryID: q.ID}, "remind-inquiry-" + strconv.FormatInt(q.ID, 10), nil
			}
		}
	}
	return reminder{}, "", nil
}

// sendReminder mails a scheduled reminder if it is still due when the job
// runs (the applicant may have paid or answered in between), and audits it.
func (s *Ops) sendReminder(ctx context.Context, j jobs.Job) error {
	var r reminder
	if err := json.Unmarshal([]byte(j.Payload), &r); err != nil {
		return nintei.Wrap("service.sendReminder", err)
	}
	a, err := s.Store.Application(ctx, r.ApplicationID)
	if err != nil {
		return err
	}
	still, _, err := s.dueReminder(ctx, a, s.Today())
	if err != nil || still != r {
		return err
	}
	n, args := core.NoticeInquiryReminder, map[string]any{}
	if due, err := s.InquiryDueOf(ctx, a.ID, r.InquiryID); err != nil {
		return err
	} else if due != "" {
		n, args["Due"] = core.NoticeInquiryDueReminder, due
	}
	if r.Kind == "payment" {
		invs, err := s.Store.Invoices(ctx, a.ID)
		if err != nil {
			return err
		}
		for _, inv := range invs {
			if inv.Number == r.Invoice {
				n, args["Number"], args["Total"], args["Due"] = core.NoticePaymentReminder, inv.Number, core.Yen(inv.TotalYen), inv.DueOn
			}
		}
	}
	// The audit entry, the queued mail and the job's completion commit
	// together: a retried job queues nothing twice.
	return jobs.InTx(ctx, s.Store, j, func(tx store.Tx) error {
		ev := core.Event(nil, "reminder.send", "application", strconv.FormatInt(a.ID, 10))
		if err := core.AuditWithDetail(ctx, tx, ev, core.ReminderDetail{Kind: r.Kind, Automatic: true}); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, n, args)
	})
}
