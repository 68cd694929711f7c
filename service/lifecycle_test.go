package service_test

import (
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/testenv"
	"nintei/service/aftercare"
)

// jstMidday sets the test clock to noon in Japan on day (YYYY-MM-DD).
func jstMidday(env *testenv.Env, day string) {
	d, _ := time.Parse("2006-01-02", day)
	env.Clock.T = d.Add(3 * time.Hour) // 12:00 JST
}

func eventKinds(t *testing.T, env *testenv.Env, number string) []string {
	t.Helper()
	evs, err := env.Svc.RegistryEvents(ctx, 100)
	ok(t, err)
	var kinds []string
	for _, e := range evs {
		if e.Number == number {
			kinds = append(kinds, e.Kind+"@"+e.OccurredOn)
		}
	}
	return kinds
}

// the certification is valid through its last valid
// day; the sweep of the day after makes it expired (once, however often it
// runs), the feed says so, and the mark stops. A renewal pending across the
// expiry date keeps it in force.
func TestExpirySweep_R8_2_R8_3_R9_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		var svg strings.Builder
		jstMidday(env, c.ValidUntil.String()) // 2028-11-26: the last valid day
		n, err := env.Svc.Sweep(ctx)
		ok(t, err)
		if n != 0 {
			t.Errorf("the last valid day expired %d certifications", n)
		}
		ok(t, env.Svc.MarkSVG(ctx, who.owner, id, &svg))
		jstMidday(env, "2028-11-27") // the day after
		for range 2 {
			_, err = env.Svc.Sweep(ctx)
			ok(t, err)
		}
		c, _ = env.Svc.Certification(ctx, who.owner, id)
		if c.Status != certification.Expired {
			t.Errorf("status the day after = %q", c.Status)
		}
		if got := strings.Join(eventKinds(t, env, c.Number), " "); got != "expired@2028-11-27 certified@2026-11-27" {
			t.Errorf("feed events = %s", got)
		}
		if err := env.Svc.MarkSVG(ctx, who.owner, id, &svg); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("mark after expiry: %v", err)
		}
		if err := env.Svc.CertificatePDF(ctx, who.owner, id, &svg); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("certificate after expiry: %v", err)
		}
		// The lifecycle table: expired is final, so nobody
		// revokes or terminates an expired certification.
		revoke := aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "x"}
		if err := env.Svc.EndCertification(ctx, who.jimu, id, revoke); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("revoking an expired certification: %v", err)
		}
		if err := env.Svc.EndCertification(ctx, who.owner, id, aftercare.Ending{Kind: certification.Terminated}); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("terminating an expired certification: %v", err)
		}
		p, _ := env.Svc.Registry(ctx, c.Number, 1, 10)
		if len(p.Entries) != 1 || p.Entries[0].Status != string(certification.Expired) {
			t.Errorf("registry after expiry: %+v", p.Entries)
		}

		// a second service whose renewal is pending stays in force.
		who2 := actors{owner: principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ")), jimu: who.jimu}
		jstMidday(env, "2026-11-27")
		id2 := certifiedApplication(t, env, who2)
		c2, _ := env.Svc.Certification(ctx, who2.owner, id2)
		ok(t, env.Store.InTx(ctx, func(tx *sqlstoreTx) error {
			return tx.SetCertificationStatus(ctx, c2.ID, []certification.Status{certification.Valid}, certification.RenewalPending)
		}))
		jstMidday(env, "2028-12-10")
		_, err = env.Svc.Sweep(ctx)
		ok(t, err)
		c2, _ = env.Svc.Certification(ctx, who2.owner, id2)
		if c2.Status != certification.RenewalPending {
			t.Errorf("a pending renewal's certification became %q", c2.Status)
		}
		ok(t, env.Svc.MarkSVG(ctx, who2.owner, id2, &svg))
	})
}

