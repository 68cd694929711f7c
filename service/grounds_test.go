package service_test

import (
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// each of the ten revocation grounds, a) to j), is accepted and
// recorded — j) unlawful acts and violations of law included.
func TestEveryRevocationGround_R11_5(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	id := certifiedApplication(t, env, who)
	all := []string{"j", "i", "h", "g", "f", "e", "d", "c", "b", "a"}
	ok(t, env.Svc.EndCertification(ctx, who.jimu, id, aftercare.Ending{Kind: certification.Revoked, Grounds: all, Reason: "全事由の記録"}))
	end, err := env.Svc.CertificationEnd(ctx, who.owner, id)
	ok(t, err)
	if end.Kind != certification.Revoked || end.Grounds != "a,b,c,d,e,f,g,h,i,j" {
		t.Errorf("R-11.5: revoked on all ten grounds, recorded %q %q", end.Kind, end.Grounds)
	}
}

// information is disclosed without the provider's consent only
// under a court order or compulsory legal process, recorded as such: the
// record needs the legal basis, the recipient and what was disclosed.
func TestCompelledDisclosureNeedsItsBasis_R12_1(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	const basis, recipient, scope = "東京地裁 令和8年(モ)第123号 文書提出命令", "東京地方裁判所", "申請書Bの写し"
	for _, c := range [][3]string{{"", recipient, scope}, {"  ", recipient, scope}, {basis, "", scope}, {basis, recipient, ""}} {
		if err := env.Svc.RecordDisclosure(ctx, who.jimu, a.ID, compelled(c)); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("R-12.1: disclosure recorded as %q: %v, want refused", c, err)
		}
	}
	ok(t, env.Svc.RecordDisclosure(ctx, who.jimu, a.ID, compelled([3]string{basis, recipient, scope})))
	events, _ := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(a.ID, 10)})
	n := 0
	for _, e := range events {
		if e.Action == "disclosure.compelled" {
			n++
			if !strings.Contains(e.Detail, "文書提出命令") {
				t.Errorf("R-12.1: the record lacks its legal basis: %s", e.Detail)
			}
		}
	}
	if n != 1 {
		t.Errorf("R-12.1: %d disclosures recorded, want the one complete record", n)
	}
}

// compelled is a court-ordered disclosure of legal basis, recipient and scope.
func compelled(c [3]string) apply.Disclosure {
	return apply.Disclosure{Basis: apply.DisclosureCompelled, LegalBasis: c[0], Recipient: c[1], Scope: c[2]}
}
