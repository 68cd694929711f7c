package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nintei/internal/testenv"
)

// nintei catalog import NEW MAPPING: a broken mapping is reported by file
// and line and installs nothing; the demo's draft 2 with its mapping
// imports.
func TestCLICatalogImportWithMapping(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		flags := dbFlags(t, b)
		if _, _, err := cli(t, nil, "", append([]string{"migrate"}, flags...)...); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join("..", "..", "tools", "demo", "editions")
		edition := filepath.Join(dir, "iaas-paas-iot-2018-draft2.yaml")
		mapping := filepath.Join(dir, "iaas-paas-iot-2018-draft2.mapping.yaml")
		data, err := os.ReadFile(mapping)
		if err != nil {
			t.Fatal(err)
		}
		broken := filepath.Join(t.TempDir(), "broken.mapping.yaml")
		bad := strings.Replace(string(data), "{kind: new, to: IPIOT-066", "{kind: new, to: IPIOT-067", 1)
		if err := os.WriteFile(broken, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		_, stderr, err := cli(t, nil, "", append([]string{"catalog", "import", edition, broken}, flags...)...)
		if err == nil || !strings.Contains(stderr, "broken.mapping.yaml:") || !strings.Contains(stderr, "IPIOT-067") {
			t.Fatalf("broken mapping: %v\n%s", err, stderr)
		}
		out, _, err := cli(t, nil, "", append([]string{"catalog", "list"}, flags...)...)
		if err != nil || strings.Contains(out, "draft2") {
			t.Fatalf("a refused import installed the edition: %q %v", out, err)
		}
		out, _, err = cli(t, nil, "", append([]string{"catalog", "import", edition, mapping}, flags...)...)
		if err != nil || !strings.Contains(out, "with its mapping; 0 application(s) moved") {
			t.Fatalf("import: %q, %v", out, err)
		}
	})
}
