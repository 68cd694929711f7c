package xlsx

import (
	"cmp"
	"slices"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
)

// checkCompleteness warns about what a finished Form B needs and this one lacks: answers
// to the items required now (R-4.4; required_when conditions are judged on the answers
// read), and the evidence document and its location for every answer that needs evidence
// (formb.NeedsEvidence: not for 無, 実施なし, 開示なし).
func (im *importer) checkCompleteness(form formb.Form, rowOf map[string]int) {
	answers := make(map[string]catalog.Answer, len(form))
	for id, e := range form {
		answers[id] = e.Answer
	}
	for _, it := range im.ed.Items {
		row := rowOf[it.ID]
		if row == 0 {
			continue // reported as a structure problem already
		}
		e := form[it.ID]
		if im.ed.RequiredNow(it.ID, answers) && !it.IsAnswered(e.Answer) {
			im.warnAt(CodeRequiredMissing, colAnswer, row, it.ID, it.ItemJA+"："+it.NameJA)
		}
		if !formb.NeedsEvidence(it, e.Answer) {
			continue
		}
		if !e.HasEvidenceReference() {
			im.warnAt(CodeEvidenceMissing, colEvidence, row, it.ID, "")
		}
		switch { // where in the document, as the pre-check asks (formb.LocationMissing, LocationVague)
		case !e.HasEvidenceLocation():
			im.warnAt(CodeLocationMissing, colLocation, row, it.ID, "")
		case !formb.NamesLocation(e.EvidenceLoc):
			im.warnAt(CodeLocationVague, colLocation, row, it.ID, e.EvidenceLoc)
		}
	}
}

// sheetRank orders problems by sheet: file-level first, then the sheets in workbook order
// with the form sheet first, since that is where the applicant works.
func sheetRank(sheet string) int {
	switch sheet {
	case "":
		return 0
	case SheetForm:
		return 1
	case SheetGuide:
		return 2
	case SheetControl:
		return 3
	}
	return 4
}

// sortProblems orders problems by sheet, then row, then column, keeping discovery order
// for problems of the same cell, so a list reads top to bottom like the sheet.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		ac, ar := coordinates(a.Cell)
		bc, br := coordinates(b.Cell)
		return cmp.Or(cmp.Compare(sheetRank(a.Sheet), sheetRank(b.Sheet)), cmp.Compare(ar, br), cmp.Compare(ac, bc))
	})
}

// coordinates returns the column and row of a cell name, or zeros for none.
func coordinates(c string) (col, row int) {
	if c == "" {
		return 0, 0
	}
	col, row, _ = excelize.CellNameToCoordinates(c)
	return col, row
}
