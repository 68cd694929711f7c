package xlsx

import (
	"strconv"

	"nintei/catalog"
)

// FormatVersion names the workbook layout. It is written to the control sheet so that a
// later, different layout is refused instead of being read wrongly.
const FormatVersion = "nintei-formb-xlsx/1"

// Sheet names, in workbook order. They are part of the format: import finds the sheets by
// name, and workbook protection keeps applicants from renaming them.
const (
	SheetGuide   = "記入方法"
	SheetForm    = "申請書B"
	SheetControl = "_nintei"
)

// sheetNames lists every sheet of the workbook, in order.
var sheetNames = []string{SheetGuide, SheetForm, SheetControl}

// Columns of the 申請書B table. The answer may take up to three cells (H, I, J): which ones
// a row uses depends on its answer type (see cellsUsed).
const (
	colID       = "A" // 項目ID
	colNo       = "B" // No
	colCategory = "C" // 区分
	colItem     = "D" // 審査対象項目
	colName     = "E" // 記述内容
	colRequired = "F" // 必須/選択
	colFormat   = "G" // 回答の形式
	colAnswer   = "H" // 申請内容: the value, 有/無, amount, list lines …
	colExtra    = "I" // 申請内容（内容・単位）: yes_no_detail detail, unit of a quantity
	colPeriod   = "J" // 申請内容（期）: period of a money answer
	colEvidence = "K" // 添付書類等（資料名）
	colLocation = "L" // 該当箇所
	lastCol     = colLocation
)

// column is one column of the table: its letter, heading and width (in characters).
type column struct {
	letter, heading string
	width           float64
}

// tableColumns are the table's columns in order. Import checks the headings, so a column
// inserted, deleted or moved is caught before any cell is read from the wrong place.
var tableColumns = []column{
	{colID, "項目ID", 11},
	{colNo, "No", 5},
	{colCategory, "区分", 20},
	{colItem, "審査対象項目", 22},
	{colName, "記述内容", 36},
	{colRequired, "必須/選択", 10},
	{colFormat, "回答の形式", 28},
	{colAnswer, "申請内容", 40},
	{colExtra, "申請内容（内容・単位）", 30},
	{colPeriod, "申請内容（期）", 14},
	{colEvidence, "添付書類等（資料名）", 28},
	{colLocation, "該当箇所", 18},
}

// Rows of the 申請書B sheet: a header block about the application, then the table.
const (
	rowTitle       = 1
	rowService     = 2
	rowProvider    = 3
	rowEdition     = 4
	rowGenerated   = 5
	rowApplication = 6
	rowNote        = 7
	rowHeading     = 8
	firstTableRow  = 9
)

// Rows of the control sheet: key in column A, value in column B, then the item rows.
const (
	ctlRowFormat      = 1
	ctlRowEditionID   = 2
	ctlRowVersion     = 3
	ctlRowDigest      = 4
	ctlRowItemCount   = 5
	ctlRowItemHeading = 7
	ctlFirstItemRow   = 8
)

// tableRow is one row of the table: a category separator or an item.
type tableRow struct {
	row      int
	category string        // category id, for separator rows
	item     *catalog.Item // nil for separator rows
}

// layout computes the table rows of an edition: items in catalog order, with a separator
// row wherever the category changes. Export writes this layout and import recomputes it,
// so both sides agree on where every item is without trusting the file.
func layout(ed *catalog.Edition) []tableRow {
	rows := make([]tableRow, 0, len(ed.Items)*3/2)
	r, prev := firstTableRow, ""
	for k := range ed.Items {
		it := &ed.Items[k]
		if it.Category != prev {
			rows = append(rows, tableRow{row: r, category: it.Category})
			r++
			prev = it.Category
		}
		rows = append(rows, tableRow{row: r, item: it})
		r++
	}
	return rows
}

// itemRows returns the row of every item in the layout, by item id.
func itemRows(rows []tableRow) map[string]int {
	out := make(map[string]int, len(rows))
	for _, tr := range rows {
		if tr.item != nil {
			out[tr.item.ID] = tr.row
		}
	}
	return out
}

// cell names a cell such as "H12".
func cell(col string, row int) string { return col + strconv.Itoa(row) }

// cellsUsed tells which of the extra answer columns (I, J) a type uses, and whether column I
// is typed by the applicant or only shows the item's fixed unit.
func cellsUsed(spec catalog.AnswerSpec) (extra, period, extraIsInput bool) {
	switch spec.Type {
	case catalog.TypeYesNoDetail:
		return true, false, true
	case catalog.TypeInteger:
		return true, false, spec.Unit == ""
	case catalog.TypeMoney:
		return true, true, spec.Unit == ""
	case catalog.TypeDuration:
		return true, false, true
	}
	return false, false, false
}
