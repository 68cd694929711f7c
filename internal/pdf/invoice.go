package pdf

import (
	"fmt"
	"io"
	"time"

	"github.com/signintech/gopdf"
)

// Invoice is what the fee invoice states, laid out as a qualified
// invoice (適格請求書): the issuer with its registration number, the
// addressee, the issue date, the item, the amount per tax rate with the tax
// on it, the total, the due date and the account to pay into.
type Invoice struct {
	Number      string
	ToOrg       string // 宛名, first line: "株式会社○○" or "株式会社○○ 御中"
	ToPerson    string // second line, e.g. "情報システム部　港 健太 様"; may be empty
	ServiceName string
	Application string // e.g. "#12"
	KindLabel   string // 新規申請 / 更新 / 認定証の再発行
	BaseYen     int64
	TaxYen      int64
	TotalYen    int64
	TaxPercent  int64
	IssuedOn    string // YYYY-MM-DD
	DueOn       string // a business day of the body
	Issuer      Issuer
	Bank        Bank
}

// Bank is the account the fee is paid into (振込先).
type Bank struct {
	Bank, Branch, Type, Number, Holder string
}

// Page geometry (points): A4 with 50 pt margins.
const (
	marginX  = 50.0
	pageR    = 595.28 - marginX
	issuerX  = 330.0 // left edge of the issuer block, top right
	rowH     = 22.0
	tableTop = 330.0
)

// WriteInvoice renders the invoice as a one-page A4 PDF.
func WriteInvoice(w io.Writer, inv Invoice) error {
	info := docInfo("請求書 "+inv.Number, inv.Issuer, time.Now())
	pdf, err := newA4()
	if err != nil {
		return err
	}
	for _, step := range []func(*gopdf.GoPdf, Invoice) error{invoiceHead, invoiceIssuer, invoiceAmount, invoiceTable, invoiceBank} {
		if err := step(pdf, inv); err != nil {
			return err
		}
	}
	return write(pdf, info, w)
}

// invoiceHead: the title, number and date (top right), and the addressee
// (宛名, top left, underlined as a Japanese invoice does).
func invoiceHead(pdf *gopdf.GoPdf, inv Invoice) error {
	if err := centred(pdf, 48, 22, "請　求　書"); err != nil {
		return err
	}
	if err := right(pdf, pageR, 90, 9, "請求番号　"+inv.Number); err != nil {
		return err
	}
	if err := right(pdf, pageR, 104, 9, "発行日　"+jaDate(inv.IssuedOn)); err != nil {
		return err
	}
	if err := text(pdf, marginX, 130, 14, inv.ToOrg); err != nil {
		return err
	}
	y := 150.0
	if inv.ToPerson != "" {
		if err := text(pdf, marginX, y, 11, inv.ToPerson); err != nil {
			return err
		}
		y += 18
	}
	pdf.SetLineWidth(0.8)
	pdf.SetStrokeColor(0, 0, 0)
	pdf.Line(marginX, y, 300, y)
	return nil
}

// invoiceIssuer: the body's name, address, telephone and registration
// number, with the seal over the end of the name as is customary.
func invoiceIssuer(pdf *gopdf.GoPdf, inv Invoice) error {
	is := inv.Issuer
	y, err := wrapped(pdf, issuerX, 130, pageR-issuerX-30, 11, is.Name)
	if err != nil {
		return err
	}
	lines := []string{}
	if r := is.representative(); r != "" {
		lines = append(lines, r)
	}
	if is.PostalCode != "" {
		lines = append(lines, "〒"+is.PostalCode)
	}
	for _, l := range lines {
		if err := text(pdf, issuerX, y, 9, l); err != nil {
			return err
		}
		y += 13
	}
	if y, err = wrapped(pdf, issuerX, y, pageR-issuerX, 9, is.Address); err != nil {
		return err
	}
	if is.Phone != "" {
		if err := text(pdf, issuerX, y, 9, "TEL "+is.Phone); err != nil {
			return err
		}
		y += 13
	}
	if is.RegistrationNumber != "" {
		if err := text(pdf, issuerX, y, 9, "登録番号　"+is.RegistrationNumber); err != nil {
			return err
		}
	}
	return seal(pdf, is.Seal, pageR-48, 122, 48)
}

// invoiceAmount: the amount asked for, boxed, and the due date. The left
// column only: the issuer block beside it may run long.
func invoiceAmount(pdf *gopdf.GoPdf, inv Invoice) error {
	if err := text(pdf, marginX, 215, 10, "下記のとおりご請求申し上げます。"); err != nil {
		return err
	}
	pdf.SetLineWidth(1)
	pdf.SetFillColor(238, 242, 250)
	pdf.RectFromUpperLeftWithStyle(marginX, 240, 260, 32, "FD")
	pdf.SetFillColor(0, 0, 0) // text is drawn in the fill colour
	if err := text(pdf, marginX+10, 249, 11, "ご請求金額"); err != nil {
		return err
	}
	if err := right(pdf, marginX+250, 246, 16, yen(inv.TotalYen)+" 円（税込）"); err != nil {
		return err
	}
	return text(pdf, marginX, 290, 11, "お支払期限　"+jaDate(inv.DueOn))
}

