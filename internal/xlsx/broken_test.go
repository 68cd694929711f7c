package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// formSheetPart is the zip member of the 申請書B sheet in an exported workbook.
const formSheetPart = "xl/worksheets/sheet2.xml"

// brokenCase is a workbook edited the way an applicant (or their tools) might, and the
// problems Import must report, rendered by line().
type brokenCase struct {
	name  string
	edit  func(t *testing.T, data []byte) []byte
	wants []string
}

// line renders a problem for golden comparison: place, item, code and Japanese message.
func line(p Problem) string {
	return p.Sheet + "!" + p.Cell + " " + p.ItemID + " " + p.Code + " " + messageJA(p)
}

func setCells(cells map[string]string) func(t *testing.T, data []byte) []byte {
	return func(t *testing.T, data []byte) []byte {
		return edit(t, data, func(f *excelize.File) {
			for c, v := range cells {
				sheet, ref, ok := strings.Cut(c, "!")
				if !ok {
					sheet, ref = SheetForm, c
				}
				must(t, f.SetCellStr(sheet, ref, v))
			}
		})
	}
}

func withFile(fn func(t *testing.T, f *excelize.File)) func(t *testing.T, data []byte) []byte {
	return func(t *testing.T, data []byte) []byte {
		return edit(t, data, func(f *excelize.File) { fn(t, f) })
	}
}

var brokenCases = []brokenCase{
	{"wrong type in a date cell", setCells(map[string]string{"H10": "2024-13-45"}), []string{
		"申請書B!H10 IPIOT-001 catalog.answer.date_invalid 「2024-13-45」 は正しい日付ではありません（例 2024年4月1日）",
	}},
	{"choice not allowed", setCells(map[string]string{"H95": "海外"}), []string{
		"申請書B!H95 IPIOT-053 catalog.answer.not_an_option 「海外」 は選択肢にありません",
	}},
	{"every cell problem, in cell order", setCells(map[string]string{
		"H26": "千二百", "H10": "昨日", "H17": "www.example.co.jp", "H13": "1234567890123",
		"H52": "たぶん", "H107": "携帯｜090-1234-5678\n電話", "H31": "120",
	}), []string{
		"申請書B!H10 IPIOT-001 catalog.answer.date_invalid 「昨日」 は正しい日付ではありません（例 2024年4月1日）",
		"申請書B!H13 IPIOT-002a catalog.answer.corporate_number_check_digit 法人番号 「1234567890123」 のチェックデジットが合いません",
		"申請書B!H17 IPIOT-004a catalog.answer.url_invalid 「www.example.co.jp」 は http または https の URL ではありません",
		"申請書B!H26 IPIOT-008 catalog.answer.integer_invalid 「千二百」 は0以上の整数ではありません",
		"申請書B!H31 IPIOT-012 catalog.answer.percent_range 「120」 は0〜100の範囲外です",
		"申請書B!H52 IPIOT-025 xlsx.cell.yes_no_invalid 「たぶん」は有／無のどちらかで記入してください。",
		"申請書B!H107 IPIOT-060 xlsx.cell.contact_shape 「電話」は「種別｜連絡先｜受付時間」の形で記入してください。",
		"申請書B!H107 IPIOT-060 catalog.answer.contact_kind_unknown 1件目: 連絡手段 「携帯」 が不明です",
	}},
	{"unknown item id", setCells(map[string]string{"A10": "IPIOT-999"}), []string{
		"申請書B!A10  xlsx.structure.unknown_item 項目ID「IPIOT-999」はこの版にありません。項目IDを変更しないでください。",
		"申請書B!A10 IPIOT-001 xlsx.structure.item_row_missing 項目「IPIOT-001」の行がありません。行を削除しないでください。",
	}},
	{"row deleted", withFile(func(t *testing.T, f *excelize.File) { must(t, f.RemoveRow(SheetForm, 13)) }), []string{
		"申請書B!A13 IPIOT-002a xlsx.structure.item_row_missing 項目「IPIOT-002a」の行がありません。行を削除しないでください。",
	}},
	{"row inserted", withFile(func(t *testing.T, f *excelize.File) { must(t, f.InsertRows(SheetForm, 12, 1)) }), []string{
		"申請書B!A12 IPIOT-002 xlsx.structure.rows_inserted 12行目付近に行が挿入されています。行を挿入しないでください。",
	}},
	{"category row deleted", withFile(func(t *testing.T, f *excelize.File) { must(t, f.RemoveRow(SheetForm, 11)) }), []string{
		"申請書B!A11 IPIOT-002 xlsx.structure.rows_deleted 11行目付近で行が削除されています。行を削除しないでください。",
	}},
	{"row duplicated", withFile(func(t *testing.T, f *excelize.File) { must(t, f.DuplicateRow(SheetForm, 12)) }), []string{
		"申請書B!A13 IPIOT-002 xlsx.structure.duplicate_item 項目ID「IPIOT-002」の行が重複しています。行をコピー・挿入しないでください。",
	}},
	{"rows reordered", setCells(map[string]string{"A10": "IPIOT-002", "A12": "IPIOT-001"}), []string{
		"申請書B!A10 IPIOT-002 xlsx.structure.rows_reordered 項目「IPIOT-002」の行の順序が変わっています。行を並べ替えないでください。",
		"申請書B!H12 IPIOT-001 catalog.answer.date_invalid 「株式会社サンプル(IPIOT-002)」 は正しい日付ではありません（例 2024年4月1日）",
	}},
	{"column inserted", withFile(func(t *testing.T, f *excelize.File) { must(t, f.InsertCols(SheetForm, "H", 1)) }), []string{
		"申請書B!H8  xlsx.structure.column_changed 見出し「申請内容」が様式と異なります。列を追加・削除・移動しないでください。",
	}},
	{"sheet renamed", withFile(func(t *testing.T, f *excelize.File) { must(t, f.SetSheetName(SheetForm, "申請書B（記入済）")) }), []string{
		"!  xlsx.structure.sheet_missing シート「申請書B」がありません。シート名を変更・削除しないでください。",
		"申請書B（記入済）!  xlsx.structure.sheet_unexpected 様式にないシート「申請書B（記入済）」があります。シートを追加・名前変更しないでください。",
	}},
	{"sheet added", withFile(func(t *testing.T, f *excelize.File) { _, err := f.NewSheet("メモ"); must(t, err) }), []string{
		"メモ!  xlsx.structure.sheet_unexpected 様式にないシート「メモ」があります。シートを追加・名前変更しないでください。",
	}},
	{"control sheet deleted", withFile(func(t *testing.T, f *excelize.File) { must(t, f.DeleteSheet(SheetControl)) }), []string{
		"!  xlsx.structure.sheet_missing シート「_nintei」がありません。シート名を変更・削除しないでください。",
	}},
	{"wrong edition", setCells(map[string]string{"_nintei!B2": "iaas-paas-iot-2020"}), []string{
		"_nintei!B2  xlsx.meta.wrong_edition このファイルは別の版（iaas-paas-iot-2020）の様式です。この申請の版の様式をダウンロードし直してください。",
	}},
	{"wrong edition digest", setCells(map[string]string{"_nintei!B4": "0123abcd"}), []string{
		"_nintei!B4  xlsx.meta.edition_changed この様式の作成後に版「iaas-paas-iot-2018-draft1」の内容が変わりました。様式をダウンロードし直してください。",
	}},
	{"control item list edited", setCells(map[string]string{"_nintei!B9": "IPIOT-999"}), []string{
		"_nintei!A9  xlsx.meta.edited 管理用シートが変更されています（項目一覧 / item list）。",
	}},
	{"formula without a cached value", patchCell("H10", `<c r="H10" s="8"><f>DATE(2024,4,1)</f></c>`), []string{
		"申請書B!H10 IPIOT-001 xlsx.cell.formula_without_value 数式「=DATE(2024,4,1)」の計算結果が保存されていません。値を直接入力するか、Excel で開いて保存し直してください。",
	}},
	{"error value", patchCell("H26", `<c r="H26" s="8" t="e"><f>1/0</f><v>#DIV/0!</v></c>`), []string{
		"申請書B!H26 IPIOT-008 xlsx.cell.error_value セルがエラー値「#DIV/0!」です。",
	}},
}

