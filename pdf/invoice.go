package pdf

import (
	"fmt"
	"io"
	"time"
)

// Invoice is what the fee invoice states.
type Invoice struct {
	Number       string
	ProviderName string
	ServiceName  string
	Application  string // e.g. "#12"
	KindLabel    string // 新規申請 / 更新 / 再発行
	BaseYen      int64
	TaxYen       int64
	TotalYen     int64
	TaxPercent   int64
	IssuedOn     string
	DueOn        string
	BodyName     string
}

// WriteInvoice renders the invoice as a one-page A4 PDF.
func WriteInvoice(w io.Writer, inv Invoice) error {
	pdf, err := newA4("請求書 "+inv.Number, time.Now())
	if err != nil {
		return err
	}
	if err := centred(pdf, 60, 24, "請　求　書"); err != nil {
		return err
	}
	rows := []struct {
		y    float64
		size float64
		s    string
	}{
		{120, 14, inv.ProviderName + "　御中"},
		{160, 10, "請求番号　" + inv.Number},
		{178, 10, "発行日　" + jaDate(inv.IssuedOn)},
		{220, 11, "件名　審査手数料（" + inv.KindLabel + "）　申請 " + inv.Application + "「" + inv.ServiceName + "」"},
		{270, 16, "ご請求金額　" + yen(inv.TotalYen) + " 円（税込）"},
		{320, 11, "審査手数料　" + yen(inv.BaseYen) + " 円"},
		{340, 11, fmt.Sprintf("消費税（%d%%、1円未満切り捨て）　%s 円", inv.TaxPercent, yen(inv.TaxYen))},
		{360, 11, "合計　" + yen(inv.TotalYen) + " 円"},
		{410, 11, "お支払期限　" + jaDate(inv.DueOn)},
		{440, 10, "入金を確認してから書類審査を始めます。手数料は審査結果にかかわらず返金されません。"},
		{520, 12, inv.BodyName},
	}
	for _, r := range rows {
		if err := text(pdf, 60, r.y, r.size, r.s); err != nil {
			return err
		}
	}
	return write(pdf, w)
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
