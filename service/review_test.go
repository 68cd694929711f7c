package service_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
	"nintei/service/apply"
)

type actors struct {
	owner, jimu, jimu2, shinsa, iin service.Principal
}

func reviewActors(t *testing.T, env *testenv.Env) actors {
	return actors{
		owner:  principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド")),
		jimu:   principal(env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")),
		jimu2:  principal(env.AddUser(t, "jimu2@body.example.jp", nintei.RoleSecretariat, "")),
		shinsa: principal(env.AddUser(t, "shinsa@body.example.jp", nintei.RoleReviewer, "")),
		iin:    principal(env.AddUser(t, "iin@body.example.jp", nintei.RoleCommittee, "")),
	}
}

func version(t *testing.T, env *testenv.Env, id int64) int64 {
	t.Helper()
	a, err := env.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Version
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The certified path: formal review with a return for correction,
// invoice and payment, an inquiry answered with an amendment,
// committee, and a decision by the automatic verdict.
func TestReviewToCertification_R6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		id := a.ID
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, id, version(t, env, id)))
		if err := env.Svc.ReturnForCorrection(ctx, who.jimu, id, version(t, env, id), nil); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("return without comment: %v", err)
		}
		ok(t, env.Svc.ReturnForCorrection(ctx, who.jimu, id, version(t, env, id), map[string]string{"japanese": "IPIOT-005 に英語の記述があります。"}))
		got, _ := env.Svc.Application(ctx, who.owner, id)
		pts, _ := env.Svc.Returned(ctx, got)
		if got.State != application.Returned || len(pts) != 1 {
			t.Fatalf("after return: %s, %+v", got.State, pts)
		}
		ok(t, env.Svc.Submit(ctx, who.owner, id, got.Version, i18n.Japanese)) // resubmit
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, id, version(t, env, id)))
		inv, err := env.Svc.AcceptFormal(ctx, who.jimu, id, version(t, env, id))
		ok(t, err)
		// 190,000 + 10 % tax, due a week after issue (the test clock is 2026-11-27 JST).
		if inv.TotalYen != 209000 || inv.TaxYen != 19000 || inv.DueOn != "2026-12-04" || !strings.HasPrefix(inv.Number, "INV-2026-") {
			t.Errorf("invoice = %+v", inv)
		}
		// Document review cannot start before payment; a wrong amount is refused.
		if err := env.Svc.Assess(ctx, who.shinsa, id, "IPIOT-001", review.AssessOK, ""); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("assess before payment: %v", err)
		}
		if err := env.Svc.ConfirmPayment(ctx, who.jimu, id, version(t, env, id), "2026-11-27", 190000, "振込"); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("short payment: %v", err)
		}
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, id, version(t, env, id), "2026-11-27", 209000, "振込 12345"))
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, "IPIOT-001", review.AssessOK, "確認済み"))
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, "IPIOT-060", review.AssessInquiry, "受付時間が不明"))
		ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, id, version(t, env, id), "IPIOT-060", "電話窓口の受付時間を明記してください。"))
		qs, _ := env.Svc.Inquiries(ctx, who.owner, id)
		amended := formb.Entry{Answer: catalog.Answer{Contacts: []catalog.Contact{{Kind: "phone", Value: "03-1234-5678", Hours: "平日 9:00-18:00（年末年始を除く）"}}},
			EvidenceDoc: "サポート規程", EvidenceLoc: "第3条"}
		ok(t, env.Svc.AnswerInquiry(ctx, who.owner, id, version(t, env, id), qs[0].ID, "受付時間を追記しました。", &amended))
		qs, _ = env.Svc.Inquiries(ctx, who.owner, id)
		if !qs[0].Amended() || !strings.Contains(qs[0].AfterEntry, "年末年始") || qs[0].Open() {
			t.Errorf("inquiry after answer = %+v", qs[0])
		}
		ok(t, env.Svc.ReferToCommittee(ctx, who.jimu, id, version(t, env, id), []int64{who.iin.User.ID}))
		if err := env.Svc.GiveOpinion(ctx, who.iin, id, "問題なし"); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("opinion before declaring: %v", err)
		}
		ok(t, env.Svc.DeclareConflict(ctx, who.iin, id, false, "利害関係はありません。"))
		ok(t, env.Svc.GiveOpinion(ctx, who.iin, id, "開示内容は適切です。"))
		ok(t, env.Svc.ConcludeCommittee(ctx, who.jimu, id, version(t, env, id), "認定して差し支えない", "2026-12-10"))
		// the amended item and the mandatory items nobody judged yet
		// stand in the way until a reviewer judges them adequate.
		if err := env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), ""); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("certify before every mandatory item is assessed: %v", err)
		}
		env.AssessMandatoryOK(t, who.shinsa, id)
		ok(t, env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), ""))
		got, _ = env.Svc.Application(ctx, who.owner, id)
		d, err := env.Svc.Decision(ctx, who.owner, id)
		if got.State != application.Certified || err != nil || d.Outcome != "certified" {
			t.Errorf("decision = %s %+v %v", got.State, d, err)
		}
		// Applicants never see reviewer notes or the committee.
		if _, err := env.Svc.Assessments(ctx, who.owner, id); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("applicant reading assessments: %v", err)
		}
		if _, _, _, err := env.Svc.Committee(ctx, who.owner, id); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("applicant reading the committee: %v", err)
		}
		if n, brk, _ := env.Store.VerifyAudit(ctx); brk != nil || n < 20 {
			t.Errorf("audit = %d events, %v", n, brk)
		}
	})
}

