package catalog

import (
	"slices"
	"testing"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// fieldCode is what the answer tables pin down for each problem.
type fieldCode struct{ Field, Code string }

func fieldCodes(ps []Problem) []fieldCode {
	var out []fieldCode
	for _, p := range ps {
		out = append(out, fieldCode{p.Field, p.Code})
	}
	return out
}

func TestValidateAnswer(t *testing.T) {
	var (
		date     = AnswerSpec{Type: TypeDate}
		ym       = AnswerSpec{Type: TypeYearMonth}
		text     = AnswerSpec{Type: TypeText}
		long     = AnswerSpec{Type: TypeLongText}
		webURL   = AnswerSpec{Type: TypeURL}
		corp     = AnswerSpec{Type: TypeCorporateNumber}
		people   = AnswerSpec{Type: TypeInteger, Unit: "名"}
		count    = AnswerSpec{Type: TypeInteger}
		sales    = AnswerSpec{Type: TypeMoney, Unit: "千円"}
		percent  = AnswerSpec{Type: TypePercent}
		duration = AnswerSpec{Type: TypeDuration, Units: []string{"day", "month"}}
		detail   = AnswerSpec{Type: TypeYesNoDetail}
		choice   = AnswerSpec{Type: TypeChoice, Options: []string{"国内", "国外"}}
		multi    = AnswerSpec{Type: TypeMultiChoice, Options: []string{"ISMS", "Pマーク"}}
		list     = AnswerSpec{Type: TypeList, Fields: []ListField{{ID: "name"}, {ID: "ratio"}}}
		contacts = AnswerSpec{Type: TypeContacts}
	)
	tests := []struct {
		name string
		spec AnswerSpec
		a    Answer
		want []fieldCode
	}{
		{"date ok", date, Answer{Value: "2023-11-22"}, nil},
		{"date full-width", date, Answer{Value: "２０２３－１１－２２"}, nil},
		{"date not real", date, Answer{Value: "2023-02-29"}, []fieldCode{{"value", codeAnswerDateInvalid}}},
		{"date japanese style is read as the day", date, Answer{Value: "2023年11月22日"}, nil},
		{"date not in the calendar", date, Answer{Value: "2023年2月30日"}, []fieldCode{{"value", codeAnswerDateInvalid}}},
		{"unanswered date", date, Answer{}, nil},
		{"year_month ok", ym, Answer{Value: "2019-12"}, nil},
		{"year_month bad", ym, Answer{Value: "2019-13"}, []fieldCode{{"value", codeAnswerYearMonthInvalid}}},
		{"text one line", text, Answer{Value: "株式会社サンプル"}, nil},
		{"text two lines", text, Answer{Value: "a\nb"}, []fieldCode{{"value", codeAnswerTextMultiline}}},
		{"long text lines", long, Answer{Value: "a\nb"}, nil},
		{"url ok", webURL, Answer{Value: "https://example.co.jp/"}, nil},
		{"url relative", webURL, Answer{Value: "example.co.jp"}, []fieldCode{{"value", codeAnswerURLInvalid}}},
		{"url ftp", webURL, Answer{Value: "ftp://example.co.jp/"}, []fieldCode{{"value", codeAnswerURLInvalid}}},
		{"corporate number ok", corp, Answer{Value: "7000012050002"}, nil},
		{"corporate number full-width", corp, Answer{Value: "７００００１２０５０００２"}, nil},
		{"corporate number check digit", corp, Answer{Value: "8000012050002"}, []fieldCode{{"value", codeAnswerCorpNumberCheck}}},
		{"corporate number short", corp, Answer{Value: "12345"}, []fieldCode{{"value", codeAnswerCorpNumberFormat}}},
		{"integer with fixed unit", people, Answer{Value: "1,234"}, nil},
		{"integer full-width", people, Answer{Value: "１２", Unit: "名"}, nil},
		{"integer other unit", people, Answer{Value: "12", Unit: "人"}, []fieldCode{{"unit", codeAnswerUnitMismatch}}},
		{"integer negative", people, Answer{Value: "-3"}, []fieldCode{{"value", codeAnswerIntegerInvalid}}},
		{"integer bad commas", people, Answer{Value: "1,23"}, []fieldCode{{"value", codeAnswerIntegerInvalid}}},
		{"integer free unit missing", count, Answer{Value: "3"}, []fieldCode{{"unit", codeAnswerUnitMissing}}},
		{"money ok", sales, Answer{Value: "16,859,430", Period: "2022年12月期"}, nil},
		{"money loss", sales, Answer{Value: "△1,200", Period: "2023年3月期"}, nil},
		{"money full-width", sales, Answer{Value: "１６，８５９，４３０", Period: "2022年12月期"}, nil},
		{"money no period", sales, Answer{Value: "100"}, []fieldCode{{"period", codeAnswerPeriodMissing}}},
		{"money text", sales, Answer{Value: "約1億", Period: "2022年"}, []fieldCode{{"value", codeAnswerMoneyInvalid}}},
		{"percent ok", percent, Answer{Value: "99.95"}, nil},
		{"percent with sign", percent, Answer{Value: "９９．９５％"}, nil},
		{"percent over", percent, Answer{Value: "100.5"}, []fieldCode{{"value", codeAnswerPercentRange}}},
		{"percent text", percent, Answer{Value: "high"}, []fieldCode{{"value", codeAnswerPercentInvalid}}},
		{"duration ok", duration, Answer{Value: "12", Unit: "month"}, nil},
		{"duration unit not allowed", duration, Answer{Value: "1", Unit: "year"}, []fieldCode{{"unit", codeAnswerDurationUnit}}},
		{"duration no unit", duration, Answer{Value: "1"}, []fieldCode{{"unit", codeAnswerUnitMissing}}},
		{"duration decimal", duration, Answer{Value: "1.5", Unit: "day"}, []fieldCode{{"value", codeAnswerDurationInvalid}}},
		{"yes_no no", AnswerSpec{Type: TypeYesNo}, Answer{Yes: no()}, nil},
		{"yes_no_detail ok", detail, Answer{Yes: yes(), Detail: "規程あり"}, nil},
		{"detail without yes", detail, Answer{Detail: "規程あり"}, []fieldCode{{"detail", codeAnswerDetailWithoutYes}}},
		{"choice ok", choice, Answer{Value: "国内"}, nil},
		{"choice other", choice, Answer{Value: "月面"}, []fieldCode{{"value", codeAnswerNotAnOption}}},
		{"multi ok", multi, Answer{Choices: []string{"ISMS", "Pマーク"}}, nil},
		{"multi bad", multi, Answer{Choices: []string{"ISMS", "SOC2", "ISMS"}}, []fieldCode{
			{"choices[1]", codeAnswerNotAnOption}, {"choices[2]", codeAnswerChoiceDuplicate}}},
		{"list ok", list, Answer{Rows: []map[string]string{{"name": "A社", "ratio": "51%"}}}, nil},
		{"list unknown field", list, Answer{Rows: []map[string]string{{"name": "A社", "share": "51%"}}}, []fieldCode{
			{"rows[0].share", codeAnswerListUnknownField}}},
		{"contacts ok", contacts, Answer{Contacts: []Contact{
			{Kind: "phone", Value: "０３－１２３４－５６７８", Hours: "平日 9:00-17:00"},
			{Kind: "email", Value: "support@example.co.jp"},
			{Kind: "web_form", Value: "https://example.co.jp/contact"},
			{Kind: "other", Value: "チャット"}}}, nil},
		{"contacts bad", contacts, Answer{Contacts: []Contact{
			{Kind: "pigeon", Value: "x"}, {Kind: "phone"}, {Kind: "email", Value: "support.example.co.jp"},
			{Kind: "phone", Value: "12-34"}, {Kind: "web_form", Value: "contact page"}}}, []fieldCode{
			{"contacts[0].kind", codeAnswerContactKindUnknown}, {"contacts[1].value", codeAnswerContactValueMissing},
			{"contacts[2].value", codeAnswerContactValueInvalid}, {"contacts[3].value", codeAnswerContactValueInvalid},
			{"contacts[4].value", codeAnswerContactValueInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldCodes(Item{ID: "X", Answer: tt.spec}.ValidateAnswer(tt.a))
			if !slices.Equal(got, tt.want) {
				t.Errorf("ValidateAnswer = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsAnswered(t *testing.T) {
	tests := []struct {
		name string
		t    AnswerType
		a    Answer
		want bool
	}{
		{"blank text", TypeText, Answer{Value: "  "}, false},
		{"text", TypeText, Answer{Value: "x"}, true},
		{"no is an answer", TypeYesNo, Answer{Yes: no()}, true},
		{"yes_no unanswered", TypeYesNoDetail, Answer{Detail: "x"}, false},
		{"multi none", TypeMultiChoice, Answer{Choices: []string{""}}, false},
		{"multi one", TypeMultiChoice, Answer{Choices: []string{"ISMS"}}, true},
		{"list blank rows", TypeList, Answer{Rows: []map[string]string{{"name": " "}}}, false},
		{"list row", TypeList, Answer{Rows: []map[string]string{{"name": "A"}}}, true},
		{"contacts without value", TypeContacts, Answer{Contacts: []Contact{{Kind: "phone"}}}, false},
		{"contacts", TypeContacts, Answer{Contacts: []Contact{{Kind: "phone", Value: "03-1234-5678"}}}, true},
	}
	for _, tt := range tests {
		if got := (Item{Answer: AnswerSpec{Type: tt.t}}).IsAnswered(tt.a); got != tt.want {
			t.Errorf("%s: IsAnswered = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestNormalizeFoldsOnlyNumbers: full-width digits are folded for number-like types, while
// free text keeps its exact form (R-7.2 publishes answers as written).
func TestNormalizeFoldsOnlyNumbers(t *testing.T) {
	tests := []struct {
		spec      AnswerSpec
		in        Answer
		wantValue string
		wantUnit  string
	}{
		{AnswerSpec{Type: TypeInteger, Unit: "名"}, Answer{Value: " １２ "}, "12", "名"},
		{AnswerSpec{Type: TypeCorporateNumber}, Answer{Value: "７０００−０１２０５０００２"}, "7000012050002", ""},
		{AnswerSpec{Type: TypeDate}, Answer{Value: "２０１８ー０４ー０１"}, "2018-04-01", ""},
		{AnswerSpec{Type: TypePercent}, Answer{Value: "９９．９％"}, "99.9", ""},
		{AnswerSpec{Type: TypeLongText}, Answer{Value: "全角１２３"}, "全角１２３", ""},
		{AnswerSpec{Type: TypeChoice}, Answer{Value: " 国内 "}, "国内", ""},
	}
	for _, tt := range tests {
		got := Item{Answer: tt.spec}.Normalize(tt.in)
		if got.Value != tt.wantValue || got.Unit != tt.wantUnit {
			t.Errorf("Normalize(%s %q) = %q %q, want %q %q", tt.spec.Type, tt.in.Value, got.Value, got.Unit, tt.wantValue, tt.wantUnit)
		}
	}
}

func TestNormalizeLeavesCallerContactsAlone(t *testing.T) {
	cs := []Contact{{Kind: "phone", Value: "０３"}}
	Item{Answer: AnswerSpec{Type: TypeContacts}}.Normalize(Answer{Contacts: cs})
	if cs[0].Value != "０３" {
		t.Errorf("caller's contact changed to %q", cs[0].Value)
	}
}
