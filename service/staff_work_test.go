package service_test

import (
	"testing"
	"time"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
)

// The administrator's dashboard counts the users by role, lists the
// editions and the jobs that failed their last attempt; no one else reads it.
func TestAdminWork(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
		_, _, err := env.Store.EnqueueJob(ctx, sqlstore.NewJob{Kind: "mail.send", MaxAttempts: 1})
		ok(t, err)
		jobs, err := env.Store.ClaimJobs(ctx, sqlstore.JobClaim{Worker: "w", Now: time.Now(), Lease: time.Minute, Limit: 1,
			Kinds: []string{"mail.send"}})
		ok(t, err)
		if len(jobs) != 1 {
			t.Fatalf("claimed %d jobs", len(jobs))
		}
		dead, err := env.Store.FailJob(ctx, jobs[0], "smtp: connection refused", time.Now())
		ok(t, err)
		if !dead {
			t.Fatal("the job is not dead after its only attempt")
		}

		w, err := env.Svc.AdminWork(ctx, admin)
		ok(t, err)
		if w.UserTotal != 6 || w.Users["secretariat"] != 2 || w.Users["admin"] != 1 {
			t.Errorf("users = %d %v", w.UserTotal, w.Users)
		}
		if len(w.Editions) == 0 {
			t.Errorf("no editions")
		}
		if len(w.FailedJobs) != 1 || w.FailedJobs[0].LastError != "smtp: connection refused" {
			t.Errorf("failed jobs = %+v", w.FailedJobs)
		}
		for _, p := range []service.Principal{who.owner, who.jimu, who.shinsa, who.iin} {
			if _, err := env.Svc.AdminWork(ctx, p); nintei.KindOf(err) != nintei.KindForbidden {
				t.Errorf("%s: AdminWork = %v, want forbidden", p.User.Role, err)
			}
		}
	})
}
