package service_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nintei/bizday"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/core"
)

// the invoice is due about one week after the formal review, on a
// business day of the body: one issued on Friday 2026-12-25 is due after the
// year-end closing and 1-3 January, on Monday 2027-01-04.
func TestInvoiceDueOnBusinessDay_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		env.Clock.T = time.Date(2026, 12, 25, 1, 0, 0, 0, time.UTC) // 10:00 JST
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		inv, err := env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		due, _ := time.Parse("2006-01-02", inv.DueOn)
		if inv.IssuedOn != "2026-12-25" || inv.DueOn != "2027-01-04" || !bizday.Default().IsBusinessDay(due) {
			t.Errorf("issued %s, due %s; want due 2027-01-04, a business day", inv.IssuedOn, inv.DueOn)
		}
	})
}

// withIssuer is env's service with the body's details configured, as
// `nintei serve` wires them from config.Body.
func withIssuer(env *testenv.Env) *service.Service {
	set := env.Svc.Settings()
	set.Issuer = core.Issuer{Name: "一般社団法人 見本認定機構", Department: "認定事務局", PostalCode: "100-0000",
		Address: "東京都千代田区見本町1-2-3", Phone: "03-0000-0000", Email: "jimukyoku@nintei.example.jp",
		URL: "https://nintei.example.jp", RegistrationNumber: "T7202612010001", RepresentativeTitle: "理事長", RepresentativeName: "見本 太郎",
		Bank: core.BankAccount{Bank: "みほん銀行", Branch: "本店営業部", Type: "普通", Number: "0000000", Holder: "シヤ）ミホンニンテイキコウ"}}
	return service.New(sqlstore.Port(env.Store), env.Blobs, env.Clock, env.Mail, env.Msgs, env.Log, set)
}

// Every mail to an applicant opens with the greeting (宛名) built from Form A
// — provider, contact department and person — and closes with the body's
// signature block from configuration.
func TestApplicantMailGreetingAndSignature(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		svc := withIssuer(env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		_, err := svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		greeting := "株式会社みなとクラウド\n品質保証部　青木 美咲 様\n\nいつもお世話になっております。一般社団法人 見本認定機構です。\n"
		signature := "一般社団法人 見本認定機構\n認定事務局\n〒100-0000 東京都千代田区見本町1-2-3\nTEL: 03-0000-0000\n" +
			"E-mail: jimukyoku@nintei.example.jp\nhttps://nintei.example.jp\n"
		var applicant int
		for _, m := range env.Mail.Messages() {
			if m.To != "owner@a.example.jp" {
				continue
			}
			applicant++
			if !strings.HasPrefix(m.Text, greeting) || !strings.Contains(m.Text, signature) {
				t.Errorf("mail %q lacks the greeting or the signature:\n%s", m.Subject, m.Text)
			}
			if strings.Count(m.Text, "様") != 1 {
				t.Errorf("mail %q greets twice:\n%s", m.Subject, m.Text)
			}
		}
		if applicant != 2 { // the submission's confirmation and the invoice
			t.Errorf("%d mails to the applicant, want 2", applicant)
		}
	})
}

// The invoice PDF of the service prints the configured issuer, its
// registration number, the 振込先 and the business-day due date.
func TestInvoicePDFQualified_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		svc := withIssuer(env)
		env.Clock.T = time.Date(2026, 12, 25, 1, 0, 0, 0, time.UTC)
		a, v := readyApplication(t, env, who.owner)
		ok(t, svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		inv, err := svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		var buf bytes.Buffer
		ok(t, svc.InvoicePDF(ctx, who.owner, a.ID, inv.Number, &buf))
		got := pdfText(t, buf.Bytes())
		for _, want := range []string{"株式会社みなとクラウド 品質保証部 青木 美咲 様", "登録番号 T7202612010001",
			"お振込先 みほん銀行 本店営業部 普通 0000000", "お支払期限 2027年1月4日", "10%対象 190,000円 消費税 19,000円"} {
			if !strings.Contains(got, want) {
				t.Errorf("invoice lacks %q in %q", want, got)
			}
		}
	})
}

// pdfText extracts a PDF's text with poppler's pdftotext, as in package pdf.
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
	out, err := exec.Command(tool, "-raw", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