// and R-4.2e: revocation needs grounds a–j and reasons, is the
// secretariat's alone, ends the certification in the registry and the
// feed (without the reasons, which are not public), and bars the service
// from applying again for a year.
func TestRevocation_R11_5_R4_2e(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		revoke := aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"c", "a", "c"}, Reason: "他サービスへのマーク使用（内部メモ）"}
		if err := env.Svc.EndCertification(ctx, who.owner, id, revoke); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the provider revoked: %v", err)
		}
		if err := env.Svc.EndCertification(ctx, who.shinsa, id, revoke); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("a reviewer revoked: %v", err)
		}
		for _, bad := range []aftercare.Ending{
			{Kind: certification.Revoked, Reason: "x"},
			{Kind: certification.Revoked, Grounds: []string{"k"}, Reason: "x"},
			{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "  "},
			{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "x", On: "2026-11-28"},
			{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "x", On: "27/11/2026"},
		} {
			if err := env.Svc.EndCertification(ctx, who.jimu, id, bad); nintei.KindOf(err) != nintei.KindInvalid {
				t.Errorf("%+v: %v, want invalid", bad, err)
			}
		}
		ok(t, env.Svc.EndCertification(ctx, who.jimu, id, revoke))
		if err := env.Svc.EndCertification(ctx, who.jimu2, id, revoke); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("a second revocation: %v", err)
		}
		end, err := env.Svc.CertificationEnd(ctx, who.owner, id)
		ok(t, err)
		if end.Kind != "revoked" || end.Grounds != "a,c" || end.EffectiveOn.String() != "2026-11-27" {
			t.Errorf("end record = %+v", end)
		}
		c, _ := env.Svc.Certification(ctx, who.owner, id)
		p, _ := env.Svc.Registry(ctx, c.Number, 1, 10)
		if len(p.Entries) != 1 || p.Entries[0].Status != string(certification.Revoked) {
			t.Errorf("registry: %+v", p.Entries)
		}
		if got := strings.Join(eventKinds(t, env, c.Number), " "); got != "revoked@2026-11-27 certified@2026-11-27" {
			t.Errorf("feed events = %s", got)
		}
		if p, _ := env.Svc.Registry(ctx, "内部メモ", 1, 10); p.Total != 0 {
			t.Error("the revocation's reasons are searchable in the registry")
		}
		// R-4.2e: the same service applies again the next day: refused.
		jstMidday(env, "2026-11-28")
		a, v := readyApplication(t, env, who.owner)
		if err := env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("reapplication the day after revocation: %v", err)
		}
		found := false
		for _, m := range env.Mail.Messages() {
			found = found || (m.To == "owner@a.example.jp" && strings.Contains(m.Subject, "取消し"))
		}
		if !found {
			t.Error("the provider was not told of the revocation")
		}
	})
}

// the provider's owner files termination (a member may
// not); the secretariat records the certificate's return once; a
// succession ends a certification as lapsed.
func TestTerminationAndSuccession_R9_10_R11_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		member := principal(env.AddUser(t, "member@a.example.jp", nintei.RoleMember, "株式会社みなとクラウド"))
		term := aftercare.Ending{Kind: certification.Terminated}
		if err := env.Svc.EndCertification(ctx, member, id, term); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("a member terminated: %v", err)
		}
		if err := env.Svc.RecordCertificateReturn(ctx, who.jimu, id, ""); nintei.KindOf(err) != nintei.KindNotFound {
			t.Errorf("a return before the end: %v", err)
		}
		ok(t, env.Svc.EndCertification(ctx, who.owner, id, term))
		if err := env.Svc.RecordCertificateReturn(ctx, who.owner, id, ""); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the provider recorded the return: %v", err)
		}
		ok(t, env.Svc.RecordCertificateReturn(ctx, who.jimu, id, "2026-11-27"))
		if err := env.Svc.RecordCertificateReturn(ctx, who.jimu, id, ""); nintei.KindOf(err) != nintei.KindNotFound {
			t.Errorf("a second return: %v", err)
		}
		end, _ := env.Svc.CertificationEnd(ctx, who.owner, id)
		if end.Kind != "terminated" || end.CertificateReturnedOn.String() != "2026-11-27" {
			t.Errorf("end = %+v", end)
		}

		who2 := actors{owner: principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ")), jimu: who.jimu}
		id2 := certifiedApplication(t, env, who2)
		if err := env.Svc.EndCertification(ctx, who.jimu, id2, aftercare.Ending{Kind: certification.Lapsed, Grounds: []string{"sale"}}); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("an unknown succession: %v", err)
		}
		ok(t, env.Svc.EndCertification(ctx, who.jimu, id2, aftercare.Ending{Kind: certification.Lapsed, Grounds: []string{"merger"}, Reason: "株式会社やまびこは株式会社うみかぜに吸収合併"}))
		c2, _ := env.Svc.Certification(ctx, who2.owner, id2)
		if c2.Status != certification.Lapsed {
			t.Errorf("status after succession = %q", c2.Status)
		}
	})
}

