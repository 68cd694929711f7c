package service_test

import (
	"testing"

	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
)

// the fee invoiced at the end of the formal review follows the
// application's kind — a new application the new-application fee (209,000
// yen), a renewal the renewal fee (104,500 yen), never the other — priced
// from the configured schedule.
func TestRenewalInvoicedWithRenewalFee_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		invs, err := env.Svc.Invoices(ctx, who.jimu, id)
		ok(t, err)
		if len(invs) != 1 || invs[0].Kind != review.FeeNew || invs[0].TotalYen != 209000 {
			t.Errorf("R-4.6: the new application's invoices = %+v, want one new-application fee of 209,000 yen", invs)
		}

		jstMidday(env, "2028-10-01") // inside the renewal window
		r, _ := preparedRenewal(t, env, who, id)
		ok(t, submitAt(t, env, who, r.ID, "2028-10-01"))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, r.ID, version(t, env, r.ID)))
		inv, err := env.Svc.AcceptFormal(ctx, who.jimu, r.ID, version(t, env, r.ID))
		ok(t, err)
		want := service.DefaultSettings().Fees.Price(review.FeeRenewal)
		if inv.Kind != review.FeeRenewal || inv.Breakdown != want || inv.TotalYen != 104500 || inv.TaxYen != 9500 {
			t.Errorf("R-4.6: the renewal was invoiced %s %+v, want the renewal fee %+v (104,500 yen)", inv.Kind, inv.Breakdown, want)
		}
	})
}
