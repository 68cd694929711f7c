package service_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/testenv"
)

func mailsWith(env *testenv.Env, subject string) int {
	n := 0
	for _, m := range env.Mail.Messages() {
		if strings.Contains(m.Subject, subject) {
			n++
		}
	}
	return n
}

// the hourly sweep reminds the applicant once of an invoice
// past its due date and once of an inquiry 3 days before its answer due
// date — not before, not twice, and not after it was paid or answered.
func TestAutomaticReminders_R4_6_R6_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		runner := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(runner)
		sweep := func(day string) {
			t.Helper()
			jstMidday(env, day)
			_, err := env.Svc.Sweep(ctx)
			ok(t, err)
			_, err = runner.RunDue(ctx)
			ok(t, err)
		}
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		payment := env.Msgs.T(i18n.Japanese, "mail.remind_payment.subject", map[string]any{"ID": a.ID, "Service": a.FormA.Service.Name, "Number": inv.Number})
		sweep(inv.DueOn) // the due day itself: no reminder
		if n := mailsWith(env, payment); n != 0 {
			t.Errorf("reminded on the due day: %d", n)
		}
		sweep(nextDay(inv.DueOn))
		sweep(nextDay(inv.DueOn))
		if n := mailsWith(env, payment); n != 1 {
			t.Errorf("payment reminders after the due day = %d, want 1", n)
		}
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), nextDay(inv.DueOn), inv.TotalYen, ""))

		ed, err := env.Svc.ApplicationEdition(ctx, a)
		ok(t, err)
		asked := env.Svc.Today().Format("2006-01-02")
		ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, a.ID, version(t, env, a.ID), ed.Items[0].ID, "連絡先を確認させてください。"))
		inquiry := env.Msgs.T(i18n.Japanese, "mail.remind_inquiry.subject", map[string]any{"ID": a.ID, "Service": a.FormA.Service.Name})
		before := mailsWith(env, inquiry)
		// The answer is due 14 days on (--inquiry-answer-days); the one
		// reminder goes 3 days before, whatever the sweeps and job runs.
		sweep(addDays(asked, 10))
		if n := mailsWith(env, inquiry) - before; n != 0 {
			t.Errorf("inquiry reminded 4 days before its due date: %d", n)
		}
		sweep(addDays(asked, 11))
		sweep(addDays(asked, 11))
		sweep(addDays(asked, 12))
		if n := mailsWith(env, inquiry) - before; n != 1 {
			t.Errorf("inquiry reminders from 3 days before the due date = %d, want 1", n)
		}
		if m := env.Mail.Messages(); !strings.Contains(m[len(m)-1].Text, jaDay(addDays(asked, 14))) {
			t.Errorf("the reminder does not give the due date: %s", m[len(m)-1].Text)
		}
	})
}

func addDays(day string, n int) string {
	d, _ := time.Parse("2006-01-02", day)
	return d.AddDate(0, 0, n).Format("2006-01-02")
}

func nextDay(day string) string { return addDays(day, 1) }

// jaDay writes a YYYY-MM-DD day as the Japanese mails do (2026年12月7日).
func jaDay(day string) string {
	d, _ := time.Parse("2006-01-02", day)
	return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
}
