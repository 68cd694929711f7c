package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/certification"
	"nintei/civil"
	"nintei/internal/jobs"
	"nintei/internal/testenv"
	"nintei/service/aftercare"
)

// Imported services live on as if certified here: the renewal guidance
// goes to the provider's owner four months before expiry, the
// secretariat can revoke one, and the expiry sweep ends the
// other after its last valid day.
func TestMovedInLifecycle_R8_2_R9_1_R11_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
		cur, err := env.Svc.CurrentEdition(ctx, "")
		ok(t, err)
		_, ed, err := env.Svc.Edition(ctx, cur.ID)
		ok(t, err)
		var rows []moveRow
		for i, on := range []string{"2025-06-10", "2025-07-01"} {
			d := civil.MustParse(on)
			rows = append(rows, moveRow{number: certification.Number("IP-IoT", int64(7+i), d), service: "移行サービス" + on,
				provider: "株式会社移行", cn: corporateNumber("100000000001"), certifiedOn: d,
				validUntil: certification.ValidUntil(d, 2), status: certification.Valid, marker: "回答"})
		}
		files, _ := moveFiles(t, ed, rows)
		rep, err := env.Svc.ImportCertifications(ctx, admin, files, "certifications.csv", false)
		ok(t, err)
		env.AddUser(t, "owner@ikou.example.jp", nintei.RoleOwner, "株式会社移行")
		jimu := principal(env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, ""))
		runner := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(runner)
		runDay := func(day string) {
			t.Helper()
			jstMidday(env, day)
			_, err := env.Svc.Sweep(ctx)
			ok(t, err)
			_, err = runner.RunDue(ctx)
			ok(t, err)
		}
		runDay("2027-02-09") // four months before 2027-06-09
		guided := false
		for _, m := range env.Mail.Messages() {
			guided = guided || (m.To == "owner@ikou.example.jp" && strings.Contains(m.Subject, rows[0].number))
		}
		if !guided {
			t.Errorf("R-9.1: no renewal guidance for %s", rows[0].number)
		}
		ok(t, env.Svc.EndCertification(ctx, jimu, rep.Certified[1].ApplicationID, aftercare.Ending{Kind: certification.Revoked,
			Grounds: []string{"i"}, Reason: "改善の要請に応じなかった"}))
		if _, status, _ := env.Svc.RegistryService(ctx, rows[1].number); status != string(certification.Revoked) {
			t.Errorf("R-11.5: %s is %s after the revocation", rows[1].number, status)
		}
		runDay("2027-06-10")
		c, err := env.Store.CertificationOfApplication(ctx, rep.Certified[0].ApplicationID)
		ok(t, err)
		if c.Status != certification.Expired {
			t.Errorf("R-8.2: %s is %s the day after its last valid day", c.Number, c.Status)
		}
	})
}
