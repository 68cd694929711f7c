package config

import (
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"
)

func TestRateLimitDefaultsAndParsing(t *testing.T) {
	c, _, err := Load("t", nil, func(string) string { return "" }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	want := Limits{On: true, LoginPerIP: Rate{20, time.Minute}, LoginPerName: Rate{5, time.Minute},
		Search: Rate{60, time.Minute}, API: Rate{600, time.Minute}}
	if c.Limits.On != want.On || c.Limits.LoginPerIP != want.LoginPerIP || c.Limits.LoginPerName != want.LoginPerName ||
		c.Limits.Search != want.Search || c.Limits.API != want.API || len(c.Limits.TrustedProxies) != 0 {
		t.Errorf("default limits = %+v, want %+v", c.Limits, want)
	}
	env := map[string]string{"NINTEI_SEARCH_LIMIT": "off", "NINTEI_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7 ,::1"}
	c, _, err = Load("t", []string{"--api-limit", "100/10s", "--rate-limits=false"}, func(k string) string { return env[k] }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	wantProxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32"), netip.MustParsePrefix("::1/128")}
	if c.Limits.On || c.Limits.Search.N != 0 || c.Limits.API != (Rate{100, 10 * time.Second}) ||
		len(c.Limits.TrustedProxies) != 3 || c.Limits.TrustedProxies[1] != wantProxies[1] || c.Limits.TrustedProxies[2] != wantProxies[2] {
		t.Errorf("limits = %+v", c.Limits)
	}
}

func TestBadRateLimitsAreReported(t *testing.T) {
	env := map[string]string{"NINTEI_LOGIN_LIMIT_IP": "20", "NINTEI_LOGIN_LIMIT_NAME": "5/soon", "NINTEI_API_LIMIT": "0/1m",
		"NINTEI_TRUSTED_PROXIES": "proxy.local", "NINTEI_RATE_LIMITS": "maybe"}
	_, _, err := Load("t", nil, func(k string) string { return env[k] }, os.Stderr)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"NINTEI_LOGIN_LIMIT_IP", "NINTEI_LOGIN_LIMIT_NAME", "NINTEI_API_LIMIT", "NINTEI_TRUSTED_PROXIES", "NINTEI_RATE_LIMITS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}
