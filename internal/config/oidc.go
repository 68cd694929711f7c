package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"nintei/internal/sso"
)

// oidcFile is the providers' file (--oidc-providers). A client secret is
// never written in it: it names a file holding the secret or an
// environment variable.
type oidcFile struct {
	Providers []struct {
		ID               string `yaml:"id"`
		Name             string `yaml:"name"`
		Issuer           string `yaml:"issuer"`
		ClientID         string `yaml:"client_id"`
		ClientSecretFile string `yaml:"client_secret_file"`
		ClientSecretEnv  string `yaml:"client_secret_env"`
		Accounts         string `yaml:"accounts"`
	} `yaml:"providers"`
}

var providerID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// loadOIDC reads the providers' file; empty path: no providers. Every
// problem is reported; none names a secret's value.
func loadOIDC(path string, getenv func(string) string) ([]sso.Provider, error) {
	if path == "" {
		return nil, nil
	}
	bad := func(why string) error { return fmt.Errorf("--oidc-providers / NINTEI_OIDC_PROVIDERS: %s", why) }
	data, err := os.ReadFile(path) // #nosec G304 G703 -- the operator's own configuration file
	if err != nil {
		return nil, bad(err.Error())
	}
	var f oidcFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, bad(fmt.Sprintf("%s: %v", path, err))
	}
	var out []sso.Provider
	var errs []error
	seen := map[string]bool{}
	for i, p := range f.Providers {
		where := fmt.Sprintf("%s: provider %d (%s)", path, i+1, p.ID)
		prob := func(why string) { errs = append(errs, bad(where+": "+why)) }
		if !providerID.MatchString(p.ID) || seen[p.ID] {
			prob("id must be unique, 1–32 lower-case letters, digits or hyphens")
		}
		seen[p.ID] = true
		if strings.TrimSpace(p.Name) == "" {
			prob("name (shown on the login button) must be set")
		}
		if u, err := url.Parse(p.Issuer); err != nil || u.Host == "" || (u.Scheme != "https" && !isLoopbackURL(u)) {
			prob("issuer must be an https:// URL (http only on a loopback address, for tests)")
		}
		if p.ClientID == "" {
			prob("client_id must be set")
		}
		switch p.Accounts {
		case sso.AccountsStaff, sso.AccountsProvider, sso.AccountsAny:
		default:
			prob("accounts must be staff, provider or any")
		}
		secret, err := oidcSecret(p.ClientSecretFile, p.ClientSecretEnv, getenv)
		if err != nil {
			prob(err.Error())
		}
		out = append(out, sso.Provider{ID: p.ID, Name: strings.TrimSpace(p.Name), Issuer: p.Issuer,
			ClientID: p.ClientID, ClientSecret: secret, Accounts: p.Accounts})
	}
	return out, errors.Join(errs...)
}

// oidcSecret reads a client secret from its file or variable (exactly one).
func oidcSecret(file, env string, getenv func(string) string) (sso.Secret, error) {
	switch {
	case file != "" && env != "":
		return "", errors.New("give client_secret_file or client_secret_env, not both")
	case file != "":
		b, err := os.ReadFile(file) // #nosec G304 G703 -- the operator names the secret's file
		if err != nil {
			return "", fmt.Errorf("client_secret_file: %v", err)
		}
		if s := strings.TrimSpace(string(b)); s != "" {
			return sso.Secret(s), nil
		}
		return "", errors.New("client_secret_file is empty")
	case env != "":
		if s := getenv(env); s != "" {
			return sso.Secret(s), nil
		}
		return "", fmt.Errorf("client_secret_env: %s is not set", env)
	}
	return "", errors.New("client_secret_file or client_secret_env must be set")
}

func isLoopbackURL(u *url.URL) bool {
	return u.Scheme == "http" && isLoopback(u.Host)
}
