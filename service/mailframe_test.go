package service_test

import (
	"strings"
	"testing"

	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
)

// Dates in mails are written the way the mail's language writes them
// (mailArgs, the one place): the invoice notice gives its due day
// as 2027年1月4日, never as the stored 2027-01-04.
func TestMailDatesInJapaneseForm_R4_6(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	before := len(env.Mail.Messages())
	inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
	ok(t, err)
	due, err := civil.Parse(inv.DueOn)
	if err != nil || due.IsZero() {
		t.Fatalf("invoice due day %q: %v", inv.DueOn, err)
	}
	want := i18n.Date(i18n.Japanese, due) // its forms: TestMailDateForms
	var invoiceMail bool
	for _, m := range env.Mail.Messages()[before:] {
		if !strings.Contains(m.Text, "お支払期限") {
			continue
		}
		invoiceMail = true
		if !strings.Contains(m.Text, "お支払期限: "+want) || strings.Contains(m.Text, inv.DueOn) {
			t.Errorf("invoice mail gives the due day as %q?\n%s", want, m.Text)
		}
	}
	if !invoiceMail {
		t.Fatal("no invoice mail to the applicant")
	}
}

// i18n.Date: Japanese 2026年12月14日 (no zero padding), English 14 December 2026.
func TestMailDateForms(t *testing.T) {
	for _, tt := range []struct {
		lang i18n.Lang
		day  string
		want string
	}{
		{i18n.Japanese, "2026-12-14", "2026年12月14日"},
		{i18n.Japanese, "2027-01-04", "2027年1月4日"},
		{i18n.English, "2026-12-14", "14 December 2026"},
		{i18n.English, "2027-01-04", "4 January 2027"},
		{i18n.Japanese, "", ""},
	} {
		if got := i18n.Date(tt.lang, civil.MustParse(tt.day)); got != tt.want {
			t.Errorf("Date(%s, %s) = %q, want %q", tt.lang, tt.day, got, tt.want)
		}
	}
}
