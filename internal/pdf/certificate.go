package pdf

import (
	"io"
	"time"

	"github.com/signintech/gopdf"
)

// Certificate is what the certificate states: number, service
// name, provider name, validity period (有効期間, R-8.2) and issue date,
// signed by the issuing body and its representative, with the verification
// URL its QR code opens.
type Certificate struct {
	Number       string
	SchemeName   string
	ServiceName  string
	ProviderName string
	CertifiedOn  string // YYYY-MM-DD
	ValidUntil   string // the last valid day
	IssuedOn     string
	Issuer       Issuer
	VerifyURL    string
}

// WriteCertificate renders the certificate as a one-page A4 PDF.
func WriteCertificate(w io.Writer, c Certificate) error {
	info := docInfo("認定証 "+c.Number, c.Issuer, time.Now())
	pdf, err := newA4()
	if err != nil {
		return err
	}
	pdf.SetLineWidth(2)
	pdf.SetStrokeColor(0, 49, 216)
	pdf.RectFromUpperLeftWithStyle(30, 30, gopdf.PageSizeA4.W-60, gopdf.PageSizeA4.H-60, "D")
	pdf.SetLineWidth(0.6)
	pdf.RectFromUpperLeftWithStyle(36, 36, gopdf.PageSizeA4.W-72, gopdf.PageSizeA4.H-72, "D")
	if err := right(pdf, pageR, 60, 10, "認定番号　"+c.Number); err != nil {
		return err
	}
	lines := []struct {
		y, size float64
		s       string
	}{
		{120, 36, "認　定　証"},
		{185, 11, c.SchemeName},
		{260, 20, c.ProviderName + "　殿"},
		{320, 11, "サービス名称"},
		{340, 18, c.ServiceName},
		{410, 12, "上記のサービスは、情報開示認定基準を満たしていることを認定します。"},
		{460, 12, "有効期間　" + jaDate(c.CertifiedOn) + "から" + jaDate(c.ValidUntil) + "まで"},
	}
	for _, l := range lines {
		if err := centred(pdf, l.y, l.size, l.s); err != nil {
			return err
		}
	}
	if err := certificateSignature(pdf, c); err != nil {
		return err
	}
	if err := certificateVerify(pdf, c); err != nil {
		return err
	}
	return write(pdf, info, w)
}

// certificateSignature: the issue date, the issuing body and its
// representative (title and name), with the seal beside the name.
func certificateSignature(pdf *gopdf.GoPdf, c Certificate) error {
	x := 250.0
	if err := text(pdf, x, 530, 12, jaDate(c.IssuedOn)); err != nil {
		return err
	}
	if err := text(pdf, x, 565, 14, c.Issuer.Name); err != nil {
		return err
	}
	rep := c.Issuer.representative()
	if rep == "" {
		return nil
	}
	if err := text(pdf, x, 595, 14, rep); err != nil {
		return err
	}
	if err := pdf.SetFont(fontName, "", 14); err != nil {
		return err
	}
	w, err := pdf.MeasureTextWidth(rep)
	if err != nil {
		return err
	}
	return seal(pdf, c.Issuer.Seal, x+w+8, 578, 52) // the seal half over the end of the name, as stamped
}

// certificateVerify: the QR code and the URL of the public verification
// page, built from the configured base URL.
func certificateVerify(pdf *gopdf.GoPdf, c Certificate) error {
	img, err := qr(c.VerifyURL, 300)
	if err != nil {
		return err
	}
	if err := pdf.ImageFrom(img, 70, 670, &gopdf.Rect{W: 80, H: 80}); err != nil {
		return err
	}
	if err := text(pdf, 160, 695, 9, "この認定の有効性は次のページで確認できます。"); err != nil {
		return err
	}
	return text(pdf, 160, 712, 8, c.VerifyURL)
}
