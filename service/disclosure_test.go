package service_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
)

// Every basis of a disclosure record (R-12.1 compelled and consent, R-12.2
// the four grounds on which information is not confidential) is recorded
// in the audit trail with its own fields, and refused without them.
func TestDisclosureBases_R12_1_R12_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		today := env.Svc.Today().Format("2006-01-02") // 2026-11-27
		base := func(basis apply.DisclosureBasis) apply.Disclosure {
			return apply.Disclosure{Basis: basis, Recipient: " 株式会社みなと監査法人 ", Scope: "申請書Aの所在地"}
		}
		cases := []struct {
			name string
			d    apply.Disclosure
			want map[string]string // the audit detail; nil: refused
			key  string            // the refusal's message key
		}{
			{"compelled", with(base(apply.DisclosureCompelled), func(d *apply.Disclosure) {
				d.LegalBasis, d.Source = "東京地裁 令和8年(モ)第123号 文書提出命令", "not recorded for this basis"
			}), map[string]string{"basis": "compelled", "legal_basis": "東京地裁 令和8年(モ)第123号 文書提出命令"}, ""},
			{"compelled without the order", base(apply.DisclosureCompelled), nil, "error.disclosure.legal_basis"},
			{"consent", with(base(apply.DisclosureConsent), func(d *apply.Disclosure) {
				d.ConsentBy, d.ConsentOn, d.On = "株式会社みなとクラウド 代表取締役 港 一郎", "2026-11-20", "2026-11-25"
			}), map[string]string{"basis": "consent", "consent_by": "株式会社みなとクラウド 代表取締役 港 一郎", "consent_on": "2026-11-20", "disclosed_on": "2026-11-25"}, ""},
			{"consent without who", with(base(apply.DisclosureConsent), func(d *apply.Disclosure) { d.ConsentOn = "2026-11-20" }), nil, "error.disclosure.consent_by"},
			{"consent without a date", with(base(apply.DisclosureConsent), func(d *apply.Disclosure) { d.ConsentBy = "港 一郎" }), nil, "error.disclosure.consent_on"},
			{"consent after the disclosure", with(base(apply.DisclosureConsent), func(d *apply.Disclosure) {
				d.ConsentBy, d.ConsentOn, d.On = "港 一郎", "2026-11-26", "2026-11-25"
			}), nil, "error.disclosure.consent_on"},
			{"known before", with(base(apply.DisclosureKnownBefore), func(d *apply.Disclosure) { d.Source = "2025年の展示会で受領した会社案内" }),
				map[string]string{"basis": "known_before", "source": "2025年の展示会で受領した会社案内"}, ""},
			{"public", with(base(apply.DisclosurePublic), func(d *apply.Disclosure) { d.Source = "事業者のプレスリリース（2026-10-01）" }),
				map[string]string{"basis": "public", "source": "事業者のプレスリリース（2026-10-01）"}, ""},
			{"third party", with(base(apply.DisclosureThirdParty), func(d *apply.Disclosure) {
				d.Source = "データセンター事業者から秘密保持義務なく受領"
			}),
				map[string]string{"basis": "third_party", "source": "データセンター事業者から秘密保持義務なく受領"}, ""},
			{"own work", with(base(apply.DisclosureOwnWork), func(d *apply.Disclosure) { d.Source = "認定機関が作成した認定サービス一覧の統計" }),
				map[string]string{"basis": "own_work", "source": "認定機関が作成した認定サービス一覧の統計"}, ""},
			{"public without the source", base(apply.DisclosurePublic), nil, "error.disclosure.source"},
			{"unknown basis", with(base("gossip"), func(d *apply.Disclosure) { d.Source = "x" }), nil, "error.disclosure.basis"},
			{"no basis", base(""), nil, "error.disclosure.basis"},
			{"no recipient", with(base(apply.DisclosureOwnWork), func(d *apply.Disclosure) { d.Source, d.Recipient = "x", "  " }), nil, "error.disclosure.recipient"},
			{"no scope", with(base(apply.DisclosureOwnWork), func(d *apply.Disclosure) { d.Source, d.Scope = "x", "" }), nil, "error.disclosure.scope"},
			{"in the future", with(base(apply.DisclosureOwnWork), func(d *apply.Disclosure) { d.Source, d.On = "x", "2026-11-28" }), nil, "error.disclosure.date"},
			{"not a date", with(base(apply.DisclosureOwnWork), func(d *apply.Disclosure) { d.Source, d.On = "x", "2026-02-30" }), nil, "error.disclosure.date"},
		}
		for _, c := range cases {
			before := auditOf(t, env, a.ID)
			err := env.Svc.RecordDisclosure(ctx, who.jimu, a.ID, c.d)
			after := auditOf(t, env, a.ID)
			if c.want == nil {
				var ne *nintei.Error
				if nintei.KindOf(err) != nintei.KindInvalid || !errors.As(err, &ne) || ne.Key != c.key {
					t.Errorf("%s: err = %v, want %s", c.name, err, c.key)
				}
				if len(after) != len(before) {
					t.Errorf("%s: a refused record wrote the audit trail", c.name)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if len(after) != len(before)+1 {
				t.Fatalf("%s: %d audit events added, want 1", c.name, len(after)-len(before))
			}
			ev := after[0] // newest first
			if ev.Action != "disclosure."+c.want["basis"] || ev.ActorLabel != "jimu@body.example.jp" {
				t.Errorf("%s: event %s by %s", c.name, ev.Action, ev.ActorLabel)
			}
			var got map[string]string
			if err := json.Unmarshal([]byte(ev.Detail), &got); err != nil {
				t.Fatalf("%s: detail is not JSON: %v %q", c.name, err, ev.Detail)
			}
			want := map[string]string{"recipient": "株式会社みなと監査法人", "scope": "申請書Aの所在地", "disclosed_on": today}
			for k, v := range c.want {
				want[k] = v
			}
			if len(got) != len(want) {
				t.Errorf("%s: detail %v, want %v (only the basis's own fields)", c.name, got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: detail[%s] = %q, want %q", c.name, k, got[k], v)
				}
			}
		}
	})
}

// Only the secretariat records a disclosure: reviewers, committee
// members, the provider and the administrator (separation of duties,
// docs/access.md) may not.
func TestDisclosureOnlyBySecretariat_R12_1(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	d := apply.Disclosure{Basis: apply.DisclosureOwnWork, Recipient: "r", Scope: "s", Source: "x"}
	admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
	for name, p := range map[string]service.Principal{"reviewer": who.shinsa, "committee": who.iin, "provider": who.owner, "admin": admin} {
		if err := env.Svc.RecordDisclosure(ctx, p, a.ID, d); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("%s: %v, want forbidden", name, err)
		}
	}
	ok(t, env.Svc.RecordDisclosure(ctx, who.jimu, a.ID, d))
}

func with(d apply.Disclosure, f func(*apply.Disclosure)) apply.Disclosure {
	f(&d)
	return d
}

// auditOf is the application's audit trail, newest first.
func auditOf(t *testing.T, env *testenv.Env, id int64) []nintei.AuditEvent {
	t.Helper()
	evs, err := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(id, 10)})
	ok(t, err)
	return evs
}
