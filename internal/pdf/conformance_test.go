package pdf

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// sampleDocuments are the certificate and the invoice as the demo issues
// them, each with its title.
func sampleDocuments(t *testing.T) map[string][]byte {
	t.Helper()
	var cert, inv bytes.Buffer
	if err := WriteCertificate(&cert, Certificate{Number: "IP-IoT 0001-2611", SchemeName: "情報開示認定制度", ServiceName: "みなとIoTクラウド",
		ProviderName: "株式会社みなとクラウド", CertifiedOn: "2026-11-27", ValidUntil: "2028-11-26", IssuedOn: "2026-11-27",
		Issuer: sampleIssuer(t), VerifyURL: "https://nintei.example.jp/verify/IP-IoT%200001-2611"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteInvoice(&inv, Invoice{Number: "INV-2026-0001", ToOrg: "株式会社みなとクラウド", ToPerson: "情報システム部　港 健太 様",
		ServiceName: "みなとIoTクラウド", Application: "#1", KindLabel: "新規申請", BaseYen: 190000, TaxYen: 19000, TotalYen: 209000,
		TaxPercent: 10, IssuedOn: "2026-12-25", DueOn: "2027-01-04", Issuer: sampleIssuer(t),
		Bank: Bank{Bank: "みほん銀行", Branch: "本店営業部", Type: "普通", Number: "0000000", Holder: "シヤ）ミホンニンテイキコウ"}}); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"認定証 IP-IoT 0001-2611": cert.Bytes(), "請求書 INV-2026-0001": inv.Bytes()}
}

// run runs a tool on the file and returns its output; a non-zero exit
// fails the test.
func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// The certificate and the invoice are well-formed by qpdf's reading of
// ISO 32000, their font is an embedded subset with its tag (§9.6.4), the
// information dictionary is an indirect object (§14.3.3), the trailer has
// /ID (§14.4) and the catalog XMP metadata with the title and the issuer
// (§14.3.2).
func TestDocumentsISO32000(t *testing.T) {
	qpdf := needTool(t, "qpdf", "qpdf")
	pdffonts := needTool(t, "pdffonts", "poppler-utils")
	pdfinfo := needTool(t, "pdfinfo", "poppler-utils")
	issuer := sampleIssuer(t).Name
	for title, doc := range sampleDocuments(t) {
		t.Run(title, func(t *testing.T) {
			file := tempPDF(t, doc)
			check := run(t, qpdf, "--check", file)
			if !strings.Contains(check, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(check), "warning") {
				t.Errorf("qpdf --check:\n%s", check)
			}
			checkFonts(t, run(t, pdffonts, file))
			trailer := run(t, qpdf, "--show-object=trailer", file)
			if !regexp.MustCompile(`/Info \d+ 0 R`).MatchString(trailer) {
				t.Errorf("the information dictionary is not an indirect object: %s", trailer)
			}
			if !regexp.MustCompile(`/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]`).MatchString(trailer) {
				t.Errorf("no file identifier: %s", trailer)
			}
			info := run(t, pdfinfo, file)
			for _, want := range []string{"Title:           " + title, "Author:          " + issuer, "Metadata Stream: yes"} {
				if !strings.Contains(info, want) {
					t.Errorf("pdfinfo lacks %q:\n%s", want, info)
				}
			}
			xmp := run(t, pdfinfo, "-meta", file)
			for _, want := range []string{`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + title + `</rdf:li>`,
				`<dc:creator><rdf:Seq><rdf:li>` + issuer + `</rdf:li>`, `<pdf:Producer>nintei (gopdf)</pdf:Producer>`} {
				if !strings.Contains(xmp, want) {
					t.Errorf("XMP lacks %q:\n%s", want, xmp)
				}
			}
		})
	}
}

// checkFonts reads pdffonts' table: every font embedded, a subset with its
// tag ("sub yes": ABCDEF+Name), with a ToUnicode map.
func checkFonts(t *testing.T, table string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", table)
	}
	tagged := regexp.MustCompile(`^[A-Z]{6}\+\S+$`)
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 {
			t.Fatalf("pdffonts line %q", l)
		}
		name, emb, sub, uni := f[0], f[len(f)-5], f[len(f)-4], f[len(f)-3]
		if !tagged.MatchString(name) || emb != "yes" || sub != "yes" || uni != "yes" {
			t.Errorf("font %s: emb %s sub %s uni %s, want a tagged embedded subset with ToUnicode:\n%s", name, emb, sub, uni, table)
		}
	}
}
