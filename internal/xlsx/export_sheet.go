package xlsx

import (
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
)

// sheetWriter writes the 申請書B sheet. It remembers the first error so that the many cell
// writes read as a plain sequence; excelize only fails here on programming errors (bad
// cell names, unknown sheet), which the tests would catch.
type sheetWriter struct {
	f     *excelize.File
	st    *styles
	sheet string
	err   error
	drops dropLists
}

// set writes a text cell with a style; an empty value only styles the cell, so that empty
// input cells stay truly empty.
func (w *sheetWriter) set(col string, row int, value string, style int) {
	if w.err != nil {
		return
	}
	c := cell(col, row)
	if value != "" {
		w.err = w.f.SetCellStr(w.sheet, c, value)
	}
	if w.err == nil {
		w.err = w.f.SetCellStyle(w.sheet, c, c, style)
	}
}

// merge merges a row's cells from col to toCol, style first so every merged cell has it.
func (w *sheetWriter) merge(col, toCol string, row int, style int) {
	if w.err != nil {
		return
	}
	from, to := cell(col, row), cell(toCol, row)
	if w.err = w.f.SetCellStyle(w.sheet, from, to, style); w.err == nil {
		w.err = w.f.MergeCell(w.sheet, from, to)
	}
}

// writeFormSheet writes the header block, the table and its drop-down lists, and records
// every item row on the control sheet.
func writeFormSheet(f *excelize.File, st *styles, ctl *controlWriter, ed *catalog.Edition, form formb.Form, meta Meta) error {
	w := &sheetWriter{f: f, st: st, sheet: SheetForm}
	for _, c := range tableColumns {
		if err := f.SetColWidth(SheetForm, c.letter, c.letter, c.width); err != nil {
			return err
		}
	}
	w.header(ed, meta)
	for _, tr := range layout(ed) {
		if tr.item == nil {
			w.categoryRow(ed, tr)
			continue
		}
		w.itemRow(ed, tr, form[tr.item.ID])
		ctl.addItem(tr.row, tr.item.ID)
	}
	if w.err != nil {
		return w.err
	}
	if err := w.drops.apply(f, ctl); err != nil {
		return err
	}
	return f.SetPanes(SheetForm, &excelize.Panes{Freeze: true, YSplit: rowHeading, TopLeftCell: cell("A", firstTableRow), ActivePane: "bottomLeft"})
}

// header writes the block above the table: title, application details, edition, time.
func (w *sheetWriter) header(ed *catalog.Edition, meta Meta) {
	w.set("A", rowTitle, "申請書B（開示内容）", w.st.title)
	generated := ""
	if !meta.GeneratedAt.IsZero() {
		generated = meta.GeneratedAt.Format("2006-01-02 15:04:05 (MST)")
	}
	fields := []struct {
		row          int
		label, value string
	}{
		{rowService, "サービス名称", meta.ServiceName},
		{rowProvider, "事業者名", meta.ProviderName},
		{rowEdition, "開示項目の版", ed.TitleJA + "（" + ed.ID + "／" + ed.Version + "）"},
		{rowGenerated, "様式の作成日時", generated},
		{rowApplication, "申請番号", meta.ApplicationRef},
	}
	for _, fl := range fields {
		w.merge("A", colNo, fl.row, w.st.label)
		w.set("A", fl.row, fl.label, w.st.label)
		w.merge(colCategory, lastCol, fl.row, w.st.value)
		w.set(colCategory, fl.row, fl.value, w.st.value)
	}
	w.merge("A", lastCol, rowNote, w.st.note)
	w.set("A", rowNote, "黄色のセルに記入してください（記入方法は「記入方法」シート）。行・列・シートの追加や削除、並べ替えはしないでください。", w.st.note)
	for _, c := range tableColumns {
		w.set(c.letter, rowHeading, c.heading, w.st.heading)
	}
	if w.err == nil {
		w.err = w.f.SetRowHeight(SheetForm, rowHeading, 32)
	}
}

