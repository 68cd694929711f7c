package service_test

import (
	"testing"

	"nintei"
	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
)

// a payment is confirmed once it arrived: an empty form asks for
// the date, then the amount; a wrong amount names the invoice's; a
// paid-on date after today (JST) is refused as a field error, and the
// application still awaits payment. Today itself is accepted. The test clock is 2026-11-27
// 19:00 JST, so 2026-11-28 is tomorrow in Japan.
func TestPaymentDatedInFutureRefused_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		_, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		for _, c := range []struct {
			on    string
			yen   int64
			key   string
			field string
		}{{"", 0, "error.payment.date_missing", "paid_on"}, {"2026-11-27", 0, "error.payment.amount_missing", "paid_yen"},
			{"2026-11-27", 20900, "error.review.payment_amount", ""}} {
			err = env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), c.on, c.yen, "")
			var ne *nintei.Error
			if !asNinteiError(err, &ne) || ne.Key != c.key || (c.field != "" && ne.Args["Field"] != c.field) {
				t.Errorf("payment form %q, %d yen: %v, want %s on %s", c.on, c.yen, err, c.key, c.field)
			}
		}
		err = env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-28", 209000, "振込")
		var ne *nintei.Error
		if nintei.KindOf(err) != nintei.KindInvalid || !asNinteiError(err, &ne) || ne.Key != "error.payment.future" || ne.Args["Field"] != "paid_on" {
			t.Fatalf("future payment date: %v", err)
		}
		if got := mustApp(t, env, a.ID); got.State != application.AwaitingPay {
			t.Errorf("state after a refused payment = %s", got.State)
		}
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, "振込"))
	})
}
