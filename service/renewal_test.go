package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// textItems returns n items answered with free text, to change in a renewal.
func textItems(t *testing.T, env *testenv.Env, a application.Application, n int) []catalog.Item {
	t.Helper()
	ed, err := env.Svc.ApplicationEdition(ctx, a)
	ok(t, err)
	var out []catalog.Item
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText && len(out) < n {
			out = append(out, it)
		}
	}
	if len(out) < n {
		t.Fatalf("the edition has %d long-text items, want %d", len(out), n)
	}
	return out
}

// preparedRenewal opens the renewal of a certified application, changes
// the answers of two items with new evidence for them, and
// declares proper mark use. It returns the renewal and the items.
func preparedRenewal(t *testing.T, env *testenv.Env, who actors, certifiedID int64) (application.Application, []catalog.Item) {
	t.Helper()
	r, err := env.Svc.OpenRenewal(ctx, who.owner, certifiedID)
	ok(t, err)
	items := textItems(t, env, r, 2)
	form, err := env.Svc.FormB(ctx, who.owner, r)
	ok(t, err)
	var entries []formb.Entry
	var ids []string
	for i, it := range items {
		e := form[it.ID]
		e.Answer.Value = "更新で書き換えた回答" + string(rune('A'+i))
		entries = append(entries, e)
		ids = append(ids, it.ID)
	}
	_, err = env.Svc.SaveFormB(ctx, who.owner, r.ID, version(t, env, r.ID), entries)
	ok(t, err)
	pc, err := env.Svc.RunPrecheck(ctx, who.owner, r.ID)
	ok(t, err)
	for _, id := range ids {
		if !hasFinding(pc, id, formb.EvidenceFileMissing) {
			t.Errorf("R-9.6: changed item %s needs no new evidence: %+v", id, pc.Findings)
		}
	}
	if !slicesContains(formAKeys(pc), "precheck.mark_use_missing") {
		t.Errorf("R-9.3: no mark-use declaration asked for: %v", formAKeys(pc))
	}
	_, err = env.Svc.AddAttachment(ctx, who.owner, r.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: "改訂版仕様書.pdf", ItemIDs: ids, Body: strings.NewReader(testenv.TinyPDF)})
	ok(t, err)
	_, err = env.Svc.DeclareMarkUse(ctx, who.owner, r.ID, version(t, env, r.ID))
	ok(t, err)
	pc, err = env.Svc.RunPrecheck(ctx, who.owner, r.ID)
	ok(t, err)
	if pc.Blocking() {
		t.Fatalf("the prepared renewal does not pass the pre-check: %v %+v", formAKeys(pc), pc.Findings)
	}
	r, err = env.Store.Application(ctx, r.ID)
	ok(t, err)
	return r, items
}