// a failing verdict is not certified, with or
// without a note (there is no override); a refusal needs the items to
// improve.
func TestNotCertified_R5_2_R6_5(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	id := a.ID
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, id, version(t, env, id)))
	_, err := env.Svc.AcceptFormal(ctx, who.jimu, id, version(t, env, id))
	ok(t, err)
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, id, version(t, env, id), "2026-11-27", 209000, ""))
	// The applicant amends a key item to "無" through an inquiry: fails.
	ok(t, env.Svc.OpenInquiry(ctx, who.jimu, id, version(t, env, id), "IPIOT-050", "IoT機器認証の方式を確認させてください。"))
	qs, _ := env.Svc.Inquiries(ctx, who.owner, id)
	no := false
	ok(t, env.Svc.AnswerInquiry(ctx, who.owner, id, version(t, env, id), qs[0].ID, "現在は実施していません。",
		&formb.Entry{Answer: catalog.Answer{Yes: &no}}))
	app, _ := env.Store.Application(ctx, id)
	verdict, _ := env.Svc.AutomaticVerdict(ctx, app)
	if verdict.Pass {
		t.Fatal("verdict passes with a key measure absent (R-5.3)")
	}
	env.AssessMandatoryOK(t, who.shinsa, id)
	if err := env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), "認定すべき理由"); nintei.KindOf(err) != nintei.KindConflict {
		t.Errorf("certify a failing verdict with a written reason: %v", err)
	}
	if err := env.Svc.Refuse(ctx, who.jimu, id, version(t, env, id), "説明", nil); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("refuse without improvements: %v", err)
	}
	ok(t, env.Svc.Refuse(ctx, who.jimu, id, version(t, env, id), "IoT機器認証の仕組みがないため認定できません。",
		[]review.Improvement{{ItemID: "IPIOT-050", Note: "IoT機器の認証の仕組みを導入し、方式を開示してください。"}}))
	d, err := env.Svc.Decision(ctx, who.owner, id)
	if err != nil || d.Outcome != "not_certified" || len(d.Improvements) != 1 {
		t.Errorf("decision = %+v, %v", d, err)
	}
	var decisionMail bool
	for _, m := range env.Mail.Messages() {
		decisionMail = decisionMail || strings.Contains(m.Subject, "審査結果")
	}
	if !decisionMail {
		t.Error("the applicant was not told the result by e-mail")
	}
}

