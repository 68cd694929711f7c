package service_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
	"nintei/service/examination"
)

// Assigning and unassigning a reviewer: each is audited with a typed
// detail naming the reviewer and mailed to the reviewer; the reviewer's
// dashboard lists the assignment first, with the assessment progress.
func TestAssignReviewer_AuditedAndMailed(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id, _ := inDocumentReview(t, env, who)
		sent := len(env.Mail.Messages())
		ok(t, env.Svc.AssignReviewer(ctx, who.jimu, id, who.shinsa.User.ID))
		if err := env.Svc.AssignReviewer(ctx, who.jimu, id, who.shinsa.User.ID); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("assigning twice: %v", err)
		}
		msgs := env.Mail.Messages()[sent:]
		if len(msgs) != 1 || msgs[0].To != who.shinsa.User.Email || !strings.Contains(msgs[0].Subject, "#"+strconv.FormatInt(id, 10)) ||
			!strings.Contains(msgs[0].Text, "/review") || !strings.Contains(msgs[0].Text, "様") {
			t.Errorf("assignment mail = %+v", msgs)
		}
		rs, err := env.Svc.Reviewers(ctx, who.jimu, id)
		if err != nil || len(rs) != 1 || rs[0].UserID != who.shinsa.User.ID {
			t.Errorf("reviewers = %+v, %v", rs, err)
		}
		w, err := env.Svc.MyReviewWork(ctx, who.shinsa)
		if err != nil || len(w.Assigned) != 1 || w.Assigned[0].ID != id || w.Assigned[0].Assessed == 0 || w.Assigned[0].Items < w.Assigned[0].Assessed {
			t.Fatalf("reviewer work = %+v, %v", w, err)
		}
		ok(t, env.Svc.UnassignReviewer(ctx, who.jimu, id, who.shinsa.User.ID))
		if err := env.Svc.UnassignReviewer(ctx, who.jimu, id, who.shinsa.User.ID); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("unassigning twice: %v", err)
		}
		if msgs := env.Mail.Messages()[sent:]; len(msgs) != 2 || msgs[1].To != who.shinsa.User.Email {
			t.Errorf("unassignment mail = %+v", msgs)
		}
		if w, _ := env.Svc.MyReviewWork(ctx, who.shinsa); len(w.Assigned) != 0 || len(w.Others) != 1 {
			t.Errorf("after unassigning = %+v", w)
		}
		evs, err := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(id, 10)})
		ok(t, err)
		var actions []string
		for _, ev := range evs {
			if strings.HasPrefix(ev.Action, "reviewer.") {
				actions = append(actions, ev.Action)
				var d struct {
					ReviewerID int64 `json:"reviewer_id"`
				}
				if err := json.Unmarshal([]byte(ev.Detail), &d); err != nil || d.ReviewerID != who.shinsa.User.ID || ev.ActorID != who.jimu.User.ID {
					t.Errorf("audit %s detail = %s", ev.Action, ev.Detail)
				}
			}
		}
		if strings.Join(actions, ",") != "reviewer.unassign,reviewer.assign" {
			t.Errorf("audit actions = %v", actions)
		}
	})
}

// Only the secretariat assigns; only reviewers can be assigned.
func TestAssignReviewer_Refused(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	id, _ := inDocumentReview(t, env, who)
	for _, p := range []service.Principal{who.shinsa, who.iin, who.owner} {
		if err := env.Svc.AssignReviewer(ctx, p, id, who.shinsa.User.ID); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("%s assigning: %v", p.User.Role, err)
		}
	}
	if err := env.Svc.AssignReviewer(ctx, who.jimu, id, who.iin.User.ID); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("assigning a committee member: %v", err)
	}
	if _, err := env.Svc.MyReviewWork(ctx, who.jimu); nintei.KindOf(err) != nintei.KindForbidden {
		t.Errorf("secretariat reading reviewer work: %v", err)
	}
}

