package web

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/registry"
)

// The public log is served as JSON lines with an incremental read and an
// ETag; the snapshot, its signature and the keys are served as stored,
// and with no key configured the snapshot answers 404 saying why.
func TestRegistryLogAndSnapshotServed_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		c := s.client()
		ctx := context.Background()
		r := c.get(t, "/registry/snapshot.json")
		if r.Status != http.StatusNotFound || !strings.Contains(r.Body, s.ja("error.registry.snapshot_off", nil)) {
			t.Fatalf("no key: %d %s", r.Status, r.Body)
		}
		if r := c.get(t, "/.well-known/nintei-registry-key"); r.Status != http.StatusNotFound {
			t.Errorf("keys with no key: %d", r.Status)
		}
		if r := c.get(t, "/registry/log"); r.Status != http.StatusOK || r.Body != "" || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/jsonl") {
			t.Fatalf("empty log: %d %q %s", r.Status, r.Body, r.Header.Get("Content-Type"))
		}
		if r := c.get(t, "/registry/log?after=-1"); r.Status/100 != 4 {
			t.Errorf("after=-1: %d", r.Status)
		}
		for _, n := range []string{"A-1", "A-2", "A-3"} {
			if err := s.Env.Store.InTx(ctx, func(tx *sqlstore.Tx) error { return tx.AddRegistryEvent(ctx, n, "certified", "2026-11-27") }); err != nil {
				t.Fatal(err)
			}
		}
		r = c.get(t, "/registry/log")
		if strings.Count(r.Body, "\n") != 3 || r.Header.Get("ETag") == "" {
			t.Fatalf("log: %q etag %q", r.Body, r.Header.Get("ETag"))
		}
		if again := c.get(t, "/registry/log", "If-None-Match", r.Header.Get("ETag")); again.Status != http.StatusNotModified {
			t.Errorf("unchanged log: %d, want 304", again.Status)
		}
		if tail := c.get(t, "/registry/log?after=2"); !strings.HasPrefix(tail.Body, `{"seq":3,`) || strings.Count(tail.Body, "\n") != 1 {
			t.Errorf("after=2: %q", tail.Body)
		}

		ring, err := registry.NewKeyRing(nil, s.Env.Clock.T)
		if err != nil {
			t.Fatal(err)
		}
		s.Env.Svc.Aftercare.Config.RegistryKey = &ring
		snap, err := s.Env.Svc.MakeRegistrySnapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		body := c.get(t, "/registry/snapshot.json")
		sig := c.get(t, "/registry/snapshot.json.sig")
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(sig.Body))
		if body.Body != string(snap.Body) || err != nil || !ed25519.Verify(ring.Current().Public, []byte(body.Body), raw) {
			t.Fatalf("snapshot %d %q sig %q: not the signed bytes", body.Status, body.Body, sig.Body)
		}
		keys := c.get(t, "/.well-known/nintei-registry-key")
		// An event after the snapshot: the log runs past its head.
		if err := s.Env.Store.InTx(ctx, func(tx *sqlstore.Tx) error { return tx.AddRegistryEvent(ctx, "A-1", "changed", "2026-11-28") }); err != nil {
			t.Fatal(err)
		}
		r = c.get(t, "/registry/log")
		summary, err := registry.Verify(registry.VerifyInput{Log: []byte(r.Body), Snapshot: []byte(body.Body), Signature: []byte(sig.Body), Keys: []byte(keys.Body)})
		if err != nil || strings.Contains(keys.Body, "PRIVATE") {
			t.Fatalf("verify: %v (keys %s)", err, keys.Body)
		}
		if !strings.HasPrefix(summary, "ok: 4 log entries") || !strings.Contains(summary, "at entry 3") {
			t.Errorf("summary %q", summary)
		}
	})
}
