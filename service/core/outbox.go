package core

import (
	"context"

	"nintei"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/store"
)

// JobMail is the kind of the job that sends one queued e-mail.
const JobMail = "mail.send"

// mailAttempts is how often a mail is tried before its job is dead: with
// the runner's backoff (30 s doubling to an hour) the last try comes about
// seven hours after the first, long enough to outlast a mail server's
// maintenance night.
const mailAttempts = 12

// queuedMail is a mail job's payload: the message, and the record it is
// about, for the audit entry written when it is sent.
type queuedMail struct {
	To         string            `json:"to"`
	Subject    string            `json:"subject"`
	Text       string            `json:"text"`
	ObjectType string            `json:"object_type"`
	ObjectID   string            `json:"object_id"`
	Headers    map[string]string `json:"headers,omitempty"`
}

// Mailed names the record a mail is about (an application, a user, an
// incident), for its audit entry.
type Mailed struct{ Type, ID string }

// QueueMail puts m into the outbox: a job written through q, so that called
// with the transaction of the change the mail announces, the mail exists
// exactly when the change commits (the outbox pattern). The job sends it,
// and a failed send is retried with backoff until the job is dead, visible
// to the administrator; nothing is dropped when the mail server is down.
func (s *Core) QueueMail(ctx context.Context, q jobs.Enqueuer, m mail.Message, about Mailed) error {
	_, _, err := jobs.Enqueue(ctx, q, JobMail, queuedMail{To: m.To, Subject: m.Subject, Text: m.Text,
		ObjectType: about.Type, ObjectID: about.ID, Headers: m.Headers}, jobs.Spec{MaxAttempts: mailAttempts})
	return err
}

// SendQueuedMail is the mail job: it hands the message to the mail server
// and fails (to be retried) when that fails; then it records the send in
// the audit trail, so the trail says when a notice really left. A send
// whose audit entry cannot be written is logged, not repeated: the person
// has the mail already.
func (s *Core) SendQueuedMail(ctx context.Context, j jobs.Job) error {
	var m queuedMail
	if err := jobs.Decode(j, &m); err != nil {
		return err
	}
	if err := s.Mail.Send(ctx, mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, Headers: m.Headers}); err != nil {
		return nintei.Wrap("service.SendQueuedMail", err)
	}
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := Event(nil, "mail.send", m.ObjectType, m.ObjectID)
		return AuditWithDetail(ctx, tx, ev, MailSentDetail{To: m.To, Subject: m.Subject, Job: j.ID, Attempt: j.Attempts})
	})
	if err != nil {
		s.Log.ErrorContext(ctx, "mail sent, but its audit entry failed", "job", j.ID, "to", m.To, "err", err)
	}
	return nil
}
