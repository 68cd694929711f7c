package examination

import (
	"context"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"nintei"
	"nintei/certification"
	"nintei/internal/pdf"
	"nintei/mark"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
)

// CertificatePDF writes the certificate of a certified application
// for its provider's users and staff. The QR code opens /verify/{number}.
func (s *Examination) CertificatePDF(ctx context.Context, p core.Principal, id int64, w io.Writer) error {
	c, err := s.Certification(ctx, p, id)
	if err != nil {
		return err
	}
	if err := s.inForce(c); err != nil && !p.Can(policy.ReadApplications) {
		return err // the provider's copy stops with the certification; staff keep the record
	}
	pub, _, err := s.RegistryService(ctx, c.Number)
	if err != nil {
		return err
	}
	a, err := s.Store.Application(ctx, id)
	if err != nil {
		return err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	return pdf.WriteCertificate(w, pdf.Certificate{Number: c.Number, SchemeName: ed.Scheme.NameJA, ServiceName: pub.ServiceName,
		ProviderName: pub.ProviderName, CertifiedOn: c.TermStartsOn.String(), ValidUntil: c.ValidUntil.String(), IssuedOn: c.IssuedOn().String(),
		Issuer: s.pdfIssuer(ctx), VerifyURL: s.Config.BaseURL + "/verify/" + url.PathEscape(c.Number)})
}

// InvoicePDF writes one of an application's invoices.
func (s *Examination) InvoicePDF(ctx context.Context, p core.Principal, id int64, number string, w io.Writer) error {
	invs, err := s.Invoices(ctx, p, id)
	if err != nil {
		return err
	}
	a, err := s.Store.Application(ctx, id)
	if err != nil {
		return err
	}
	bank := s.Config.Issuer.Bank
	for _, inv := range invs {
		if inv.Number == number {
			org, person := core.Addressee(a.FormA.Provider)
			return pdf.WriteInvoice(w, pdf.Invoice{Number: inv.Number, ToOrg: org, ToPerson: person, ServiceName: a.FormA.Service.Name,
				Application: "#" + strconv.FormatInt(id, 10), KindLabel: feeLabel[inv.Kind], BaseYen: inv.BaseYen, TaxYen: inv.TaxYen,
				TotalYen: inv.TotalYen, TaxPercent: inv.TaxPercent, IssuedOn: inv.IssuedOn, DueOn: inv.DueOn, Issuer: s.pdfIssuer(ctx),
				Bank: pdf.Bank{Bank: bank.Bank, Branch: bank.Branch, Type: bank.Type, Number: bank.Number, Holder: bank.Holder}})
		}
	}
	return nintei.ErrNotFound
}

var feeLabel = map[review.FeeKind]string{review.FeeNew: "新規申請", review.FeeRenewal: "更新", review.FeeReissue: "認定証の再発行"}

// pdfIssuer is the body as the documents print it.
func (s *Examination) pdfIssuer(ctx context.Context) pdf.Issuer {
	is := s.Issuer(ctx)
	return pdf.Issuer{Name: is.Name, PostalCode: is.PostalCode, Address: is.Address, Phone: is.Phone,
		RegistrationNumber: is.RegistrationNumber, RepresentativeTitle: is.RepresentativeTitle,
		RepresentativeName: is.RepresentativeName, Seal: is.Seal}
}

var (
	errMarkNotValid = nintei.Errorf(nintei.KindForbidden, "error.registry.mark_not_valid")
	errMarkSize     = nintei.Errorf(nintei.KindInvalid, "error.registry.mark_size")
)

// inForce refuses the mark and the certificate once the certification has
// ended: expired, terminated, revoked or lapsed.
func (s *Examination) inForce(c certification.Certification) error {
	if !c.InForceOn(s.Day()) {
		return errMarkNotValid
	}
	return nil
}

// markNumber is the number to draw on an application's certification mark
// (認定マーク: the logo with the number), for those who may see the
// certification and only while it is in force. Every format of the
// mark is served through it.
func (s *Examination) markNumber(ctx context.Context, p core.Principal, id int64) (string, error) {
	c, err := s.Certification(ctx, p, id)
	if err != nil {
		return "", err
	}
	if err := s.inForce(c); err != nil {
		return "", err
	}
	return c.Number, nil
}

// MarkSVG writes the certification mark as SVG — only while the
// certification is valid.
func (s *Examination) MarkSVG(ctx context.Context, p core.Principal, id int64, w io.Writer) error {
	number, err := s.markNumber(ctx, p, id)
	if err != nil {
		return err
	}
	svg, err := mark.SVG(number)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, svg)
	return err
}

// MarkPNG writes the certification mark as a size×size PNG, size being one
// of mark.Sizes — only while the certification is valid.
func (s *Examination) MarkPNG(ctx context.Context, p core.Principal, id int64, size int, w io.Writer) error {
	if !slices.Contains(mark.Sizes, size) {
		return errMarkSize.With("Sizes", markSizes)
	}
	number, err := s.markNumber(ctx, p, id)
	if err != nil {
		return err
	}
	return mark.PNG(w, number, size)
}

// markSizes lists the offered sizes for the error message: "240, 480, 960".
var markSizes = func() string {
	var b strings.Builder
	for i, n := range mark.Sizes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}()
