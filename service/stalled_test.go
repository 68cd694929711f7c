package service_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/views"
)

// An inquiry's answer is due 14 days after it is sent (the default of
// --inquiry-answer-days); the setting changes it. Both sides read it.
func TestInquiryAnswerDue_DefaultAndSetting(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	who := reviewActors(t, env)
	id, _ := inDocumentReview(t, env, who)
	ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, id, version(t, env, id), "IPIOT-001", "規程の版を教えてください。"))
	qs, err := env.Svc.Inquiries(ctx, who.owner, id)
	ok(t, err)
	if want := addDays(env.Svc.Today().Format("2006-01-02"), 14); len(qs) != 1 || qs[0].AnswerDueOn != want {
		t.Fatalf("answer due = %+v, want %s", qs, want)
	}
	m := env.Mail.Messages()
	if !strings.Contains(m[len(m)-1].Text, jaDay(qs[0].AnswerDueOn)) {
		t.Errorf("the inquiry mail does not give the due date: %s", m[len(m)-1].Text)
	}
	w, err := env.Svc.ProviderWork(ctx, who.owner)
	ok(t, err)
	if len(w.Todo) != 1 || w.Todo[0].Kind != views.TodoInquiry || w.Todo[0].DueOn.String() != qs[0].AnswerDueOn {
		t.Errorf("provider's work = %+v", w.Todo)
	}

	st := env.Svc.Settings()
	st.InquiryAnswerDays = 5
	svc := service.New(sqlstore.Port(env.Store), env.Blobs, env.Clock, env.Mail, env.Msgs, env.Log, st)
	ok(t, svc.OpenInquiry(ctx, who.shinsa, id, version(t, env, id), "IPIOT-002", "もう一点確認させてください。"))
	qs, _ = env.Svc.Inquiries(ctx, who.owner, id)
	if want := addDays(env.Svc.Today().Format("2006-01-02"), 5); len(qs) != 2 || qs[1].AnswerDueOn != want {
		t.Errorf("answer due with 5 days = %+v, want %s", qs, want)
	}
}

// Closing an application the applicant left overdue (取下げ扱い): refused
// before the inquiry's answer is --stalled-close-days (30) overdue, with
// the day it becomes possible; allowed from that day, with the reason.
// The state table has the state; the files go on the return list;
// the applicant is mailed and the closing audited.
func TestCloseStalled_RefusedThenAllowed_R10(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id, _ := inDocumentReview(t, env, who)
		if err := env.Svc.CloseStalled(ctx, who.jimu, id, version(t, env, id), "回答なし"); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("closing in document review: %v", err)
		}
		ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, id, version(t, env, id), "IPIOT-001", "規程の版を教えてください。"))
		qs, _ := env.Svc.Inquiries(ctx, who.jimu, id)
		due := qs[0].AnswerDueOn
		jstMidday(env, addDays(due, 29))
		err := env.Svc.CloseStalled(ctx, who.jimu, id, version(t, env, id), "回答なし")
		var ne *nintei.Error
		if nintei.KindOf(err) != nintei.KindConflict || !errors.As(err, &ne) || ne.Key != "error.casework.not_overdue_long" {
			t.Fatalf("closing 29 days after the due date: %v", err)
		}
		if msg := env.Msgs.T(i18n.Japanese, ne.Key, ne.Args); !strings.Contains(msg, jaDay(addDays(due, 30))) || !strings.Contains(msg, "30日") {
			t.Errorf("refusal = %q, want the day it becomes possible", msg)
		}
		if err := env.Svc.CloseStalled(ctx, who.shinsa, id, version(t, env, id), "回答なし"); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("a reviewer closing: %v", err)
		}
		jstMidday(env, addDays(due, 30))
		if err := env.Svc.CloseStalled(ctx, who.jimu, id, version(t, env, id), "  "); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("closing without a reason: %v", err)
		}
		sent := len(env.Mail.Messages())
		ok(t, env.Svc.CloseStalled(ctx, who.jimu, id, version(t, env, id), "回答期限から30日を過ぎても回答がありません。"))
		a, _ := env.Svc.Application(ctx, who.owner, id)
		if a.State != application.ClosedStalled {
			t.Errorf("state = %s", a.State)
		}
		if _, err := application.Next(application.Inquiry, application.EvCloseStalled, nintei.RoleSecretariat); err != nil {
			t.Errorf("the state table lacks the closing: %v", err)
		}
		rs, err := env.Svc.ReturnsOf(ctx, who.jimu, id)
		if err != nil || len(rs) == 0 || rs[0].Reason != sqlstore.ReturnWithdrawn {
			t.Errorf("return list = %+v, %v", rs, err)
		}
		if m := env.Mail.Messages()[sent:]; len(m) == 0 || !strings.Contains(m[0].Subject, "取下げ") || !strings.Contains(m[0].Text, "回答がありません") {
			t.Errorf("closing mail = %+v", m)
		}
		evs, _ := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(id, 10)})
		var detail struct {
			Reason string `json:"reason"`
			Days   int    `json:"days_overdue"`
		}
		for _, ev := range evs {
			if ev.Action == "application.closed_stalled" {
				ok(t, json.Unmarshal([]byte(ev.Detail), &detail))
			}
		}
		if detail.Days != 30 || detail.Reason == "" {
			t.Errorf("audit detail = %+v", detail)
		}
	})
}
