package core

import (
	"context"
	"strings"

	"nintei/application"
	"nintei/civil"
	"nintei/internal/i18n"
)

// MailT renders a mail's subject or text: the message of key in lang with
// its arguments' dates in the language's form (mailArgs). Every mail goes
// through it, so no message formats a date of its own.
func (s *Core) MailT(lang i18n.Lang, key string, args map[string]any) string {
	return s.Msgs.T(lang, key, mailArgs(lang, args))
}

// mailArgs is the one place mail dates are formatted: an argument that is a
// calendar day — a civil.Date, or a string holding one as YYYY-MM-DD, the
// form the store and the service keep days in — is written as the mail's
// language writes a day (2026年12月14日; 14 December 2026, i18n.Date).
// Other arguments are kept; args itself is not changed.
func mailArgs(lang i18n.Lang, args map[string]any) map[string]any {
	if len(args) == 0 {
		return args
	}
	out := make(map[string]any, len(args))
	for k, v := range args {
		switch d := v.(type) {
		case civil.Date:
			v = i18n.Date(lang, d)
		case string:
			if day, err := civil.Parse(d); err == nil && !day.IsZero() && day.String() == d {
				v = i18n.Date(lang, day)
			}
		}
		out[k] = v
	}
	return out
}

// ApplicantMail wraps a notice's text for the applicant in the greeting
// (宛名) and the body's signature block, as a Japanese business mail is
// written. Every mail to an applicant goes through it, so that no message
// text carries its own greeting or signature.
func (s *Core) ApplicantMail(ctx context.Context, lang i18n.Lang, p application.Provider, text string) string {
	is := s.Issuer(ctx)
	return s.greeting(lang, p, is) + "\n" + strings.TrimRight(text, "\n") + "\n\n" + s.Signature(lang, is)
}

// greeting is 「株式会社○○ / 部署　氏名 様」 from Form A's provider and
// contact, or 「ご担当者 様」 when Form A names no contact person yet.
func (s *Core) greeting(lang i18n.Lang, p application.Provider, is Issuer) string {
	args := map[string]any{"Provider": p.Name, "Body": is.Name, "Name": p.ContactName, "Department": p.ContactDepartment}
	if p.ContactName == "" {
		return s.Msgs.T(lang, "mail.greeting.org", args)
	}
	if p.ContactDepartment == "" {
		args["Department"] = s.Msgs.T(lang, "mail.greeting.department_default", nil)
	}
	return s.Msgs.T(lang, "mail.greeting.person", args)
}

// Signature is the body's signature block from configuration: name,
// secretariat, address, telephone, e-mail and website; a detail not
// configured is left out rather than printed empty.
func (s *Core) Signature(lang i18n.Lang, is Issuer) string {
	url := is.URL
	if url == "" {
		url = s.Config.BaseURL
	}
	address := is.Address
	if is.PostalCode != "" {
		address = strings.TrimSpace(s.Msgs.T(lang, "mail.signature.postal", map[string]any{"PostalCode": is.PostalCode}) + " " + address)
	}
	lines := []string{s.Msgs.T(lang, "mail.signature.rule", nil), is.Name, is.Department, address}
	if is.Phone != "" {
		lines = append(lines, s.Msgs.T(lang, "mail.signature.phone", map[string]any{"Phone": is.Phone}))
	}
	if is.Email != "" {
		lines = append(lines, s.Msgs.T(lang, "mail.signature.email", map[string]any{"Email": is.Email}))
	}
	lines = append(lines, url, s.Msgs.T(lang, "mail.signature.rule", nil))
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
