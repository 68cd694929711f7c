package xlsx

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
)

// readItems reads the row of every located item into a Form B entry. Rows with nothing
// written in them get no entry.
func (im *importer) readItems(rowOf map[string]int) formb.Form {
	form := formb.Form{}
	for _, it := range im.ed.Items {
		row := rowOf[it.ID]
		if row == 0 {
			continue
		}
		if e, ok := im.readItem(it, row); ok {
			form[it.ID] = e
		}
	}
	return form
}

// readItem reads one item row: the answer cells its type uses, then the evidence cells.
// The answer is checked with Item.ValidateAnswer and each problem placed on its cell.
func (im *importer) readItem(it catalog.Item, row int) (formb.Entry, bool) {
	extra, period, extraIsInput := cellsUsed(it.Answer)
	var c answerCells
	c.main = im.text(it.ID, colAnswer, row)
	if extra && extraIsInput {
		c.extra = im.text(it.ID, colExtra, row)
	}
	if period {
		c.period = im.text(it.ID, colPeriod, row)
	}
	report := func(col, code, value string, extra ...string) {
		im.errorAt(code, col, row, it.ID, value, extra...)
	}
	e := formb.Entry{
		ItemID:      it.ID,
		Answer:      fromCells(it, c, im.date1904, report),
		EvidenceDoc: im.text(it.ID, colEvidence, row),
		EvidenceLoc: im.text(it.ID, colLocation, row),
	}
	for _, p := range it.ValidateAnswer(e.Answer) {
		im.placeAnswerProblem(it.ID, row, p)
	}
	hasContent := c != answerCells{} || e.EvidenceDoc != "" || e.EvidenceLoc != ""
	return e, hasContent
}

// text reads one cell as text: the typed value, or a formula's cached result. A formula
// without a cached result (written by a program that does not calculate) and an error
// value such as #REF! are reported rather than read as text. Line breaks become "\n" and
// surrounding spaces are removed.
func (im *importer) text(itemID, col string, row int) string {
	c := cell(col, row)
	v, err := im.f.GetCellValue(SheetForm, c, excelize.Options{RawCellValue: true})
	im.noteReadErr(err)
	t, err := im.f.GetCellType(SheetForm, c)
	im.noteReadErr(err)
	switch {
	case t == excelize.CellTypeError:
		im.errorAt(CodeCellError, col, row, itemID, v)
		return ""
	case t == excelize.CellTypeBool:
		v = boolText(v)
	case v == "":
		if formula, err := im.f.GetCellFormula(SheetForm, c); err == nil && formula != "" {
			im.errorAt(CodeFormulaNoValue, col, row, itemID, "="+formula)
		}
	}
	return cellText(v)
}

// lineBreaks turns every line break, CR LF or a lone CR, into "\n".
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cellText is a cell's text with line breaks made "\n" and surrounding spaces removed.
// Lone CRs count too: replacing only CR LF turned "\r\r\n" into "\r\n", which the next
// import read differently, so an export after an import changed the answer (found by
// FuzzCellRoundTrip).
func cellText(v string) string { return strings.TrimSpace(lineBreaks.Replace(v)) }

// completenessCodes are the catalog answer problems that mean "not finished yet" rather
// than "wrong": they become warnings so that a draft can be imported.
var completenessCodes = map[string]bool{
	"catalog.answer.period_missing":        true,
	"catalog.answer.unit_missing":          true,
	"catalog.answer.detail_without_yes":    true,
	"catalog.answer.contact_value_missing": true,
}

// placeAnswerProblem turns a ValidateAnswer problem into a problem at the cell it concerns.
// It keeps the catalog code and value, with the entry number for list rows, contacts and
// choices (shown as "2件目: …").
func (im *importer) placeAnswerProblem(itemID string, row int, p catalog.Problem) {
	col := answerColumn(p.Field)
	prob := Problem{Sheet: SheetForm, Cell: cell(col, row), ItemID: itemID, Code: p.Code, Args: p.MessageArgs()}
	if n, ok := entryNumber(p.Field); ok {
		prob.Entry = n
	}
	if completenessCodes[p.Code] {
		im.warns = append(im.warns, prob)
	} else {
		im.errs = append(im.errs, prob)
	}
}

// answerColumn maps a ValidateAnswer field ("value", "unit", "period", "rows[0].name" …) to
// the column that holds it.
func answerColumn(field string) string {
	switch field {
	case "unit", "detail":
		return colExtra
	case "period":
		return colPeriod
	}
	return colAnswer
}

// indexedField matches "rows[2]…", "contacts[0]…", "choices[1]".
var indexedField = regexp.MustCompile(`^\w+\[(\d+)\]`)

// entryNumber returns the 1-based entry number of an indexed field.
func entryNumber(field string) (int, bool) {
	m := indexedField.FindStringSubmatch(field)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n + 1, err == nil
}

// boolText names a raw boolean cell value (1/0) as TRUE/FALSE, words the yes/no reader
// knows; a boolean in any other cell is read as that word.
func boolText(raw string) string {
	if raw == "1" {
		return "TRUE"
	}
	return "FALSE"
}
