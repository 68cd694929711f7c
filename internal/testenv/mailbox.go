package testenv

import (
	"context"

	"nintei"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/service"
	"nintei/service/core"
)

// Mailbox is the mail as a test reads it. Notices are queued as mail jobs
// (the outbox); Messages first runs every due mail job, as the server's job
// runner would, then returns what reached the mail server: a test sees the
// mails the runner would have sent by now, and only those.
type Mailbox struct {
	rec    *mail.Recorder
	runner *jobs.Runner
}

// NewMailbox delivers svc's queued mail from st into rec.
func NewMailbox(st *sqlstore.Store, clock nintei.Clock, svc *service.Service, rec *mail.Recorder) *Mailbox {
	// One worker: mails are delivered in the order they were queued, as tests
	// read them (two workers sent them in either order).
	r := jobs.New(st, clock, jobs.Options{Worker: "testenv-mailbox", Workers: 1})
	r.Handle(core.JobMail, svc.SendQueuedMail)
	return &Mailbox{rec: rec, runner: r}
}

// Messages delivers the queued mail, then lists every mail sent so far.
func (m *Mailbox) Messages() []mail.Message {
	for {
		n, err := m.runner.RunDue(context.Background())
		if err != nil {
			panic("testenv: delivering queued mail: " + err.Error())
		}
		if n == 0 {
			return m.rec.Messages()
		}
	}
}

// Send hands m to the mail server at once, for a second service a test
// builds on the same mailbox.
func (m *Mailbox) Send(ctx context.Context, msg mail.Message) error { return m.rec.Send(ctx, msg) }
