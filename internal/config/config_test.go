package config

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"nintei/review"
)

// The README's configuration table must name every setting.
func TestREADMEListsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
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

// the production fee defaults — what a process started without fee
// settings invoices — are the program's 別表1 amounts, tax included:
// 209,000 yen for a new application, 104,500 for a renewal and 10,450 for a
// reissue (10 % tax, due a week later). The defaults have one source,
// review.DefaultFees; this test pins the amounts, so changing the default
// fails here.
func TestProductionFeeDefaults_R4_6(t *testing.T) {
	c, _, err := Load("t", nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	fees := review.Fees{NewYen: c.Fees.NewYen, RenewalYen: c.Fees.RenewalYen, ReissueYen: c.Fees.ReissueYen,
		TaxPercent: c.Fees.TaxPercent, PaymentDays: c.Fees.PaymentDays}
	if fees != review.DefaultFees() {
		t.Errorf("config defaults %+v differ from review.DefaultFees %+v", fees, review.DefaultFees())
	}
	for _, tc := range []struct {
		kind       review.FeeKind
		tax, total int64
	}{{review.FeeNew, 19000, 209000}, {review.FeeRenewal, 9500, 104500}, {review.FeeReissue, 950, 10450}} {
		if got := fees.Price(tc.kind); got.TaxYen != tc.tax || got.TotalYen != tc.total || got.TaxPercent != 10 {
			t.Errorf("default %s fee = %+v, want tax %d, total %d yen at 10 %%", tc.kind, got, tc.tax, tc.total)
		}
	}
	if fees.PaymentDays != 7 {
		t.Errorf("payment due after %d days, want about one week (7)", fees.PaymentDays)
	}
}

func TestSessionLifetime(t *testing.T) {
	for _, tc := range []struct {
		idle, lifetime string
		want           time.Duration
		ok             bool
	}{{"", "", 7 * 24 * time.Hour, true}, {"", "24h", 24 * time.Hour, true}, {"", "1h", 0, false},
		{"2h", "2h", 2 * time.Hour, true}, {"", "forever", 0, false}} {
		env := map[string]string{"NINTEI_DATA_DIR": "/tmp/x", "NINTEI_SESSION_IDLE": tc.idle, "NINTEI_SESSION_LIFETIME": tc.lifetime}
		c, _, err := Load("t", nil, func(k string) string { return env[k] }, io.Discard)
		if tc.ok && (err != nil || c.SessionLifetime != tc.want) {
			t.Errorf("idle %q, lifetime %q: %v, %v; want %v", tc.idle, tc.lifetime, c.SessionLifetime, err, tc.want)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "NINTEI_SESSION_LIFETIME")) {
			t.Errorf("idle %q, lifetime %q: err = %v, want a NINTEI_SESSION_LIFETIME message", tc.idle, tc.lifetime, err)
		}
	}
}
