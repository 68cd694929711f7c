package service_test

import (
	"testing"

	"nintei"
	"nintei/application"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/core"
	"nintei/service/views"
)

func todoOf(w views.ProviderWork, kind string) *views.Todo {
	for i := range w.Todo {
		if w.Todo[i].Kind == kind {
			return &w.Todo[i]
		}
	}
	return nil
}

func deadlineOf(ds []core.Deadline, kind string) string {
	for _, d := range ds {
		if d.Kind == kind {
			return d.On.String()
		}
	}
	return ""
}

// The provider's work follows a certification through its renewal window
// and a supervision request; only the provider's own
// people read it, and another provider sees none of it.
func TestProviderWorkRenewalAndSupervision(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)

		w, err := env.Svc.ProviderWork(ctx, who.owner)
		ok(t, err)
		if len(w.Certifications) != 1 || len(w.Todo) != 0 {
			t.Fatalf("after certification: %+v", w)
		}
		c := w.Certifications[0]
		if c.Next != "renewal_later" || c.By != "" || c.ApplicationID != id ||
			deadlineOf(c.Deadlines, core.DeadlineRenewalOpens) != "2028-09-27" ||
			deadlineOf(c.Deadlines, core.DeadlineRenewalCloses) != "2028-10-27" ||
			deadlineOf(c.Deadlines, core.DeadlineValidUntil) != "2028-11-26" {
			t.Errorf("certification before the window = %+v", c)
		}
		if len(w.Applications) != 1 || w.Applications[0].State != application.Certified || w.Applications[0].Next != "" {
			t.Errorf("applications = %+v", w.Applications)
		}

		jstMidday(env, "2028-10-01")
		w, err = env.Svc.ProviderWork(ctx, who.owner)
		ok(t, err)
		if td := todoOf(w, views.TodoRenewal); td == nil || td.ApplicationID != id || td.DueOn.String() != "2028-10-27" || td.Draft {
			t.Errorf("renewal to do in the window = %+v", td)
		}
		if c := w.Certifications[0]; c.Next != "renew" || c.By != views.ByProvider {
			t.Errorf("certification in the window = %+v", c)
		}

		r, _ := preparedRenewal(t, env, who, id)
		w, err = env.Svc.ProviderWork(ctx, who.owner)
		ok(t, err)
		if td := todoOf(w, views.TodoRenewal); td == nil || td.ApplicationID != r.ID || !td.Draft {
			t.Errorf("renewal to do with a draft = %+v", td)
		}
		ok(t, submitAt(t, env, who, r.ID, "2028-10-01"))
		w, err = env.Svc.ProviderWork(ctx, who.owner)
		ok(t, err)
		if td := todoOf(w, views.TodoRenewal); td != nil {
			t.Errorf("renewal still to do after hand-in: %+v", td)
		}
		if c := w.Certifications[0]; c.Next != "renewal_under_way" || c.By != views.ByBody || c.RenewalID != r.ID {
			t.Errorf("certification with the renewal handed in = %+v", c)
		}

		_, err = env.Svc.RequestSupervision(ctx, who.jimu, id, aftercare.NewSupervisionRequest{Kind: "explanation", Body: "障害の経緯を説明してください。", DueOn: "2028-10-15"})
		ok(t, err)
		w, err = env.Svc.ProviderWork(ctx, who.owner)
		ok(t, err)
		if td := todoOf(w, views.TodoSupervision); td == nil || td.DueOn.String() != "2028-10-15" || td.ApplicationID != id || td.SubKind != "explanation" {
			t.Errorf("supervision to do = %+v", td)
		}
		if c := w.Certifications[0]; c.Next != "respond_supervision" || deadlineOf(c.Deadlines, core.DeadlineSupervisionDue) != "2028-10-15" {
			t.Errorf("certification with a supervision request = %+v", c)
		}

		other := principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社ほかの事業者"))
		w, err = env.Svc.ProviderWork(ctx, other)
		ok(t, err)
		if len(w.Todo)+len(w.Applications)+len(w.Certifications) != 0 {
			t.Errorf("another provider sees %+v", w)
		}
		for _, staff := range []service.Principal{who.jimu, who.shinsa, who.iin} {
			if _, err := env.Svc.ProviderWork(ctx, staff); nintei.KindOf(err) != nintei.KindForbidden {
				t.Errorf("%s: ProviderWork = %v, want forbidden", staff.User.Role, err)
			}
		}
	})
}