// renewal guidance goes out four months before expiry and again
// when the window opens — once each, whatever how often the sweep runs
// and however many instances run it.
func TestRenewalGuidanceMails_R9_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		certifiedApplication(t, env, who)
		runner := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(runner)
		guidance := func() []string {
			var subjects []string
			for _, m := range env.Mail.Messages() {
				if m.To == "owner@a.example.jp" && strings.Contains(m.Subject, "IP-IoT 0001-2611") {
					subjects = append(subjects, m.Subject)
				}
			}
			return subjects
		}
		runDay := func(day string) {
			t.Helper()
			jstMidday(env, day)
			for range 2 { // twice: the second run must add nothing
				_, err := env.Svc.Sweep(ctx)
				ok(t, err)
				_, err = runner.RunDue(ctx)
				ok(t, err)
			}
		}
		runDay("2028-07-25")
		if g := guidance(); len(g) != 0 {
			t.Errorf("guidance before four months: %q", g)
		}
		runDay("2028-07-26")
		if g := guidance(); len(g) != 1 || !strings.Contains(g[0], "2028年11月26日") {
			t.Errorf("guidance four months before: %q", g)
		}
		runDay("2028-09-26") // 61 days before the last valid day
		if g := guidance(); len(g) != 1 {
			t.Errorf("a second guidance before the window: %q", g)
		}
		runDay("2028-09-27") // 60 days before: the window opens
		if g := guidance(); len(g) != 2 || !strings.Contains(g[1], "2028年10月27日") {
			t.Errorf("guidance when the window opens: %q", g)
		}
	})
}

// the registry's status filter follows the public status — before
// and after the sweep stores it — and offers every end of a certification.
func TestRegistryStatusFilter_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id1 := certifiedApplication(t, env, who)
		who2 := actors{owner: principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ")), jimu: who.jimu}
		id2 := certifiedApplication(t, env, who2)
		ok(t, env.Svc.EndCertification(ctx, who.jimu, id2, aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "x"}))
		c1, _ := env.Svc.Certification(ctx, who.owner, id1)
		c2, _ := env.Svc.Certification(ctx, who2.owner, id2)
		numbers := func(status string) string {
			t.Helper()
			p, err := env.Svc.FilteredRegistry(ctx, "", aftercare.RegistryFilter{Status: status}, 1, 50)
			ok(t, err)
			var out []string
			for _, e := range p.Entries {
				out = append(out, e.Number)
			}
			return strings.Join(out, ",")
		}
		for status, want := range map[string]string{"valid": c1.Number, "revoked": c2.Number, "expired": "", "terminated": ""} {
			if got := numbers(status); got != want {
				t.Errorf("status=%s: %q, want %q", status, got, want)
			}
		}
		jstMidday(env, "2028-11-27") // the day after the last valid day, before the sweep
		if got := numbers("expired"); got != c1.Number {
			t.Errorf("expired before the sweep: %q", got)
		}
		if got := numbers("valid"); got != "" {
			t.Errorf("valid after the last valid day: %q", got)
		}
		_, err := env.Svc.Sweep(ctx)
		ok(t, err)
		if got := numbers("expired"); got != c1.Number {
			t.Errorf("expired after the sweep: %q", got)
		}
	})
}
