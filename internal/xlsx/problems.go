package xlsx

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with an uploaded workbook, located as precisely as possible so
// that the applicant can find it in Excel: Sheet and Cell (e.g. "H12") name the place,
// ItemID the disclosure item of that row. File-level problems (not an xlsx, too large) have
// no sheet or cell.
//
// Code is a stable key for UIs and tests. Problems found by Item.ValidateAnswer keep their
// catalog code ("catalog.answer.date_invalid"); problems found by this package use "xlsx.…"
// codes (see the messages table).
type Problem struct {
	Sheet     string
	Cell      string
	ItemID    string
	Code      string
	MessageJA string
	MessageEN string
}

// String renders the problem in English with its location, e.g.
// `申請書B!H12 (IPIOT-001): "2024-13-01" is not a real date in YYYY-MM-DD form`.
func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		b.WriteString(p.Sheet)
		if p.Cell != "" {
			b.WriteString("!" + p.Cell)
		}
		b.WriteString(": ")
	}
	if p.ItemID != "" {
		b.WriteString("(" + p.ItemID + ") ")
	}
	b.WriteString(p.MessageEN)
	return b.String()
}

// ImportError is returned by Import when the workbook cannot be used. It lists every
// problem found, in sheet and cell order, so the applicant can fix the file in one pass.
type ImportError struct {
	Problems []Problem
}

// Error gives one English line per problem.
func (e *ImportError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "xlsx: the workbook cannot be imported:\n" + strings.Join(lines, "\n")
}

// Problem codes of this package. They are stable keys: never renamed, only added.
const (
	CodeFileEmpty        = "xlsx.file.empty"
	CodeFileTooLarge     = "xlsx.file.too_large"
	CodeFileTruncated    = "xlsx.file.truncated"
	CodeFilePDF          = "xlsx.file.pdf"
	CodeFileOLE          = "xlsx.file.ole"
	CodeFileNotZip       = "xlsx.file.not_zip"
	CodeFileNotXLSX      = "xlsx.file.not_xlsx"
	CodeFileCorrupt      = "xlsx.file.corrupt"
	CodeZipTooManyFiles  = "xlsx.zip.too_many_entries"
	CodeZipTooLarge      = "xlsx.zip.uncompressed_too_large"
	CodeZipBomb          = "xlsx.zip.compression_ratio"
	CodeTooManySheets    = "xlsx.workbook.too_many_sheets"
	CodeTooManyRows      = "xlsx.sheet.too_many_rows"
	CodeTooManyCells     = "xlsx.sheet.too_many_cells"
	CodeSheetTooComplex  = "xlsx.sheet.too_complex"
	CodeSheetMissing     = "xlsx.structure.sheet_missing"
	CodeSheetUnexpected  = "xlsx.structure.sheet_unexpected"
	CodeFormatUnknown    = "xlsx.meta.format_unknown"
	CodeWrongEdition     = "xlsx.meta.wrong_edition"
	CodeEditionChanged   = "xlsx.meta.edition_changed"
	CodeMetaEdited       = "xlsx.meta.edited"
	CodeColumnChanged    = "xlsx.structure.column_changed"
	CodeUnknownItem      = "xlsx.structure.unknown_item"
	CodeDuplicateItem    = "xlsx.structure.duplicate_item"
	CodeItemRowMissing   = "xlsx.structure.item_row_missing"
	CodeRowsReordered    = "xlsx.structure.rows_reordered"
	CodeRowsInserted     = "xlsx.structure.rows_inserted"
	CodeRowsDeleted      = "xlsx.structure.rows_deleted"
	CodeFormulaNoValue   = "xlsx.cell.formula_without_value"
	CodeCellError        = "xlsx.cell.error_value"
	CodeYesNoInvalid     = "xlsx.cell.yes_no_invalid"
	CodeListTooManyParts = "xlsx.cell.list_too_many_fields"
	CodeContactShape     = "xlsx.cell.contact_shape"
	CodeRequiredMissing  = "xlsx.form.required_missing"
	CodeEvidenceMissing  = "xlsx.form.evidence_missing"
	CodeLocationMissing  = "xlsx.form.evidence_location_missing"
	CodeLocationVague    = "xlsx.form.evidence_location_vague"
)