// Two staff acting on the same version at once: exactly one wins, the
// other gets a conflict, and the history has one entry.
func TestConcurrentStaffActions(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		v = version(t, env, a.ID)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, p := range []service.Principal{who.jimu, who.jimu2} {
			wg.Add(1)
			go func(i int, p service.Principal) {
				defer wg.Done()
				errs[i] = env.Svc.StartFormalReview(ctx, p, a.ID, v)
			}(i, p)
		}
		wg.Wait()
		wins := 0
		for _, err := range errs {
			if err == nil {
				wins++
			} else if nintei.KindOf(err) != nintei.KindConflict {
				t.Errorf("loser's error = %v, want a conflict", err)
			}
		}
		hist, _ := env.Store.StateHistory(ctx, a.ID)
		if wins != 1 || len(hist) != 2 { // submitted, formal_review
			t.Errorf("wins = %d, history = %+v", wins, hist)
		}
	})
}

// waiting time apart from review time; compelled disclosure
// recorded with its basis; staff views audited.
func TestDurationsAndConfidentiality_R12(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	env.Clock.Advance(48 * time.Hour)
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	env.Clock.Advance(24 * time.Hour)
	d, err := env.Svc.StateDurations(ctx, who.jimu, a.ID)
	ok(t, err)
	if d[application.Submitted] != 48*time.Hour || d[application.FormalReview] != 24*time.Hour {
		t.Errorf("durations = %v", d)
	}
	order := apply.Disclosure{Basis: apply.DisclosureCompelled, LegalBasis: "東京地裁 令和8年(モ)第123号 文書提出命令",
		Recipient: "東京地方裁判所", Scope: "申請書Bの写し"}
	if err := env.Svc.RecordDisclosure(ctx, who.shinsa, a.ID, order); nintei.KindOf(err) != nintei.KindForbidden {
		t.Errorf("reviewer recording a disclosure: %v", err)
	}
	ok(t, env.Svc.RecordDisclosure(ctx, who.jimu, a.ID, order))
	ok(t, env.Svc.RecordStaffView(ctx, who.shinsa, a.ID, "review"))
	events, _ := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(a.ID, 10)})
	var compelled, viewed bool
	for _, e := range events {
		compelled = compelled || (e.Action == "disclosure.compelled" && strings.Contains(e.Detail, "文書提出命令"))
		viewed = viewed || (e.Action == "application.view" && e.ActorLabel == "shinsa@body.example.jp")
	}
	if !compelled || !viewed {
		t.Errorf("audit lacks the disclosure (%v) or the staff view (%v)", compelled, viewed)
	}
}

// The applicant is reminded of an unpaid invoice; investigation files are
// for staff only.
func TestReminderAndInvestigationFiles(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	if err := env.Svc.Remind(ctx, who.jimu, a.ID); nintei.KindOf(err) != nintei.KindConflict {
		t.Errorf("reminder with nothing owed: %v", err)
	}
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	_, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
	ok(t, err)
	before := len(env.Mail.Messages())
	ok(t, env.Svc.Remind(ctx, who.jimu, a.ID))
	msgs := env.Mail.Messages()
	if len(msgs) != before+1 || !strings.Contains(msgs[len(msgs)-1].Subject, "お支払い") {
		t.Errorf("reminder mails = %+v", msgs[before:])
	}
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, ""))
	ok(t, env.Svc.StartInvestigation(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	att, err := env.Svc.AddInvestigationFile(ctx, who.jimu, a.ID, "現地調査報告.pdf", strings.NewReader(testenv.TinyPDF))
	ok(t, err)
	own, _ := env.Svc.Attachments(ctx, who.owner, a.ID)
	for _, x := range own {
		if x.ID == att.ID {
			t.Error("the applicant lists an investigation file")
		}
	}
	if _, _, err := env.Svc.OpenAttachment(ctx, who.owner, a.ID, att.ID); nintei.KindOf(err) != nintei.KindNotFound {
		t.Errorf("the applicant opening an investigation file: %v", err)
	}
	_, r, err := env.Svc.OpenAttachment(ctx, who.shinsa, a.ID, att.ID)
	ok(t, err)
	r.Close()
}
