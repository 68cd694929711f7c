package service_test

import (
	"testing"

	"nintei"
	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service/aftercare"
)

// R-4.2e: the one-year bar after a revocation holds for the provider's
// corporate number under any account, and for the service under every
// name it carried: renamed by a change notice before the revocation, it
// is barred under the old name and the new. Another service of the same
// corporation is not barred but is flagged for the formal review with the
// revoked service named; another corporation with the old name is neither.
func TestRevocationBarByCorporateNumberAcrossRenames_R4_2e(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		n, err := env.Svc.OpenChangeNotice(ctx, who.owner, id)
		ok(t, err)
		fa := n.FormA
		fa.Service.Name = "みなとデータ基盤"
		_, err = env.Svc.SaveFormA(ctx, who.owner, n.ID, version(t, env, n.ID), fa)
		ok(t, err)
		ok(t, env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese))
		ok(t, env.Svc.AcceptChange(ctx, who.jimu, n.ID, version(t, env, n.ID)))
		ok(t, env.Svc.EndCertification(ctx, who.jimu, n.ID, aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "基準不適合"}))

		// The same corporation under another account.
		other := principal(env.AddUser(t, "owner@sales.example.jp", nintei.RoleOwner, "みなとクラウド販売株式会社"))
		for _, name := range []string{"みなとIoTクラウド", "みなと データ基盤"} {
			a, _ := readyApplication(t, env, other)
			fa := a.FormA
			fa.Service.Name = name
			_, err := env.Svc.SaveFormA(ctx, other, a.ID, a.Version, fa)
			ok(t, err)
			if err := env.Svc.Submit(ctx, other, a.ID, version(t, env, a.ID), i18n.Japanese); nintei.KindOf(err) != nintei.KindConflict {
				t.Errorf("R-4.2e: %q applied under another account of the same corporate number: %v", name, err)
			}
		}
		a, _ := readyApplication(t, env, other)
		fa = a.FormA
		fa.Service.Name = "みなと分析サービス"
		_, err = env.Svc.SaveFormA(ctx, other, a.ID, a.Version, fa)
		ok(t, err)
		ok(t, env.Svc.Submit(ctx, other, a.ID, version(t, env, a.ID), i18n.Japanese))
		a, _ = env.Store.Application(ctx, a.ID)
		rs, err := env.Svc.RecentRevocations(ctx, who.jimu, a)
		ok(t, err)
		if len(rs) != 1 || rs[0].ServiceName != "みなとデータ基盤" || rs[0].RevokedOn != "2026-11-27" || !rs[0].OtherAccount {
			t.Errorf("R-4.2e: formal review notice %+v", rs)
		}
		if _, err := env.Svc.RecentRevocations(ctx, other, a); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the applicant read the revocation notice: %v", err)
		}

		// Another corporation may use the old name.
		third := principal(env.AddUser(t, "owner@other.example.jp", nintei.RoleOwner, "株式会社ほかのクラウド"))
		a, _ = readyApplication(t, env, third)
		fa = a.FormA
		fa.Provider.CorporateNumber, fa.Provider.Name = "6000012050003", "株式会社ほかのクラウド"
		_, err = env.Svc.SaveFormA(ctx, third, a.ID, a.Version, fa)
		ok(t, err)
		ok(t, env.Svc.Submit(ctx, third, a.ID, version(t, env, a.ID), i18n.Japanese))
		a, _ = env.Store.Application(ctx, a.ID)
		if rs, _ := env.Svc.RecentRevocations(ctx, who.jimu, a); len(rs) != 0 {
			t.Errorf("another corporation flagged: %+v", rs)
		}

		// A year later the bar and the notice are gone.
		jstMidday(env, "2027-11-27")
		later, _ := readyApplication(t, env, other)
		ok(t, env.Svc.Submit(ctx, other, later.ID, version(t, env, later.ID), i18n.Japanese))
		later, _ = env.Store.Application(ctx, later.ID)
		if rs, _ := env.Svc.RecentRevocations(ctx, who.jimu, later); len(rs) != 0 {
			t.Errorf("R-4.2e: flagged after a year: %+v", rs)
		}
	})
}