// The staff's list: one row per submitted application (never a draft),
// filtered by state, kind, provider, text and overdue, sorted by a column.
func TestCases_FiltersAndSort(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	id, _ := inDocumentReview(t, env, who)
	draft, _ := readyApplication(t, env, who.owner)
	other := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "つばめ産業株式会社"))
	a2, v2 := readyApplication(t, env, other)
	ok(t, env.Svc.Submit(ctx, other, a2.ID, v2, "ja"))
	all, err := env.Svc.Cases(ctx, who.jimu, examination.CaseQuery{})
	ok(t, err)
	if all.Total != 2 || len(all.Cases) != 2 || len(all.Providers) != 2 {
		t.Fatalf("all = %+v", all)
	}
	for _, c := range all.Cases {
		if c.ID == draft.ID {
			t.Errorf("a draft is listed")
		}
	}
	q := func(q examination.CaseQuery) []int64 {
		l, err := env.Svc.Cases(ctx, who.jimu, q)
		ok(t, err)
		var ids []int64
		for _, c := range l.Cases {
			ids = append(ids, c.ID)
		}
		return ids
	}
	eq := func(name string, got []int64, want ...int64) {
		t.Helper()
		if len(got) != len(want) || (len(got) > 0 && got[0] != want[0]) || (len(got) > 1 && got[1] != want[1]) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	eq("state", q(examination.CaseQuery{State: application.DocumentReview}), id)
	eq("provider", q(examination.CaseQuery{OrgID: other.User.OrgID}), a2.ID)
	eq("text", q(examination.CaseQuery{Text: "つばめ"}), a2.ID)
	eq("kind", q(examination.CaseQuery{Kind: application.Renewal}))
	eq("overdue", q(examination.CaseQuery{Overdue: true}))
	eq("sort provider", q(examination.CaseQuery{Sort: "provider"}), a2.ID, id)
	eq("sort provider desc", q(examination.CaseQuery{Sort: "provider", Desc: true}), id, a2.ID)
	eq("sort state", q(examination.CaseQuery{Sort: "state"}), a2.ID, id)
	if _, err := env.Svc.Cases(ctx, who.owner, examination.CaseQuery{}); nintei.KindOf(err) != nintei.KindForbidden {
		t.Errorf("provider reading the staff list: %v", err)
	}
}

// Saving several assessments at once keeps the optimistic version check:
// a stale version saves nothing; an entry without a verdict leaves its
// item 未評価; unchanged entries are not saved (nor audited) again.
func TestAssessItems_VersionChecked(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	a, v := readyApplication(t, env, who.owner)
	ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, "ja"))
	ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
	inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
	ok(t, err)
	ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", inv.TotalYen, ""))
	id, ver := a.ID, version(t, env, a.ID)
	in := []review.Assessment{{ItemID: "IPIOT-001", Verdict: review.AssessOK}, {ItemID: "IPIOT-002", Verdict: review.AssessNotMet, Comment: "根拠が不足"},
		{ItemID: "IPIOT-003", Verdict: ""}}
	n, err := env.Svc.AssessItems(ctx, who.shinsa, id, ver, in)
	if err != nil || n != 2 {
		t.Fatalf("saved %d, %v", n, err)
	}
	if _, err := env.Svc.AssessItems(ctx, who.shinsa, id, ver, []review.Assessment{{ItemID: "IPIOT-003", Verdict: review.AssessOK}}); nintei.KindOf(err) != nintei.KindConflict {
		t.Errorf("saving from a stale version: %v", err)
	}
	got, _ := env.Svc.Assessments(ctx, who.jimu, id)
	if len(got) != 2 || got["IPIOT-002"].Comment != "根拠が不足" {
		t.Errorf("assessments = %+v", got)
	}
	if n, err := env.Svc.AssessItems(ctx, who.shinsa, id, version(t, env, id), in); err != nil || n != 0 {
		t.Errorf("saving the same again = %d, %v", n, err)
	}
	if _, err := env.Svc.AssessItems(ctx, who.owner, id, version(t, env, id), in); nintei.KindOf(err) != nintei.KindForbidden {
		t.Errorf("the applicant assessing: %v", err)
	}
}
