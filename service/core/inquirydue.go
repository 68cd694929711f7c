package core

import (
	"context"
	"time"

	"nintei/civil"
	"nintei/review"
)

// InquiryReminderLead is how many days before its answer due date an open
// inquiry is reminded, once (the hourly sweep schedules the mail as a
// durable job with a unique key, so a second sweep or instance sends
// nothing more).
const InquiryReminderLead = 3

// The notices of an inquiry with an answer due date.
var (
	NoticeInquiryDue         = Notice{"mail.inquiry.subject", "casework.mail.inquiry.body"}
	NoticeInquiryDueReminder = Notice{"mail.remind_inquiry.subject", "casework.mail.remind_inquiry.body"}
)

// InquiryAnswerDue is the answer due date of an inquiry sent today:
// Settings.InquiryAnswerDays calendar days on (14 when unset).
func (s *Core) InquiryAnswerDue() civil.Date {
	days := s.Config.InquiryAnswerDays
	if days <= 0 {
		days = 14
	}
	return s.Day().AddDays(days)
}

// InquiryReminderDue reports whether an open inquiry is to be reminded
// today: from InquiryReminderLead days before its due date; an inquiry sent
// before due dates existed, after InquiryReminderDays.
func InquiryReminderDue(q review.Inquiry, today time.Time) bool {
	if due, err := civil.Parse(q.AnswerDueOn); err == nil && !due.IsZero() {
		return !civil.DateOf(today).Before(due.AddDays(-InquiryReminderLead))
	}
	return !q.AskedAt.After(today.AddDate(0, 0, -InquiryReminderDays))
}

// InquiryDueOf is the answer due date of an application's inquiry, "" when
// it has none (or qid is 0: a payment reminder).
func (s *Core) InquiryDueOf(ctx context.Context, appID, qid int64) (string, error) {
	if qid == 0 {
		return "", nil
	}
	qs, err := s.Store.Inquiries(ctx, appID)
	for _, q := range qs {
		if q.ID == qid {
			return q.AnswerDueOn, err
		}
	}
	return "", err
}

// InquiryDeadline is the deadline of an application's open inquiries on
// the provider's dashboard: the earliest answer due date, or the day the
// oldest was asked when none has a due date.
func InquiryDeadline(open []review.Inquiry, today civil.Date) Deadline {
	var due civil.Date
	for _, q := range open {
		if d, err := civil.Parse(q.AnswerDueOn); err == nil && !d.IsZero() && (due.IsZero() || d.Before(due)) {
			due = d
		}
	}
	if due.IsZero() {
		return Deadline{Kind: DeadlineInquiryAsked, On: civil.DateOf(open[0].AskedAt.In(JST))}
	}
	return Deadline{Kind: DeadlineInquiryDue, On: due, Overdue: due.Before(today)}
}

// DueOrZero is a deadline's day if it is a due date, zero otherwise.
func DueOrZero(d Deadline) civil.Date {
	if d.Kind == DeadlineInquiryDue {
		return d.On
	}
	return civil.Date{}
}
