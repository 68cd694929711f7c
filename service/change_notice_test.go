package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service/apply"
)

// a change notice starts from the current forms; one that
// changes nothing is refused; it is accepted or rejected by the
// secretariat only, never reviewed like an application; accepted, the
// registry shows the new answer and service name under the same number
// and term with a "changed" feed event, and the new name costs the reissue
// fee; rejected, the registry is untouched and its files go back.
func TestChangeNotice_R9_9_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		before, _ := env.Svc.Certification(ctx, who.owner, id)

		n, err := env.Svc.OpenChangeNotice(ctx, who.owner, id)
		ok(t, err)
		if n.Kind != application.Change || n.PreviousApplicationID != id {
			t.Fatalf("change notice %+v", n)
		}
		if _, err := env.Svc.OpenChangeNotice(ctx, who.owner, id); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("a second change notice opened: %v", err)
		}
		if _, err := env.Svc.OpenChangeNotice(ctx, who.jimu, id); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the secretariat opened a change notice: %v", err)
		}
		if err := env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("a change notice without changes was filed: %v", err)
		}

		item := textItems(t, env, n, 1)[0]
		form, err := env.Svc.FormB(ctx, who.owner, n)
		ok(t, err)
		e := form[item.ID]
		e.Answer.Value = "2026年12月に事業所を移転しました。"
		v, err := env.Svc.SaveFormB(ctx, who.owner, n.ID, version(t, env, n.ID), []formb.Entry{e})
		ok(t, err)
		fa := n.FormA
		fa.Service.Name = "みなとIoTクラウド2"
		v, err = env.Svc.SaveFormA(ctx, who.owner, n.ID, v, fa)
		ok(t, err)
		_, err = env.Svc.AddAttachment(ctx, who.owner, n.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
			FileName: "移転通知.pdf", ItemIDs: []string{item.ID}, Body: strings.NewReader(testenv.TinyPDF)})
		ok(t, err)
		ok(t, env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese))

		if err := env.Svc.StartFormalReview(ctx, who.jimu, n.ID, version(t, env, n.ID)); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("a change notice went to formal review: %v", err)
		}
		if err := env.Svc.AcceptChange(ctx, who.shinsa, n.ID, version(t, env, n.ID)); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("a reviewer accepted: %v", err)
		}
		if err := env.Svc.AcceptChange(ctx, who.jimu, id, version(t, env, id)); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("a first application was accepted as a change: %v", err)
		}
		jstMidday(env, "2027-03-01")
		ok(t, env.Svc.AcceptChange(ctx, who.jimu, n.ID, version(t, env, n.ID)))

		after, err := env.Svc.Certification(ctx, who.owner, n.ID)
		ok(t, err)
		if after.Number != before.Number || after.ValidUntil != before.ValidUntil || after.TermStartsOn != before.TermStartsOn {
			t.Errorf("the change notice changed the term or number: %+v → %+v", before, after)
		}
		if before.IssuedOn().String() != "2026-11-27" || after.IssuedOn().String() != "2027-03-01" {
			t.Errorf("R-9.5: certificate issued on %s, then %s", before.IssuedOn(), after.IssuedOn())
		}
		pub, _, err := env.Svc.RegistryService(ctx, before.Number)
		ok(t, err)
		if pub.ServiceName != "みなとIoTクラウド2" {
			t.Errorf("registry service name %q", pub.ServiceName)
		}
		for _, a := range pub.Items {
			if a.ItemID == item.ID && a.Text != "2026年12月に事業所を移転しました。" {
				t.Errorf("registry answer %q", a.Text)
			}
		}
		if got := strings.Join(eventKinds(t, env, before.Number), " "); got != "changed@2027-03-01 certified@2026-11-27" {
			t.Errorf("feed = %s", got)
		}
		invs, err := env.Svc.Invoices(ctx, who.owner, n.ID)
		ok(t, err)
		if len(invs) != 1 || invs[0].Kind != review.FeeReissue || invs[0].TotalYen != 10450 {
			t.Fatalf("R-4.6: reissue invoice %+v", invs)
		}
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, n.ID, version(t, env, n.ID), "2027-03-01", 10450, ""))
		page, err := env.Store.AuditEvents(ctx, sqlstoreQuery("certification"))
		ok(t, err)
		reissued := false
		for _, e := range page {
			reissued = reissued || e.Action == "certificate.reissue"
		}
		if !reissued {
			t.Error("the reissue is not audited")
		}

		// A second notice, rejected: nothing published, its file goes back.
		n2, err := env.Svc.OpenChangeNotice(ctx, who.owner, n.ID)
		ok(t, err)
		if n2.PreviousApplicationID != n.ID {
			t.Errorf("the second notice starts from %d, want the accepted notice %d", n2.PreviousApplicationID, n.ID)
		}
		_, err = env.Svc.AddAttachment(ctx, who.owner, n2.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
			FileName: "新しい登記.pdf", Body: strings.NewReader(testenv.TinyPDF)})
		ok(t, err)
		ok(t, env.Svc.Submit(ctx, who.owner, n2.ID, version(t, env, n2.ID), i18n.Japanese))
		if err := env.Svc.RejectChange(ctx, who.jimu, n2.ID, version(t, env, n2.ID), " "); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("rejected without a reason: %v", err)
		}
		ok(t, env.Svc.RejectChange(ctx, who.jimu, n2.ID, version(t, env, n2.ID), "登記事項証明書の発行日が古いため"))
		if got := returnList(t, env, who, n2.ID); got["新しい登記.pdf"] != sqlstore.ReturnRejected {
			t.Errorf("the rejected notice's file is not listed for return: %v", got)
		}
		if got := strings.Join(eventKinds(t, env, before.Number), " "); got != "changed@2027-03-01 certified@2026-11-27" {
			t.Errorf("feed after the rejection = %s", got)
		}
		if st, _ := env.Svc.Certification(ctx, who.owner, id); st.Status != certification.Valid {
			t.Errorf("status %q", st.Status)
		}
	})
}
