package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
	"nintei/store"
)

const (
	draft1 = "iaas-paas-iot-2018-draft1"
	draft2 = "iaas-paas-iot-2018-draft2"
)

func demoDraft2(t *testing.T) (edition, mapping []byte) {
	return readFile(t, "../tools/demo/editions/iaas-paas-iot-2018-draft2.yaml"),
		readFile(t, "../tools/demo/editions/iaas-paas-iot-2018-draft2.mapping.yaml")
}

func markOf(marks []store.FormBMark, id string) string {
	for _, m := range marks {
		if m.ItemID == id {
			return m.Kind + "/" + m.Map
		}
	}
	return ""
}

// checkMoved checks a form moved from draft 1 to draft 2: kept answers
// carried as they were, the merged item joined, the split item copied to
// both parts, the new item empty, and exactly those four items marked.
func checkMoved(t *testing.T, env *testenv.Env, p service.Principal, id int64, old formb.Form) {
	t.Helper()
	a, err := env.Svc.Application(ctx, p, id)
	ok(t, err)
	if a.EditionID != draft2 {
		t.Fatalf("application %d is on %s", id, a.EditionID)
	}
	form, err := env.Svc.FormB(ctx, p, a)
	ok(t, err)
	if form["IPIOT-036"].Answer.Value != old["IPIOT-036"].Answer.Value || form["IPIOT-001"].Answer.Value != old["IPIOT-001"].Answer.Value {
		t.Errorf("kept answers changed: %+v", form["IPIOT-036"])
	}
	merged := form["IPIOT-033"].Answer.Detail
	if !strings.Contains(merged, old["IPIOT-033"].Answer.Detail) || !strings.Contains(merged, old["IPIOT-034"].Answer.Detail) {
		t.Errorf("merged answer = %q", merged)
	}
	for _, id := range []string{"IPIOT-048a", "IPIOT-048b"} {
		if form[id].Answer.Detail != old["IPIOT-048"].Answer.Detail || form[id].EvidenceDoc != old["IPIOT-048"].EvidenceDoc {
			t.Errorf("split %s = %+v", id, form[id])
		}
	}
	if _, ok := form["IPIOT-066"]; ok {
		t.Errorf("the new item has an answer")
	}
	if _, ok := form["IPIOT-034"]; ok {
		t.Errorf("the merged-away item is still in the form")
	}
	marks, err := env.Svc.ItemMarks(ctx, p, a)
	ok(t, err)
	want := map[string]string{"IPIOT-066": "answer/new", "IPIOT-033": "review/merged", "IPIOT-048a": "review/split", "IPIOT-048b": "review/split"}
	if len(marks) != len(want) {
		t.Errorf("marks = %+v", marks)
	}
	for id, w := range want {
		if got := markOf(marks, id); got != w {
			t.Errorf("mark of %s = %q, want %q", id, got, w)
		}
	}
}

