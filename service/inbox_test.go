package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/incident"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/views"
)

// inboxIDs is the applications of each inbox group.
func inboxIDs(in views.Inbox) map[string][]int64 {
	out := map[string][]int64{}
	for _, g := range in.Groups {
		for _, it := range g.Items {
			out[g.Kind] = append(out[g.Kind], it.ApplicationID)
		}
	}
	return out
}

func wantGroup(t *testing.T, in views.Inbox, kind string, ids ...int64) {
	t.Helper()
	got := inboxIDs(in)[kind]
	if len(got) != len(ids) {
		t.Errorf("inbox %s = %v, want %v", kind, got, ids)
		return
	}
	for i := range ids {
		if got[i] != ids[i] {
			t.Errorf("inbox %s = %v, want %v (oldest first)", kind, got, ids)
		}
	}
}

// submittedApp hands in a ready application.
func submittedApp(t *testing.T, env *testenv.Env, who actors) int64 {
	t.Helper()
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	return a.ID
}

// changeNoticeFiled files a change notice of a new address.
func changeNoticeFiled(t *testing.T, env *testenv.Env, who actors, certified int64) int64 {
	t.Helper()
	n, err := env.Svc.OpenChangeNotice(ctx, who.owner, certified)
	ok(t, err)
	item := textItems(t, env, n, 1)[0]
	form, err := env.Svc.FormB(ctx, who.owner, n)
	ok(t, err)
	e := form[item.ID]
	e.Answer.Value = "2026年12月に事業所を移転しました。"
	_, err = env.Svc.SaveFormB(ctx, who.owner, n.ID, version(t, env, n.ID), []formb.Entry{e})
	ok(t, err)
	_, err = env.Svc.AddAttachment(ctx, who.owner, n.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: "移転通知.pdf", ItemIDs: []string{item.ID}, Body: strings.NewReader(testenv.TinyPDF)})
	ok(t, err)
	ok(t, env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese))
	return n.ID
}

// inboxCase is one application of each kind of work.
type inboxCase struct {
	certified, submitted, invoiced, answered, investigated, before, concluded, refused, notice int64
}

// seedReviewWork brings applications to each step of the review that
// waits for the secretariat; the committee member declares and gives an
// opinion on one, and the dashboard follows.
func seedReviewWork(t *testing.T, env *testenv.Env, who actors) inboxCase {
	t.Helper()
	c := inboxCase{certified: certifiedApplication(t, env, who), submitted: submittedApp(t, env, who)}
	c.invoiced = submittedApp(t, env, who)
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, c.invoiced, version(t, env, c.invoiced)))
	_, err := env.Svc.AcceptFormal(ctx, who.jimu, c.invoiced, version(t, env, c.invoiced))
	ok(t, err)
	c.answered = paidApplication(t, env, who)
	ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, c.answered, version(t, env, c.answered), "IPIOT-060", "受付時間を明記してください。"))
	qs, _ := env.Svc.Inquiries(ctx, who.owner, c.answered)
	ok(t, env.Svc.AnswerInquiry(ctx, who.owner, c.answered, version(t, env, c.answered), qs[0].ID, "平日9時から17時です。", nil))
	c.investigated = paidApplication(t, env, who)
	ok(t, env.Svc.StartInvestigation(ctx, who.jimu, c.investigated, version(t, env, c.investigated)))
	c.before = paidApplication(t, env, who)
	ok(t, env.Svc.ReferToCommittee(ctx, who.jimu, c.before, version(t, env, c.before), []int64{who.iin.User.ID}))
	committeeSteps(t, env, who, c.before)
	c.concluded = paidApplication(t, env, who)
	ok(t, env.Svc.ReferToCommittee(ctx, who.jimu, c.concluded, version(t, env, c.concluded), []int64{who.iin.User.ID}))
	ok(t, env.Svc.ConcludeCommittee(ctx, who.jimu, c.concluded, version(t, env, c.concluded), "認定して差し支えない", "2026-11-27"))
	c.refused = paidApplication(t, env, who)
	ok(t, env.Svc.Refuse(ctx, who.jimu, c.refused, version(t, env, c.refused), "改善が必要",
		[]review.Improvement{{ItemID: "IPIOT-005", Note: "記載を具体的に"}}))
	return c
}

// committeeSteps has the member declare, then give an opinion, checking
// the member's dashboard at each step.
func committeeSteps(t *testing.T, env *testenv.Env, who actors, id int64) {
	t.Helper()
	cw, err := env.Svc.CommitteeWork(ctx, who.iin)
	ok(t, err)
	if cw.Total() != 1 || len(cw.Groups[0].Items) != 1 || cw.Groups[0].Kind != views.CommitteeDeclare {
		t.Errorf("committee work before the declaration = %+v", cw)
	}
	ok(t, env.Svc.DeclareConflict(ctx, who.iin, id, false, ""))
	cw, _ = env.Svc.CommitteeWork(ctx, who.iin)
	if cw.Total() != 1 || len(cw.Groups[1].Items) != 1 || cw.Groups[1].Items[0].ApplicationID != id {
		t.Errorf("committee work after the declaration = %+v", cw)
	}
	ok(t, env.Svc.GiveOpinion(ctx, who.iin, id, "開示内容は適切です。"))
	if cw, _ = env.Svc.CommitteeWork(ctx, who.iin); cw.Total() != 0 {
		t.Errorf("committee work after the opinion = %+v", cw)
	}
	if _, err := env.Svc.CommitteeWork(ctx, who.jimu); nintei.KindOf(err) != nintei.KindForbidden {
		t.Errorf("secretariat: CommitteeWork = %v, want forbidden", err)
	}
}

