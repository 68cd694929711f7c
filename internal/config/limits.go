package config

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Rate is a rate limit: N requests per Per, in bursts of up to N. The zero
// Rate limits nothing.
type Rate struct {
	N   int
	Per time.Duration
}

// Limits are the per-client abuse limits. They are counted in memory by
// each instance, so behind k instances a client gets up to k times each.
type Limits struct {
	On             bool // false turns every limit off (load benchmarks)
	LoginPerIP     Rate
	LoginPerName   Rate
	Search         Rate
	API            Rate
	TrustedProxies []netip.Prefix // whose X-Forwarded-For names the client
}

// buildLimits reads the rate-limit settings, reporting each problem.
func buildLimits(get func(string) string, bad func(f, why string)) Limits {
	var l Limits
	var err error
	if l.On, err = strconv.ParseBool(get("rate-limits")); err != nil {
		bad("rate-limits", "must be true or false")
	}
	for _, r := range []struct {
		flag string
		dst  *Rate
	}{{"login-limit-ip", &l.LoginPerIP}, {"login-limit-name", &l.LoginPerName}, {"search-limit", &l.Search}, {"api-limit", &l.API}} {
		if *r.dst, err = ParseRate(get(r.flag)); err != nil {
			bad(r.flag, err.Error())
		}
	}
	for _, p := range strings.Split(get("trusted-proxies"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			a, aerr := netip.ParseAddr(p)
			if aerr != nil {
				bad("trusted-proxies", fmt.Sprintf("%q is not an address or CIDR prefix (e.g. 10.0.0.0/8)", p))
				continue
			}
			pfx = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		l.TrustedProxies = append(l.TrustedProxies, pfx.Masked())
	}
	return l
}

// ParseRate reads "N/DURATION" (e.g. "20/1m": 20 requests a minute, in
// bursts of up to 20); "0" or "off" is no limit.
func ParseRate(s string) (Rate, error) {
	if s == "0" || s == "off" {
		return Rate{}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	r := Rate{}
	var err error
	if r.N, err = strconv.Atoi(n); !ok || err != nil || r.N < 1 || r.N > 1_000_000 {
		return Rate{}, fmt.Errorf("%q must be N/DURATION with N from 1 to 1000000 (e.g. 20/1m), or off", s)
	}
	if r.Per, err = time.ParseDuration(per); err != nil || r.Per < time.Second || r.Per > 24*time.Hour {
		return Rate{}, fmt.Errorf("%q must be N/DURATION with a duration from 1s to 24h (e.g. 20/1m), or off", s)
	}
	return r, nil
}
