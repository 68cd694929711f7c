package service_test

import (
	"errors"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
)

func principal(u nintei.User) service.Principal { return service.Principal{User: u} }

func completeFormA() application.FormA {
	return application.FormA{
		Provider: application.Provider{CorporateNumber: "７０００－０１２０５０００２", Name: "株式会社みなとクラウド",
			RepresentativeName: "港 健太", RepresentativeTitle: "代表取締役", RepresentativeHasPower: true,
			PostalCode: "105-0001", Address: "東京都港区虎ノ門1-1-1", ContactName: "青木 美咲", ContactDepartment: "品質保証部",
			ContactEmail: "nintei@minato-cloud.example.jp", ContactPhone: "03-1234-5678"},
		Service: application.Service{Name: "みなとIoTクラウド", Overview: "IoT機器のデータ収集・分析基盤",
			URL: "https://iot.minato-cloud.example.jp/", StartDate: "2023-04-01", Bases: []string{"system", "network"}},
	}
}

func TestApplicationJourney_R4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		owner := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド"))
		env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		a, err := env.Svc.OpenApplication(ctx, owner, "")
		if err != nil {
			t.Fatal(err)
		}
		if a.State != application.Draft || a.FormA.Provider.Name != "株式会社みなとクラウド" {
			t.Fatalf("opened = %+v", a)
		}
		v, err := env.Svc.SaveFormA(ctx, owner, a.ID, a.Version, completeFormA())
		if err != nil {
			t.Fatal(err)
		}
		// A save from a stale editor is a conflict, not an overwrite.
		if _, err := env.Svc.SaveFormA(ctx, owner, a.ID, a.Version, application.FormA{}); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("stale save: err = %v, want conflict", err)
		}
		ed, _ := env.Svc.ApplicationEdition(ctx, a)
		if _, err := env.Svc.AddAttachment(ctx, owner, a.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
			FileName: "履歴事項全部証明書.pdf", Body: strings.NewReader(tinyPDF), Original: true}); err != nil {
			t.Fatal(err)
		}
		v++ // the upload changed the application
		pc, err := env.Svc.RunPrecheck(ctx, owner, a.ID)
		if err != nil || !pc.Blocking() || len(pc.FormA) != 0 {
			t.Fatalf("precheck on empty Form B = %+v, %v; want blocking, Form A clean", pc.FormA, err)
		}
		if err := env.Svc.Submit(ctx, owner, a.ID, v, i18n.Japanese); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("submit incomplete: err = %v, want precheck failure", err)
		}
		var entries []formb.Entry
		for _, e := range formbtest.CompleteForm(ed) {
			entries = append(entries, e)
		}
		if v, err = env.Svc.SaveFormB(ctx, owner, a.ID, v, entries); err != nil {
			t.Fatal(err)
		}
		// answered items need an uploaded evidence file, not only its name.
		if pc, _ = env.Svc.RunPrecheck(ctx, owner, a.ID); !hasCode(pc, formb.EvidenceFileMissing) {
			t.Fatalf("no evidence files: findings lack evidence_file_missing")
		}
		var ids []string
		for _, it := range ed.Items {
			ids = append(ids, it.ID)
		}
		att, err := env.Svc.AddAttachment(ctx, owner, a.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
			FileName: "サービス仕様書", Body: strings.NewReader(tinyPDF), ItemIDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		v++
		if att.FileName != "サービス仕様書.pdf" || att.MediaType != "application/pdf" || len(att.SHA256) != 64 {
			t.Errorf("attachment = %+v", att)
		}
		if pc, _ = env.Svc.RunPrecheck(ctx, owner, a.ID); pc.Blocking() {
			t.Fatalf("complete application still blocked: %+v", pc)
		}
		if err := env.Svc.Submit(ctx, owner, a.ID, v, i18n.Japanese); err != nil {
			t.Fatal(err)
		}
		got, _ := env.Svc.Application(ctx, owner, a.ID)
		if got.State != application.Submitted || got.SubmittedAt == nil {
			t.Errorf("after submit: %+v", got)
		}
		subs, _ := env.Store.Submissions(ctx, a.ID)
		if len(subs) != 1 || len(subs[0].SHA256) != 64 || !strings.Contains(subs[0].Snapshot, "みなとIoTクラウド") ||
			!strings.Contains(subs[0].Snapshot, att.SHA256) {
			t.Errorf("submissions = %+v", subs)
		}
		sent := env.Mail.Messages()
		if len(sent) != 2 || sent[0].To != "owner@a.example.jp" || sent[1].To != "jimu@body.example.jp" {
			t.Errorf("mails = %+v, want confirmation to the applicant and notice to the secretariat", sent)
		}
		// Submitted forms are frozen.
		if _, err := env.Svc.SaveFormB(ctx, owner, a.ID, got.Version, entries[:1]); !errors.Is(err, err) || nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("edit after submit: err = %v, want not editable", err)
		}
		if err := env.Svc.Withdraw(ctx, owner, a.ID, got.Version); err != nil {
			t.Errorf("withdraw: %v", err)
		}
		if n, brk, _ := env.Store.VerifyAudit(ctx); brk != nil || n == 0 {
			t.Errorf("audit = %d, %v", n, brk)
		}
	})
}

