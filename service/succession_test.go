package service_test

import (
	"testing"

	"nintei"
	"nintei/certification"
	"nintei/internal/testenv"
	"nintei/service/aftercare"
)

// each of the four successions — the business of the service
// transferred, the provider merged, split (handing on this service) or
// inherited — is accepted and ends the certification as lapsed, with the
// kind recorded; anything else is refused.
func TestEachSuccessionKindLapses_R11_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		jimu := reviewActors(t, env).jimu
		providers := map[string]string{"transfer": "株式会社ゆずりは", "merger": "株式会社あわせ",
			"split": "株式会社わかれ", "inheritance": "つぐみ商店"}
		for i, kind := range []string{"transfer", "merger", "split", "inheritance"} {
			mail := "owner" + string(rune('1'+i)) + "@succession.example.jp"
			who := actors{owner: principal(env.AddUser(t, mail, nintei.RoleOwner, providers[kind])), jimu: jimu}
			id := certifiedApplication(t, env, who)
			if i == 0 {
				err := env.Svc.EndCertification(ctx, jimu, id, aftercare.Ending{Kind: certification.Lapsed, Grounds: []string{"sale"}, Reason: "売却"})
				if nintei.KindOf(err) != nintei.KindInvalid {
					t.Errorf("R-11.4: a succession of unknown kind: %v", err)
				}
			}
			err := env.Svc.EndCertification(ctx, jimu, id, aftercare.Ending{Kind: certification.Lapsed, Grounds: []string{kind}, Reason: kind + " の届出"})
			if err != nil {
				t.Errorf("R-11.4: succession %q refused: %v", kind, err)
				continue
			}
			c, err := env.Svc.Certification(ctx, who.owner, id)
			ok(t, err)
			end, err := env.Svc.CertificationEnd(ctx, who.owner, id)
			ok(t, err)
			if c.Status != certification.Lapsed || end.Kind != certification.Lapsed || end.Grounds != kind {
				t.Errorf("R-11.4: after succession %q: status %q, end %+v; want lapsed with the kind recorded", kind, c.Status, end)
			}
		}
	})
}
