package service_test

import (
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// applications are accepted at any time (随時) — on a national
// holiday late at night as on a working day.
func TestApplicationsAcceptedAnyTime_R4_5(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	for _, at := range []time.Time{
		time.Date(2027, 1, 1, 14, 30, 0, 0, time.UTC), // 元日, 23:30 JST
		time.Date(2027, 5, 2, 0, 0, 0, 0, time.UTC),   // a Sunday in Golden Week, 09:00 JST
	} {
		env.Clock.T = at
		a, v := readyApplication(t, env, who.owner)
		if err := env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese); err != nil {
			t.Errorf("R-4.5: submission at %s refused: %v", at, err)
			continue
		}
		got, _ := env.Svc.Application(ctx, who.owner, a.ID)
		if got.State != application.Submitted {
			t.Errorf("R-4.5: after submission at %s the state is %s", at, got.State)
		}
	}
}

// the committee's opinion may be heard before certifying: only
// committee members are referred; a member declares conflicts of interest
// before giving an opinion; the secretariat records the conclusion, and the
// application returns to document review for the decision.
func TestCommitteeOpinion_R6_4(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	id := paidApplication(t, env, who)
	if err := env.Svc.ReferToCommittee(ctx, who.jimu, id, version(t, env, id), nil); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("R-6.4: referred to nobody: %v", err)
	}
	if err := env.Svc.ReferToCommittee(ctx, who.jimu, id, version(t, env, id), []int64{who.shinsa.User.ID}); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("R-6.4: a reviewer referred as a committee member: %v", err)
	}
	ok(t, env.Svc.ReferToCommittee(ctx, who.jimu, id, version(t, env, id), []int64{who.iin.User.ID}))
	if err := env.Svc.GiveOpinion(ctx, who.iin, id, "問題なし"); nintei.KindOf(err) != nintei.KindConflict {
		t.Errorf("R-6.4: an opinion before the conflict declaration: %v", err)
	}
	ok(t, env.Svc.DeclareConflict(ctx, who.iin, id, false, "利害関係はありません。"))
	ok(t, env.Svc.GiveOpinion(ctx, who.iin, id, "開示内容は適切です。"))
	if err := env.Svc.ConcludeCommittee(ctx, who.jimu, id, version(t, env, id), " ", "2026-12-10"); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("R-6.4: a meeting concluded without a conclusion: %v", err)
	}
	ok(t, env.Svc.ConcludeCommittee(ctx, who.jimu, id, version(t, env, id), "認定して差し支えない", "2026-12-10"))
	members, conclusion, _, err := env.Svc.Committee(ctx, who.jimu, id)
	ok(t, err)
	if len(members) != 1 || members[0].Opinion != "開示内容は適切です。" || conclusion != "認定して差し支えない" {
		t.Errorf("R-6.4: committee = %+v, conclusion %q", members, conclusion)
	}
	if got, _ := env.Svc.Application(ctx, who.jimu, id); got.State != application.DocumentReview {
		t.Errorf("R-6.4: after the committee the state is %s, want document review", got.State)
	}
}

// paidApplication is a submitted application past formal review and
// payment: in document review.
func paidApplication(t *testing.T, env *testenv.Env, who actors) int64 {
	t.Helper()
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
	ok(t, err)
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), env.Svc.Today().Format("2006-01-02"), inv.TotalYen, ""))
	return a.ID
}

// at renewal an unchanged answer whose evidence document was
// revised is shown for review as an evidence change, with the latest
// evidence; an item left alone is not shown.
func TestRenewalRevisedEvidence_R9_8(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	id := certifiedApplication(t, env, who)
	jstMidday(env, "2028-10-01")
	r, items := preparedRenewal(t, env, who, id)
	form, err := env.Svc.FormB(ctx, who.owner, r)
	ok(t, err)
	var revised string
	for _, it := range textItems(t, env, r, 3)[2:] { // a third item, its answer unchanged
		e := form[it.ID]
		e.EvidenceDoc = "サービス仕様書 第2版（2028年9月改訂）"
		_, err = env.Svc.SaveFormB(ctx, who.owner, r.ID, version(t, env, r.ID), []formb.Entry{e})
		revised = it.ID
	}
	ok(t, err)
	// The pre-check asks for the revised document itself (R-9.8: the latest evidence is submitted).
	if err := submitAt(t, env, who, r.ID, "2028-10-01"); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("R-9.8: handed in without the revised document: %v", err)
	}
	_, err = env.Svc.AddAttachment(ctx, who.owner, r.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: "サービス仕様書第2版.pdf", ItemIDs: []string{revised}, Body: strings.NewReader(testenv.TinyPDF)})
	ok(t, err)
	ok(t, submitAt(t, env, who, r.ID, "2028-10-01"))
	view, err := env.Svc.Renewal(ctx, who.shinsa, r.ID)
	ok(t, err)
	kinds := map[string]string{}
	for _, c := range view.Changes {
		kinds[c.Item.ID] = c.Kind
		if c.Item.ID == revised && !strings.Contains(c.After.EvidenceDoc, "第2版") {
			t.Errorf("R-9.8: the revised evidence is not the latest: %+v", c.After)
		}
	}
	if kinds[revised] != aftercare.ChangeEvidence || kinds[items[0].ID] != aftercare.ChangeAnswer || len(view.Changes) != 3 {
		t.Errorf("R-9.8: changes = %v, want %s as an evidence change beside the two changed answers", kinds, revised)
	}
}

// the formal review checks that every document is there as
// specified: with the proof of existence gone after submission, the
// checklist shows it missing and the formal review cannot be accepted (no
// invoice is issued) until it is back.
func TestFormalReviewNeedsEveryDocument_R6_1(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	atts, err := env.Store.Attachments(ctx, a.ID)
	ok(t, err)
	for _, f := range atts {
		if f.Purpose == application.PurposeExistence {
			ok(t, env.Store.RemoveAttachment(ctx, a.ID, f.ID))
		}
	}
	got, _ := env.Svc.Application(ctx, who.jimu, a.ID)
	points, err := env.Svc.Checklist(ctx, got)
	ok(t, err)
	missing := ""
	for _, pt := range points {
		if pt.Auto == "missing" {
			missing += pt.Key
		}
	}
	if missing != "existence" {
		t.Errorf("R-6.1: missing points %q, want the proof of existence", missing)
	}
	if _, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID)); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("R-6.1: formal review accepted with the proof of existence missing: %v", err)
	}
	if invs, _ := env.Svc.Invoices(ctx, who.jimu, a.ID); len(invs) != 0 {
		t.Errorf("R-6.1: invoiced before the formal review was complete: %+v", invs)
	}
}