// Importing the demo's draft 2 with its mapping moves a draft and an
// application returned for correction to draft 2 (answers carried per the
// mapping, new/merged/split items marked and blocking submission until
// confirmed), leaves a certified service on draft 1, and a renewal opened
// after the import starts on draft 2 with the answers mapped.
func TestImportWithMappingMovesApplications(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
		certified := certifiedApplication(t, env, who)
		draft, _ := readyApplication(t, env, who.owner)
		certForm, err := env.Store.FormB(ctx, certified)
		ok(t, err)
		draftForm, err := env.Store.FormB(ctx, draft.ID)
		ok(t, err)

		jstMidday(env, "2026-12-01") // the new edition comes after the one installed at start
		edData, mapData := demoDraft2(t)
		bad := strings.Replace(string(mapData), "  - {kind: kept, from: IPIOT-002, to: IPIOT-002}\n", "", 1)
		if _, err := env.Svc.ImportEditionMapped(ctx, &admin.User, edData, []byte(bad)); err == nil {
			t.Fatal("a mapping missing an old item was accepted")
		}
		if _, err := env.Store.Edition(ctx, draft2); nintei.KindOf(err) != nintei.KindNotFound {
			t.Fatalf("a refused mapping installed the edition: %v", err)
		}
		res, err := env.Svc.ImportEditionMapped(ctx, &admin.User, edData, mapData)
		ok(t, err)
		if !res.Created || res.Moved != 1 {
			t.Errorf("import = created %v, moved %d", res.Created, res.Moved)
		}
		checkMoved(t, env, who.owner, draft.ID, draftForm)
		moveMail := false
		for _, m := range env.Mail.Messages() {
			moveMail = moveMail || (m.To == who.owner.User.Email && strings.Contains(m.Subject, "版が改訂されました") && strings.Contains(m.Text, "4 件の項目"))
		}
		if !moveMail {
			t.Error("the provider was not told of the move")
		}

		pc, err := env.Svc.RunPrecheck(ctx, who.owner, draft.ID)
		ok(t, err)
		if !hasFinding(pc, "IPIOT-066", formb.EditionAnswer) || !hasFinding(pc, "IPIOT-048a", formb.EditionReview) {
			t.Errorf("pre-check does not block on marked items: %+v", pc.Findings)
		}
		if err := env.Svc.Submit(ctx, who.owner, draft.ID, version(t, env, draft.ID), i18n.Japanese); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("submitted with marked items: %v", err)
		}
		_, err = env.Svc.SaveFormB(ctx, who.owner, draft.ID, version(t, env, draft.ID),
			[]formb.Entry{{ItemID: "IPIOT-066", Answer: catalog.Answer{Value: "国内（東京・大阪）のみ"}, EvidenceDoc: "仕様書", EvidenceLoc: "p.2"}})
		ok(t, err)
		ok(t, env.Svc.ConfirmMarks(ctx, who.owner, draft.ID, []string{"IPIOT-066", "IPIOT-033", "IPIOT-048a", "IPIOT-048b"}))
		_, err = env.Svc.AddAttachment(ctx, who.owner, draft.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
			FileName: "データ保管規程.pdf", ItemIDs: []string{"IPIOT-066"}, Body: strings.NewReader(testenv.TinyPDF)})
		ok(t, err)
		if pc, _ := env.Svc.RunPrecheck(ctx, who.owner, draft.ID); pc.Blocking() {
			t.Errorf("still blocked: %+v %+v", pc.FormA, pc.Findings)
		}
		ok(t, env.Svc.Submit(ctx, who.owner, draft.ID, version(t, env, draft.ID), i18n.Japanese))

		a, _ := env.Svc.Application(ctx, who.owner, certified)
		if a.EditionID != draft1 {
			t.Errorf("the certified application moved to %s", a.EditionID)
		}
		events, _ := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{Action: "application.edition_move"})
		if len(events) != 1 || events[0].ObjectID != itoa(draft.ID) {
			t.Errorf("move events = %+v", events)
		}

		jstMidday(env, "2028-10-01")
		r, err := env.Svc.OpenRenewal(ctx, who.owner, certified)
		ok(t, err)
		checkMoved(t, env, who.owner, r.ID, certForm)
		a, _ = env.Svc.Application(ctx, who.owner, certified)
		if a.EditionID != draft1 || a.State != application.Certified {
			t.Errorf("the certified term changed: %s %s", a.EditionID, a.State)
		}
	})
}

// A returned application moves too; a submitted one stays on its edition.
func TestImportWithMappingMovesReturned(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
		ret, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, ret.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, ret.ID, version(t, env, ret.ID)))
		ok(t, env.Svc.ReturnForCorrection(ctx, who.jimu, ret.ID, version(t, env, ret.ID), map[string]string{"japanese": "記述を見直してください。"}))
		form, err := env.Store.FormB(ctx, ret.ID)
		ok(t, err)
		owner2 := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社きたクラウド"))
		sub, v2 := readyApplication(t, env, owner2)
		ok(t, env.Svc.Submit(ctx, owner2, sub.ID, v2, i18n.Japanese))

		edData, mapData := demoDraft2(t)
		res, err := env.Svc.ImportEditionMapped(ctx, &admin.User, edData, mapData)
		ok(t, err)
		if res.Moved != 1 {
			t.Errorf("moved %d", res.Moved)
		}
		checkMoved(t, env, who.owner, ret.ID, form)
		if e := mustApp(t, env, sub.ID).EditionID; e != draft1 {
			t.Errorf("a submitted application moved to %s", e)
		}
		// The same files again are a no-op; the edition again with another mapping is refused.
		if res, err := env.Svc.ImportEditionMapped(ctx, &admin.User, edData, mapData); err != nil || res.Created {
			t.Errorf("re-import = %+v %v", res, err)
		}
		other := strings.Replace(string(mapData), "note: 機器側と利用者側に分割", "note: 別の注記", 1)
		if _, err := env.Svc.ImportEditionMapped(ctx, &admin.User, edData, []byte(other)); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("another mapping for an installed edition: %v", err)
		}
	})
}
