package config

import (
	"bytes"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"nintei/bizday"
	"nintei/review"
)

// Body is the certification body as its invoices, certificates and mails
// name it. Everything is optional to start, so that a development server
// runs without it; what a production body lacks is listed by Missing, and
// `nintei serve` warns about it at start. What is set must be valid.
type Body struct {
	Name, Department, PostalCode, Address, Phone, Email, URL string
	RegistrationNumber                                       string // T + 13 digits
	RepresentativeTitle, RepresentativeName                  string
	BankName, BankBranch, BankAccountType                    string // type: 普通 or 当座
	BankAccountNumber, BankAccountHolder                     string
	SealImage                                                string // path of a PNG
	// The public contact window (問合せ窓口, R-13.1): its hours, and an
	// e-mail and telephone of its own when they are not the body's.
	ContactHours, ContactEmail, ContactPhone string
	Closings                                 []bizday.Closing
}

var (
	postalCode  = regexp.MustCompile(`^[0-9]{3}-[0-9]{4}$`)
	accountNo   = regexp.MustCompile(`^[0-9]{7}$`)
	accountType = map[string]bool{"普通": true, "当座": true}
)

// buildBody reads and checks the body's settings.
func buildBody(get func(string) string, bad func(flag, why string)) Body {
	fold := func(f string) string { return strings.TrimSpace(width.Fold.String(get(f))) } // ASCII digits and letters
	b := Body{Name: get("body-name"), Department: get("body-department"), PostalCode: fold("body-postal-code"),
		Address: get("body-address"), Phone: fold("body-phone"), Email: fold("body-email"), URL: get("body-url"),
		RepresentativeTitle: get("body-representative-title"), RepresentativeName: get("body-representative-name"),
		BankName: get("bank-name"), BankBranch: get("bank-branch"), BankAccountType: get("bank-account-type"),
		BankAccountNumber: fold("bank-account-number"), BankAccountHolder: widenKana(get("bank-account-holder")),
		SealImage: get("seal-image"), ContactHours: strings.TrimSpace(get("body-contact-hours")),
		ContactEmail: fold("body-contact-email"), ContactPhone: fold("body-contact-phone")}
	if s := get("invoice-registration-number"); s != "" {
		n, ok := review.NormalizeRegistrationNumber(s)
		if !ok {
			bad("invoice-registration-number", fmt.Sprintf("%q is not T followed by 13 digits with a valid check digit (e.g. T7000012050002)", s))
		}
		b.RegistrationNumber = n
	}
	if b.PostalCode != "" && !postalCode.MatchString(b.PostalCode) {
		bad("body-postal-code", fmt.Sprintf("%q is not a postal code NNN-NNNN", b.PostalCode))
	}
	if b.Email != "" && !strings.Contains(b.Email, "@") {
		bad("body-email", fmt.Sprintf("%q is not an e-mail address", b.Email))
	}
	if b.ContactEmail != "" && !strings.Contains(b.ContactEmail, "@") {
		bad("body-contact-email", fmt.Sprintf("%q is not an e-mail address", b.ContactEmail))
	}
	if b.URL != "" {
		if u, err := url.Parse(b.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("body-url", fmt.Sprintf("%q is not an absolute http(s) URL", b.URL))
		}
	}
	checkBank(&b, bad)
	if b.SealImage != "" {
		if err := checkPNG(b.SealImage); err != nil {
			bad("seal-image", err.Error())
		}
	}
	var err error
	if b.Closings, err = bizday.ParseClosings(get("closing-days")); err != nil {
		bad("closing-days", err.Error()+"; write MM-DD..MM-DD periods separated by commas")
	}
	return b
}