// invoiceTable: the item, then the subtotal, the amount and tax of the one
// rate, and the total, as the qualified invoice rules ask (税率ごとに区分).
func invoiceTable(pdf *gopdf.GoPdf, inv Invoice) error {
	cols := []float64{marginX, 320, 360, 440, pageR} // 品目 | 数量 | 単価 | 金額
	pdf.SetLineWidth(0.6)
	pdf.SetFillColor(230, 230, 230)
	pdf.RectFromUpperLeftWithStyle(marginX, tableTop, pageR-marginX, rowH, "FD")
	pdf.SetFillColor(0, 0, 0)
	for i, h := range []string{"品目", "数量", "単価（税抜）", "金額（税抜）"} {
		if err := centredIn(pdf, cols[i], cols[i+1], tableTop+6, 9, h); err != nil {
			return err
		}
	}
	y := tableTop + rowH
	pdf.RectFromUpperLeftWithStyle(marginX, y, pageR-marginX, rowH*1.6, "D")
	for _, x := range cols[1 : len(cols)-1] {
		pdf.Line(x, tableTop, x, y+rowH*1.6)
	}
	item := "審査手数料（" + inv.KindLabel + "）"
	if err := text(pdf, marginX+6, y+5, 10, item); err != nil {
		return err
	}
	if err := text(pdf, marginX+6, y+19, 8, "申請 "+inv.Application+"「"+inv.ServiceName+"」"); err != nil {
		return err
	}
	// 数量, 単価 and 金額 end at the right edges of the last three columns.
	cells := []struct {
		edge float64
		v    string
	}{{cols[2], "1"}, {cols[3], yen(inv.BaseYen)}, {cols[4], yen(inv.BaseYen)}}
	for _, c := range cells {
		if err := right(pdf, c.edge-6, y+10, 10, c.v); err != nil {
			return err
		}
	}
	y += rowH*1.6 + 10
	sums := []struct{ label, value string }{
		{"小計（税抜）", yen(inv.BaseYen) + " 円"},
		{fmt.Sprintf("%d%%対象", inv.TaxPercent), yen(inv.BaseYen) + " 円"},
		{fmt.Sprintf("消費税（%d%%）", inv.TaxPercent), yen(inv.TaxYen) + " 円"},
		{"合計（税込）", yen(inv.TotalYen) + " 円"},
	}
	for i, s := range sums {
		if i == len(sums)-1 {
			pdf.SetLineWidth(0.8)
			pdf.Line(360, y-3, pageR, y-3)
		}
		if err := text(pdf, 360, y, 10, s.label); err != nil {
			return err
		}
		if err := right(pdf, pageR-6, y, 10, s.value); err != nil {
			return err
		}
		y += 17
	}
	// the per-rate line in the form people look for on a qualified invoice
	return text(pdf, marginX, y+2, 9, fmt.Sprintf("内訳　%d%%対象 %s円　消費税 %s円（1円未満切り捨て）",
		inv.TaxPercent, yen(inv.BaseYen), yen(inv.TaxYen)))
}

// invoiceBank: where to pay, and the conditions of the fee.
func invoiceBank(pdf *gopdf.GoPdf, inv Invoice) error {
	y := 560.0
	pdf.SetLineWidth(0.6)
	pdf.RectFromUpperLeftWithStyle(marginX, y, pageR-marginX, 50, "D")
	if err := text(pdf, marginX+10, y+8, 10, "お振込先"); err != nil {
		return err
	}
	b := inv.Bank
	lines := []string{"（振込先は認定機関にお問い合わせください）"}
	if b.Bank != "" {
		lines = []string{b.Bank + "　" + b.Branch + "　" + b.Type + "　" + b.Number, "口座名義　" + b.Holder}
	}
	for i, l := range lines {
		if err := text(pdf, marginX+80, y+8+float64(i)*18, 11, l); err != nil {
			return err
		}
	}
	y += 66
	for _, n := range []string{
		"・振込手数料はお客様のご負担でお願いいたします。",
		"・お振込の際は、振込依頼人名の前に請求番号（" + inv.Number + "）を添えてください。",
		"・入金を確認してから書類審査を始めます。",
		"・手数料は審査結果にかかわらず返金されません。",
	} {
		if err := text(pdf, marginX, y, 9, n); err != nil {
			return err
		}
		y += 15
	}
	return nil
}

// centredIn writes s centred between x0 and x1.
func centredIn(pdf *gopdf.GoPdf, x0, x1, y, size float64, s string) error {
	if err := pdf.SetFont(fontName, "", size); err != nil {
		return err
	}
	w, err := pdf.MeasureTextWidth(s)
	if err != nil {
		return err
	}
	pdf.SetXY(x0+(x1-x0-w)/2, y)
	return pdf.Cell(nil, s)
}

func yen(n int64) string {
	s := fmt.Sprint(n)
	out := []byte{}
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
