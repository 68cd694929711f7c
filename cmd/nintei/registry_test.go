package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nintei/registry"
)

// copyDir copies the verification files of src into a new directory with
// change applied to the file named name.
func tampered(t *testing.T, src, name string, change func([]byte) []byte) string {
	t.Helper()
	dst := t.TempDir()
	for _, f := range verifyFiles {
		b, err := os.ReadFile(filepath.Join(src, f.file))
		if err != nil {
			t.Fatal(err)
		}
		if f.file == name {
			b = change(bytes.Clone(b))
		}
		if err := os.WriteFile(filepath.Join(dst, f.file), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// The demo publishes a log and a signed snapshot that `nintei registry
// verify` accepts from its URL; one byte changed in a past log entry or in
// the snapshot fails the check, naming the entry (R-7.1, R-7.2: anyone can
// check what the registry published and when).
func TestRegistryVerifyDemoAndTampering_R7_1_R7_2(t *testing.T) {
	dataDir, base := demoBody(t)
	saved := t.TempDir()
	out, _, err := cli(t, nil, "", "registry", "verify", "--save", saved, base)
	if err != nil || !strings.HasPrefix(out, "ok: ") || strings.Count(out, "\n") != 1 {
		t.Fatalf("verify of the demo: %q, %v", out, err)
	}
	if out2, _, err := cli(t, nil, "", "registry", "verify", "--dir", saved); err != nil || out2 != out {
		t.Fatalf("offline verify: %q, %v (online said %q)", out2, err, out)
	}

	// One byte of entry 3's day changed.
	dir := tampered(t, saved, "log.jsonl", func(b []byte) []byte {
		lines := bytes.SplitN(b, []byte("\n"), 4)
		i := bytes.Index(lines[2], []byte(`"on":"20`)) + len(`"on":"20`)
		lines[2][i] ^= 1
		return b
	})
	if _, _, err := cli(t, nil, "", "registry", "verify", "--dir", dir); err == nil || !strings.Contains(err.Error(), "log entry 3:") {
		t.Errorf("a changed entry 3: %v, want it named", err)
	}

	// One byte of the snapshot changed: the signature fails.
	dir = tampered(t, saved, "snapshot.json", func(b []byte) []byte {
		b[bytes.Index(b, []byte(`"certified_on":"20`))+len(`"certified_on":"20`)] ^= 1
		return b
	})
	if _, _, err := cli(t, nil, "", "registry", "verify", "--dir", dir); err == nil || !strings.Contains(err.Error(), "signature") {
		t.Errorf("a changed snapshot: %v, want the signature refused", err)
	}

	// A snapshot signed with the body's own key but not what the log says
	// is refused too, naming the service.
	ring, err := registry.LoadKeyRing(filepath.Join(dataDir, "registry-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	snapBytes, _ := os.ReadFile(filepath.Join(saved, "snapshot.json"))
	snap, err := registry.ParseSnapshot(snapBytes)
	if err != nil {
		t.Fatal(err)
	}
	var number string
	for n := range snap.Services {
		number = n
		break
	}
	snap.Services[number]["service_name"] += "X"
	forged := snap.Encode()
	dir = tampered(t, saved, "snapshot.json", func([]byte) []byte { return forged })
	sig := base64.StdEncoding.EncodeToString(ring.Sign(forged))
	if err := os.WriteFile(filepath.Join(dir, "snapshot.json.sig"), []byte(sig), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cli(t, nil, "", "registry", "verify", "--dir", dir); err == nil || !strings.Contains(err.Error(), number) {
		t.Errorf("a snapshot unlike the log: %v, want service %s named", err, number)
	}
}

// keygen writes a private key file readable by its owner only and never
// overwrites one; rotate keeps the old public key published; a server with
// no key answers 404 on the snapshot with a clear message; the command
// `nintei registry snapshot` makes one the server then serves.
func TestRegistryKeysAndSnapshotCommand(t *testing.T) {
	keyDir := t.TempDir()
	key := filepath.Join(keyDir, "registry.pem")
	if _, _, err := cli(t, nil, "", "registry", "keygen", "--key", key); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v, want mode 0600", st, err)
	}
	first, _ := registry.LoadKeyRing(key)
	if _, _, err := cli(t, nil, "", "registry", "keygen", "--key", key); err == nil || !strings.Contains(err.Error(), "not overwritten") {
		t.Fatalf("keygen over an existing key: %v", err)
	}
	if _, _, err := cli(t, nil, "", "registry", "rotate", "--key", key); err != nil {
		t.Fatal(err)
	}
	rotated, err := registry.LoadKeyRing(key)
	if err != nil || len(rotated.Keys) != 2 || rotated.Keys[0].ID != first.Current().ID || rotated.Current().ID == first.Current().ID {
		t.Fatalf("rotated ring %+v, %v", rotated.Keys, err)
	}

	data := t.TempDir()
	base, stop := serveBody(t, "--data-dir", data)
	resp, err := http.Get(base + "/registry/snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "署名鍵が設定されていません") {
		t.Errorf("no key: %d %s", resp.StatusCode, body)
	}
	stop()

	out, _, err := cli(t, nil, "", "registry", "snapshot", "--data-dir", data, "--registry-key", key)
	if err != nil || !strings.Contains(out, rotated.Current().ID) {
		t.Fatalf("snapshot: %q %v", out, err)
	}
	base, _ = serveBody(t, "--data-dir", data, "--registry-key", key)
	out, _, err = cli(t, nil, "", "registry", "verify", base)
	if err != nil || !strings.HasPrefix(out, "ok: 0 log entries") {
		t.Fatalf("verify an empty registry: %q %v", out, err)
	}
	resp, err = http.Get(base + "/.well-known/nintei-registry-key")
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(keys), first.Current().ID) || strings.Contains(string(keys), "PRIVATE") {
		t.Errorf("published keys %s: the old key must stay, no private key", keys)
	}
}