// TestBrokenWorkbooks: each edit yields exactly the listed problems, at the right cells,
// with the Japanese messages, and no form.
func TestBrokenWorkbooks(t *testing.T) {
	ed := shippedEdition(t)
	base := exportBytes(t, ed, completeForm(ed))
	for _, tc := range brokenCases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := importBytes(tc.edit(t, base), ed)
			if err == nil {
				t.Fatalf("got no error, want %v", tc.wants)
			}
			if res.Form != nil {
				t.Errorf("got a form with an error")
			}
			var got []string
			for _, p := range problemsOf(t, err) {
				got = append(got, line(p))
			}
			if strings.Join(got, "\n") != strings.Join(tc.wants, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.wants, "\n"))
			}
		})
	}
}

// patchCell replaces a cell's XML in the form sheet, for what excelize cannot write: a
// formula with a cached result, a formula without one, an error value.
func patchCell(ref, cellXML string) func(t *testing.T, data []byte) []byte {
	return func(t *testing.T, data []byte) []byte {
		re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
		return patchMember(t, data, formSheetPart, func(s string) string {
			if !re.MatchString(s) {
				t.Fatalf("cell %s not found", ref)
			}
			return re.ReplaceAllLiteralString(s, cellXML)
		})
	}
}

// patchMember rewrites one zip member of a workbook.
func patchMember(t testing.TB, data []byte, name string, fn func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		content, err := io.ReadAll(rc)
		must(t, err)
		if f.Name == name {
			content = []byte(fn(string(content)))
		}
		w, err := zw.Create(f.Name)
		must(t, err)
		_, err = w.Write(content)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}
