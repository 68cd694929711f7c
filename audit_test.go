package nintei

import (
	"testing"
	"time"
)

func chain(n int) []AuditEvent {
	prev := GenesisHash
	var out []AuditEvent
	for i := 1; i <= n; i++ {
		e := AuditEvent{Seq: int64(i), At: time.Date(2026, 11, 27, 10, 0, i, 123456789, time.UTC), ActorID: 7,
			ActorLabel: "a@example.jp", Action: "x.y", ObjectType: "o", ObjectID: "1", Detail: "{}", PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func TestChainVerifier(t *testing.T) {
	cases := []struct {
		name   string
		mutate func([]AuditEvent) []AuditEvent
		head   func([]AuditEvent) (int64, string)
		want   *ChainBreak
	}{
		{"intact", nil, nil, nil},
		{"edited field", func(es []AuditEvent) []AuditEvent { es[2].ActorLabel = "b@example.jp"; return es }, nil, &ChainBreak{Seq: 3, Reason: "hash"}},
		{"text moved between fields", func(es []AuditEvent) []AuditEvent {
			es[1].ObjectType, es[1].ObjectID = "o1", ""
			return es
		}, nil, &ChainBreak{Seq: 2, Reason: "hash"}},
		{"deleted middle", func(es []AuditEvent) []AuditEvent { return append(es[:1], es[2:]...) }, nil, &ChainBreak{Seq: 2, Reason: "gap"}},
		{"rehashed edit", func(es []AuditEvent) []AuditEvent {
			es[1].Action = "forged"
			es[1].Hash = es[1].ComputeHash()
			return es
		}, nil, &ChainBreak{Seq: 3, Reason: "prev_hash"}},
		{"deleted tail", func(es []AuditEvent) []AuditEvent { return es[:4] }, func(es []AuditEvent) (int64, string) { return 5, "x" }, &ChainBreak{Seq: 5, Reason: "head"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es := chain(5)
			headSeq, headHash := es[4].Seq, es[4].Hash
			if c.mutate != nil {
				es = c.mutate(es)
			}
			if c.head != nil {
				headSeq, headHash = c.head(es)
			}
			v := NewChainVerifier()
			var got *ChainBreak
			for i := range es {
				if got = v.Next(&es[i]); got != nil {
					break
				}
			}
			if got == nil {
				got = v.Finish(headSeq, headHash)
			}
			if (got == nil) != (c.want == nil) || (got != nil && *got != *c.want) {
				t.Errorf("break = %+v, want %+v", got, c.want)
			}
		})
	}
}

// The hash is computed on microsecond UTC time, what both databases keep.
func TestAuditTimeIsStableAcrossStorage(t *testing.T) {
	e := chain(1)[0]
	stored := e
	stored.At = AuditTime(e.At).In(time.FixedZone("JST", 9*3600))
	if stored.ComputeHash() != e.Hash {
		t.Error("hash changes when the time is read back truncated to microseconds in another zone")
	}
}

func TestErrorKindsAndSentinels(t *testing.T) {
	err := Wrap("op", ErrDuplicate)
	if KindOf(err) != KindConflict {
		t.Errorf("kind = %s", KindOf(err))
	}
	if KindOf(Wrap("op", errPlain("boom"))) != KindInternal {
		t.Error("a plain error is not internal")
	}
	e := Invalid("error.required", "name").With("Max", 3)
	if e.Args["Field"] != "name" || e.Args["Max"] != 3 || KindOf(e) != KindInvalid {
		t.Errorf("invalid error = %+v", e)
	}
}

type errPlain string

func (e errPlain) Error() string { return string(e) }

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{" Owner@Example.JP ": "owner@example.jp", "a@b.jp": "a@b.jp", "no at": "", "A <a@b.jp>": ""} {
		got, err := NormalizeEmail(in)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v", in, got, err)
		}
	}
}

func TestPasswordPolicyCountsCharacters(t *testing.T) {
	if err := CheckPasswordPolicy("認定制度の運営システム"); err != nil { // 11 characters, 33 bytes
		t.Errorf("11-character Japanese password refused: %v", err)
	}
	if err := CheckPasswordPolicy("短いパスワード"); err == nil {
		t.Error("7-character password accepted")
	}
}
