package registry

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
)

// VerifyInput is what a verifier downloads: the log (JSON lines), the
// snapshot, its detached signature (base64) and the published keys.
type VerifyInput struct {
	Log, Snapshot, Signature, Keys []byte
}

// Verify checks, offline, the snapshot's signature, every link of the log's
// chain and that the snapshot is the log replayed up to its head. It
// returns a one-line summary, or an error naming the first bad entry (or
// service of the snapshot).
func Verify(in VerifyInput) (string, error) {
	keys, err := ParsePublishedKeys(in.Keys)
	if err != nil {
		return "", err
	}
	snap, err := ParseSnapshot(in.Snapshot)
	if err != nil {
		return "", err
	}
	key, ok := keys[snap.KeyID]
	if !ok {
		return "", fmt.Errorf("snapshot: signed with key %q, which is not published", snap.KeyID)
	}
	sig, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(in.Signature)))
	if err != nil || !ed25519.Verify(key, in.Snapshot, sig) {
		return "", fmt.Errorf("snapshot: the signature does not verify with key %s", snap.KeyID)
	}
	lines := splitLines(in.Log)
	if _, last, err := Replay(lines, 0); err != nil {
		return "", err
	} else if last.Seq < snap.HeadSeq {
		return "", fmt.Errorf("log entry %d: missing (the log ends at %d, the snapshot's head is %d)", last.Seq+1, last.Seq, snap.HeadSeq)
	}
	state, head, err := Replay(lines, snap.HeadSeq)
	if err != nil {
		return "", err
	}
	if head.Hash != snap.HeadHash {
		return "", fmt.Errorf("snapshot: log_head hash is not the hash of log entry %d", snap.HeadSeq)
	}
	if err := sameRegistry(snap.Services, state); err != nil {
		return "", err
	}
	replayed := snap
	replayed.Services = state
	if !bytes.Equal(replayed.Encode(), in.Snapshot) {
		return "", fmt.Errorf("snapshot: not in canonical form")
	}
	return fmt.Sprintf("ok: %d log entries chained, snapshot of %d services at entry %d (%s…) signed by key %s matches the log",
		len(lines), len(state), snap.HeadSeq, snap.HeadHash[:min(12, len(snap.HeadHash))], snap.KeyID), nil
}

// sameRegistry names the first service (by number) where the snapshot and
// the replayed log differ.
func sameRegistry(snap, log map[string]Fields) error {
	all := map[string]bool{}
	for n := range snap {
		all[n] = true
	}
	for n := range log {
		all[n] = true
	}
	numbers := slices.Sorted(maps.Keys(all))
	for _, n := range numbers {
		s, inSnap := snap[n]
		l, inLog := log[n]
		switch {
		case !inSnap:
			return fmt.Errorf("snapshot: service %s is in the log but not in the snapshot", n)
		case !inLog:
			return fmt.Errorf("snapshot: service %s is not in the log", n)
		}
		for _, k := range slices.Sorted(maps.Keys(Changes(l, s))) {
			return fmt.Errorf("snapshot: service %s: field %q differs from the log", n, k)
		}
	}
	return nil
}

// splitLines splits JSON lines, ignoring a final newline.
func splitLines(b []byte) [][]byte {
	b = bytes.TrimRight(b, "\n")
	if len(b) == 0 {
		return nil
	}
	return bytes.Split(b, []byte("\n"))
}
