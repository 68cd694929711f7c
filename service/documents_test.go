package service_test

import (
	"testing"
	"time"

	"nintei/bizday"
	"nintei/i18n"
	"nintei/internal/testenv"
)

// the invoice is due about one week after the formal review, on a
// business day of the body: one issued on Friday 2026-12-25 is due after the
// year-end closing and 1-3 January, on Monday 2027-01-04.
func TestInvoiceDueOnBusinessDay_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		env.Clock.T = time.Date(2026, 12, 25, 1, 0, 0, 0, time.UTC) // 10:00 JST
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		due, _ := time.Parse("2006-01-02", inv.DueOn)
		if inv.IssuedOn != "2026-12-25" || inv.DueOn != "2027-01-04" || !bizday.Default().IsBusinessDay(due) {
			t.Errorf("issued %s, due %s; want due 2027-01-04, a business day", inv.IssuedOn, inv.DueOn)
		}
	})
}
