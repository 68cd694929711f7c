package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDemoDocumentsISO32000 checks the invoice and the certificate the
// demo serves — not samples built in a test — with qpdf --check and
// pdffonts: no syntax error or warning, every font embedded as a tagged
// subset (ABCDEF+Name, "sub yes") with a ToUnicode map.
func TestDemoDocumentsISO32000(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the full demo")
	}
	qpdf, pdffonts := pdfTool(t, "qpdf", "qpdf"), pdfTool(t, "pdffonts", "poppler-utils")
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	c := crawlClient(t, serverURL, "jimukyoku@nintei.example.jp")
	docs := map[string]string{}
	invoice := regexp.MustCompile(`/applications/\d+/invoices/[A-Z0-9-]+`)
	certificate := regexp.MustCompile(`/applications/\d+/certificate\.pdf`)
	for id := 1; id <= 60 && len(docs) < 2; id++ {
		page := get(t, c, serverURL+"/applications/"+strconv.Itoa(id))
		for name, re := range map[string]*regexp.Regexp{"invoice": invoice, "certificate": certificate} {
			if _, have := docs[name]; !have {
				if m := re.FindString(page); m != "" {
					docs[name] = m
				}
			}
		}
	}
	if len(docs) != 2 {
		t.Fatalf("found %v in the demo's applications, want an invoice and a certificate", docs)
	}
	for name, path := range docs {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), name+".pdf")
			resp, err := c.Get(serverURL + path)
			must(t, err)
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			must(t, err)
			if resp.StatusCode != 200 || !strings.HasPrefix(string(b), "%PDF-") {
				t.Fatalf("GET %s = %d, %.20q", path, resp.StatusCode, b)
			}
			must(t, os.WriteFile(file, b, 0o600))
			out, _ := exec.Command(qpdf, "--check", file).CombinedOutput()
			if !strings.Contains(string(out), "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(string(out)), "warning") {
				t.Errorf("qpdf --check %s:\n%s", path, out)
			}
			fonts, err := exec.Command(pdffonts, file).Output()
			must(t, err)
			checkTaggedSubsets(t, path, string(fonts))
		})
	}
}

// checkTaggedSubsets reads pdffonts' table (name, type, encoding, emb,
// sub, uni, object, generation).
func checkTaggedSubsets(t *testing.T, path, table string) {
	t.Helper()
	rows := strings.Split(strings.TrimSpace(table), "\n")
	if len(rows) < 3 {
		t.Fatalf("%s: no fonts:\n%s", path, table)
	}
	tag := regexp.MustCompile(`^[A-Z]{6}\+`)
	for _, row := range rows[2:] {
		f := strings.Fields(row)
		if len(f) < 7 || !tag.MatchString(f[0]) || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("%s: font not an embedded, tagged subset with ToUnicode: %q", path, row)
		}
	}
}

// pdfTool finds qpdf or pdffonts; CI requires them (install-test-deps.sh).
func pdfTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" || os.Getenv("NINTEI_REQUIRE_BROWSER") == "1" {
		t.Fatalf("%s is needed (scripts/install-test-deps.sh installs %s)", name, pkg)
	}
	t.Skipf("%s not installed", name)
	return ""
}
