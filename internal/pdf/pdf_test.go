package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
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
	tool := needTool(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(tool, "-raw", "-enc", "UTF-8", tempPDF(t, data), "-").Output() // -raw: content-stream order
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// needTool finds a command-line tool the PDF tests run. Without it they
// skip, unless CI or NINTEI_REQUIRE_BROWSER=1 (as in .ci/run) makes that a
// failure: scripts/install-test-deps.sh installs its Debian package.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	tool, err := exec.LookPath(name)
	if err == nil {
		return tool
	}
	if os.Getenv("CI") != "" || os.Getenv("NINTEI_REQUIRE_BROWSER") == "1" {
		t.Fatalf("%s is needed (scripts/install-test-deps.sh installs %s)", name, pkg)
	}
	t.Skipf("%s not installed (apt-get install %s)", name, pkg)
	return ""
}

// tempPDF writes data to a file for the tools to read.
func tempPDF(t *testing.T, data []byte) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return in
}

// sampleIssuer is a body with every detail configured, and a seal.
func sampleIssuer(t testing.TB) Issuer {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for x := range 64 {
		for y := range 64 {
			if d := (x-32)*(x-32) + (y-32)*(y-32); d < 30*30 && d > 26*26 {
				img.Set(x, y, color.NRGBA{R: 200, A: 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return Issuer{Name: "一般社団法人 見本認定機構", PostalCode: "100-0000", Address: "東京都千代田区見本町一丁目2番3号 サンプルビル5階",
		Phone: "03-0000-0000", RegistrationNumber: "T7202612010001", RepresentativeTitle: "理事長", RepresentativeName: "見本 太郎", Seal: b.Bytes()}
}

// the certificate states number, service, provider,
// validity (有効期間) and issue date in Japanese, signed by the body and its
// representative, with the verification URL (golden text).
func TestCertificateText_R8_4(t *testing.T) {
	var buf bytes.Buffer
	err := WriteCertificate(&buf, Certificate{Number: "IP-IoT 0001-2611", SchemeName: "IaaS・PaaS（IoTクラウドサービス）の安全・信頼性に係る情報開示認定制度",
		ServiceName: "みなとIoTクラウド", ProviderName: "株式会社みなとクラウド", CertifiedOn: "2026-11-27", ValidUntil: "2028-11-26",
		IssuedOn: "2026-11-27", Issuer: sampleIssuer(t), VerifyURL: "https://nintei.example.jp/verify/IP-IoT%200001-2611"})
	if err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, buf.Bytes())
	want := "認定番号 IP-IoT 0001-2611 認 定 証 IaaS・PaaS（IoTクラウドサービス）の安全・信頼性に係る情報開示認定制度 " +
		"株式会社みなとクラウド 殿 サービス名称 みなとIoTクラウド 上記のサービスは、情報開示認定基準を満たしていることを認定します。 " +
		"有効期間 2026年11月27日から2028年11月26日まで 2026年11月27日 一般社団法人 見本認定機構 理事長 見本 太郎 " +
		"この認定の有効性は次のページで確認できます。 https://nintei.example.jp/verify/IP-IoT%200001-2611"
	if got != want {
		t.Errorf("certificate text:\n got %q\nwant %q", got, want)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/FontFile2")) {
		t.Error("the font is not embedded")
	}
	var noSeal bytes.Buffer
	plain := sampleIssuer(t)
	plain.Seal = nil
	if err := WriteCertificate(&noSeal, Certificate{Number: "IP-IoT 0001-2611", Issuer: plain, VerifyURL: "https://x/verify/1"}); err != nil {
		t.Fatal(err)
	}
	if with, without := bytes.Count(buf.Bytes(), []byte("/Subtype /Image")), bytes.Count(noSeal.Bytes(), []byte("/Subtype /Image")); with <= without {
		t.Errorf("%d images with the seal, %d without: the seal is not drawn", with, without)
	}
	if buf.Len() > 1<<20 {
		t.Errorf("certificate is %d bytes: the font is not subset", buf.Len())
	}
}

// the invoice is a qualified invoice (適格請求書): issuer and its
// registration number, addressee, date, item, amount and tax per rate,
// total, due date and the account to pay into.
func TestQualifiedInvoiceText_R4_6(t *testing.T) {
	var buf bytes.Buffer
	err := WriteInvoice(&buf, Invoice{Number: "INV-2026-0001", ToOrg: "株式会社みなとクラウド", ToPerson: "情報システム部　港 健太 様",
		ServiceName: "みなとIoTクラウド", Application: "#1", KindLabel: "新規申請", BaseYen: 190000, TaxYen: 19000, TotalYen: 209000, TaxPercent: 10,
		IssuedOn: "2026-12-25", DueOn: "2027-01-04", Issuer: sampleIssuer(t),
		Bank: Bank{Bank: "みほん銀行", Branch: "本店営業部", Type: "普通", Number: "0000000", Holder: "シヤ）ミホンニンテイキコウ"}})
	if err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, buf.Bytes())
	for _, want := range []string{"請 求 書", "請求番号 INV-2026-0001", "発行日 2026年12月25日",
		"株式会社みなとクラウド 情報システム部 港 健太 様", "一般社団法人 見本認定機構", "〒100-0000", "TEL 03-0000-0000",
		"登録番号 T7202612010001", "審査手数料（新規申請）", "209,000 円（税込）", "お支払期限 2027年1月4日",
		"10%対象 190,000 円", "消費税（10%） 19,000 円", "合計（税込） 209,000 円", "10%対象 190,000円 消費税 19,000円",
		"お振込先 みほん銀行 本店営業部 普通 0000000 口座名義 シヤ）ミホンニンテイキコウ", "振込手数料", "返金されません"} {
		if !strings.Contains(got, want) {
			t.Errorf("invoice lacks %q in %q", want, got)
		}
	}
}

// A body that has configured nothing yet (a development server) still gets
// its documents, without the parts it lacks.
func TestDocumentsWithoutIssuerDetails(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInvoice(&buf, Invoice{Number: "INV-2026-0001", ToOrg: "株式会社みなとクラウド 御中", IssuedOn: "2026-11-27", DueOn: "2026-12-04",
		Issuer: Issuer{Name: "認定機関"}}); err != nil {
		t.Fatal(err)
	}
	if got := pdfText(t, buf.Bytes()); strings.Contains(got, "登録番号") || !strings.Contains(got, "認定機関") {
		t.Errorf("invoice without details: %q", got)
	}
	buf.Reset()
	if err := WriteCertificate(&buf, Certificate{Number: "IP-IoT 0001-2611", Issuer: Issuer{Name: "認定機関"}, VerifyURL: "http://x/verify/1"}); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkCertificate(b *testing.B) {
	c := Certificate{Number: "IP-IoT 0001-2611", SchemeName: "制度", ServiceName: "みなとIoTクラウド", ProviderName: "株式会社みなとクラウド",
		CertifiedOn: "2026-11-27", ValidUntil: "2028-11-26", IssuedOn: "2026-11-27", Issuer: sampleIssuer(b), VerifyURL: "https://x/verify/1"}
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := WriteCertificate(&buf, c); err != nil {
			b.Fatal(err)
		}
	}
}