// a provider never sees another's application; staff never see drafts.
func TestApplicationsAreScopedToTheirProvider_R12(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		a1 := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社"))
		b1 := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "B社"))
		staff := principal(env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, ""))
		app, err := env.Svc.OpenApplication(ctx, a1, "")
		if err != nil {
			t.Fatal(err)
		}
		for name, p := range map[string]service.Principal{"other provider": b1, "staff (draft)": staff} {
			if _, err := env.Svc.Application(ctx, p, app.ID); !errors.Is(err, nintei.ErrNotFound) {
				t.Errorf("%s: err = %v, want not found", name, err)
			}
		}
		if _, err := env.Svc.SaveFormA(ctx, b1, app.ID, app.Version, completeFormA()); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("other provider saving: err = %v, want not found", err)
		}
		list, _ := env.Svc.Applications(ctx, b1)
		if len(list) != 0 {
			t.Errorf("provider B lists %d applications, want 0", len(list))
		}
	})
}

// a service not yet in operation cannot be submitted.
func TestServiceMustBeInOperation_R4_1(t *testing.T) {
	f := completeFormA()
	f.Service.StartDate = "2099-01-01"
	env := testenv.Backends(t)[0].NewEnv(t)
	probs := f.Problems(env.Svc.Today())
	if len(probs) != 1 || probs[0].Key != "error.forma.not_in_operation" {
		t.Errorf("problems = %+v", probs)
	}
}

const tinyPDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

func hasCode(pc apply.Precheck, code string) bool {
	for _, f := range pc.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// a refused upload leaves nothing; attachments are served
// only to the provider's own users.
func TestAttachmentsAreCheckedAndPrivate_R7_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		a1 := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社"))
		b1 := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "B社"))
		app, _ := env.Svc.OpenApplication(ctx, a1, "")
		_, err := env.Svc.AddAttachment(ctx, a1, app.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
			FileName: "policy.pdf", Body: strings.NewReader("<html><script>alert(1)</script></html>")})
		if nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("HTML named .pdf: err = %v, want refused as invalid", err)
		}
		if atts, _ := env.Store.Attachments(ctx, app.ID); len(atts) != 0 {
			t.Errorf("refused upload left %d records", len(atts))
		}
		att, err := env.Svc.AddAttachment(ctx, a1, app.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
			FileName: "policy.pdf", Body: strings.NewReader(tinyPDF)})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Svc.OpenAttachment(ctx, b1, app.ID, att.ID); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("other provider opening: err = %v, want not found", err)
		}
		_, r, err := env.Svc.OpenAttachment(ctx, a1, app.ID, att.ID)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		if err := env.Svc.RemoveAttachment(ctx, a1, app.ID, att.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Blobs.Stat(ctx, att.BlobKey); err == nil {
			t.Error("removed draft attachment's file still stored")
		}
	})
}
