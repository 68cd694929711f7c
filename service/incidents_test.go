package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/catalog"
	"nintei/formb"
	"nintei/incident"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
)

// certifiedWithNotice certifies a service whose Form B discloses the
// maintenance notice (key item IPIOT-062) in the words given.
func certifiedWithNotice(t *testing.T, env *testenv.Env, who actors, notice string) int64 {
	t.Helper()
	a, v := readyApplication(t, env, who.owner)
	yes := true
	v, err := env.Svc.SaveFormB(ctx, who.owner, a.ID, v, []formb.Entry{{ItemID: "IPIOT-062",
		Answer: catalog.Answer{Yes: &yes, Detail: notice}, EvidenceDoc: "サービス運用規程", EvidenceLoc: "第5章"}})
	ok(t, err)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	_, err = env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
	ok(t, err)
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, ""))
	env.AssessMandatoryOK(t, who.jimu, a.ID)
	ok(t, env.Svc.Certify(ctx, who.jimu, a.ID, version(t, env, a.ID), ""))
	return a.ID
}

func mailsTo(env *testenv.Env, to, subjectPart string) int {
	n := 0
	for _, m := range env.Mail.Messages() {
		if m.To == to && strings.Contains(m.Subject, subjectPart) {
			n++
		}
	}
	return n
}

func wantKind(t *testing.T, what string, err error, kind nintei.ErrorKind) {
	t.Helper()
	if nintei.KindOf(err) != kind {
		t.Errorf("%s: %v, want kind %v", what, err, kind)
	}
}

