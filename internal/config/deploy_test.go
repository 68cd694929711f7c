package config

import (
	"bufio"
	"io"
	"net/netip"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readEnvFile reads KEY=VALUE lines as systemd's EnvironmentFile does
// (comments and blank lines skipped, no quoting used).
func readEnvFile(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path) // #nosec G304 -- the repository's own file
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: %q is not KEY=VALUE", path, line)
		}
		env[k] = v
	}
	return env
}

// The shipped deployment files work together as written (issue 18, item
// 7): the environment file passes every configuration check, trusts the
// nginx of deploy/nginx on the address nginx connects from and sends its
// requests to, and systemd waits longer than the drain period before it
// kills nintei.
func TestDeployFilesLoad(t *testing.T) {
	env := readEnvFile(t, "../../deploy/nintei.env.example")
	c, _, err := Load("nintei serve", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatalf("deploy/nintei.env.example does not load: %v", err)
	}
	if !c.TrustProxy || len(c.Limits.TrustedProxies) == 0 {
		t.Fatalf("the environment file trusts no proxy: %+v", c.Limits.TrustedProxies)
	}
	nginx, err := os.ReadFile("../../deploy/nginx/nintei.conf")
	if err != nil {
		t.Fatal(err)
	}
	upstream := regexp.MustCompile(`(?m)^\s*server\s+([0-9.]+):(\d+);`).FindStringSubmatch(string(nginx))
	if upstream == nil || upstream[1]+":"+upstream[2] != c.Addr {
		t.Errorf("nginx upstream %v, want nintei's address %s", upstream, c.Addr)
	}
	var trusted bool
	for _, p := range c.Limits.TrustedProxies {
		if upstream != nil && strings.HasPrefix(upstream[1], "127.") && p.Contains(netip.MustParseAddr(upstream[1])) {
			trusted = true
		}
	}
	if !trusted {
		t.Errorf("NINTEI_TRUSTED_PROXIES %v does not include the address nginx connects from", c.Limits.TrustedProxies)
	}
	if regexp.MustCompile(`(?m)^\s*http2\s+on;`).Match(nginx) {
		t.Error("nginx config uses `http2 on;`, which Debian 12's nginx 1.22 refuses")
	}
	unit, err := os.ReadFile("../../deploy/systemd/nintei.service")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^TimeoutStopSec=(\S+)$`).FindStringSubmatch(string(unit))
	if m == nil {
		t.Fatal("the unit sets no TimeoutStopSec")
	}
	stop, err := time.ParseDuration(m[1])
	if err != nil {
		t.Fatalf("TimeoutStopSec=%s: %v", m[1], err)
	}
	if stop <= c.ShutdownDrain {
		t.Errorf("TimeoutStopSec %v does not exceed the drain period %v", stop, c.ShutdownDrain)
	}
	doc, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"deploy/nintei.env.example", "deploy/systemd/nintei.service", "deploy/nginx/nintei.conf", "scripts/check-deploy.sh"} {
		if !strings.Contains(string(doc), f) {
			t.Errorf("docs/deploy.md does not name %s", f)
		}
	}
}
