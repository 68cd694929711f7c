package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText extracts a PDF's text with poppler's pdftotext, as a person
// copying from a viewer would get it.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is needed (scripts/install-test-deps.sh installs poppler-utils)")
		}
		t.Skip("pdftotext not installed")
	}
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-raw", "-enc", "UTF-8", in, "-").Output() // -raw: content-stream order
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// the certificate states number, service, provider,
// validity and issue date in Japanese (golden text).
func TestCertificateText_R8_4(t *testing.T) {
	var buf bytes.Buffer
	err := WriteCertificate(&buf, Certificate{Number: "IP-IoT 0001-2611", SchemeName: "IaaS・PaaS（IoTクラウドサービス）の安全・信頼性に係る情報開示認定制度",
		ServiceName: "みなとIoTクラウド", ProviderName: "株式会社みなとクラウド", CertifiedOn: "2026-11-27", ValidUntil: "2028-11-26",
		IssuedOn: "2026-11-27", BodyName: "認定機関", VerifyURL: "https://nintei.example.jp/verify/IP-IoT%200001-2611"})
	if err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, buf.Bytes())
	want := "認 定 証 IaaS・PaaS（IoTクラウドサービス）の安全・信頼性に係る情報開示認定制度 認定番号 IP-IoT 0001-2611 " +
		"みなとIoTクラウド 株式会社みなとクラウド 殿 上記のサービスは、情報開示認定基準を満たしていることを認定します。 " +
		"有効期間 2026年11月27日から2028年11月26日まで 交付日 2026年11月27日 認定機関 " +
		"認定の確認: https://nintei.example.jp/verify/IP-IoT%200001-2611"
	if got != want {
		t.Errorf("certificate text:\n got %q\nwant %q", got, want)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/FontFile2")) {
		t.Error("the font is not embedded")
	}
	if buf.Len() > 1<<20 {
		t.Errorf("certificate is %d bytes: the font is not subset", buf.Len())
	}
}

func TestInvoiceText_R4_6(t *testing.T) {
	var buf bytes.Buffer
	err := WriteInvoice(&buf, Invoice{Number: "INV-2026-0001", ProviderName: "株式会社みなとクラウド", ServiceName: "みなとIoTクラウド",
		Application: "#1", KindLabel: "新規申請", BaseYen: 190000, TaxYen: 19000, TotalYen: 209000, TaxPercent: 10,
		IssuedOn: "2026-11-27", DueOn: "2026-12-04", BodyName: "認定機関"})
	if err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, buf.Bytes())
	for _, want := range []string{"請 求 書", "INV-2026-0001", "209,000 円（税込）", "消費税（10%、1円未満切り捨て） 19,000 円", "2026年12月4日", "返金されません"} {
		if !strings.Contains(got, want) {
			t.Errorf("invoice lacks %q in %q", want, got)
		}
	}
}

func BenchmarkCertificate(b *testing.B) {
	c := Certificate{Number: "IP-IoT 0001-2611", SchemeName: "制度", ServiceName: "みなとIoTクラウド", ProviderName: "株式会社みなとクラウド",
		CertifiedOn: "2026-11-27", ValidUntil: "2028-11-26", IssuedOn: "2026-11-27", BodyName: "認定機関", VerifyURL: "https://x/verify/1"}
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := WriteCertificate(&buf, c); err != nil {
			b.Fatal(err)
		}
	}
}
