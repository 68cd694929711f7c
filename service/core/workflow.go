package core

import (
	"context"
	"errors"
	"strconv"

	"nintei"
	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/policy"
	"nintei/store"
)

// Fire moves an application along the state table inside tx: it checks
// that the event applies now and that the actor may fire it, changes the
// state guarded by the version the actor saw (so of two staff acting at
// once, one wins and the other gets a clear conflict), records the state
// history and writes the audit event.
func (s *Core) Fire(ctx context.Context, tx store.Tx, p Principal, a application.Application, ev application.Event, version int64) (application.Transition, error) {
	tr, err := application.NextFor(a.Kind, a.State, ev, p.User.Role)
	if err != nil {
		return tr, err
	}
	if _, err := tx.SetApplicationState(ctx, a.ID, version, a.State, tr.To); errors.Is(err, nintei.ErrConflict) {
		return tr, ErrStaleVersion
	} else if err != nil {
		return tr, err
	}
	if err := tx.RecordState(ctx, a.ID, tr.To, ev, p.User.ID); err != nil {
		return tr, err
	}
	e := Event(&p.User, "application."+string(ev), "application", strconv.FormatInt(a.ID, 10))
	return tr, AuditWithDetail(ctx, tx, e, transitionDetail{From: string(a.State), To: string(tr.To)})
}

// StaffApplication loads an application for certification-body staff:
// drafts stay the provider's own business.
func (s *Core) StaffApplication(ctx context.Context, p Principal, id int64) (application.Application, error) {
	if err := p.May(policy.ReadApplications); err != nil {
		return application.Application{}, err
	}
	return s.Application(ctx, p, id)
}

// Notice names the message keys of one e-mail.
type Notice struct{ Subject, Body string }

// The notices of the review.
var (
	NoticeReturned        = Notice{"mail.returned.subject", "mail.returned.body"}
	NoticeInvoice         = Notice{"mail.invoice.subject", "mail.invoice.body"}
	noticeInquiry         = Notice{"mail.inquiry.subject", "mail.inquiry.body"}
	NoticePaymentReminder = Notice{"mail.remind_payment.subject", "mail.remind_payment.body"}
	NoticeInquiryReminder = Notice{"mail.remind_inquiry.subject", "mail.remind_inquiry.body"}
	NoticeDecision        = map[string]Notice{
		"certified":     {"mail.decision.certified.subject", "mail.decision.certified.body"},
		"not_certified": {"mail.decision.not_certified.subject", "mail.decision.not_certified.body"},
	}
)

// NotifyApplicant queues a mail to every person of the application's
// provider, with the greeting and the body's signature around the notice
// (applicantMail). Called with the transaction of the change it announces,
// so that the notice is sent if and only if the change commits (QueueMail).
func (s *Core) NotifyApplicant(ctx context.Context, q store.Queries, a application.Application, n Notice, args map[string]any) error {
	users, err := q.UsersOfOrg(ctx, a.OrgID)
	if err != nil {
		return err
	}
	if args == nil {
		args = map[string]any{}
	}
	args["ID"], args["Service"] = a.ID, a.FormA.Service.Name
	args["URL"] = s.Config.BaseURL + "/applications/" + strconv.FormatInt(a.ID, 10)
	text := s.ApplicantMail(ctx, i18n.Japanese, a.FormA.Provider, s.MailT(i18n.Japanese, n.Body, args))
	about := Mailed{"application", strconv.FormatInt(a.ID, 10)}
	for _, u := range users {
		if !u.Active() {
			continue
		}
		m := mail.Message{To: u.Email, Subject: s.MailT(i18n.Japanese, n.Subject, args), Text: text}
		if err := s.QueueMail(ctx, q, m, about); err != nil {
			return err
		}
	}
	return nil
}