func hasFinding(pc apply.Precheck, itemID, code string) bool {
	for _, f := range pc.Findings {
		if f.ItemID == itemID && f.Code == code {
			return true
		}
	}
	return false
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func submitAt(t *testing.T, env *testenv.Env, who actors, id int64, day string) error {
	t.Helper()
	jstMidday(env, day)
	return env.Svc.Submit(ctx, who.owner, id, version(t, env, id), i18n.Japanese)
}

// at its boundaries: the certification of 2026-11-27 is valid until
// 2028-11-26, so a renewal may be opened from the guidance day four months
// before (2028-07-26) and handed in from 60 days (2028-09-27) to 30 days
// (2028-10-27) before expiry — not 61 or 29 days before.
func TestRenewalWindow_R9_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		if c.ValidUntil.String() != "2028-11-26" {
			t.Fatalf("valid until %s", c.ValidUntil)
		}
		jstMidday(env, "2028-07-25")
		if _, err := env.Svc.OpenRenewal(ctx, who.owner, id); nintei.KindOf(err) != nintei.KindConflict || !strings.Contains(env.Msgs.T(i18n.Japanese, "error.renewal.too_early", errArgs(err)), "2028年7月26日") {
			t.Errorf("open a day before the guidance day: %v", err)
		}
		if _, err := env.Svc.OpenRenewal(ctx, who.jimu, id); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the secretariat opened a renewal: %v", err)
		}
		jstMidday(env, "2028-07-26")
		r, _ := preparedRenewal(t, env, who, id)
		if _, err := env.Svc.OpenRenewal(ctx, who.owner, id); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("a second renewal opened: %v", err)
		}
		for _, day := range []string{"2028-09-26", "2028-10-28"} { // 61 and 29 days before
			err := submitAt(t, env, who, r.ID, day)
			msg := env.Msgs.T(i18n.Japanese, "error.renewal.window", errArgs(err))
			if nintei.KindOf(err) != nintei.KindConflict || !strings.Contains(msg, "2028年9月27日") || !strings.Contains(msg, "2028年10月27日") {
				t.Errorf("%s: submit = %v (%s), want refused naming the window", day, err, msg)
			}
		}
		ok(t, submitAt(t, env, who, r.ID, "2028-09-27")) // 60 days before
		c, _ = env.Svc.Certification(ctx, who.owner, id)
		if c.Status != certification.RenewalPending {
			t.Errorf("status after hand-in = %q", c.Status)
		}
		ok(t, env.Svc.Withdraw(ctx, who.owner, r.ID, version(t, env, r.ID)))
		c, _ = env.Svc.Certification(ctx, who.owner, id)
		if c.Status != certification.Valid {
			t.Errorf("status after withdrawing the renewal = %q", c.Status)
		}
		jstMidday(env, "2028-10-27")
		r2, _ := preparedRenewal(t, env, who, id)
		ok(t, submitAt(t, env, who, r2.ID, "2028-10-27")) // 30 days before
		jstMidday(env, "2028-10-28")
		if _, err := env.Svc.OpenRenewal(ctx, who.owner, id); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("opened after the window closed: %v", err)
		}
	})
}

// renewalThroughReview takes a handed-in renewal through formal review,
// the renewal fee and document review.
func renewalThroughReview(t *testing.T, env *testenv.Env, who actors, id int64) {
	t.Helper()
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, id, version(t, env, id)))
	inv, err := env.Svc.AcceptFormal(ctx, who.jimu, id, version(t, env, id))
	ok(t, err)
	if inv.TotalYen != 104500 {
		t.Errorf("R-4.6: renewal fee = %d yen, want 104,500", inv.TotalYen)
	}
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, id, version(t, env, id), env.Svc.Today().Format("2006-01-02"), inv.TotalYen, ""))
}

