package config

import (
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadEnv(t *testing.T, env map[string]string) (Config, error) {
	t.Helper()
	env["NINTEI_DATA_DIR"] = "/tmp/x"
	c, _, err := Load("t", nil, func(k string) string { return env[k] }, io.Discard)
	return c, err
}

// The body's details are optional (a development server runs without
// them) and default to nothing but the 年末年始 closing and a 普通 account.
func TestBodyDefaults(t *testing.T) {
	c, err := loadEnv(t, map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Body.Name != "" || c.Body.RegistrationNumber != "" || c.Body.BankAccountType != "普通" ||
		len(c.Body.Closings) != 1 || c.Body.Closings[0].String() != "12-29..01-03" || !c.BaseURLDefaulted {
		t.Errorf("body = %+v, base URL defaulted %v", c.Body, c.BaseURLDefaulted)
	}
	if m := strings.Join(c.Body.Missing(), " "); !strings.Contains(m, "NINTEI_INVOICE_REGISTRATION_NUMBER") || !strings.Contains(m, "NINTEI_BANK_NAME") {
		t.Errorf("missing = %s", m)
	}
}

// A qualified invoice's registration number that is set must be valid
// (R-4.6 invoices): T + 13 digits with the 法人番号 check digit.
func TestBodySettingsValidated_R4_6(t *testing.T) {
	c, err := loadEnv(t, map[string]string{"NINTEI_INVOICE_REGISTRATION_NUMBER": "Ｔ7000-0120-50002",
		"NINTEI_BODY_POSTAL_CODE": "１００-0013", "NINTEI_BANK_NAME": "みずなら銀行", "NINTEI_BANK_BRANCH": "本店営業部",
		"NINTEI_BANK_ACCOUNT_TYPE": "当座", "NINTEI_BANK_ACCOUNT_NUMBER": "1234567", "NINTEI_BANK_ACCOUNT_HOLDER": "ｼﾔ)ﾆﾝﾃｲｷｺｳ",
		"NINTEI_CLOSING_DAYS": "12-29..01-03,08-13..08-15"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Body.RegistrationNumber != "T7000012050002" || c.Body.PostalCode != "100-0013" || c.Body.BankAccountHolder != "シヤ）ニンテイキコウ" || len(c.Body.Closings) != 2 {
		t.Errorf("body = %+v", c.Body)
	}
	_, err = loadEnv(t, map[string]string{"NINTEI_INVOICE_REGISTRATION_NUMBER": "T7000012050003",
		"NINTEI_BODY_POSTAL_CODE": "1000013", "NINTEI_BANK_NAME": "みずなら銀行", "NINTEI_BANK_ACCOUNT_TYPE": "貯蓄",
		"NINTEI_BANK_ACCOUNT_NUMBER": "12345", "NINTEI_BANK_ACCOUNT_HOLDER": "認定機構", "NINTEI_CLOSING_DAYS": "12-32",
		"NINTEI_BODY_EMAIL": "secretariat", "NINTEI_SEAL_IMAGE": "/nonexistent/seal.png"})
	for _, want := range []string{"NINTEI_INVOICE_REGISTRATION_NUMBER", "NINTEI_BODY_POSTAL_CODE", "NINTEI_BANK_BRANCH",
		"NINTEI_BANK_ACCOUNT_TYPE", "NINTEI_BANK_ACCOUNT_NUMBER", "NINTEI_BANK_ACCOUNT_HOLDER", "NINTEI_CLOSING_DAYS",
		"NINTEI_BODY_EMAIL", "NINTEI_SEAL_IMAGE"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %s", err, want)
		}
	}
}

func TestSealImageMustBePNG(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "seal.png"), filepath.Join(dir, "seal.txt")
	f, err := os.Create(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.WriteFile(bad, []byte("not a png"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := loadEnv(t, map[string]string{"NINTEI_SEAL_IMAGE": good}); err != nil || c.Body.SealImage != good {
		t.Errorf("good seal: %v", err)
	}
	if _, err := loadEnv(t, map[string]string{"NINTEI_SEAL_IMAGE": bad}); err == nil || !strings.Contains(err.Error(), "NINTEI_SEAL_IMAGE") {
		t.Errorf("bad seal: %v", err)
	}
}

// The demo fills what is not configured; a configured account is kept whole.
func TestBodyOr(t *testing.T) {
	sample := Body{Name: "見本機関", BankName: "見本銀行", BankBranch: "本店", BankAccountType: "普通", BankAccountNumber: "0000001", BankAccountHolder: "ミホン"}
	got := Body{Name: "本物機関", BankName: "本物銀行", BankBranch: "駅前", BankAccountType: "当座"}.Or(sample)
	if got.Name != "本物機関" || got.BankName != "本物銀行" || got.BankBranch != "駅前" || got.BankAccountNumber != "" {
		t.Errorf("or = %+v", got)
	}
	if got := (Body{}).Or(sample); got.Name != "見本機関" || got.BankAccountHolder != "ミホン" {
		t.Errorf("or = %+v", got)
	}
}

// The contact window's own settings: hours as written, e-mail and
// telephone folded to ASCII, a contact e-mail without @ refused.
func TestContactWindowSettings_R13_1(t *testing.T) {
	c, err := loadEnv(t, map[string]string{"NINTEI_BODY_CONTACT_HOURS": " 平日 9:30〜17:00（土日・祝日を除く） ",
		"NINTEI_BODY_CONTACT_EMAIL": "ｓｏｕｄａｎ@nintei.example.jp", "NINTEI_BODY_CONTACT_PHONE": "０３-0000-1111"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Body.ContactHours != "平日 9:30〜17:00（土日・祝日を除く）" || c.Body.ContactEmail != "soudan@nintei.example.jp" || c.Body.ContactPhone != "03-0000-1111" {
		t.Errorf("body = %+v", c.Body)
	}
	if _, err := loadEnv(t, map[string]string{"NINTEI_BODY_CONTACT_EMAIL": "soudan"}); err == nil || !strings.Contains(err.Error(), "NINTEI_BODY_CONTACT_EMAIL") {
		t.Errorf("contact e-mail without @: %v", err)
	}
}