// the provider files a first report, follow-ups and a final
// report that closes the incident; reports are append-only and each is an
// audit event; the secretariat is mailed and sees the open incident with
// its age; another provider can neither see nor file; staff read.
func TestIncidentReports_R11_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		member := principal(env.AddUser(t, "member@a.example.jp", nintei.RoleMember, "株式会社みなとクラウド"))
		other := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ"))
		first := aftercare.NewIncident{Kind: incident.KindOutage, ReportText: aftercare.ReportText{OccurredAt: "2026-11-27 09:30",
			Summary: "東日本リージョンで API が応答しない", Impact: "全利用者の約3割", Measures: "予備系に切り替え中"}}

		bad := first
		bad.Kind = incident.KindMaintenance // flagged by the check, never chosen
		_, err := env.Svc.ReportIncident(ctx, who.owner, id, bad)
		wantKind(t, "a chosen maintenance kind", err, nintei.KindInvalid)
		bad = first
		bad.OccurredAt = "2026-11-28 09:00" // the test clock reads 2026-11-27 19:00 in Japan
		_, err = env.Svc.ReportIncident(ctx, who.owner, id, bad)
		wantKind(t, "a future occurrence", err, nintei.KindInvalid)
		bad = first
		bad.Impact = "  "
		_, err = env.Svc.ReportIncident(ctx, who.owner, id, bad)
		wantKind(t, "no impact", err, nintei.KindInvalid)
		_, err = env.Svc.ReportIncident(ctx, who.jimu, id, first)
		wantKind(t, "the secretariat filing", err, nintei.KindForbidden)
		_, err = env.Svc.ReportIncident(ctx, other, id, first)
		wantKind(t, "another provider filing", err, nintei.KindNotFound)

		iid, err := env.Svc.ReportIncident(ctx, who.owner, id, first)
		ok(t, err)
		if n := mailsTo(env, "jimu@body.example.jp", "緊急事態の第一報"); n != 1 {
			t.Errorf("secretariat mails about the new incident = %d", n)
		}
		ok(t, env.Svc.FileIncidentReport(ctx, member, id, iid, incident.StageFollowUp, aftercare.ReportText{Summary: "原因はストレージ障害と判明"}))
		err = env.Svc.FileIncidentReport(ctx, who.owner, id, iid, incident.StageFinal, aftercare.ReportText{Summary: "復旧"})
		wantKind(t, "a final report without measures", err, nintei.KindInvalid)
		err = env.Svc.FileIncidentReport(ctx, other, id, iid, incident.StageFollowUp, aftercare.ReportText{Summary: "x"})
		wantKind(t, "another provider's follow-up", err, nintei.KindNotFound)
		err = env.Svc.FileIncidentReport(ctx, who.owner, id, iid, incident.StageFirst, first.ReportText)
		wantKind(t, "a second first report", err, nintei.KindConflict)

		env.Clock.T = env.Clock.T.AddDate(0, 0, 3)
		open, err := env.Svc.OpenIncidents(ctx, who.jimu)
		ok(t, err)
		if len(open) != 1 || open[0].AgeDays != 3 || open[0].LastReport == nil || open[0].LastReport.Stage != incident.StageFollowUp ||
			open[0].Number != "IP-IoT 0001-2611" {
			t.Fatalf("open incidents = %+v", open)
		}
		_, err = env.Svc.OpenIncidents(ctx, who.owner)
		wantKind(t, "the provider listing all incidents", err, nintei.KindForbidden)

		ok(t, env.Svc.FileIncidentReport(ctx, who.owner, id, iid, incident.StageFinal,
			aftercare.ReportText{Summary: "全面復旧", Measures: "ストレージの冗長化を完了"}))
		err = env.Svc.FileIncidentReport(ctx, who.owner, id, iid, incident.StageFollowUp, aftercare.ReportText{Summary: "追記"})
		wantKind(t, "a follow-up after the final report", err, nintei.KindConflict)

		for _, p := range []service.Principal{who.shinsa, who.owner} {
			xs, err := env.Svc.Incidents(ctx, p, id)
			ok(t, err)
			if len(xs) != 1 || xs[0].State != incident.StateClosed || len(xs[0].Reports) != 3 ||
				xs[0].Reports[0].OccurredAt == nil || xs[0].Reports[2].Stage != incident.StageFinal {
				t.Errorf("%s reads %+v", p.User.Role, xs)
			}
		}
		_, err = env.Svc.Incidents(ctx, other, id)
		wantKind(t, "another provider reading", err, nintei.KindNotFound)
		if open, _ := env.Svc.OpenIncidents(ctx, who.jimu); len(open) != 0 {
			t.Errorf("a closed incident is still open: %+v", open)
		}

		// Append-only: the database refuses to change a report.
		if _, err := env.Store.DB().ExecContext(ctx, "UPDATE incident_reports SET summary = 'x'"); err == nil {
			t.Error("a report could be edited")
		}
		if _, err := env.Store.DB().ExecContext(ctx, "DELETE FROM incident_reports"); err == nil {
			t.Error("a report could be deleted")
		}
		evs, err := env.Store.AuditEvents(ctx, sqlstoreQuery("incident"))
		ok(t, err)
		if len(evs) != 3 {
			t.Errorf("audit events of the incident = %d, want one per report", len(evs))
		}
	})
}

