package config

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOIDCProviders reads secrets from a file and from a variable, and the
// secret never shows when the configuration is printed or logged.
func TestOIDCProviders(t *testing.T) {
	dir := t.TempDir()
	secretFile := writeFile(t, dir, "s", "file-secret-123\n")
	path := writeFile(t, dir, "oidc.yaml", `providers:
  - {id: staff-idp, name: 認定機関ID, issuer: "https://idp.example.jp", client_id: a, client_secret_file: `+secretFile+`, accounts: staff}
  - {id: gbiz, name: gBizID, issuer: "https://gbiz.example.jp", client_id: b, client_secret_env: GBIZ_SECRET, accounts: provider}
`)
	env := map[string]string{"NINTEI_OIDC_PROVIDERS": path, "GBIZ_SECRET": "env-secret-456"}
	c, _, err := Load("t", nil, func(k string) string { return env[k] }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.OIDC) != 2 || c.OIDC[0].ClientSecret.Reveal() != "file-secret-123" || c.OIDC[1].ClientSecret.Reveal() != "env-secret-456" {
		t.Fatalf("providers = %d, secrets not read", len(c.OIDC))
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "providers", c.OIDC, "secret", c.OIDC[1].ClientSecret)
	for _, out := range []string{fmt.Sprintf("%v %+v %#v %s", c.OIDC, c.OIDC, c.OIDC, c.OIDC[0].ClientSecret), logged.String()} {
		if strings.Contains(out, "secret-123") || strings.Contains(out, "secret-456") {
			t.Errorf("a client secret shows: %s", out)
		}
	}
}

func TestOIDCProvidersRefused(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "oidc.yaml", `providers:
  - {id: Bad_ID, name: "", issuer: "http://idp.example.jp", client_id: "", accounts: everyone}
  - {id: x, name: X, issuer: "https://x.example.jp", client_id: c, client_secret_env: UNSET, accounts: any}
`)
	_, _, err := Load("t", nil, func(k string) string { return map[string]string{"NINTEI_OIDC_PROVIDERS": path}[k] }, os.Stderr)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"id must be", "name", "issuer must be an https://", "client_id", "accounts must be",
		"client_secret_file or client_secret_env", "UNSET is not set"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}
