package service_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"nintei/certification"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/registry"
)

// certifiedApplication takes a ready application through review to certified.
func certifiedApplication(t *testing.T, env *testenv.Env, who actors) int64 {
	t.Helper()
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	_, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
	ok(t, err)
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, ""))
	env.AssessMandatoryOK(t, who.jimu, a.ID)
	ok(t, env.Svc.Certify(ctx, who.jimu, a.ID, version(t, env, a.ID), ""))
	return a.ID
}

// certifying numbers the service, sets
// its validity, and publishes its answers as written — and nothing of the
// review or the attachments.
func TestCertificationIsPublished_R7_R8(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		// The test clock reads 2026-11-27 in Japan.
		if c.Number != "IP-IoT 0001-2611" || c.CertifiedOn.String() != "2026-11-27" || c.ValidUntil.String() != "2028-11-26" {
			t.Errorf("certification = %+v", c)
		}
		page, err := env.Svc.Registry(ctx, "", 1, 50)
		ok(t, err)
		if page.Total != 1 || page.Entries[0].Number != c.Number || page.Entries[0].Status != "valid" {
			t.Errorf("registry = %+v", page)
		}
		for _, q := range []string{"みなと", "ＩｏＴ", "iot", "認証"} { // 2-character and full-width queries
			if p, _ := env.Svc.Registry(ctx, q, 1, 50); p.Total != 1 {
				t.Errorf("search %q found %d", q, p.Total)
			}
		}
		pub, status, err := env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		if status != "valid" || len(pub.Items) != 68 || pub.ProviderName != "株式会社みなとクラウド" {
			t.Errorf("public service = %s, %d items, %q", status, len(pub.Items), pub.ProviderName)
		}
		raw, _ := json.Marshal(pub)
		for _, secret := range []string{"仕様書.pdf", "登記.pdf", "サービス仕様書", "evidence", "sha256", "03-1234-5678\",\"contact"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("the published snapshot contains %q", secret)
			}
		}
		if _, _, err := env.Svc.RegistryService(ctx, "IP-IoT 9999-2611"); err == nil {
			t.Error("unknown number found")
		}
		// The public status follows the calendar: expired the day after the last valid day.
		env.Clock.T = env.Clock.T.AddDate(2, 0, 0)
		page, _ = env.Svc.Registry(ctx, "", 1, 50)
		if page.Entries[0].Status != "expired" {
			t.Errorf("status two years later = %s", page.Entries[0].Status)
		}
	})
}

// withheld answers leave every public surface at approval and come
// back on the day after the period, with no manual step.
func TestWithholding_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, _ := env.Svc.Certification(ctx, who.owner, id)
		pub, _, _ := env.Svc.RegistryService(ctx, c.Number)
		var secret string
		for _, a := range pub.Items {
			if a.ItemID == "IPIOT-005" {
				secret = a.Text
			}
		}
		if err := env.Svc.RequestWithholding(ctx, who.owner, id, []string{"IPIOT-005"}, "", "2027-03-31"); err == nil {
			t.Error("a request without a reason was accepted")
		}
		ok(t, env.Svc.RequestWithholding(ctx, who.owner, id, []string{"IPIOT-005"}, "契約交渉中のため", "2027-03-31"))
		ws, _ := env.Svc.Withholdings(ctx, who.owner, id)
		if err := env.Svc.DecideWithholding(ctx, who.owner, id, ws[0].ID, true, ""); err == nil {
			t.Error("the applicant approved their own request")
		}
		ok(t, env.Svc.DecideWithholding(ctx, who.jimu, id, ws[0].ID, true, ""))
		withheld := func() (string, string) {
			pub, _, err := env.Svc.RegistryService(ctx, c.Number)
			ok(t, err)
			cmp, err := env.Svc.CompareServices(ctx, []string{c.Number})
			ok(t, err)
			for i, a := range pub.Items {
				got, want := cmp[0].Items[i], a
				got.Category, want.Category = nil, nil // the comparison does not show the category path
				if !reflect.DeepEqual(got, want) {
					t.Errorf("comparison shows %+v where the service page shows %+v", cmp[0].Items[i], a)
				}
				if a.ItemID == "IPIOT-005" {
					return a.Text, a.WithheldUntil
				}
			}
			return "", ""
		}
		if text, until := withheld(); text != "" || until != "2027-03-31" {
			t.Errorf("after approval: %q until %q", text, until)
		}
		raw, _ := env.Store.RegistryEntryByNumber(ctx, c.Number)
		if strings.Contains(raw.Snapshot, secret) && secret != "" {
			t.Error("the withheld text is still in the published snapshot")
		}
		if p, _ := env.Svc.Registry(ctx, secret, 1, 10); p.Total != 0 {
			t.Error("the withheld answer is still found by search")
		}
		env.Clock.T = time.Date(2027, 3, 31, 3, 0, 0, 0, time.UTC) // 2027-03-31 12:00 JST: last withheld day
		if text, _ := withheld(); text != "" {
			t.Errorf("shown on the last day of withholding: %q", text)
		}
		env.Clock.T = time.Date(2027, 3, 31, 15, 0, 0, 0, time.UTC) // 2027-04-01 00:00 JST
		if text, until := withheld(); text != secret || until != "" {
			t.Errorf("the day after: %q until %q, want %q", text, until, secret)
		}
	})
}

// public pages read the compact form with the edition's wording;
// what they show is exactly the published JSON snapshot, item by item.
func TestPublicPagesShowTheSnapshotExactly_R7_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		raw, err := env.Store.RegistryEntryByNumber(ctx, c.Number)
		ok(t, err)
		var snap registry.Service
		ok(t, json.Unmarshal([]byte(raw.Snapshot), &snap))
		pub, _, err := env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		if !reflect.DeepEqual(pub, snap) {
			t.Errorf("the page's service differs from the snapshot:\n%+v\n%+v", pub, snap)
		}
	})
}

// verification reads only the header, and says exactly what the
// service page says about it; an unknown number is not found.
func TestVerifyServiceMatchesTheRegistry_R8_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, _ := env.Svc.Certification(ctx, who.owner, id)
		full, status, err := env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		head, vstatus, err := env.Svc.VerifyService(ctx, c.Number)
		ok(t, err)
		if head.Number != full.Number || head.ServiceName != full.ServiceName || head.ProviderName != full.ProviderName ||
			head.CertifiedOn != full.CertifiedOn || head.ValidUntil != full.ValidUntil || vstatus != status || len(head.Items) != 0 {
			t.Errorf("verify %+v %s, registry %+v %s", head, vstatus, full, status)
		}
		jstMidday(env, "2028-11-27")
		if _, st, _ := env.Svc.VerifyService(ctx, c.Number); st != string(certification.Expired) {
			t.Errorf("status the day after expiry = %s", st)
		}
		if _, _, err := env.Svc.VerifyService(ctx, "IP-IoT 9999-2611"); err == nil || !strings.Contains(err.Error(), "unknown_number") {
			t.Errorf("unknown number: %v", err)
		}
	})
}
