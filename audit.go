package nintei

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// AuditEvent is one entry of the append-only audit trail. Every state change
// writes one in the same transaction as the change. Hash covers the event's
// fields and PrevHash, so editing or deleting any stored row breaks the
// chain from that row on, which `nintei audit verify` detects.
type AuditEvent struct {
	Seq          int64
	At           time.Time
	ActorID      int64  // 0 for the system or the CLI
	ActorLabel   string // e-mail or "system"/"cli", kept even if the user is later removed
	Action       string // e.g. "user.login", "catalog.import"
	ObjectType   string
	ObjectID     string
	BeforeDigest string // SHA-256 of the object's state before, "" when created
	AfterDigest  string // SHA-256 of the object's state after, "" when deleted
	Detail       string // JSON with safe, non-secret context
	PrevHash     string
	Hash         string
}

// GenesisHash is the PrevHash of the first event.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// AuditTime normalises a time to what both databases store exactly
// (microseconds, UTC), so the hash computed before writing matches the one
// recomputed after reading.
func AuditTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// ComputeHash returns the chain hash of e from its fields and PrevHash.
func (e *AuditEvent) ComputeHash() string {
	fields := []string{
		strconv.FormatInt(e.Seq, 10),
		AuditTime(e.At).Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10),
		e.ActorLabel, e.Action, e.ObjectType, e.ObjectID,
		e.BeforeDigest, e.AfterDigest, e.Detail, e.PrevHash,
	}
	h := sha256.New()
	for _, f := range fields {
		// Length-prefix each field so that moving text between fields changes the hash.
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// StateDigest is the SHA-256 of v's JSON encoding, used for the before and
// after digests of audit events. Secrets must not be part of v.
func StateDigest(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ChainBreak describes the first place where the stored audit trail does not
// verify.
type ChainBreak struct {
	Seq    int64
	Reason string // "hash", "prev_hash", "gap", "head"
}

func (b *ChainBreak) Error() string {
	return "audit chain broken at seq " + strconv.FormatInt(b.Seq, 10) + ": " + b.Reason
}

// ChainVerifier checks events one by one, in sequence order, without holding
// the whole trail in memory.
type ChainVerifier struct {
	prevSeq  int64
	prevHash string
	Count    int64
}

// NewChainVerifier starts at the genesis.
func NewChainVerifier() *ChainVerifier { return &ChainVerifier{prevHash: GenesisHash} }

// Next checks one event; it returns the first break found.
func (v *ChainVerifier) Next(e *AuditEvent) *ChainBreak {
	switch {
	case e.Seq != v.prevSeq+1:
		return &ChainBreak{Seq: v.prevSeq + 1, Reason: "gap"}
	case e.PrevHash != v.prevHash:
		return &ChainBreak{Seq: e.Seq, Reason: "prev_hash"}
	case e.ComputeHash() != e.Hash:
		return &ChainBreak{Seq: e.Seq, Reason: "hash"}
	}
	v.prevSeq, v.prevHash = e.Seq, e.Hash
	v.Count++
	return nil
}

// Finish compares the end of the chain with the recorded head, which catches
// deletion of the newest events.
func (v *ChainVerifier) Finish(headSeq int64, headHash string) *ChainBreak {
	if headSeq != v.prevSeq || !strings.EqualFold(headHash, v.prevHash) {
		return &ChainBreak{Seq: v.prevSeq + 1, Reason: "head"}
	}
	return nil
}
