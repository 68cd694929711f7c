package service_test

import (
	"testing"

	"nintei"
	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
)

// a payment is confirmed once it arrived: a paid-on date after
// today (JST) is refused as a field error, and the application still
// awaits payment. Today itself is accepted. The test clock is 2026-11-27
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
