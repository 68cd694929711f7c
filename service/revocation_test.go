package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
)

// readyApplication makes an application that passes the pre-check and
// returns it with its current version.
func readyApplication(t *testing.T, env *testenv.Env, owner service.Principal) (application.Application, int64) {
	t.Helper()
	id, v := env.ReadyApplication(t, owner)
	a, err := env.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return a, v
}

// R-4.2e: a service whose certification was revoked may apply again only
// one year or more after the revocation date. The test clock reads
// 2026-11-27 in Japan.
func TestReapplicationAfterRevocation_R4_2e(t *testing.T) {
	cases := []struct {
		revokedOn string
		allowed   bool
	}{
		{"2025-11-28", false}, // one day short of a year
		{"2025-11-27", true},  // exactly one year
		{"2024-06-01", true},
	}
	for _, c := range cases {
		t.Run(c.revokedOn, func(t *testing.T) {
			env := testenv.Backends(t)[0].NewEnv(t)
			owner := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド"))
			// The revoked service's name is written differently (full-width, extra space): same service.
			err := env.Store.InsertRevocation(ctx, certification.Revocation{OrgID: owner.User.OrgID,
				ServiceKey: application.ServiceKey("みなと ＩｏＴクラウド "), ServiceName: "みなとＩｏＴクラウド",
				RevokedOn: civil.MustParse(c.revokedOn), Reason: "R-11.5 a"})
			if err != nil {
				t.Fatal(err)
			}
			a, v := readyApplication(t, env, owner)
			err = env.Svc.Submit(ctx, owner, a.ID, v, i18n.Japanese)
			if c.allowed && err != nil {
				t.Errorf("submit = %v, want allowed", err)
			}
			if !c.allowed {
				msg := env.Msgs.T(i18n.Japanese, "error.application.revoked_recently", errArgs(err))
				if nintei.KindOf(err) != nintei.KindConflict || !strings.Contains(msg, "2026年11月28日 から申請できます") {
					t.Errorf("submit = %v (%s), want refused until 2026-11-28", err, msg)
				}
			}
		})
	}
}

func errArgs(err error) map[string]any {
	if ne, ok := err.(*nintei.Error); ok {
		return ne.Args
	}
	return nil
}

func formAKeys(pc apply.Precheck) []string {
	var out []string
	for _, p := range pc.FormA {
		out = append(out, p.Key)
	}
	return out
}

// the first service's proof of existence is the original; outsourced
// work needs the outsourcee's document.
func TestProofRules_R4_4(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	owner := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド"))
	a, err := env.Svc.OpenApplication(ctx, owner, "")
	if err != nil {
		t.Fatal(err)
	}
	f := completeFormA()
	f.Provider.Outsourcees = []application.Outsourcee{{Name: "データセンター株式会社", Scope: "データセンター"}}
	if _, err := env.Svc.SaveFormA(ctx, owner, a.ID, a.Version, f); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Svc.AddAttachment(ctx, owner, a.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
		FileName: "写し.pdf", Body: strings.NewReader(tinyPDF)}); err != nil {
		t.Fatal(err)
	}
	pc, _ := env.Svc.RunPrecheck(ctx, owner, a.ID)
	got := strings.Join(formAKeys(pc), " ")
	for _, want := range []string{"precheck.existence_original_missing", "precheck.outsourcee_missing"} {
		if !strings.Contains(got, want) {
			t.Errorf("Form A findings %q lack %s", got, want)
		}
	}
}