// checkBank checks the transfer account (振込先): all of it or none, a type
// of 普通 or 当座, a 7-digit number and a holder name in katakana.
func checkBank(b *Body, bad func(flag, why string)) {
	set := b.BankName != "" || b.BankBranch != "" || b.BankAccountNumber != "" || b.BankAccountHolder != ""
	if !set {
		return
	}
	for f, v := range map[string]string{"bank-name": b.BankName, "bank-branch": b.BankBranch,
		"bank-account-number": b.BankAccountNumber, "bank-account-holder": b.BankAccountHolder} {
		if v == "" {
			bad(f, "must be set with the other bank account settings (an invoice needs the whole 振込先)")
		}
	}
	if !accountType[b.BankAccountType] {
		bad("bank-account-type", fmt.Sprintf("%q must be 普通 or 当座", b.BankAccountType))
	}
	if b.BankAccountNumber != "" && !accountNo.MatchString(b.BankAccountNumber) {
		bad("bank-account-number", fmt.Sprintf("%q is not a 7-digit account number", b.BankAccountNumber))
	}
	if b.BankAccountHolder != "" && !isKanaName(b.BankAccountHolder) {
		bad("bank-account-holder", fmt.Sprintf("%q must be the holder's name in katakana as the bank registers it (e.g. シヤ）ニンテイキコウ)", b.BankAccountHolder))
	}
}

// widenKana turns half-width katakana (ｼﾔ)ﾆﾝﾃｲ) into full-width, the form
// an invoice prints.
func widenKana(s string) string { return strings.TrimSpace(width.Widen.String(s)) }

// isKanaName reports whether s is a bank account holder name: katakana, the
// long vowel mark, and the punctuation and Latin letters banks allow.
func isKanaName(s string) bool {
	kana := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Katakana, r):
			kana = true
		case r == 'ー' || unicode.IsSpace(r) || strings.ContainsRune("（）()・．.，,－-／/＆&", r):
		case r >= 'Ａ' && r <= 'Ｚ', r >= '０' && r <= '９', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return kana
}

// checkPNG refuses a seal image that is not a readable PNG, so that a
// wrong path stops the start rather than the first certificate.
func checkPNG(path string) error {
	data, err := os.ReadFile(path) // #nosec G304 G703 -- the operator's own --seal-image setting, read once at start
	if err != nil {
		return fmt.Errorf("cannot read the seal image: %v", err)
	}
	if _, err := png.DecodeConfig(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("%s is not a PNG image: %v", path, err)
	}
	return nil
}

// Missing lists what a production body should configure and has not: the
// qualified invoice needs the issuer's address, registration number and
// bank account; the certificate needs the representative.
func (b Body) Missing() []string {
	var out []string
	for _, f := range []struct{ flag, v string }{{"body-name", b.Name}, {"body-address", b.Address},
		{"body-phone", b.Phone}, {"body-email", b.Email}, {"invoice-registration-number", b.RegistrationNumber},
		{"body-representative-title", b.RepresentativeTitle}, {"body-representative-name", b.RepresentativeName},
		{"bank-name", b.BankName}} {
		if f.v == "" {
			out = append(out, "--"+f.flag+" / "+envOf(f.flag))
		}
	}
	return out
}

// Or fills every empty setting of b from d (the demo's sample body).
func (b Body) Or(d Body) Body {
	for _, p := range []struct {
		dst *string
		src string
	}{
		{&b.Name, d.Name}, {&b.Department, d.Department}, {&b.PostalCode, d.PostalCode}, {&b.Address, d.Address},
		{&b.Phone, d.Phone}, {&b.Email, d.Email}, {&b.URL, d.URL}, {&b.RegistrationNumber, d.RegistrationNumber},
		{&b.RepresentativeTitle, d.RepresentativeTitle}, {&b.RepresentativeName, d.RepresentativeName},
		{&b.SealImage, d.SealImage}, {&b.ContactHours, d.ContactHours}, {&b.ContactEmail, d.ContactEmail},
		{&b.ContactPhone, d.ContactPhone}} {
		if *p.dst == "" {
			*p.dst = p.src
		}
	}
	if b.BankName == "" { // the account is one setting: take the whole sample account or none
		b.BankName, b.BankBranch, b.BankAccountType, b.BankAccountNumber, b.BankAccountHolder =
			d.BankName, d.BankBranch, d.BankAccountType, d.BankAccountNumber, d.BankAccountHolder
	}
	return b
}