// categoryRow writes a shaded separator row with the category path. Column A stays empty:
// import tells separators from items by position, and an item row always has its id there.
func (w *sheetWriter) categoryRow(ed *catalog.Edition, tr tableRow) {
	w.set(colID, tr.row, "", w.st.category)
	w.merge(colNo, lastCol, tr.row, w.st.category)
	w.set(colNo, tr.row, categoryPath(ed, tr.category), w.st.category)
}

// itemRow writes one item: the fixed description cells (locked), the answer cells the
// answer type uses (unlocked), and the evidence cells (unlocked).
func (w *sheetWriter) itemRow(ed *catalog.Edition, tr tableRow, e formb.Entry) {
	it, r := *tr.item, tr.row
	w.set(colID, r, it.ID, w.st.id)
	w.set(colNo, r, it.No, w.st.body)
	w.set(colCategory, r, categoryPath(ed, it.Category), w.st.body)
	w.set(colItem, r, it.ItemJA, w.st.body)
	w.set(colName, r, describeItem(it), w.st.body)
	w.set(colRequired, r, requiredLabel(ed, it), w.st.body)
	w.set(colFormat, r, formatHint(it), w.st.body)
	cells := toCells(it, e.Answer)
	w.set(colAnswer, r, cells.main, w.st.input)
	extra, period, extraIsInput := cellsUsed(it.Answer)
	switch {
	case extra && extraIsInput:
		w.set(colExtra, r, cells.extra, w.st.input)
	case extra:
		w.set(colExtra, r, cells.extra, w.st.fixed)
	default:
		w.set(colExtra, r, "", w.st.unused)
	}
	if period {
		w.set(colPeriod, r, cells.period, w.st.input)
	} else {
		w.set(colPeriod, r, "", w.st.unused)
	}
	w.set(colEvidence, r, e.EvidenceDoc, w.st.input)
	w.set(colLocation, r, e.EvidenceLoc, w.st.input)
	w.addDropDowns(it, r)
	if w.err == nil {
		w.err = w.f.SetRowHeight(SheetForm, r, rowHeight(it, cells, e))
	}
}

// addDropDowns registers the drop-down lists of a row's input cells.
func (w *sheetWriter) addDropDowns(it catalog.Item, r int) {
	switch it.Answer.Type {
	case catalog.TypeYesNo, catalog.TypeYesNoDetail:
		w.drops.add(cell(colAnswer, r), []string{labelYes, labelNo})
	case catalog.TypeChoice:
		w.drops.add(cell(colAnswer, r), it.Answer.Options)
	case catalog.TypeDuration:
		w.drops.add(cell(colExtra, r), durationUnits.labels(it.Answer.Units))
	}
}

// categoryPath joins the names of a category and its ancestors, root first.
func categoryPath(ed *catalog.Edition, id string) string {
	path := ed.CategoryPath(id)
	names := make([]string, len(path))
	for k, c := range path {
		names[k] = c.NameJA
	}
	return strings.Join(names, " ＞ ")
}

// describeItem is the 記述内容 text; a key item also states its requirement, because a
// missing measure there fails the whole application.
func describeItem(it catalog.Item) string {
	if it.Key == nil {
		return it.NameJA
	}
	return it.NameJA + "\n※認定の要件: " + it.Key.LabelJA
}

// requiredLabel is the 必須/選択 text, naming the trigger of a conditional item.
func requiredLabel(ed *catalog.Edition, it catalog.Item) string {
	switch {
	case it.Required:
		return "必須"
	case it.RequiredWhen == nil:
		return "選択"
	}
	cond := it.RequiredWhen
	ref, _ := ed.Item(cond.Item)
	values := slices.Clone(cond.In) // the edition is shared: never write into its slices
	if cond.Equals != "" {
		values = []string{cond.Equals}
	}
	for k, v := range values {
		values[k] = conditionLabel(v)
	}
	return "条件付き必須（「" + ref.ItemJA + "」が「" + strings.Join(values, "」か「") + "」のとき）"
}

// conditionLabel shows the condition words yes/no as 有/無; options are shown as they are.
func conditionLabel(v string) string {
	switch v {
	case "yes":
		return labelYes
	case "no":
		return labelNo
	}
	return v
}