// a renewal handed in within the window keeps the
// certification in force across its expiry; only the two changed items
// are shown for review; on the decision the number and serial stay, the
// new term runs two years from the day after the old last valid day, and
// the registry shows the new answers with a "renewed" feed event.
func TestRenewalAcrossExpiry_R9_2_R9_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		before, _ := env.Svc.Certification(ctx, who.owner, id)
		jstMidday(env, "2028-10-01")
		r, items := preparedRenewal(t, env, who, id)
		ok(t, submitAt(t, env, who, r.ID, "2028-10-01"))

		view, err := env.Svc.Renewal(ctx, who.shinsa, r.ID)
		ok(t, err)
		if len(view.Changes) != 2 || view.Changes[0].Item.ID != items[0].ID || view.Changes[1].Item.ID != items[1].ID ||
			view.Changes[0].Kind != aftercare.ChangeAnswer || !strings.HasPrefix(view.Changes[0].AfterText, "更新で書き換えた回答") {
			t.Errorf("R-9.4: changes = %+v", view.Changes)
		}
		if view.Unchanged == 0 || view.Opens != "2028-09-27" || view.Closes != "2028-10-27" {
			t.Errorf("unchanged %d, window %s–%s", view.Unchanged, view.Opens, view.Closes)
		}
		renewalThroughReview(t, env, who, r.ID)

		for _, day := range []string{"2028-11-26", "2028-11-27", "2028-12-10"} { // the last valid day, the day after, later
			jstMidday(env, day)
			_, err := env.Svc.Sweep(ctx)
			ok(t, err)
			c, _ := env.Svc.Certification(ctx, who.owner, id)
			if c.Status != certification.RenewalPending {
				t.Errorf("R-9.2: %s: status %q", day, c.Status)
			}
			var svg strings.Builder
			if err := env.Svc.MarkSVG(ctx, who.owner, id, &svg); err != nil {
				t.Errorf("R-9.2: %s: mark refused while the renewal is pending: %v", day, err)
			}
		}
		env.AssessMandatoryOK(t, who.jimu, r.ID)
		ok(t, env.Svc.Certify(ctx, who.jimu, r.ID, version(t, env, r.ID), ""))
		after, err := env.Svc.Certification(ctx, who.owner, r.ID)
		ok(t, err)
		if after.ID != before.ID || after.Number != before.Number || after.Serial != before.Serial {
			t.Errorf("the renewal changed the number: %+v → %+v", before, after)
		}
		if after.TermStartsOn.String() != "2028-11-27" || after.ValidUntil.String() != "2030-11-26" || after.RenewedOn.String() != "2028-12-10" ||
			after.IssuedOn().String() != "2028-12-10" || after.Status != certification.Valid {
			t.Errorf("new term %+v, want 2028-11-27 to 2030-11-26, renewed 2028-12-10", after)
		}
		if old, _ := env.Svc.Certification(ctx, who.owner, id); old.ValidUntil.String() != "2030-11-26" {
			t.Errorf("the first application does not see the renewed term: %+v", old)
		}
		pub, status, err := env.Svc.RegistryService(ctx, after.Number)
		ok(t, err)
		if status != string(certification.Valid) || pub.ValidUntil != "2030-11-26" || pub.CertifiedOn != before.CertifiedOn.String() {
			t.Errorf("registry: %s %s %s", status, pub.CertifiedOn, pub.ValidUntil)
		}
		for _, a := range pub.Items {
			if a.ItemID == items[1].ID && a.Text != "更新で書き換えた回答B" {
				t.Errorf("registry answer of %s = %q", a.ItemID, a.Text)
			}
		}
		if got := strings.Join(eventKinds(t, env, after.Number), " "); got != "renewed@2028-12-10 certified@2026-11-27" {
			t.Errorf("feed = %s", got)
		}
		if _, err := env.Svc.OpenRenewal(ctx, who.owner, r.ID); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("renewal of the new term before its guidance day: %v", err)
		}
	})
}

// a renewal refused after the expiry date ends the certification on
// the day of the decision; withdrawn before expiry, it leaves it valid.
func TestRenewalRefusedAfterExpiry_R9_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		jstMidday(env, "2028-10-01")
		r, items := preparedRenewal(t, env, who, id)
		ok(t, submitAt(t, env, who, r.ID, "2028-10-01"))
		renewalThroughReview(t, env, who, r.ID)
		jstMidday(env, "2028-12-01")
		ok(t, env.Svc.Refuse(ctx, who.jimu, r.ID, version(t, env, r.ID), "R-9.7: 証跡が有効期間内に補正されなかった",
			[]review.Improvement{{ItemID: items[0].ID, Note: "変更の証跡を提出してください"}}))
		c, _ := env.Svc.Certification(ctx, who.owner, id)
		if c.Status != certification.Expired {
			t.Errorf("status after refusal = %q", c.Status)
		}
		if got := strings.Join(eventKinds(t, env, c.Number), " "); got != "expired@2028-12-01 certified@2026-11-27" {
			t.Errorf("feed = %s", got)
		}
		pub, _, err := env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		for _, a := range pub.Items {
			if a.ItemID == items[0].ID && strings.HasPrefix(a.Text, "更新で") {
				t.Errorf("a refused renewal's answer was published: %q", a.Text)
			}
		}
	})
}
