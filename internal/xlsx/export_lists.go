package xlsx

import (
	"errors"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"nintei/catalog"
	"nintei/formb"
)

// dropLists collects the cells of each distinct drop-down list, so that the sheet gets one
// data validation per list (yes/no, each option set) rather than one per cell.
type dropLists struct {
	keys   []string
	values map[string][]string
	cells  map[string][]string
}

func (d *dropLists) add(c string, values []string) {
	key := strings.Join(values, "\x00")
	if d.values == nil {
		d.values, d.cells = map[string][]string{}, map[string][]string{}
	}
	if _, ok := d.values[key]; !ok {
		d.keys = append(d.keys, key)
		d.values[key] = values
	}
	d.cells[key] = append(d.cells[key], c)
}

// apply adds the validations. A list is written inline when Excel allows (at most 255
// characters, no commas or quotes in an option); otherwise its options go to the control
// sheet and the validation refers to them there.
func (d *dropLists) apply(f *excelize.File, ctl *controlWriter) error {
	for _, key := range d.keys {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(d.cells[key], " ")
		if err := setList(dv, d.values[key], ctl); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "入力エラー", "一覧から選んでください。")
		if err := f.AddDataValidation(SheetForm, dv); err != nil {
			return err
		}
	}
	return nil
}

func setList(dv *excelize.DataValidation, values []string, ctl *controlWriter) error {
	inline := !strings.ContainsAny(strings.Join(values, ""), `,"`)
	if inline {
		err := dv.SetDropList(values)
		if err == nil {
			return nil
		}
		if !errors.Is(err, excelize.ErrDataValidationFormulaLength) {
			return err
		}
	}
	ref, err := ctl.listRange(values)
	if err != nil {
		return err
	}
	dv.SetSqrefDropList(ref)
	return nil
}

// Row heights. Excel does not grow rows to fit wrapped text in a generated file, so the
// height is estimated from the longest cell: full-width characters count double.
const (
	lineHeight   = 15.0
	maxRowHeight = 409.0 // Excel's limit
)

func rowHeight(it catalog.Item, cells answerCells, e formb.Entry) float64 {
	texts := map[string]string{
		colItem: it.ItemJA, colName: describeItem(it), colFormat: formatHint(it),
		colAnswer: cells.main, colExtra: cells.extra, colEvidence: e.EvidenceDoc,
	}
	lines := 1
	for _, c := range tableColumns {
		if t, ok := texts[c.letter]; ok {
			lines = max(lines, wrappedLines(t, c.width))
		}
	}
	return min(float64(lines)*lineHeight+3, maxRowHeight)
}

// wrappedLines estimates how many lines text takes in a column of the given width.
func wrappedLines(text string, colWidth float64) int {
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		w := 0.0
		for _, r := range line {
			w += runeWidth(r)
		}
		n += max(1, int(math.Ceil(w/(colWidth-1)))) // a character of margin per line
	}
	return n
}

func runeWidth(r rune) float64 {
	if r >= utf8.RuneSelf {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			return 2
		}
	}
	return 1
}
