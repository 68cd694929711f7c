package service_test

import (
	"testing"

	"nintei/internal/testenv"
)

// seedReview adds n applications spread over the review: handed in,
// invoiced, and in document review with an inquiry answered.
func seedReview(t *testing.T, env *testenv.Env, who actors, n int) int64 {
	t.Helper()
	var last int64
	for i := range n {
		switch i % 3 {
		case 0:
			last = submittedApp(t, env, who)
		case 1:
			last = submittedApp(t, env, who)
			ok(t, env.Svc.StartFormalReview(ctx, who.jimu, last, version(t, env, last)))
			_, err := env.Svc.AcceptFormal(ctx, who.jimu, last, version(t, env, last))
			ok(t, err)
		default:
			last = paidApplication(t, env, who)
			ok(t, env.Svc.OpenInquiry(ctx, who.shinsa, last, version(t, env, last), "IPIOT-060", "受付時間を明記してください。"))
		}
	}
	return last
}

// readModelQueries counts the statements each read model sends.
func readModelQueries(t *testing.T, env *testenv.Env, who actors, reviewID int64) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	count := func(name string, read func() error) {
		before := env.Store.Queries()
		ok(t, read())
		out[name] = env.Store.Queries() - before
	}
	count("inbox", func() error { _, err := env.Svc.Inbox(ctx, who.jimu); return err })
	count("queue", func() error { _, err := env.Svc.Queue(ctx, who.jimu); return err })
	count("review", func() error { _, err := env.Svc.ReviewView(ctx, who.jimu, reviewID, ""); return err })
	count("committee", func() error { _, err := env.Svc.CommitteeWork(ctx, who.iin); return err })
	count("provider", func() error { _, err := env.Svc.ProviderWork(ctx, who.owner); return err })
	return out
}

// The secretariat's inbox, the review dashboard, the review page and the
// other dashboards send as many queries for 30 applications as for 3: no
// read model queries once per application.
func TestReadModelsQueryCountIsFixed(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := seedReview(t, env, who, 3)
		few := readModelQueries(t, env, who, id)
		id = seedReview(t, env, who, 27)
		many := readModelQueries(t, env, who, id)
		for name, n := range few {
			if many[name] != n || n == 0 {
				t.Errorf("%s: %d queries for 3 applications, %d for 30", name, n, many[name])
			}
		}
		t.Logf("queries: %v", many)
	})
}