// a maintenance announced exactly the disclosed period before its
// start is in time; one day less is late and opens an incident that needs
// a report, of which the secretariat and the provider are told. Wording
// with no period is recorded as unknown and flags nothing.
func TestMaintenanceNotice_R11_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedWithNotice(t, env, who, "計画メンテナンスは7日前までにWebサイトとメールで告知")

		m, err := env.Svc.RecordMaintenance(ctx, who.owner, id, aftercare.Maintenance{AnnouncedOn: "2026-11-27", StartsOn: "2026-12-04",
			Description: "ストレージの定期保守"})
		ok(t, err)
		if m.Verdict != incident.NoticeInTime || m.Period != "7日前" || m.IncidentID != nil {
			t.Errorf("exactly seven days' notice: %+v", m)
		}
		m, err = env.Svc.RecordMaintenance(ctx, who.owner, id, aftercare.Maintenance{AnnouncedOn: "2026-11-27", StartsOn: "2026-12-03",
			Description: "ネットワーク機器の更新"})
		ok(t, err)
		if m.Verdict != incident.NoticeLate || m.IncidentID == nil {
			t.Fatalf("six days' notice: %+v", m)
		}
		if mailsTo(env, "jimu@body.example.jp", "告知が開示された期間より遅れ") != 1 || mailsTo(env, "owner@a.example.jp", "告知が開示された期間より遅れ") != 1 {
			t.Errorf("mails: %+v", env.Mail.Messages())
		}
		open, err := env.Svc.OpenIncidents(ctx, who.jimu)
		ok(t, err)
		if len(open) != 1 || open[0].Kind != incident.KindMaintenance || open[0].State != incident.StateReportNeeded || open[0].LastReport != nil {
			t.Fatalf("open incidents = %+v", open)
		}
		ok(t, env.Svc.FileIncidentReport(ctx, who.owner, id, *m.IncidentID, incident.StageFirst, aftercare.ReportText{OccurredAt: "2026-11-27 10:00",
			Summary: "告知の登録漏れ", Impact: "利用者への告知が1日遅れた", Measures: "告知手順を見直し"}))

		_, err = env.Svc.RecordMaintenance(ctx, who.owner, id, aftercare.Maintenance{AnnouncedOn: "2026-11-28", StartsOn: "2026-12-10", Description: "x"})
		wantKind(t, "an announcement in the future", err, nintei.KindInvalid)
		_, err = env.Svc.RecordMaintenance(ctx, who.owner, id, aftercare.Maintenance{AnnouncedOn: "2026-11-27", StartsOn: "2026-11-26", Description: "x"})
		wantKind(t, "a start before the announcement", err, nintei.KindInvalid)
		_, err = env.Svc.RecordMaintenance(ctx, who.jimu, id, aftercare.Maintenance{AnnouncedOn: "2026-11-27", StartsOn: "2026-12-10", Description: "x"})
		wantKind(t, "the secretariat recording", err, nintei.KindForbidden)

		// Wording without a period: recorded as unknown, nothing flagged.
		who2 := actors{owner: principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ")), jimu: who.jimu}
		id2 := certifiedWithNotice(t, env, who2, "事前にWebサイトで告知")
		m, err = env.Svc.RecordMaintenance(ctx, who2.owner, id2, aftercare.Maintenance{AnnouncedOn: "2026-11-27", StartsOn: "2026-11-27", Description: "緊急保守"})
		ok(t, err)
		if m.Verdict != incident.NoticeUnknown || m.IncidentID != nil || m.Disclosed != "有\n事前にWebサイトで告知" {
			t.Errorf("unreadable period: %+v", m)
		}
	})
}

