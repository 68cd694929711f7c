package xlsx

import (
	"bytes"
	"io"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
)

// Result is a successful import: the Form B read from the workbook and the warnings about
// its completeness (required items not answered, evidence not named). Warnings never stop
// an import, because a partly filled workbook is a valid draft.
type Result struct {
	Form     formb.Form
	Warnings []Problem
}

// Import reads a Form B workbook produced by Export for the same edition. size is the
// upload's length if known (a larger declared size is refused without reading), or -1.
//
// It is all or nothing: when any cell cannot be used, or the file is not a workbook of this
// edition, it returns an *ImportError listing every problem found and no form; the Result
// then still carries the warnings found so far. Otherwise it returns the form, with an
// entry for every item row that has anything written in it, answers normalised
// (Item.Normalize, canonical dates), and the completeness warnings.
func Import(r io.Reader, size int64, ed *catalog.Edition) (Result, error) {
	return importWith(r, size, ed, defaultLimits)
}

func importWith(r io.Reader, size int64, ed *catalog.Edition, lim limits) (Result, error) {
	data, p := readLimited(r, size, lim)
	if p != nil {
		return Result{}, fail(*p)
	}
	sheetRows, ps := precheck(data, lim)
	if len(ps) > 0 {
		return Result{}, fail(ps...)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.uncompressed, UnzipXMLSizeLimit: lim.uncompressed, // all in memory, no temp files
	})
	if err != nil {
		return Result{}, fail(fileProblem(CodeFileCorrupt, err.Error()))
	}
	defer f.Close()
	im := &importer{f: f, ed: ed, lastRow: sheetRows[SheetForm]}
	return im.run()
}

// precheck looks at the raw bytes and the zip directory only: what the file is, its
// unpacked sizes, its sheet and row counts. Everything it refuses is refused before
// excelize unpacks anything. It returns the row count of each sheet.
func precheck(data []byte, lim limits) (map[string]int, []Problem) {
	zr, p := openZip(data)
	if p != nil {
		return nil, []Problem{*p}
	}
	if ps := checkZip(zr, lim); len(ps) > 0 {
		return nil, ps
	}
	if p := checkKind(zr); p != nil {
		return nil, []Problem{*p}
	}
	return checkSheets(zr, lim)
}

// fail wraps problems into the error Import returns, sorted for reading.
func fail(ps ...Problem) *ImportError {
	sortProblems(ps)
	return &ImportError{Problems: ps}
}

// importer holds the state of one import: the open workbook and what has been found.
type importer struct {
	f        *excelize.File
	ed       *catalog.Edition
	date1904 bool
	lastRow  int       // the form sheet's last row, measured by precheck
	errs     []Problem // problems that stop the import
	warns    []Problem // completeness problems of a draft
	readErr  error     // first failure of excelize itself: the file is damaged
}

// run checks the workbook's structure, then reads every item row. Structure problems do not
// stop the reading (every problem is reported in one pass) except those that make the
// cells meaningless: a missing form sheet, another edition, an unknown format.
func (im *importer) run() (Result, error) {
	if fatal := im.checkStructure(); fatal {
		return Result{}, fail(im.errs...)
	}
	rowOf := im.locateItems()
	form := im.readItems(rowOf)
	im.checkCompleteness(form, rowOf)
	if im.readErr != nil {
		im.errs = append(im.errs, fileProblem(CodeFileCorrupt, im.readErr.Error()))
	}
	sortProblems(im.warns)
	if len(im.errs) > 0 {
		return Result{Warnings: im.warns}, fail(im.errs...)
	}
	return Result{Form: form, Warnings: im.warns}, nil
}

// noteReadErr remembers the first excelize failure.
func (im *importer) noteReadErr(err error) {
	if err != nil && im.readErr == nil {
		im.readErr = err
	}
}

func (im *importer) errorAt(code, col string, row int, itemID, value string, extra ...string) {
	im.errs = append(im.errs, newProblem(code, SheetForm, cell(col, row), itemID, value, extra...))
}

func (im *importer) warnAt(code, col string, row int, itemID, value string) {
	im.warns = append(im.warns, newProblem(code, SheetForm, cell(col, row), itemID, value))
}
