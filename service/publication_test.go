package service_test

import (
	"testing"

	"nintei/internal/testenv"
)

// the published answers are those written, every part of them: a
// money answer (IPIOT-009, 資本金) keeps its fiscal period on the service
// page and in the comparison.
func TestPublishedAnswerKeepsPeriod_R7_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		pub, _, err := env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		cmp, err := env.Svc.CompareServices(ctx, []string{c.Number})
		ok(t, err)
		const want = "16,859,430千円\n[2025年3月期]" // as formbtest.CompleteForm answers money items
		found := false
		for i, a := range pub.Items {
			if a.ItemID != "IPIOT-009" {
				continue
			}
			found = true
			if a.Text != want {
				t.Errorf("R-7.2: IPIOT-009 published as %q, want %q", a.Text, want)
			}
			if got := cmp[0].Items[i].Text; got != want {
				t.Errorf("R-7.2: IPIOT-009 compared as %q, want %q", got, want)
			}
		}
		if !found {
			t.Error("IPIOT-009 is not published")
		}
	})
}