// the secretariat asks; the provider is mailed and answers; an
// improvement request, published, is on the service's public data with
// its status, bumps the registry generation and has a feed event; an
// unpublished one is not public. Another provider can neither see nor
// answer.
func TestSupervision_R11_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		other := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ"))
		const number = "IP-IoT 0001-2611"

		_, err := env.Svc.RequestSupervision(ctx, who.jimu, id, aftercare.NewSupervisionRequest{Kind: incident.RequestExplanation, Body: "障害の原因", DueOn: "2026-11-26"})
		wantKind(t, "a due date in the past", err, nintei.KindInvalid)
		_, err = env.Svc.RequestSupervision(ctx, who.jimu, id, aftercare.NewSupervisionRequest{Kind: incident.RequestExplanation, Body: "障害の原因", DueOn: "2026-12-11", Publish: true})
		wantKind(t, "publishing an explanation request", err, nintei.KindInvalid)
		_, err = env.Svc.RequestSupervision(ctx, who.owner, id, aftercare.NewSupervisionRequest{Kind: incident.RequestExplanation, Body: "x", DueOn: "2026-12-11"})
		wantKind(t, "the provider requesting", err, nintei.KindForbidden)

		rid, err := env.Svc.RequestSupervision(ctx, who.jimu, id, aftercare.NewSupervisionRequest{Kind: incident.RequestExplanation,
			Body: "11月27日の障害の原因を説明してください。", DueOn: "2026-12-11"})
		ok(t, err)
		if mailsTo(env, "owner@a.example.jp", "説明を求めます") != 1 {
			t.Errorf("the provider was not mailed: %+v", env.Mail.Messages())
		}
		err = env.Svc.RespondSupervision(ctx, other, id, rid, "x")
		wantKind(t, "another provider answering", err, nintei.KindNotFound)
		_, err = env.Svc.SupervisionRequests(ctx, other, id)
		wantKind(t, "another provider reading", err, nintei.KindNotFound)
		ok(t, env.Svc.RespondSupervision(ctx, who.owner, id, rid, "ストレージ制御装置の故障です。"))

		gen0, err := env.Store.RegistryGeneration(ctx)
		ok(t, err)
		quiet, err := env.Svc.RequestSupervision(ctx, who.jimu, id, aftercare.NewSupervisionRequest{Kind: incident.RequestImprovement,
			Body: "非公表の改善要請", DueOn: "2027-01-31"})
		ok(t, err)
		pub, err := env.Svc.RequestSupervision(ctx, who.jimu, id, aftercare.NewSupervisionRequest{Kind: incident.RequestImprovement,
			Body: "障害時の利用者への通知を改善してください。", DueOn: "2027-01-31", Publish: true})
		ok(t, err)
		gen1, _ := env.Store.RegistryGeneration(ctx)
		if gen1 <= gen0 {
			t.Errorf("publishing did not bump the registry generation (%d → %d)", gen0, gen1)
		}
		list, err := env.Svc.PublishedImprovements(ctx, number)
		ok(t, err)
		if len(list) != 1 || list[0].RequestID != pub || list[0].Status != incident.RequestOpen || list[0].RequestedOn != "2026-11-27" {
			t.Fatalf("published improvements = %+v", list)
		}
		if got := strings.Join(eventKinds(t, env, number), " "); !strings.Contains(got, "improvement_requested@2026-11-27") {
			t.Errorf("feed events = %s", got)
		}
		ok(t, env.Svc.RespondSupervision(ctx, who.owner, id, pub, "通知手順を改訂しました。"))
		ok(t, env.Svc.ResolveSupervision(ctx, who.jimu, id, pub))
		gen2, _ := env.Store.RegistryGeneration(ctx)
		list, _ = env.Svc.PublishedImprovements(ctx, number)
		if len(list) != 1 || list[0].Status != incident.RequestResolved || gen2 <= gen1 {
			t.Errorf("after resolving: %+v, generation %d → %d", list, gen1, gen2)
		}
		err = env.Svc.RespondSupervision(ctx, who.owner, id, pub, "追記")
		wantKind(t, "answering a resolved request", err, nintei.KindConflict)

		// Published later: it joins the public list once.
		ok(t, env.Svc.PublishSupervision(ctx, who.jimu, id, quiet))
		err = env.Svc.PublishSupervision(ctx, who.jimu, id, quiet)
		wantKind(t, "publishing twice", err, nintei.KindConflict)
		err = env.Svc.PublishSupervision(ctx, who.jimu, id, rid)
		wantKind(t, "publishing an explanation request", err, nintei.KindInvalid)
		if list, _ = env.Svc.PublishedImprovements(ctx, number); len(list) != 2 {
			t.Errorf("published improvements = %+v", list)
		}

		rs, err := env.Svc.SupervisionRequests(ctx, who.owner, id)
		ok(t, err)
		if len(rs) != 3 || rs[2].ID != rid || rs[2].State != incident.RequestAnswered || len(rs[2].Responses) != 1 || rs[2].Responses[0].RespondedAt.IsZero() {
			t.Errorf("requests = %+v", rs)
		}
		open, err := env.Svc.OpenSupervisionRequests(ctx, who.jimu)
		ok(t, err)
		if len(open) != 2 {
			t.Errorf("open requests = %d, want 2 (the explanation answered, the quiet improvement)", len(open))
		}
		if _, err := env.Store.DB().ExecContext(ctx, "UPDATE supervision_responses SET body = 'x'"); err == nil {
			t.Error("a response could be edited")
		}
	})
}
