package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
)

// TestFormulaCachedValues: formula cells are read as their cached results, a text result
// as text and a numeric date result as a date.
func TestFormulaCachedValues(t *testing.T) {
	ed := shippedEdition(t)
	want := completeForm(ed)
	data := exportBytes(t, ed, want)
	for _, patch := range []func(*testing.T, []byte) []byte{
		patchCell("H10", `<c r="H10" s="8" t="str"><f>TEXT(DATE(2024,4,1),"yyyy-mm-dd")</f><v>2024-04-01</v></c>`),
		patchCell("H15", `<c r="H15" s="8"><f>DATE(2023,6,30)</f><v>45107</v></c>`),
		patchCell("H26", `<c r="H26" s="8"><f>1000+234</f><v>1234</v></c>`),
	} {
		data = patch(t, data)
	}
	res, err := importBytes(data, ed)
	if err != nil {
		t.Fatal(err)
	}
	setAnswer(want, "IPIOT-003", catalog.Answer{Value: "2023-06-30"})
	setAnswer(want, "IPIOT-008", catalog.Answer{Value: "1234", Unit: "人"})
	assertFormsEqual(t, res.Form, want)
}

func setAnswer(form formb.Form, id string, a catalog.Answer) {
	e := form[id]
	e.Answer = a
	form[id] = e
}

// TestPartiallyFilledImportsWithWarnings: a draft with missing required answers and
// missing evidence imports; each gap is a warning at its cell, including a
// conditional item made required by the answer read (IPIOT-026 after IPIOT-025 = 有).
func TestPartiallyFilledImportsWithWarnings(t *testing.T) {
	ed := shippedEdition(t)
	form := completeForm(ed)
	delete(form, "IPIOT-002")
	delete(form, "IPIOT-026")
	e := form["IPIOT-003"]
	e.EvidenceDoc = ""
	form["IPIOT-003"] = e
	e = form["IPIOT-018"]
	e.EvidenceLoc = ""
	form["IPIOT-018"] = e
	e = form["IPIOT-009"]
	e.Answer.Period = ""
	form["IPIOT-009"] = e
	e = form["IPIOT-013"]
	e.Answer.Yes = nil
	form["IPIOT-013"] = e

	res, err := importBytes(exportBytes(t, ed, form), ed)
	if err != nil {
		t.Fatal(err)
	}
	assertFormsEqual(t, res.Form, form)
	want := []string{
		"申請書B!H12 IPIOT-002 xlsx.form.required_missing 必須項目「事業者名：事業者の正式名称（商号）」が未回答です。",
		"申請書B!K15 IPIOT-003 xlsx.form.evidence_missing 添付書類等（資料名）を記入してください。",
		"申請書B!J28 IPIOT-009 catalog.answer.period_missing 期間（例: 2023年3月期）を書いてください",
		"申請書B!I33 IPIOT-013 catalog.answer.detail_without_yes 詳細を書くときは有/無も答えてください",
		"申請書B!L42 IPIOT-018 xlsx.form.evidence_location_missing 添付書類等の該当箇所（ページ・章など）を記入してください。",
		"申請書B!H53 IPIOT-026 xlsx.form.required_missing 必須項目「提供端末の概要：提供端末の名称・種類・機能」が未回答です。",
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, line(w))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNormalisation: what people type or paste is read into the catalog's canonical form:
// Excel dates, full-width digits, loose date shapes, boolean cells, 有/無 words, unit and
// contact-kind labels, ASCII separators, blank lines.
func TestNormalisation(t *testing.T) {
	ed := allTypesEdition(t)
	data := edit(t, exportBytes(t, ed, formb.Form{}), func(f *excelize.File) {
		must(t, f.SetCellInt(SheetForm, "H10", 45383)) // a real Excel date
		for c, v := range map[string]string{
			"H11": "２０１９年１０月", "H12": "　株式会社　サンプル  ", "H15": fullWidth(validCorporateNumber()),
			"H17": "１，２００", "H19": "▲500", "J19": "2023年3月期", "H21": "９９．５％",
			"H22": "3", "I22": "ヶ月", "H25": "なし", "H26": " 国外 ", "H27": "A, B",
			"H28": "ISMS、ISO/IEC 27017\n甲、乙", "H29": "株式会社A|60%\n\n 株式会社B ",
			"H30": "ＴＥＬ｜０３-１２３４-５６７８\r\nE-mail | info@example.jp | 平日",
		} {
			must(t, f.SetCellStr(SheetForm, c, v))
		}
		must(t, f.SetCellBool(SheetForm, "H24", true))
	})
	res, err := importBytes(data, ed)
	if err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	want := map[string]catalog.Answer{
		"T-date": {Value: "2024-04-01"}, "T-ym": {Value: "2019-10"}, "T-text": {Value: "株式会社　サンプル"},
		"T-corp": {Value: validCorporateNumber()}, "T-int": {Value: "1,200", Unit: "名"},
		"T-money": {Value: "▲500", Unit: "千円", Period: "2023年3月期"}, "T-pct": {Value: "99.5"},
		"T-dur": {Value: "3", Unit: "month"}, "T-yn": {Yes: &yes}, "T-ynd": {Yes: &no},
		"T-choice": {Value: "国外"}, "T-choice-comma": {Value: "A, B"},
		"T-multi": {Choices: []string{"ISMS", "ISO/IEC 27017", "甲、乙"}},
		"T-list":  {Rows: []map[string]string{{"name": "株式会社A", "ratio": "60%"}, {"name": "株式会社B"}}},
		"T-contacts": {Contacts: []catalog.Contact{
			{Kind: "phone", Value: "03-1234-5678"}, {Kind: "email", Value: "info@example.jp", Hours: "平日"},
		}},
	}
	wantForm := formb.Form{}
	for id, a := range want {
		wantForm[id] = formb.Entry{ItemID: id, Answer: a}
	}
	assertFormsEqual(t, res.Form, wantForm)
}

// fullWidth writes ASCII digits as full-width digits with a full-width hyphen after the
// first, as a Japanese input method would.
func fullWidth(digits string) string {
	var b strings.Builder
	for k, r := range digits {
		b.WriteRune(r - '0' + '０')
		if k == 0 {
			b.WriteString("－")
		}
	}
	return b.String()
}

// TestParseYesNo covers the 有/無 vocabulary, including full-width and case variants.
func TestParseYesNo(t *testing.T) {
	for in, want := range map[string]bool{
		"有": true, "あり": true, "はい": true, "YES": true, "ｙｅｓ": true, "○": true, "〇": true,
		"無": false, "なし": false, "いいえ": false, "No": false, "×": false, "FALSE": false,
	} {
		got, ok := parseYesNo(in)
		if !ok || got != want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v, true", in, got, ok, want)
		}
	}
	if _, ok := parseYesNo("たぶん"); ok {
		t.Errorf("parseYesNo(たぶん) accepted")
	}
}

// TestExportRefusesUnknownEntries: entries for items outside the edition would be lost on
// the next import, so Export refuses them.
func TestExportRefusesUnknownEntries(t *testing.T) {
	ed := shippedEdition(t)
	var sb strings.Builder
	err := Export(&sb, ed, formb.Form{"NOPE-1": {ItemID: "NOPE-1"}}, testMeta)
	if err == nil || !strings.Contains(err.Error(), "NOPE-1") {
		t.Errorf("got %v, want an error naming NOPE-1", err)
	}
}
