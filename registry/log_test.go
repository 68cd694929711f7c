package registry

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The canonical line is fixed byte for byte (docs/registry.md): member
// order, sorted field keys, null for a removed field, no HTML escaping,
// U+2028 escaped; a served line not in this form is refused.
func TestCanonicalLine(t *testing.T) {
	v := "a<b>&\"c\"\n\u2028日本"
	e := LogEntry{Seq: 7, Time: "2026-12-07T00:00:00Z", Number: "N-1", Kind: "changed", On: "2026-12-07",
		Fields: map[string]*string{"z": nil, "a": &v}, Prev: GenesisPrev}
	e.Seal()
	want := `{"seq":7,"time":"2026-12-07T00:00:00Z","number":"N-1","kind":"changed","on":"2026-12-07","fields":{"a":"a<b>&\"c\"\n\u2028日本","z":null},"prev":"` + GenesisPrev + `"}`
	if got := string(e.Canonical()); got != want {
		t.Fatalf("canonical\n got %s\nwant %s", got, want)
	}
	line := e.Line()
	if len(line)-len(e.Canonical()) != 74 || !strings.HasSuffix(string(line), `,"hash":"`+e.Hash+`"}`) {
		t.Fatalf("line %s", line)
	}
	if _, err := ParseLine(line); err != nil {
		t.Fatal(err)
	}
	spaced := strings.Replace(string(line), `"seq":7,`, `"seq": 7,`, 1)
	if _, err := ParseLine([]byte(spaced)); err == nil {
		t.Error("a line with a space was accepted")
	}
}

// After a rotation the old key stays published, so a snapshot it signed
// still verifies.
func TestRotatedKeyStillVerifiesOldSnapshot(t *testing.T) {
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	old, err := NewKeyRing(nil, now)
	if err != nil {
		t.Fatal(err)
	}
	snap := Snapshot{GeneratedAt: now.Format(time.RFC3339), KeyID: old.Current().ID, HeadHash: GenesisPrev, Services: map[string]Fields{}}
	body := snap.Encode()
	sig := base64.StdEncoding.EncodeToString(old.Sign(body))
	rotated, err := NewKeyRing(&old, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	file, err := rotated.Encode()
	if err != nil {
		t.Fatal(err)
	}
	reread, err := ParseKeyRing(file)
	if err != nil || len(reread.Keys) != 2 || reread.Current().ID != rotated.Current().ID {
		t.Fatalf("reread %+v %v", reread.Keys, err)
	}
	keys, _ := json.Marshal(reread.Published())
	if _, err := Verify(VerifyInput{Snapshot: body, Signature: []byte(sig), Keys: keys}); err != nil {
		t.Fatalf("old snapshot after rotation: %v", err)
	}
}
