package pdf

import (
	"io"
	"time"

	"github.com/signintech/gopdf"
)

// Certificate is what the certificate states: number, service
// name, provider name, validity period and issue date, with the body's name
// and the verification URL its QR code opens.
type Certificate struct {
	Number       string
	SchemeName   string
	ServiceName  string
	ProviderName string
	CertifiedOn  string // YYYY-MM-DD
	ValidUntil   string // the last valid day
	IssuedOn     string
	BodyName     string
	VerifyURL    string
}

// WriteCertificate renders the certificate as a one-page A4 PDF.
func WriteCertificate(w io.Writer, c Certificate) error {
	pdf, err := newA4("認定証 "+c.Number, time.Now())
	if err != nil {
		return err
	}
	pdf.SetLineWidth(2)
	pdf.SetStrokeColor(0, 49, 216)
	pdf.RectFromUpperLeftWithStyle(30, 30, gopdf.PageSizeA4.W-60, gopdf.PageSizeA4.H-60, "D")
	lines := []struct {
		y, size float64
		s       string
	}{
		{110, 36, "認　定　証"},
		{170, 12, c.SchemeName},
		{240, 14, "認定番号　" + c.Number},
		{300, 20, c.ServiceName},
		{340, 14, c.ProviderName + "　殿"},
		{420, 12, "上記のサービスは、情報開示認定基準を満たしていることを認定します。"},
		{480, 12, "有効期間　" + jaDate(c.CertifiedOn) + "から" + jaDate(c.ValidUntil) + "まで"},
		{520, 12, "交付日　" + jaDate(c.IssuedOn)},
		{600, 16, c.BodyName},
	}
	for _, l := range lines {
		if err := centred(pdf, l.y, l.size, l.s); err != nil {
			return err
		}
	}
	img, err := qr(c.VerifyURL, 300)
	if err != nil {
		return err
	}
	if err := pdf.ImageFrom(img, gopdf.PageSizeA4.W/2-45, 660, &gopdf.Rect{W: 90, H: 90}); err != nil {
		return err
	}
	if err := centred(pdf, 760, 8, "認定の確認: "+c.VerifyURL); err != nil {
		return err
	}
	return write(pdf, w)
}
