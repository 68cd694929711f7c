package service_test

import (
	"testing"

	"nintei"
	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service/aftercare"
)

// Separation of duties (docs/access.md): the administrator takes no step
// of a review and no decision — not the payment, not the decision
// not a revocation — while the secretariat does; the
// service refuses before it loads anything.
func TestAdministratorDoesNotDecide_R6_5_R11_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		admin := principal(env.AddUser(t, "kanri@body.example.jp", nintei.RoleAdmin, ""))
		forbidden := func(what string, err error) {
			t.Helper()
			if nintei.KindOf(err) != nintei.KindForbidden {
				t.Errorf("administrator %s: %v, want forbidden", what, err)
			}
		}
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		forbidden("starts the formal review", env.Svc.StartFormalReview(ctx, admin, a.ID, version(t, env, a.ID)))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		forbidden("confirms the payment", env.Svc.ConfirmPayment(ctx, admin, a.ID, version(t, env, a.ID), "2026-11-27", inv.TotalYen, ""))
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", inv.TotalYen, ""))
		imps := []review.Improvement{{ItemID: "IPIOT-001", Note: "規程の整備状況を示してください"}}
		forbidden("refuses", env.Svc.Refuse(ctx, admin, a.ID, version(t, env, a.ID), "説明", imps))

		id := certifiedApplication(t, env, who)
		revoke := aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "基準不適合"}
		forbidden("revokes", env.Svc.EndCertification(ctx, admin, id, revoke))
		forbidden("records a succession", env.Svc.EndCertification(ctx, admin, id,
			aftercare.Ending{Kind: certification.Lapsed, Grounds: []string{"merger"}, Reason: "合併"}))
		ok(t, env.Svc.EndCertification(ctx, who.jimu, id, revoke))
	})
}
