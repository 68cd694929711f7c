package service_test

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/internal/mail/smtptest"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// downMailServer is an address where no mail server listens (yet).
func downMailServer(t *testing.T) (string, *mail.SMTP) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	host, port, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(port)
	return addr, &mail.SMTP{Host: host, Port: n, From: "nintei@body.example.jp", TLS: mail.NoTLS, Timeout: 2 * time.Second}
}

// Notices are never lost: with the mail server down, an invoice, an
// inquiry, a decision and a renewal-guidance job queue their mails and the
// sends fail; when the server is back, every mail arrives exactly once, and
// the audit trail records each send when it happened (R-4.6, R-6.2, R-8.1,
// name these notices).
func TestNoticesOutlastAMailServerOutage(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		addr, smtp := downMailServer(t)
		env.Svc.SetMailer(smtp)
		runner := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(runner)
		who := reviewActors(t, env)

		certifiedApplication(t, env, who) // submission, invoice, decision
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		_, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, ""))
		ok(t, env.Svc.OpenInquiry(ctx, who.jimu, a.ID, version(t, env, a.ID), "IPIOT-060", "受付時間を明記してください。"))
		jstMidday(env, "2028-07-27") // four months before expiry: renewal guidance
		_, err = env.Svc.Sweep(ctx)
		ok(t, err)
		for range 2 { // the guidance job queues its mail; every send fails
			_, err = runner.RunDue(ctx)
			ok(t, err)
		}
		queued := mailJobs(t, env, "")
		if len(queued) < 8 || len(mailJobs(t, env, sqlstore.JobDone)) != 0 {
			t.Fatalf("mail jobs = %d, done = %d; want the notices queued and none sent", len(queued), len(mailJobs(t, env, sqlstore.JobDone)))
		}

		sink := smtptest.StartAt(t, addr) // the server is back
		back := env.Clock.Now()
		for range 3 {
			env.Clock.T = env.Clock.T.Add(2 * time.Hour) // past every backoff
			_, err = runner.RunDue(ctx)
			ok(t, err)
		}
		got := map[[2]string]int{}
		for _, m := range sink.Messages() {
			got[[2]string{m.To[0], m.Subject}]++
		}
		if len(sink.Messages()) != len(queued) {
			t.Errorf("delivered %d mails, queued %d", len(sink.Messages()), len(queued))
		}
		for k, n := range got {
			if n != 1 {
				t.Errorf("%q to %s delivered %d times", k[1], k[0], n)
			}
		}
		for _, subject := range []string{"ご請求", "照会があります", "審査結果: 認定", "有効期限"} {
			if !anySubject(got, subject) {
				t.Errorf("no delivered mail about %s: %v", subject, got)
			}
		}
		sends := auditOfAction(t, env, "mail.send")
		if len(sends) != len(queued) {
			t.Errorf("mail.send audit entries = %d, want %d", len(sends), len(queued))
		}
		for _, ev := range sends {
			if ev.At.Before(back) {
				t.Errorf("send audited at %v, before the server was back (%v)", ev.At, back)
			}
		}
	})
}

func mailJobs(t *testing.T, env *testenv.Env, state sqlstore.JobState) []sqlstore.Job {
	t.Helper()
	all, err := env.Store.ListJobs(ctx, state, 1000)
	ok(t, err)
	var out []sqlstore.Job
	for _, j := range all {
		if j.Kind == "mail.send" {
			out = append(out, j)
		}
	}
	return out
}

func anySubject(got map[[2]string]int, part string) bool {
	for k := range got {
		if strings.Contains(k[1], part) {
			return true
		}
	}
	return false
}

func auditOfAction(t *testing.T, env *testenv.Env, action string) []nintei.AuditEvent {
	t.Helper()
	evs, err := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{Action: action, Limit: 1000})
	ok(t, err)
	return evs
}

// A mail server that accepts connections and never answers holds up
// nothing: the submission that queues mails answers without waiting for it,
// and the mail job gives up within the configured timeout, to be retried.
func TestSilentMailServerHoldsNothingUp(t *testing.T) {
	env := testenv.Backend{Name: "sqlite"}.NewEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, silent
		}
	}()
	const timeout = 3 * time.Second
	env.Svc.SetMailer(&mail.SMTP{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, From: "nintei@body.example.jp",
		TLS: mail.NoTLS, Timeout: timeout})
	runner := jobs.New(env.Store, env.Clock, jobs.Options{})
	env.Svc.RegisterJobs(runner)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)

	start := time.Now()
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	if d := time.Since(start); d >= timeout {
		t.Errorf("the submission took %v: it waited for the mail server", d)
	}
	start = time.Now()
	_, err = runner.RunDue(ctx)
	ok(t, err)
	if d := time.Since(start); d > 3*timeout { // the sends run two at a time
		t.Errorf("the mail jobs took %v with a %v timeout", d, timeout)
	}
	for _, j := range mailJobs(t, env, "") {
		if j.State != sqlstore.JobQueued || j.Attempts != 1 || j.LastError == "" {
			t.Errorf("mail job after a silent server: %+v, want queued for a retry with its error", j)
		}
	}
}