// message is the human text of one code; "{v}" stands for the problem's value.
type message struct{ ja, en string }

// messages is the one table of human texts, so translators find every string in one place.
var messages = map[string]message{
	CodeFileEmpty:        {"ファイルが空です。", "the file is empty"},
	CodeFileTooLarge:     {"ファイルが大きすぎます（上限 {raw}）。", "the file is too large (limit {raw})"},
	CodeFileTruncated:    {"ファイルが途中までしか届いていません（{raw}）。もう一度アップロードしてください。", "the file arrived incomplete ({raw}); upload it again"},
	CodeFilePDF:          {"PDF ファイルです。ダウンロードした Excel（.xlsx）の様式に記入してアップロードしてください。", "this is a PDF file; upload the Excel (.xlsx) form"},
	CodeFileOLE:          {"旧形式（.xls）またはパスワード付きの Excel ファイルです。パスワードを外し、.xlsx 形式で保存し直してください。", "this is an old .xls or a password-protected workbook; remove the password and save it as .xlsx"},
	CodeFileNotZip:       {"Excel（.xlsx）ファイルではありません。", "the file is not an Excel (.xlsx) workbook"},
	CodeFileNotXLSX:      {"Excel（.xlsx）ファイルではありません（{raw}）。", "the file is not an Excel (.xlsx) workbook ({raw})"},
	CodeFileCorrupt:      {"ファイルが壊れているため読み込めません（{raw}）。", "the file is damaged and cannot be read ({raw})"},
	CodeZipTooManyFiles:  {"ファイルの内部構成が多すぎます（{raw}）。申請書B の様式ではありません。", "the workbook has too many parts ({raw}); it is not a Form B workbook"},
	CodeZipTooLarge:      {"展開後のサイズが大きすぎます（{raw}）。", "the workbook is too large when unpacked ({raw})"},
	CodeZipBomb:          {"圧縮率が異常なため読み込みを中止しました（{v}）。", "refused: abnormal compression ratio ({v})"},
	CodeTooManySheets:    {"シートが多すぎます（{raw}）。申請書B の様式ではありません。", "too many sheets ({raw}); it is not a Form B workbook"},
	CodeTooManyRows:      {"シートの行数が多すぎます（上限 {raw} 行）。", "the sheet has too many rows (limit {raw})"},
	CodeTooManyCells:     {"シートのセル数が多すぎます（上限 {raw}）。", "the sheet has too many cells (limit {raw})"},
	CodeSheetTooComplex:  {"シートの内容（セル・結合・入力規則など）が多すぎます（上限 {raw} 要素）。", "the sheet is too complex (limit {raw} XML elements)"},
	CodeSheetMissing:     {"シート{v}がありません。シート名を変更・削除しないでください。", "sheet {v} is missing; do not rename or delete sheets"},
	CodeSheetUnexpected:  {"様式にないシート{v}があります。シートを追加・名前変更しないでください。", "unexpected sheet {v}; do not add or rename sheets"},
	CodeFormatUnknown:    {"この様式の形式（{v}）には対応していません。最新の様式をダウンロードしてください。", "unsupported workbook format {v}; download the current form"},
	CodeWrongEdition:     {"このファイルは別の版（{raw}）の様式です。この申請の版の様式をダウンロードし直してください。", "this workbook is for another edition ({raw}); download the form for this application's edition"},
	CodeEditionChanged:   {"この様式の作成後に版{v}の内容が変わりました。様式をダウンロードし直してください。", "edition {v} has changed since this form was generated; download the form again"},
	CodeMetaEdited:       {"管理用シートが変更されています（{raw}）。", "the control sheet has been edited ({raw})"},
	CodeColumnChanged:    {"見出し{v}が様式と異なります。列を追加・削除・移動しないでください。", "column heading {v} differs from the form; do not insert, delete or move columns"},
	CodeUnknownItem:      {"項目ID{v}はこの版にありません。項目IDを変更しないでください。", "item id {v} is not in this edition; do not change item ids"},
	CodeDuplicateItem:    {"項目ID{v}の行が重複しています。行をコピー・挿入しないでください。", "the row of item {v} appears twice; do not copy or insert rows"},
	CodeItemRowMissing:   {"項目{v}の行がありません。行を削除しないでください。", "the row of item {v} is missing; do not delete rows"},
	CodeRowsReordered:    {"項目{v}の行の順序が変わっています。行を並べ替えないでください。", "the row of item {v} is out of order; do not sort or move rows"},
	CodeRowsInserted:     {"{raw}行目付近に行が挿入されています。行を挿入しないでください。", "rows have been inserted near row {raw}; do not insert rows"},
	CodeRowsDeleted:      {"{raw}行目付近で行が削除されています。行を削除しないでください。", "rows have been deleted near row {raw}; do not delete rows"},
	CodeFormulaNoValue:   {"数式{v}の計算結果が保存されていません。値を直接入力するか、Excel で開いて保存し直してください。", "the formula {v} has no saved result; type the value or re-save the file in Excel"},
	CodeCellError:        {"セルがエラー値{v}です。", "the cell holds the error value {v}"},
	CodeYesNoInvalid:     {"{v}は有／無のどちらかで記入してください。", "{v} is not 有 or 無 (yes or no)"},
	CodeListTooManyParts: {"{v}は区切り「｜」が多すぎます。1行に1件、「{cols}」の形で記入してください。", "{v} has too many \"｜\" separators; write one entry per line as \"{cols}\""},
	CodeContactShape:     {"{v}は「種別｜連絡先｜受付時間」の形で記入してください。", "{v} must be written as \"kind｜contact｜hours\""},
	CodeRequiredMissing:  {"必須項目{v}が未回答です。", "required item {v} is not answered"},
	CodeEvidenceMissing:  {"添付書類等（資料名）を記入してください。", "name the evidence document (添付書類等)"},
	CodeLocationMissing:  {"添付書類等の該当箇所（ページ・章など）を記入してください。", "state where in the evidence document (page, chapter)"},
	CodeLocationVague:    {"該当箇所{v}からは、資料のどこか（ページ・章・節など）が分かりません。", "the location {v} does not say where in the document (page, chapter, section)"},
}

