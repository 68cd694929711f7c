package registry

import (
	"testing"
	"time"

	"nintei/catalog"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// the number's form.
func TestNumber_R8_4(t *testing.T) {
	if got := Number("IP-IoT", 1, day("2026-11-27")); got != "IP-IoT 0001-2611" {
		t.Errorf("got %q", got)
	}
	if got := Number("ASP", 12345, day("2030-01-05")); got != "ASP 12345-3001" {
		t.Errorf("got %q", got)
	}
}

// valid two years from the certification date, last day stated exactly.
func TestValidUntil_R8_2(t *testing.T) {
	cases := map[string]string{
		"2026-11-27": "2028-11-26",
		"2026-01-01": "2027-12-31",
		"2028-02-29": "2030-02-28",
		"2027-03-01": "2029-02-28",
	}
	for in, want := range cases {
		if got := ValidUntil(day(in), 2).Format("2006-01-02"); got != want {
			t.Errorf("ValidUntil(%s) = %s, want %s", in, got, want)
		}
	}
	if PublicStatus("valid", "2028-11-26", "2028-11-26") != "valid" || PublicStatus("valid", "2028-11-26", "2028-11-27") != "expired" {
		t.Error("expiry is not the day after the last valid day")
	}
}

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
