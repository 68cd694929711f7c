package config

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// The README's configuration table must name every setting.
func TestREADMEListsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Settings {
		if !strings.Contains(string(readme), "`--"+s.flag+"` | `"+s.env+"`") {
			t.Errorf("README configuration table lacks --%s / %s", s.flag, s.env)
		}
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	env := map[string]string{"NINTEI_ADDR": ":9000", "NINTEI_DATA_DIR": "/tmp/x"}
	c, _, err := Load("t", []string{"--addr", "127.0.0.1:9100"}, func(k string) string { return env[k] }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9100" || c.DataDir != "/tmp/x" || c.BaseURL != "http://127.0.0.1:9100" {
		t.Errorf("config = %+v", c)
	}
}

func TestEveryProblemReportedAtOnce(t *testing.T) {
	env := map[string]string{"NINTEI_ADDR": "nope", "NINTEI_SMTP_PORT": "0", "NINTEI_TRUST_PROXY": "perhaps"}
	_, _, err := Load("t", nil, func(k string) string { return env[k] }, os.Stderr)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"NINTEI_ADDR", "NINTEI_SMTP_PORT", "NINTEI_TRUST_PROXY"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestHTTPSBaseURLMeansSecureCookies(t *testing.T) {
	c, _, err := Load("t", []string{"--base-url", "https://nintei.example.jp/"}, func(string) string { return "" }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !c.SecureCookies() || c.BaseURL != "https://nintei.example.jp" {
		t.Errorf("config = %+v", c)
	}
}

func TestJobPoll(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{{"", 5 * time.Second, true}, {"200ms", 200 * time.Millisecond, true}, {"50ms", 0, false}, {"2h", 0, false}, {"soon", 0, false}} {
		env := map[string]string{"NINTEI_DATA_DIR": "/tmp/x", "NINTEI_JOB_POLL": tc.in}
		c, _, err := Load("t", nil, func(k string) string { return env[k] }, io.Discard)
		if tc.ok && (err != nil || c.JobPoll != tc.want) {
			t.Errorf("NINTEI_JOB_POLL=%q: %v, %v; want %v", tc.in, c.JobPoll, err, tc.want)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "NINTEI_JOB_POLL")) {
			t.Errorf("NINTEI_JOB_POLL=%q: err = %v, want a NINTEI_JOB_POLL message", tc.in, err)
		}
	}
}
