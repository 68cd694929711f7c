package config

import (
	"io"
	"strings"
	"testing"
)

// A boolean setting takes the bare form (`--trust-proxy` alone is true), as
// the configuration table's "boolean" promises, and the explicit one; the
// variable still works, and a wrong value is reported with the others.
func TestBooleanFlagsTakeTheBareForm(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want func(Config) bool
	}{
		{[]string{"--trust-proxy"}, nil, func(c Config) bool { return c.TrustProxy }},
		{[]string{"-trust-proxy", "--addr", ":9000"}, nil, func(c Config) bool { return c.TrustProxy && c.Addr == ":9000" }},
		{[]string{"--trust-proxy=true"}, nil, func(c Config) bool { return c.TrustProxy }},
		{[]string{"--trust-proxy=false"}, map[string]string{"NINTEI_TRUST_PROXY": "true"}, func(c Config) bool { return !c.TrustProxy }},
		{nil, map[string]string{"NINTEI_TRUST_PROXY": "true"}, func(c Config) bool { return c.TrustProxy }},
		{nil, nil, func(c Config) bool { return !c.TrustProxy && c.Limits.On && c.S3.TLS }},
		{[]string{"--rate-limits=false"}, nil, func(c Config) bool { return !c.Limits.On }},
		{[]string{"--rate-limits"}, map[string]string{"NINTEI_RATE_LIMITS": "false"}, func(c Config) bool { return c.Limits.On }},
	}
	for _, tt := range tests {
		c, rest, err := Load("t", tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if err != nil || len(rest) != 0 || !tt.want(c) {
			t.Errorf("%v %v: err %v, rest %q, trust-proxy %v, rate-limits %v", tt.args, tt.env, err, rest, c.TrustProxy, c.Limits.On)
		}
	}
	if _, _, err := Load("t", []string{"--trust-proxy=perhaps"}, func(string) string { return "" }, io.Discard); err == nil {
		t.Error("--trust-proxy=perhaps accepted")
	}
	for _, s := range Settings {
		if isBoolSetting(s) != (s.flag == "trust-proxy" || s.flag == "rate-limits" || s.flag == "s3-tls") {
			t.Errorf("--%s: boolean %v", s.flag, isBoolSetting(s))
		}
	}
}

// The feeds' tagging entity defaults to the base URL's host and a fixed
// day, takes a configured domain or e-mail address and day, and refuses
// what RFC 4151 does not allow.
func TestFeedTagEntity(t *testing.T) {
	load := func(args ...string) (Config, error) {
		c, _, err := Load("t", args, func(string) string { return "" }, io.Discard)
		return c, err
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--base-url", "https://Nintei.Example.jp:8443/x"}, "nintei.example.jp,2026-01-01"},
		{[]string{"--addr", "127.0.0.1:9000"}, "127.0.0.1,2026-01-01"},
		{[]string{"--feed-tag-authority", "registry.example.org", "--feed-tag-date", "2027-04"}, "registry.example.org,2027-04"},
		{[]string{"--feed-tag-authority", "jimukyoku@nintei.example.jp", "--feed-tag-date", "2026"}, "jimukyoku@nintei.example.jp,2026"},
	} {
		c, err := load(tt.args...)
		if err != nil || c.FeedTag.Entity() != tt.want {
			t.Errorf("%v: %q, %v; want %q", tt.args, c.FeedTag.Entity(), err, tt.want)
		}
	}
	for _, args := range [][]string{{"--feed-tag-authority", "nintei example"}, {"--feed-tag-authority", "a,b"},
		{"--feed-tag-date", "2026-13-01"}, {"--feed-tag-date", "26-01-01"}, {"--feed-tag-date", ""}} {
		if _, err := load(args...); err == nil || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: %v", args, err)
		}
	}
}
