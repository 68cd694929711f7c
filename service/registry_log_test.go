package service_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/registry"
)

// the public log carries a withheld answer's period and
// never its words (nor anything of the attachments); the daily snapshot
// logs the answer's release once the period ended, and the signed snapshot
// is the log replayed.
func TestRegistryLogWithholdsAndReleases_R7_3_R7_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		ring, err := registry.NewKeyRing(nil, env.Clock.T)
		ok(t, err)
		env.Svc.Aftercare.Config.RegistryKey = &ring // the core every area shares
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		ok(t, env.Svc.RequestWithholding(ctx, who.owner, a.ID, []string{"IPIOT-005"}, "営業上の理由", "2026-12-31"))
		ws, err := env.Svc.Withholdings(ctx, who.jimu, a.ID)
		ok(t, err)
		ok(t, env.Svc.DecideWithholding(ctx, who.jimu, a.ID, ws[0].ID, true, ""))
		_, err = env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, ""))
		env.AssessMandatoryOK(t, who.shinsa, a.ID)
		ok(t, env.Svc.Certify(ctx, who.jimu, a.ID, version(t, env, a.ID), ""))

		lines, err := env.Store.RegistryLog(ctx, 0, 100)
		ok(t, err)
		firstLine := lines[0]
		if len(lines) != 1 || !strings.Contains(lines[0], `"kind":"certified"`) || !strings.Contains(lines[0], `"withheld_until/IPIOT-005":"2026-12-31"`) {
			t.Fatalf("log after certification: %q", lines)
		}
		var first struct{ Fields map[string]string }
		ok(t, json.Unmarshal([]byte(lines[0]), &first))
		if first.Fields["item/IPIOT-005"] != "" {
			t.Errorf("R-7.3: the withheld answer is in the log: %q", first.Fields["item/IPIOT-005"])
		}
		for k := range first.Fields {
			if strings.Contains(k, "attach") || strings.Contains(k, "evidence") {
				t.Errorf("R-7.4: %s in the log", k)
			}
		}

		env.Clock.T = time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC) // 09:00 JST on 2 January: the period has ended
		snap, err := env.Svc.MakeRegistrySnapshot(ctx)
		ok(t, err)
		lines, err = env.Store.RegistryLog(ctx, 0, 100)
		ok(t, err)
		last, err := registry.ParseLine([]byte(lines[len(lines)-1]))
		ok(t, err)
		if last.Kind != "withholding_ended" || last.Fields["item/IPIOT-005"] == nil || *last.Fields["item/IPIOT-005"] == "" ||
			last.Fields["withheld_until/IPIOT-005"] != nil {
			t.Fatalf("release not logged: %s", lines[len(lines)-1])
		}
		if words := *last.Fields["item/IPIOT-005"]; strings.Contains(firstLine, words) {
			t.Errorf("R-7.3: the words %q were in the log before their release", words)
		}
		keys, err := json.Marshal(ring.Published())
		ok(t, err)
		summary, err := registry.Verify(registry.VerifyInput{Log: []byte(strings.Join(lines, "\n") + "\n"), Snapshot: snap.Body,
			Signature: []byte(snap.Signature), Keys: keys})
		if err != nil {
			t.Fatalf("the snapshot does not verify against the log: %v", err)
		}
		t.Log(summary)
	})
}

// Certifications moved in from the old site are in the log from their
// first entry with their public fields, so the daily snapshot finds
// nothing the log missed; a dry run leaves no entry.
func TestRegistryLogOfMovedInCertifications_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
		cur, err := env.Svc.CurrentEdition(ctx, "")
		ok(t, err)
		_, ed, err := env.Svc.Edition(ctx, cur.ID)
		ok(t, err)
		files, _ := moveFiles(t, ed, oldSiteRows(8))
		_, err = env.Svc.ImportCertifications(ctx, admin, files, "certifications.csv", true)
		ok(t, err)
		if lines, _ := env.Store.RegistryLog(ctx, 0, 10); len(lines) != 0 {
			t.Fatalf("a dry run logged %d entries", len(lines))
		}
		_, err = env.Svc.ImportCertifications(ctx, admin, files, "certifications.csv", false)
		ok(t, err)
		before, err := env.Store.RegistryLog(ctx, 0, 1000)
		ok(t, err)
		seen := map[string]bool{}
		for _, l := range before {
			e, err := registry.ParseLine([]byte(l))
			ok(t, err)
			if !seen[e.Number] && (e.Fields["service_name"] == nil || e.Fields["status"] == nil) {
				t.Errorf("the first entry of %s lacks its public fields: %s", e.Number, l)
			}
			seen[e.Number] = true
		}
		ring, err := registry.NewKeyRing(nil, env.Clock.T)
		ok(t, err)
		env.Svc.Aftercare.Config.RegistryKey = &ring
		_, err = env.Svc.MakeRegistrySnapshot(ctx)
		ok(t, err)
		after, err := env.Store.RegistryLog(ctx, 0, 1000)
		ok(t, err)
		if len(after) != len(before) || len(seen) != 8 {
			t.Errorf("the snapshot logged %d entries the events missed (%d services)", len(after)-len(before), len(seen))
		}
	})
}
