package service

import (
	"context"
	"strings"

	"nintei/application"
	"nintei/i18n"
)

// applicantMail wraps a notice's text for the applicant in the greeting
// (宛名) and the body's signature block, as a Japanese business mail is
// written. Every mail to an applicant goes through it, so that no message
// text carries its own greeting or signature.
func (s *Service) applicantMail(ctx context.Context, lang i18n.Lang, p application.Provider, text string) string {
	is := s.issuer(ctx)
	return s.greeting(lang, p, is) + "\n" + strings.TrimRight(text, "\n") + "\n\n" + s.signature(lang, is)
}

// greeting is 「株式会社○○ / 部署　氏名 様」 from Form A's provider and
// contact, or 「ご担当者 様」 when Form A names no contact person yet.
func (s *Service) greeting(lang i18n.Lang, p application.Provider, is Issuer) string {
	args := map[string]any{"Provider": p.Name, "Body": is.Name, "Name": p.ContactName, "Department": p.ContactDepartment}
	if p.ContactName == "" {
		return s.msgs.T(lang, "mail.greeting.org", args)
	}
	if p.ContactDepartment == "" {
		args["Department"] = s.msgs.T(lang, "mail.greeting.department_default", nil)
	}
	return s.msgs.T(lang, "mail.greeting.person", args)
}

// signature is the body's signature block from configuration: name,
// secretariat, address, telephone, e-mail and website; a detail not
// configured is left out rather than printed empty.
func (s *Service) signature(lang i18n.Lang, is Issuer) string {
	url := is.URL
	if url == "" {
		url = s.settings.BaseURL
	}
	address := is.Address
	if is.PostalCode != "" {
		address = strings.TrimSpace(s.msgs.T(lang, "mail.signature.postal", map[string]any{"PostalCode": is.PostalCode}) + " " + address)
	}
	lines := []string{s.msgs.T(lang, "mail.signature.rule", nil), is.Name, is.Department, address}
	if is.Phone != "" {
		lines = append(lines, s.msgs.T(lang, "mail.signature.phone", map[string]any{"Phone": is.Phone}))
	}
	if is.Email != "" {
		lines = append(lines, s.msgs.T(lang, "mail.signature.email", map[string]any{"Email": is.Email}))
	}
	lines = append(lines, url, s.msgs.T(lang, "mail.signature.rule", nil))
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