// maxValueRunes bounds a value quoted in a message: values come from uploaded files, and a
// cell of junk must not produce a kilobyte-long message.
const maxValueRunes = 60

// newProblem builds a problem of this package. value replaces "{v}" quoted (「…」 in
// Japanese) or "{raw}" as it is, for values that are not the applicant's text (sizes, row
// numbers); extra pairs replace further placeholders verbatim, e.g. "{cols}".
func newProblem(code, sheet, cell, itemID, value string, extra ...string) Problem {
	m, ok := messages[code]
	if !ok {
		m = message{"問題があります（" + code + "）", "problem " + code}
	}
	v := shorten(value)
	ja := strings.NewReplacer("{v}", "「"+v+"」", "{raw}", v).Replace(m.ja)
	en := strings.NewReplacer("{v}", fmt.Sprintf("%q", v), "{raw}", v).Replace(m.en)
	for k := 0; k+1 < len(extra); k += 2 {
		ja = strings.ReplaceAll(ja, extra[k], extra[k+1])
		en = strings.ReplaceAll(en, extra[k], extra[k+1])
	}
	return Problem{Sheet: sheet, Cell: cell, ItemID: itemID, Code: code, MessageJA: ja, MessageEN: en}
}

// fileProblem is a problem about the whole file, without a place in a sheet.
func fileProblem(code, value string) Problem { return newProblem(code, "", "", "", value) }

// shorten makes v safe and short enough to quote: invalid UTF-8 is replaced, line breaks
// are shown as "↵" and long text is cut with an ellipsis.
func shorten(v string) string {
	v = strings.ToValidUTF8(v, "\uFFFD")
	v = strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵").Replace(v)
	if utf8.RuneCountInString(v) <= maxValueRunes {
		return v
	}
	return string([]rune(v)[:maxValueRunes]) + "…"
}
