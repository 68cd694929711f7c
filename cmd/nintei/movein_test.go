package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb/formbtest"
	"nintei/internal/testenv"
	"nintei/internal/xlsx"
)

// writeMove writes a CSV of three certifications (valid, expired, revoked)
// and their workbooks into dir, and a ZIP of both, dated from today.
func writeMove(t *testing.T, dir string, status2 string) string {
	t.Helper()
	ed, err := catalog.Parse(catalog.Builtin()[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	var wb bytes.Buffer
	if err := xlsx.Export(&wb, ed, formbtest.CompleteForm(ed), xlsx.Meta{ServiceName: "移行", GeneratedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	today := civil.DateOf(time.Now())
	day := func(d civil.Date) string { return d.String() }
	valid, old := today.AddYears(-1).AddDays(-3), today.AddYears(-3)
	num := func(serial int64, d civil.Date) string { return certification.Number("IP-IoT", serial, d) }
	csv := "number,service_name,provider_name,corporate_number,certified_on,valid_until,renewals,status,revoked_on,revocation_grounds,revocation_reason,form_b\n" +
		num(7, valid) + ",移行クラウドA,株式会社移行,7000012050002," + day(valid) + "," + day(certification.ValidUntil(valid, 2)) + ",0,valid,,,,a.xlsx\n" +
		num(12, old) + ",移行クラウドB,株式会社移行,7000012050002," + day(old) + "," + day(certification.ValidUntil(old, 2)) + ",0," + status2 + ",,,,b.xlsx\n" +
		num(9, valid) + ",移行クラウドC,株式会社移行,7000012050002," + day(valid) + "," + day(certification.ValidUntil(valid, 2)) + ",0,revoked," + day(valid.AddDays(30)) + ",\"a,j\",法令違反,c.xlsx\n"
	files := map[string][]byte{"certifications.csv": []byte(csv), "a.xlsx": wb.Bytes(), "b.xlsx": wb.Bytes(), "c.xlsx": wb.Bytes()}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create("move/" + name)
		_, _ = w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zipName := filepath.Join(dir, "move.zip")
	if err := os.WriteFile(zipName, zb.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "certifications.csv")
}

// nintei import-certifications: a bad cell is named by file, line and
// column and imports nothing; a dry run creates nothing; the ZIP imports
// and the serials continue after the highest.
func TestCLIImportCertifications(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		flags := dbFlags(t, b)
		if _, _, err := cli(t, nil, "a long enough password\n", append([]string{"user", "add", "--email", "admin@example.jp",
			"--name", "管理", "--role", "admin"}, flags...)...); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		csvFile := writeMove(t, dir, "valid") // the second row is past its last valid day
		args := append([]string{"import-certifications", csvFile, "--as", "admin@example.jp"}, flags...)
		_, errOut, err := cli(t, nil, "", args...)
		if err == nil || !strings.Contains(errOut, "certifications.csv:3 status: ") || !strings.Contains(errOut, "expired と書いてください") {
			t.Fatalf("bad row: %v\n%s", err, errOut)
		}
		writeMove(t, dir, "expired")
		out, _, err := cli(t, nil, "", append(args, "--dry-run")...)
		if err != nil || !strings.Contains(out, "would import 3 certification(s), 1 new provider(s)") {
			t.Fatalf("dry run: %v\n%s", err, out)
		}
		zipArgs := append([]string{"import-certifications", filepath.Join(dir, "move.zip"), "--as", "admin@example.jp"}, flags...)
		out, _, err = cli(t, nil, "", zipArgs...)
		if err != nil || !strings.Contains(out, "imported 3 certification(s), 1 new provider(s)") ||
			!strings.Contains(out, "next number of IP-IoT: IP-IoT 0013-") {
			t.Fatalf("import: %v\n%s", err, out)
		}
		if _, errOut, err = cli(t, nil, "", zipArgs...); err == nil || !strings.Contains(errOut, "登録済み") {
			t.Errorf("second import: %v\n%s", err, errOut)
		}
	})
}
