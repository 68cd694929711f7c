package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with an uploaded workbook, located as precisely as possible so
// that the applicant can find it in Excel: Sheet and Cell (e.g. "H12") name the place,
// ItemID the disclosure item of that row. File-level problems (not an xlsx, too large) have
// no sheet or cell.
//
// Code is a stable key for UIs and tests, and the key of the problem's message in the
// message catalog (internal/i18n/messages/*.workbook.yaml), which the edges render in the
// reader's language: this package carries no sentence. Problems found by
// Item.ValidateAnswer keep their catalog code ("catalog.answer.date_invalid"); problems
// found by this package use "xlsx.…" codes (see Codes).
type Problem struct {
	Sheet  string
	Cell   string
	ItemID string
	Code   string
	Args   map[string]any // values for the message: {Value}, and {Cols} for list rows
	Entry  int            // the 1-based entry (list row, contact, choice) of an answer problem; 0 if none
}

// entryKey is the message that puts an entry number before an answer problem ("2件目: …").
const entryKey = "xlsx.answer.entry"

// MessageKey is the key of the problem's message.
func (p Problem) MessageKey() string {
	if p.Entry > 0 {
		return entryKey
	}
	return p.Code
}

// MessageArgs are the values for the problem's message; for an entry of a list the
// message of the code is itself an argument, rendered in the same language.
func (p Problem) MessageArgs() map[string]any {
	if p.Entry > 0 {
		return map[string]any{"Entry": p.Entry, "Message": Problem{Code: p.Code, Args: p.Args}}
	}
	return p.Args
}

// String renders the problem for logs and developers with its location, code and value, e.g.
// `申請書B!H12: (IPIOT-001) catalog.answer.date_invalid "2024-13-01"`.
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
	if p.Entry > 0 {
		b.WriteString("entry " + strconv.Itoa(p.Entry) + ": ")
	}
	b.WriteString(p.Code)
	if v, ok := p.Args["Value"].(string); ok && v != "" {
		fmt.Fprintf(&b, " %q", v)
	}
	return b.String()
}

// ImportError is returned by Import when the workbook cannot be used. It lists every
// problem found, in sheet and cell order, so the applicant can fix the file in one pass.
type ImportError struct {
	Problems []Problem
}

// Error gives one line per problem, for the log.
func (e *ImportError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "xlsx: the workbook cannot be imported:\n" + strings.Join(lines, "\n")
}

// Problem codes of this package. They are stable keys: never renamed, only added; each is
// also a message key (see Problem).
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

// codes lists every code of this package, for Codes.
var codes = []string{
	CodeFileEmpty, CodeFileTooLarge, CodeFileTruncated, CodeFilePDF, CodeFileOLE, CodeFileNotZip,
	CodeFileNotXLSX, CodeFileCorrupt, CodeZipTooManyFiles, CodeZipTooLarge, CodeZipBomb,
	CodeTooManySheets, CodeTooManyRows, CodeTooManyCells, CodeSheetTooComplex, CodeSheetMissing,
	CodeSheetUnexpected, CodeFormatUnknown, CodeWrongEdition, CodeEditionChanged, CodeMetaEdited,
	CodeColumnChanged, CodeUnknownItem, CodeDuplicateItem, CodeItemRowMissing, CodeRowsReordered,
	CodeRowsInserted, CodeRowsDeleted, CodeFormulaNoValue, CodeCellError, CodeYesNoInvalid,
	CodeListTooManyParts, CodeContactShape, CodeRequiredMissing, CodeEvidenceMissing,
	CodeLocationMissing, CodeLocationVague,
}

// Codes returns every message key this package uses itself (answer problems use the
// catalog's codes, see catalog.Codes), so that the message catalog can be checked to hold them.
func Codes() []string { return append([]string{entryKey}, codes...) }

// maxValueRunes bounds a value quoted in a message: values come from uploaded files, and a
// cell of junk must not produce a kilobyte-long message.
const maxValueRunes = 60

// newProblem builds a problem of this package. value, shortened, is the message's {Value};
// extra pairs name further arguments, e.g. "Cols", "名称｜URL".
func newProblem(code, sheet, cell, itemID, value string, extra ...string) Problem {
	args := map[string]any{"Value": shorten(value)}
	for k := 0; k+1 < len(extra); k += 2 {
		args[extra[k]] = extra[k+1]
	}
	return Problem{Sheet: sheet, Cell: cell, ItemID: itemID, Code: code, Args: args}
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
