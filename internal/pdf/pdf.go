// Package pdf renders nintei's documents — the certificate (認定証, R-8.1)
// with a QR code to its verification page, and the fee invoice —
// in Japanese, with the IPAex Gothic font embedded (subset) so that they
// render the same everywhere. The font is redistributed unmodified under
// the IPA Font License (fonts/IPAexfont-LICENSE.txt); package fonts embeds it.
package pdf

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"strings"
	"time"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"

	"nintei/internal/pdf/docinfo"
	"nintei/internal/pdf/fonts"
)

// fontName is the font's family in gopdf, which gopdf also writes as the
// embedded subset's /BaseFont and /FontName. It therefore carries the
// subset tag ISO 32000-1 §9.6.4 asks for — six capitals and "+" before the
// PostScript name — without which readers take the subset for the whole
// font. The tag is fixed: a document embeds one subset, and §9.6.4 only
// asks that different subsets in one file have different tags.
const fontName = "NINTEI+IPAexGothic"

// docInfo is a document's metadata: its title, issued by the body, made
// by nintei.
func docInfo(title string, issuer Issuer, created time.Time) docinfo.Info {
	return docinfo.Info{Title: title, Author: issuer.Name, Creator: "nintei", Producer: "nintei (gopdf)", Created: created}
}

// newA4 starts an A4 portrait document with the Japanese font loaded. The
// metadata is not given to gopdf: write adds it (see docinfo).
func newA4() (*gopdf.GoPdf, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
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

// write finishes the document with its metadata (information dictionary,
// /ID, XMP), which gopdf cannot write as ISO 32000-1 asks.
func write(pdf *gopdf.GoPdf, info docinfo.Info, w io.Writer) error {
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		return err
	}
	doc, err := docinfo.Append(buf.Bytes(), info)
	if err != nil {
		return fmt.Errorf("pdf: metadata: %w", err)
	}
	_, err = w.Write(doc)
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

// Issuer is the certification body as a document names it (all from
// configuration): the invoice's issuer block and the certificate's signatory.
type Issuer struct {
	Name                string
	PostalCode          string
	Address             string
	Phone               string
	RegistrationNumber  string // T + 13 digits; empty: not a qualified invoice issuer
	RepresentativeTitle string
	RepresentativeName  string
	Seal                []byte // PNG of the seal (印影); nil for none
}

// representative is "理事長　見本 太郎", or "" when neither is configured.
func (is Issuer) representative() string {
	return strings.TrimSpace(is.RepresentativeTitle + "　" + is.RepresentativeName)
}

// right writes one line ending at x.
func right(pdf *gopdf.GoPdf, x, y, size float64, s string) error {
	if err := pdf.SetFont(fontName, "", size); err != nil {
		return err
	}
	w, err := pdf.MeasureTextWidth(s)
	if err != nil {
		return err
	}
	pdf.SetXY(x-w, y)
	return pdf.Cell(nil, s)
}

// wrapped writes s from (x, y) in lines no wider than width, and returns
// the y below the last line. Japanese has no spaces: lines break anywhere.
func wrapped(pdf *gopdf.GoPdf, x, y, width, size float64, s string) (float64, error) {
	if s == "" {
		return y, nil // gopdf refuses to split an empty string
	}
	if err := pdf.SetFont(fontName, "", size); err != nil {
		return y, err
	}
	lines, err := pdf.SplitText(s, width)
	if err != nil {
		return y, err
	}
	for _, l := range lines {
		if err := text(pdf, x, y, size, l); err != nil {
			return y, err
		}
		y += size * 1.45
	}
	return y, nil
}

// seal draws the seal image (印影) in a size×size square at (x, y); a body
// without a seal draws nothing.
func seal(pdf *gopdf.GoPdf, png []byte, x, y, size float64) error {
	if len(png) == 0 {
		return nil
	}
	img, err := gopdf.ImageHolderByBytes(png)
	if err != nil {
		return fmt.Errorf("pdf: seal: %w", err)
	}
	return pdf.ImageByHolder(img, x, y, &gopdf.Rect{W: size, H: size})
}
