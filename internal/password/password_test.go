package password

import (
	"strings"
	"testing"
)

func TestHashAndCheck(t *testing.T) {
	// 25 kanji are 75 bytes: a bcrypt-style 72-byte cut would make the last one irrelevant.
	long := strings.Repeat("認", 24) + "証"
	cases := []struct {
		pw, try string
		want    bool
	}{
		{"correct horse battery", "correct horse battery", true},
		{"correct horse battery", "correct horse batterY", false},
		{long, long, true},
		{long, strings.Repeat("認", 24) + "定", false},
	}
	for _, c := range cases {
		h, err := Hash(c.pw, Default)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Fatalf("hash %q does not carry its parameters", h)
		}
		got, err := Check(c.try, h)
		if err != nil || got != c.want {
			t.Errorf("Check(%q) = %v, %v; want %v", c.try, got, err, c.want)
		}
	}
}

func TestSaltsDiffer(t *testing.T) {
	a, _ := Hash("same password", Default)
	b, _ := Hash("same password", Default)
	if a == b {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
}

func TestMalformed(t *testing.T) {
	for _, h := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x$a$b", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA", "plain"} {
		if _, err := Check("x", h); err != ErrMalformed {
			t.Errorf("Check(%q) error = %v, want ErrMalformed", h, err)
		}
	}
}
