package service_test

import (
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
)

// Items of the shipped edition the decision tests lean on.
const (
	mandatoryItem = "IPIOT-001"  // 開示情報の年月日: mandatory, not a key item
	keyItem       = "IPIOT-050"  // IoT機器認証: mandatory key item
	optionalItem  = "IPIOT-006a" // 代表者経歴: optional (選択)
)

// refusedNaming checks that certify was refused as a conflict whose
// message names the item (its ID and its catalog name).
func refusedNaming(t *testing.T, env *testenv.Env, id int64, err error, itemID string) {
	t.Helper()
	var ne *nintei.Error
	if !errors.As(err, &ne) || ne.Kind != nintei.KindConflict || ne.Key != "error.decision.not_certifiable" {
		t.Fatalf("certify = %v, want the criteria's refusal", err)
	}
	ed, err := env.Svc.ApplicationEdition(ctx, mustApp(t, env, id))
	ok(t, err)
	msg := env.Msgs.T("ja", ne.Key, ne.Args)
	if !strings.Contains(msg, itemID) || !strings.Contains(msg, ed.ItemOrZero(itemID).NameJA) {
		t.Errorf("message %q does not name %s and its name", msg, itemID)
	}
}

var admins atomic.Int64

// certifyByAnyone tries the decision as the secretariat and the
// administrator, with a note: no one certifies a blocked application.
func certifyByAnyone(t *testing.T, env *testenv.Env, who actors, id int64, itemID string) {
	t.Helper()
	admin := principal(env.AddUser(t, "admin-"+strconv.FormatInt(admins.Add(1), 10)+"@body.example.jp", nintei.RoleAdmin, ""))
	for _, p := range []service.Principal{who.jimu, admin} {
		refusedNaming(t, env, id, env.Svc.Certify(ctx, p, id, version(t, env, id), "理由があっても認定できない"), itemID)
	}
	if a, _ := env.Store.Application(ctx, id); a.State != application.DocumentReview {
		t.Errorf("state after refused certify = %s", a.State)
	}
}

// A key item whose measure is absent blocks certification, whoever
// decides and whatever note they give: no override.
func TestCertifyBlockedByKeyItemNotInPlace_R5_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id, _ := inDocumentReview(t, env, who)
		ok(t, env.Svc.OpenInquiry(ctx, who.jimu, id, version(t, env, id), keyItem, "IoT機器認証の方式を確認させてください。"))
		qs, _ := env.Svc.Inquiries(ctx, who.owner, id)
		no := false
		ok(t, env.Svc.AnswerInquiry(ctx, who.owner, id, version(t, env, id), qs[0].ID, "現在は実施していません。",
			&formb.Entry{Answer: catalog.Answer{Yes: &no}}))
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, keyItem, review.AssessOK, "")) // even judged ok, the measure is absent
		certifyByAnyone(t, env, who, id, keyItem)
	})
}

// A mandatory item judged 不適 blocks certification until it is judged
// again; once re-assessed 適 the application is certified.
func TestCertifyBlockedByMandatoryNotMet_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id, _ := inDocumentReview(t, env, who)
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, mandatoryItem, review.AssessNotMet, "日付が不明確"))
		certifyByAnyone(t, env, who, id, mandatoryItem)
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, mandatoryItem, review.AssessOK, "確認済み"))
		ok(t, env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), ""))
	})
}

// A mandatory item not yet judged adequate (未評価, or still 照会) blocks
// certification.
func TestCertifyBlockedByMandatoryUnassessed_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		id := a.ID
		ok(t, env.Svc.Submit(ctx, who.owner, id, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, id, version(t, env, id)))
		_, err := env.Svc.AcceptFormal(ctx, who.jimu, id, version(t, env, id))
		ok(t, err)
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, id, version(t, env, id), "2026-11-27", 209000, ""))
		ready, err := env.Svc.CertifyReadiness(ctx, mustApp(t, env, id))
		ok(t, err)
		if !ready.Verdict.Pass || ready.Certifiable() || len(ready.Blockers) == 0 {
			t.Fatalf("nothing assessed yet: %+v", ready)
		}
		certifyByAnyone(t, env, who, id, mandatoryItem)
		env.AssessMandatoryOK(t, who.shinsa, id)
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, mandatoryItem, review.AssessInquiry, "確認中"))
		certifyByAnyone(t, env, who, id, mandatoryItem) // "inquiry" is not "adequate"
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, mandatoryItem, review.AssessOK, ""))
		ok(t, env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), ""))
	})
}

// Optional items never decide the result: one judged 不適 does not
// block; every mandatory item judged 適 certifies. The note is kept for
// staff and never shown to the applicant.
func TestCertifyOptionalItemsNeverDecide_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id, _ := inDocumentReview(t, env, who)
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, optionalItem, review.AssessNotMet, "記載が薄い"))
		ok(t, env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), "  委員会の意見を踏まえて判定  "))
		staff, err := env.Svc.Decision(ctx, who.jimu, id)
		ok(t, err)
		mine, err := env.Svc.Decision(ctx, who.owner, id)
		ok(t, err)
		if staff.Outcome != "certified" || staff.Note != "委員会の意見を踏まえて判定" || mine.Note != "" {
			t.Errorf("staff's decision %+v, applicant's %+v", staff, mine)
		}
	})
}

// An inquiry answered with an amendment resets the item's assessment: the
// new text is judged again before certification. An answer
// without an amendment keeps it.
func TestAmendedItemIsAssessedAgain_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id, _ := inDocumentReview(t, env, who) // every mandatory item 適
		ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, id, version(t, env, id), "IPIOT-060", "受付時間を明記してください。"))
		ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, id, version(t, env, id), mandatoryItem, "日付の根拠は？"))
		qs, _ := env.Svc.Inquiries(ctx, who.owner, id)
		amended := formb.Entry{Answer: catalog.Answer{Contacts: []catalog.Contact{{Kind: "phone", Value: "03-1234-5678", Hours: "平日 9:00-18:00"}}},
			EvidenceDoc: "サポート規程", EvidenceLoc: "第3条"}
		ok(t, env.Svc.AnswerInquiry(ctx, who.owner, id, version(t, env, id), qs[0].ID, "追記しました。", &amended))
		ok(t, env.Svc.AnswerInquiry(ctx, who.owner, id, version(t, env, id), qs[1].ID, "規程の制定日です。", nil))
		as, err := env.Svc.Assessments(ctx, who.jimu, id)
		ok(t, err)
		if _, stale := as["IPIOT-060"]; stale {
			t.Error("the amended item keeps its earlier assessment")
		}
		if as[mandatoryItem].Verdict != review.AssessOK {
			t.Errorf("an answer without amendment reset the assessment: %+v", as[mandatoryItem])
		}
		certifyByAnyone(t, env, who, id, "IPIOT-060")
		ok(t, env.Svc.Assess(ctx, who.shinsa, id, "IPIOT-060", review.AssessOK, ""))
		ok(t, env.Svc.Certify(ctx, who.jimu, id, version(t, env, id), ""))
	})
}

func asNinteiError(err error, target **nintei.Error) bool { return errors.As(err, target) }

func mustApp(t *testing.T, env *testenv.Env, id int64) application.Application {
	t.Helper()
	a, err := env.Store.Application(ctx, id)
	ok(t, err)
	return a
}
