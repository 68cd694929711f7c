package xlsx

import (
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// checkStructure checks the sheets, the control sheet and the table headings. It reports
// fatal when reading cells would be pointless: no form sheet, a workbook of another
// edition or format (its rows would be matched against the wrong items), or moved columns
// (every answer would be read from the wrong cell).
func (im *importer) checkStructure() (fatal bool) {
	present := im.checkSheetList()
	if !present[SheetForm] {
		return true
	}
	if present[SheetControl] && im.checkControl() {
		return true
	}
	if props, err := im.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		im.date1904 = *props.Date1904
	}
	return !im.checkHeadings()
}

// checkSheetList reports missing and unexpected sheets and returns which expected sheets
// are there. A renamed sheet shows up as one missing and one unexpected.
func (im *importer) checkSheetList() map[string]bool {
	list := im.f.GetSheetList()
	present := map[string]bool{}
	for _, name := range list {
		if slices.Contains(sheetNames, name) {
			present[name] = true
		} else {
			im.errs = append(im.errs, newProblem(CodeSheetUnexpected, name, "", "", name))
		}
	}
	for _, name := range sheetNames {
		if !present[name] {
			im.errs = append(im.errs, newProblem(CodeSheetMissing, "", "", "", name))
		}
	}
	return present
}

// checkControl compares the control sheet with the edition. A different format, edition
// or digest is fatal; edited item lines are reported and reading goes on, since the form
// sheet's own item ids are checked anyway.
func (im *importer) checkControl() (fatal bool) {
	ctl, err := readControl(im.f, len(im.ed.Items)+1)
	if err != nil {
		im.noteReadErr(err)
		return false
	}
	at := func(code, c, value string) {
		im.errs = append(im.errs, newProblem(code, SheetControl, c, "", value))
	}
	switch {
	case ctl.format != FormatVersion:
		at(CodeFormatUnknown, cell("B", ctlRowFormat), ctl.format)
		return true
	case ctl.editionID != im.ed.ID:
		at(CodeWrongEdition, cell("B", ctlRowEditionID), ctl.editionID)
		return true
	case ctl.digest != im.ed.Digest():
		at(CodeEditionChanged, cell("B", ctlRowDigest), im.ed.ID)
		return true
	}
	want := expectedControlItems(im)
	for k := range max(len(want), len(ctl.items)) {
		if k >= len(want) || k >= len(ctl.items) || want[k] != ctl.items[k] {
			at(CodeMetaEdited, cell("A", ctlFirstItemRow+k), "項目一覧 / item list")
			break
		}
	}
	return false
}

func expectedControlItems(im *importer) []controlItem {
	var out []controlItem
	for _, tr := range layout(im.ed) {
		if tr.item != nil {
			out = append(out, controlItem{tr.row, tr.item.ID})
		}
	}
	return out
}

// checkHeadings compares the table headings with the format and reports whether they
// match. Only the first difference is reported: after an inserted or deleted column every
// later heading differs too.
func (im *importer) checkHeadings() bool {
	for _, c := range tableColumns {
		got, err := im.f.GetCellValue(SheetForm, cell(c.letter, rowHeading))
		im.noteReadErr(err)
		if strings.TrimSpace(got) != c.heading {
			im.errorAt(CodeColumnChanged, c.letter, rowHeading, "", c.heading)
			return false
		}
	}
	return true
}

// foundRow is an item id found in column A of the table.
type foundRow struct {
	row int
	id  string
}

// scanItemIDs reads column A below the headings, cell by cell: excelize's GetRows would
// re-encode the whole sheet and pad every row to its last cell.
func (im *importer) scanItemIDs() []foundRow {
	var found []foundRow
	for r := firstTableRow; r <= im.lastRow; r++ {
		v, err := im.f.GetCellValue(SheetForm, cell(colID, r), excelize.Options{RawCellValue: true})
		im.noteReadErr(err)
		if id := strings.TrimSpace(v); id != "" {
			found = append(found, foundRow{r, id})
		}
	}
	return found
}

// locateItems finds the row of every item by its id in column A and reports structural
// edits: unknown or duplicated ids, missing item rows, rows out of order, and rows
// inserted or deleted (items all there, but not where the layout puts them). Items are
// then read from the row where they are found, so cell problems point at the right cell
// even in a shifted sheet.
func (im *importer) locateItems() map[string]int {
	expected := itemRows(layout(im.ed))
	rowOf := map[string]int{}
	before := len(im.errs)
	for _, fr := range im.scanItemIDs() {
		switch _, known := expected[fr.id]; {
		case !known:
			im.errorAt(CodeUnknownItem, colID, fr.row, "", fr.id)
		case rowOf[fr.id] != 0:
			im.errorAt(CodeDuplicateItem, colID, fr.row, fr.id, fr.id)
		default:
			rowOf[fr.id] = fr.row
		}
	}
	for _, it := range im.ed.Items {
		if rowOf[it.ID] == 0 {
			im.errorAt(CodeItemRowMissing, colID, expected[it.ID], it.ID, it.ID)
		}
	}
	im.checkOrder(rowOf)
	if len(im.errs) == before { // a shift is only worth reporting when nothing else explains it
		im.checkPositions(rowOf, expected)
	}
	return rowOf
}

// checkOrder reports the first item found above an item that precedes it in the catalog.
func (im *importer) checkOrder(rowOf map[string]int) {
	last := 0
	for _, it := range im.ed.Items {
		r := rowOf[it.ID]
		if r == 0 {
			continue
		}
		if r < last {
			im.errorAt(CodeRowsReordered, colID, r, it.ID, it.ID)
			return
		}
		last = r
	}
}

// checkPositions reports the first item that is not on its layout row: rows were inserted
// above it if it moved down, deleted (e.g. a category row) if it moved up.
func (im *importer) checkPositions(rowOf, expected map[string]int) {
	for _, it := range im.ed.Items {
		got, want := rowOf[it.ID], expected[it.ID]
		if got == want {
			continue
		}
		code := CodeRowsInserted
		if got < want {
			code = CodeRowsDeleted
		}
		im.errorAt(code, colID, min(got, want), it.ID, strconv.Itoa(min(got, want)))
		return
	}
}
