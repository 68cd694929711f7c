// Package pdf renders nintei's documents — the certificate (認定証, R-8.1)
// with a QR code to its verification page, and the fee invoice —
// in Japanese, with the IPAex Gothic font embedded (subset) so that they
// render the same everywhere. The font is redistributed unmodified under
// the IPA Font License (fonts/IPAexfont-LICENSE.txt); package fonts embeds it.
package pdf

import (
	"fmt"
	"image"
	"io"
	"time"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"

	"nintei/pdf/fonts"
)

const fontName = "ipaexg"

// newA4 starts an A4 portrait document with the Japanese font loaded.
func newA4(title string, created time.Time) (*gopdf.GoPdf, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "nintei", Producer: "nintei", CreationDate: created})
	if err := pdf.AddTTFFontData(fontName, fonts.Gothic()); err != nil {
		return nil, fmt.Errorf("pdf: font: %w", err)
	}
	pdf.AddPage()
	return pdf, nil
}

// text writes one line at (x, y) in the given size.
func text(pdf *gopdf.GoPdf, x, y, size float64, s string) error {
	if err := pdf.SetFont(fontName, "", size); err != nil {
		return err
	}
	pdf.SetXY(x, y)
	return pdf.Cell(nil, s)
}

// centred writes one line centred on the page.
func centred(pdf *gopdf.GoPdf, y, size float64, s string) error {
	if err := pdf.SetFont(fontName, "", size); err != nil {
		return err
	}
	w, err := pdf.MeasureTextWidth(s)
	if err != nil {
		return err
	}
	pdf.SetXY((gopdf.PageSizeA4.W-w)/2, y)
	return pdf.Cell(nil, s)
}

// qr renders a QR code of url as an image.
func qr(url string, px int) (image.Image, error) {
	code, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	code.DisableBorder = false
	return code.Image(px), nil
}

func write(pdf *gopdf.GoPdf, w io.Writer) error {
	_, err := pdf.WriteTo(w)
	return err
}

// jaDate writes a YYYY-MM-DD date as 2026年11月27日.
func jaDate(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
