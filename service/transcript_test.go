package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
	"nintei/service/apply"
)

// precheckKeys returns the Form A problem keys of an application's pre-check.
func precheckKeys(t *testing.T, env *testenv.Env, p service.Principal, id int64) []string {
	t.Helper()
	pc, err := env.Svc.RunPrecheck(ctx, p, id)
	ok(t, err)
	var keys []string
	for _, fe := range pc.FormA {
		keys = append(keys, fe.Key)
	}
	return keys
}

// a change notice that moves the provider's address is refused at
// the pre-check until a registry transcript is attached to the notice
// itself (the one of the first application is not carried forward); the
// message names the changed fact. Accepted, it does not reissue the
// certificate: the address is not printed on it, so no reissue fee.
func TestChangeNoticeAddressNeedsTranscript_R9_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		before, _ := env.Svc.Certification(ctx, who.owner, id)

		n, err := env.Svc.OpenChangeNotice(ctx, who.owner, id)
		ok(t, err)
		fa := n.FormA
		fa.Provider.Address = "東京都千代田区丸の内2-2-2"
		_, err = env.Svc.SaveFormA(ctx, who.owner, n.ID, version(t, env, n.ID), fa)
		ok(t, err)

		keys := precheckKeys(t, env, who.owner, n.ID)
		if strings.Join(keys, " ") != "precheck.transcript_missing.address" {
			t.Errorf("R-9.5: pre-check keys %v, want the address transcript only", keys)
		}
		if err := env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese); nintei.KindOf(err) != nintei.KindInvalid {
			t.Fatalf("R-9.5: a new address filed without a registry transcript: %v", err)
		}
		_, err = env.Svc.AddAttachment(ctx, who.owner, n.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
			FileName: "登記事項証明書（移転後）.pdf", Body: strings.NewReader(testenv.TinyPDF)})
		ok(t, err)
		if keys := precheckKeys(t, env, who.owner, n.ID); len(keys) != 0 {
			t.Errorf("pre-check after the transcript: %v", keys)
		}
		ok(t, env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese))
		v, err := env.Svc.Renewal(ctx, who.jimu, n.ID)
		ok(t, err)
		if v.Reissue || strings.Join(v.TranscriptFacts, ",") != application.FactAddress {
			t.Errorf("R-9.5: view reissue=%v facts=%v", v.Reissue, v.TranscriptFacts)
		}
		jstMidday(env, "2027-03-01")
		ok(t, env.Svc.AcceptChange(ctx, who.jimu, n.ID, version(t, env, n.ID)))
		after, err := env.Svc.Certification(ctx, who.owner, n.ID)
		ok(t, err)
		if after.IssuedOn() != before.IssuedOn() {
			t.Errorf("R-9.5: an address change reissued the certificate (%s → %s)", before.IssuedOn(), after.IssuedOn())
		}
		invs, err := env.Svc.Invoices(ctx, who.owner, n.ID)
		ok(t, err)
		for _, inv := range invs {
			if inv.Kind == review.FeeReissue {
				t.Errorf("R-4.6: an address change charged the reissue fee: %+v", inv)
			}
		}
	})
}

// a renewal that changes the provider's name and representative
// names both facts in the pre-check; a sole proprietor (個人事業主), who
// has no registry entry, is asked for a copy of the photo ID instead.
// Changing only the postal code or the representative's title, which the
// registry does not record, asks for nothing.
func TestRegistryFactsNamedInPrecheck_R9_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		n, err := env.Svc.OpenChangeNotice(ctx, who.owner, id)
		ok(t, err)
		fa := n.FormA
		fa.Provider.PostalCode, fa.Provider.RepresentativeTitle = "100-0005", "代表取締役会長"
		_, err = env.Svc.SaveFormA(ctx, who.owner, n.ID, version(t, env, n.ID), fa)
		ok(t, err)
		if keys := precheckKeys(t, env, who.owner, n.ID); len(keys) != 0 {
			t.Errorf("postal code and title only: %v", keys)
		}
		fa.Provider.Name, fa.Provider.RepresentativeName = "株式会社みなとクラウドHD", "港 次郎"
		_, err = env.Svc.SaveFormA(ctx, who.owner, n.ID, version(t, env, n.ID), fa)
		ok(t, err)
		want := "precheck.transcript_missing.name precheck.transcript_missing.representative"
		if got := strings.Join(precheckKeys(t, env, who.owner, n.ID), " "); got != want {
			t.Errorf("R-9.5: pre-check %q, want %q", got, want)
		}
		fa.Provider.SoleProprietor, fa.Provider.CorporateNumber = true, ""
		_, err = env.Svc.SaveFormA(ctx, who.owner, n.ID, version(t, env, n.ID), fa)
		ok(t, err)
		want = "precheck.photo_id_missing.name precheck.photo_id_missing.representative"
		if got := strings.Join(precheckKeys(t, env, who.owner, n.ID), " "); got != want {
			t.Errorf("R-9.5 sole proprietor: pre-check %q, want %q", got, want)
		}
		v, err := env.Svc.Renewal(ctx, who.owner, n.ID)
		ok(t, err)
		if !v.Reissue {
			t.Error("R-9.5: a new provider name does not reissue the certificate")
		}
	})
}