// seedCertifiedWork files a change notice, a withholding request, an
// incident and an answered supervision request on the certification; a
// request not yet answered is the provider's turn, not the secretariat's.
func seedCertifiedWork(t *testing.T, env *testenv.Env, who actors, c *inboxCase) {
	t.Helper()
	c.notice = changeNoticeFiled(t, env, who, c.certified)
	ok(t, env.Svc.RequestWithholding(ctx, who.owner, c.certified, []string{"IPIOT-005"}, "営業上の理由", "2027-03-31"))
	_, err := env.Svc.ReportIncident(ctx, who.owner, c.certified, aftercare.NewIncident{Kind: incident.KindOutage,
		ReportText: aftercare.ReportText{OccurredAt: "2026-11-27 09:30", Summary: "API が応答しない", Impact: "約3割", Measures: "切替中"}})
	ok(t, err)
	rid, err := env.Svc.RequestSupervision(ctx, who.jimu, c.certified, aftercare.NewSupervisionRequest{Kind: "explanation",
		Body: "経緯を説明してください。", DueOn: "2026-12-15"})
	ok(t, err)
	in, err := env.Svc.Inbox(ctx, who.jimu)
	ok(t, err)
	wantGroup(t, in, views.InboxSupervision)
	ok(t, env.Svc.RespondSupervision(ctx, who.owner, c.certified, rid, "装置の故障です。"))
}

// The secretariat's inbox files each piece of work under its kind, oldest
// first, naming the service and provider (R-6.1–,
// ); the review dashboard reads the
// same data; no one else reads either.
func TestInboxGroups_R6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		c := seedReviewWork(t, env, who)
		seedCertifiedWork(t, env, who, &c)
		in, err := env.Svc.Inbox(ctx, who.jimu)
		ok(t, err)
		for kind, ids := range map[string][]int64{views.InboxSubmitted: {c.submitted}, views.InboxChange: {c.notice},
			views.InboxPayment: {c.invoiced}, views.InboxOverdueInvoice: nil, views.InboxInquiryAnswered: {c.answered},
			views.InboxInvestigation: {c.investigated}, views.InboxCommittee: {c.before}, views.InboxDecision: {c.concluded},
			views.InboxReturn: {c.refused}, views.InboxWithholding: {c.certified}, views.InboxIncident: {c.certified},
			views.InboxSupervision: {c.certified}, views.InboxExpiring: nil} {
			wantGroup(t, in, kind, ids...)
		}
		if len(in.Groups) != len(views.InboxKinds) {
			t.Errorf("groups = %d, want every kind", len(in.Groups))
		}
		for _, g := range in.Groups {
			for _, it := range g.Items {
				if it.Service == "" || it.Provider != "株式会社みなとクラウド" {
					t.Errorf("%s item names %q of %q", g.Kind, it.Service, it.Provider)
				}
			}
		}
		q, err := env.Svc.Queue(ctx, who.jimu)
		ok(t, err)
		if g := q.States[0]; g.State != "submitted" || len(g.Apps) != 2 || g.Apps[0].ID != c.submitted || g.Apps[0].Provider != "株式会社みなとクラウド" {
			t.Errorf("queue of submitted applications = %+v", g)
		}
		for _, p := range []service.Principal{who.owner, who.shinsa, who.iin} {
			if _, err := env.Svc.Inbox(ctx, p); nintei.KindOf(err) != nintei.KindForbidden {
				t.Errorf("%s: Inbox = %v, want forbidden", p.User.Role, err)
			}
			if _, err := env.Svc.Queue(ctx, p); nintei.KindOf(err) != nintei.KindForbidden {
				t.Errorf("%s: Queue = %v, want forbidden", p.User.Role, err)
			}
		}
	})
}

// Past its due date an invoice moves from the payments to confirm to the
// overdue invoices; in its renewal window a certification with no
// renewal is listed as expiring.
func TestInboxOverdueAndExpiring_R4_6_R9_1(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	certified := certifiedApplication(t, env, who)
	invoiced := submittedApp(t, env, who)
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, invoiced, version(t, env, invoiced)))
	_, err := env.Svc.AcceptFormal(ctx, who.jimu, invoiced, version(t, env, invoiced))
	ok(t, err)
	jstMidday(env, "2028-10-01")
	in, err := env.Svc.Inbox(ctx, who.jimu)
	ok(t, err)
	wantGroup(t, in, views.InboxPayment)
	wantGroup(t, in, views.InboxOverdueInvoice, invoiced)
	wantGroup(t, in, views.InboxExpiring, certified)
	if it := in.Groups[3].Items[0]; it.Days < 600 || it.YenTotal == 0 || it.Number == "" {
		t.Errorf("overdue invoice = %+v", it)
	}
	if it := in.Groups[12].Items[0]; it.DueOn.String() != "2028-11-26" || it.Number == "" {
		t.Errorf("expiring certification = %+v", it)
	}
}
