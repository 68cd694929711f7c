// Package movein reads the certifications a body brings along when it
// moves to nintei from its old site: one CSV file (UTF-8, a header row, one
// certification a row; docs/moving-in.md) naming one Form B workbook per
// service. It checks every cell it can check without the database and
// names each problem by file, row and column, so that the whole file can be
// put right in one pass; the service checks the rest (the scheme, the
// workbooks, numbers already taken) and imports all rows or none.
package movein

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the files of a move: File names the CSV
// or the workbook, Row the CSV line (1 is the header; 0 for the file as a
// whole), Column the CSV column or, for a workbook, Cell its sheet and cell
// ("申請書B!H12"). Key and Args are the message (this package carries no
// sentence; internal/i18n/messages/*.importcert.yaml and, for workbook
// problems, the workbook's own messages).
type Problem struct {
	File   string
	Row    int
	Column string
	Cell   string
	Key    string
	Args   map[string]any
}

// MessageKey is the key of the problem's message.
func (p Problem) MessageKey() string { return p.Key }

// MessageArgs are the values of the problem's message.
func (p Problem) MessageArgs() map[string]any { return p.Args }

// Place is where the problem is, for a person: "certifications.csv:12 status"
// or "formb/0042.xlsx 申請書B!H12".
func (p Problem) Place() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, ":%d", p.Row)
	}
	for _, s := range []string{p.Column, p.Cell} {
		if s != "" {
			b.WriteString(" " + s)
		}
	}
	return b.String()
}

// String is the problem for logs: its place and key.
func (p Problem) String() string { return p.Place() + ": " + p.Key }

// Error is the answer of an import that found problems: nothing was
// imported, and every problem is listed.
type Error struct {
	Problems []Problem
}

// Error gives one line per problem, for the log.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "movein: nothing imported:\n" + strings.Join(lines, "\n")
}

// Sort puts problems in the order of the files: the CSV's rows first, then
// each workbook's.
func Sort(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if (a.Cell == "") != (b.Cell == "") {
			return a.Cell == ""
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Row < b.Row
	})
}

// The problem codes of this package and of the service's checks; each is a
// message key.
const (
	CodeFileMissing     = "movein.file.missing"
	CodeFileUnreadable  = "movein.file.unreadable"
	CodeFileEmpty       = "movein.file.empty"
	CodeNotUTF8         = "movein.file.not_utf8"
	CodeColumnUnknown   = "movein.column.unknown"
	CodeColumnMissing   = "movein.column.missing"
	CodeColumnTwice     = "movein.column.twice"
	CodeRowShape        = "movein.row.shape"
	CodeRequired        = "movein.cell.required"
	CodeTooLong         = "movein.cell.too_long"
	CodeNumber          = "movein.cell.number"
	CodeNumberMonth     = "movein.cell.number_month"
	CodeNumberTwice     = "movein.cell.number_twice"
	CodeSerialTwice     = "movein.cell.serial_twice"
	CodeNumberTaken     = "movein.cell.number_taken"
	CodeSerialTaken     = "movein.cell.serial_taken"
	CodeCorporateNumber = "movein.cell.corporate_number"
	CodeProviderName    = "movein.cell.provider_name"
	CodeDate            = "movein.cell.date"
	CodeDateFuture      = "movein.cell.date_future"
	CodeDateOrder       = "movein.cell.date_order"
	CodeRenewals        = "movein.cell.renewals"
	CodeRenewalsFit     = "movein.cell.renewals_fit"
	CodeStatus          = "movein.cell.status"
	CodeStillValid      = "movein.cell.still_valid"
	CodeNoLongerValid   = "movein.cell.no_longer_valid"
	CodeRevokedOn       = "movein.cell.revoked_on"
	CodeGrounds         = "movein.cell.grounds"
	CodeNotRevoked      = "movein.cell.not_revoked"
	CodeBases           = "movein.cell.bases"
	CodePath            = "movein.cell.path"
	CodeNoRows          = "movein.file.no_rows"
	CodeTooManyRows     = "movein.file.too_many_rows"
)

// Codes lists every key of this package, so that a test can check the
// message catalog holds them.
func Codes() []string {
	return []string{CodeFileMissing, CodeFileUnreadable, CodeFileEmpty, CodeNotUTF8, CodeColumnUnknown, CodeColumnMissing,
		CodeColumnTwice, CodeRowShape, CodeRequired, CodeTooLong, CodeNumber, CodeNumberMonth, CodeNumberTwice, CodeSerialTwice,
		CodeNumberTaken, CodeSerialTaken, CodeCorporateNumber, CodeProviderName, CodeDate, CodeDateFuture, CodeDateOrder,
		CodeRenewals, CodeRenewalsFit, CodeStatus, CodeStillValid, CodeNoLongerValid, CodeRevokedOn, CodeGrounds,
		CodeNotRevoked, CodeBases, CodePath, CodeNoRows, CodeTooManyRows}
}
