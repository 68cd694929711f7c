package registry

import (
	"testing"

	"nintei/catalog"
)

func TestCSVCellFormulaInjection(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+81-3": "'+81-3", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\t=x": "'\t=x", "認定": "認定", "": ""} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// answers published as written, list cells in field order.
func TestPublicText_R7_2(t *testing.T) {
	yes := true
	it := catalog.Item{Answer: catalog.AnswerSpec{Type: catalog.TypeList, Fields: []catalog.ListField{{ID: "name"}, {ID: "ratio"}}}}
	got := PublicText(it, catalog.Answer{Rows: []map[string]string{{"ratio": "51%", "name": "親会社"}}})
	if got != "親会社｜51%" {
		t.Errorf("list = %q", got)
	}
	if got := PublicText(catalog.Item{}, catalog.Answer{Yes: &yes, Detail: "ISMS認証を取得"}); got != "有\nISMS認証を取得" {
		t.Errorf("yes/detail = %q", got)
	}
	dur := catalog.Item{Answer: catalog.AnswerSpec{Type: catalog.TypeDuration}}
	if got := PublicText(dur, catalog.Answer{Value: "3", Unit: "day"}); got != "3日" {
		t.Errorf("duration = %q", got)
	}
	if Fold("ＩｏＴ認証") != "iot認証" {
		t.Error("NFKC fold")
	}
}

// a money answer is published with its fiscal period, as written —
// the figure alone, without the 期 it belongs to, is not what the
// applicant disclosed.
func TestPublicTextKeepsPeriod_R7_2(t *testing.T) {
	money := catalog.Item{Answer: catalog.AnswerSpec{Type: catalog.TypeMoney, Unit: "千円"}}
	a := catalog.Answer{Value: "16,859,430", Unit: "千円", Period: "2022年12月期", Detail: "連結"}
	if got, want := PublicText(money, a), "16,859,430千円\n[2022年12月期]\n連結"; got != want {
		t.Errorf("money answer published as %q, want %q", got, want)
	}
}

// the registry writes values as a Japanese reader expects them: a
// day as 2024年4月1日, a month as 2024年4月, amounts with separators and
// their unit, a percentage with its sign.
func TestPublicTextWritesValuesForReaders_R7_2(t *testing.T) {
	for _, c := range []struct {
		typ  catalog.AnswerType
		a    catalog.Answer
		want string
	}{
		{catalog.TypeDate, catalog.Answer{Value: "2024-04-01"}, "2024年4月1日"},
		{catalog.TypeYearMonth, catalog.Answer{Value: "2024-04"}, "2024年4月"},
		{catalog.TypeMoney, catalog.Answer{Value: "1200000", Unit: "千円"}, "1,200,000千円"},
		{catalog.TypeInteger, catalog.Answer{Value: "350", Unit: "名"}, "350名"},
		{catalog.TypePercent, catalog.Answer{Value: "99.95"}, "99.95%"},
		{catalog.TypeDate, catalog.Answer{Value: "不明"}, "不明"},
	} {
		it := catalog.Item{Answer: catalog.AnswerSpec{Type: c.typ}}
		if got := PublicText(it, c.a); got != c.want {
			t.Errorf("%s %+v = %q, want %q", c.typ, c.a, got, c.want)
		}
	}
}
