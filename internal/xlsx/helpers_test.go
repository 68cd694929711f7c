package xlsx

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/i18n"
)

// testMsgs renders problems the way the web pages do.
var testMsgs = i18n.MustLoad()

// messageJA is the problem's Japanese message.
func messageJA(p Problem) string { return testMsgs.Message(i18n.Japanese, p) }

// shippedEdition is the edition applicants use; allTypesEdition covers every answer type.
func shippedEdition(tb testing.TB) *catalog.Edition {
	tb.Helper()
	ed, err := catalog.DefaultEdition()
	if err != nil {
		tb.Fatal(err)
	}
	return ed
}

func allTypesEdition(tb testing.TB) *catalog.Edition {
	tb.Helper()
	data, err := os.ReadFile("testdata/all-types.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	ed, err := catalog.Parse(data)
	if err != nil {
		tb.Fatal(err)
	}
	return ed
}

// validAnswer returns a valid, normalised answer for the item, exercising what the type
// allows: thousands commas, several list rows and contacts, an option containing 「、」.
func validAnswer(it catalog.Item) catalog.Answer {
	spec := it.Answer
	yes := true
	switch spec.Type {
	case catalog.TypeDate:
		return catalog.Answer{Value: "2024-04-01"}
	case catalog.TypeYearMonth:
		return catalog.Answer{Value: "2019-10"}
	case catalog.TypeText:
		return catalog.Answer{Value: "株式会社サンプル（" + it.ID + "）"}
	case catalog.TypeLongText:
		return catalog.Answer{Value: "一行目: " + it.NameJA + "\n二行目: 詳細"}
	case catalog.TypeURL:
		return catalog.Answer{Value: "https://www.example.co.jp/about"}
	case catalog.TypeCorporateNumber:
		return catalog.Answer{Value: validCorporateNumber()}
	case catalog.TypeInteger:
		return catalog.Answer{Value: "1,200", Unit: or(spec.Unit, "名")}
	case catalog.TypeMoney:
		return catalog.Answer{Value: "△16,859,430", Unit: or(spec.Unit, "千円"), Period: "2022年12月期"}
	case catalog.TypePercent:
		return catalog.Answer{Value: "99.95"}
	case catalog.TypeDuration:
		return catalog.Answer{Value: "12", Unit: spec.Units[len(spec.Units)-1]}
	case catalog.TypeYesNo:
		return catalog.Answer{Yes: &yes}
	case catalog.TypeYesNoDetail:
		return catalog.Answer{Yes: &yes, Detail: "方法: 電子メール\n時期: 30日前"}
	case catalog.TypeChoice:
		return catalog.Answer{Value: spec.Options[len(spec.Options)-1]}
	case catalog.TypeMultiChoice:
		return catalog.Answer{Choices: []string{spec.Options[0], spec.Options[len(spec.Options)-1]}}
	case catalog.TypeList:
		return catalog.Answer{Rows: listRows(spec.Fields)}
	case catalog.TypeContacts:
		return catalog.Answer{Contacts: []catalog.Contact{
			{Kind: "phone", Value: "03-1234-5678", Hours: "平日 9:00-17:00"},
			{Kind: "email", Value: "support@example.co.jp"},
			{Kind: "web_form", Value: "https://www.example.co.jp/contact", Hours: "24時間"},
		}}
	}
	panic("no valid answer for type " + string(spec.Type))
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func listRows(fields []catalog.ListField) []map[string]string {
	rows := []map[string]string{{}, {}}
	for k, f := range fields {
		rows[0][f.ID] = "一" + string(rune('A'+k))
		rows[1][f.ID] = "二" + string(rune('A'+k))
	}
	return rows
}

// validCorporateNumber finds a 13-digit number with a correct check digit (the first digit).
func validCorporateNumber() string {
	for d := '1'; d <= '9'; d++ {
		if n := string(d) + "700150005000"; catalog.ValidCorporateNumber(n) {
			return n
		}
	}
	panic("no valid corporate number")
}

// completeForm answers every item validly and names evidence for each.
func completeForm(ed *catalog.Edition) formb.Form {
	form := formb.Form{}
	for _, it := range ed.Items {
		form[it.ID] = formb.Entry{
			ItemID: it.ID, Answer: validAnswer(it),
			EvidenceDoc: "サービス仕様書 " + it.ID, EvidenceLoc: "p.3 第2章",
		}
	}
	return form
}

var testMeta = Meta{
	ServiceName: "サンプルクラウド", ProviderName: "株式会社サンプル",
	GeneratedAt: time.Date(2024, 4, 1, 9, 30, 0, 0, time.FixedZone("JST", 9*3600)), ApplicationRef: "APP-0001",
}

func exportBytes(tb testing.TB, ed *catalog.Edition, form formb.Form) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, ed, form, testMeta); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func importBytes(data []byte, ed *catalog.Edition) (Result, error) {
	return Import(bytes.NewReader(data), int64(len(data)), ed)
}

// problemsOf returns the problems of an *ImportError, failing the test for other errors.
func problemsOf(tb testing.TB, err error) []Problem {
	tb.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) {
		tb.Fatalf("got error %v, want *ImportError", err)
	}
	return ie.Problems
}

// edit opens an exported workbook, removes the protections as a user would, applies fn
// and returns the saved bytes.
func edit(tb testing.TB, data []byte, fn func(f *excelize.File)) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := f.UnprotectWorkbook(); err != nil {
		tb.Fatal(err)
	}
	if err := f.UnprotectSheet(SheetForm); err != nil {
		tb.Fatal(err)
	}
	fn(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// must fails the test on an excelize error inside an edit function.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
