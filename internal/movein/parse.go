package movein

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Parse reads the CSV of a move. It returns the rows without problems and
// every problem found, each named by file, row and column. A caller imports
// only when no problem is returned at all.
func Parse(file string, r io.Reader, o Options) ([]Row, []Problem) {
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, []Problem{{File: file, Key: CodeFileUnreadable}}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // Excel's "CSV UTF-8" starts with a BOM
	if !utf8.Valid(data) {
		return nil, []Problem{{File: file, Key: CodeNotUTF8}}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{File: file, Key: CodeFileEmpty}}
	} else if err != nil {
		return nil, []Problem{{File: file, Row: 1, Key: CodeRowShape}}
	}
	cols, ps := readHeader(file, head)
	if len(ps) > 0 {
		return nil, ps
	}
	c := &checker{file: file, o: o, seenNumber: map[string]int{}, seenSerial: map[string]int{}, provider: map[string]string{}}
	var rows []Row
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := recordLine(cr, err)
		if n > o.MaxRows {
			return nil, []Problem{{File: file, Row: line, Key: CodeTooManyRows, Args: map[string]any{"Max": o.MaxRows}}}
		}
		if err != nil || len(rec) != len(head) {
			c.add(line, "", CodeRowShape, nil)
			continue
		}
		if blank(rec) {
			continue
		}
		if row, ok := c.row(line, cellsOf(cols, rec)); ok {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 && len(c.problems) == 0 {
		c.add(0, "", CodeNoRows, nil)
	}
	return rows, c.problems
}

// recordLine is the line a record starts on, as an editor counts it (the
// reader skips empty lines, and a quoted cell may span several).
func recordLine(cr *csv.Reader, err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	line, _ := cr.FieldPos(0)
	return line
}

// readHeader maps the header's names to their places; names are read
// without regard to case and spaces around them.
func readHeader(file string, head []string) (map[string]int, []Problem) {
	cols := map[string]int{}
	var ps []Problem
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(requiredColumns, name) && !slices.Contains(optionalColumns, name):
			ps = append(ps, Problem{File: file, Row: 1, Column: h, Key: CodeColumnUnknown, Args: map[string]any{"Value": h}})
		case containsAt(cols, name):
			ps = append(ps, Problem{File: file, Row: 1, Column: name, Key: CodeColumnTwice})
		default:
			cols[name] = i
		}
	}
	for _, name := range requiredColumns {
		if !containsAt(cols, name) {
			ps = append(ps, Problem{File: file, Row: 1, Column: name, Key: CodeColumnMissing})
		}
	}
	return cols, ps
}

func containsAt(cols map[string]int, name string) bool { _, ok := cols[name]; return ok }

// cellsOf gives a record's cells by column name, trimmed; a column the
// header leaves out reads as empty.
func cellsOf(cols map[string]int, rec []string) map[string]string {
	out := make(map[string]string, len(cols))
	for name, i := range cols {
		out[name] = strings.TrimSpace(rec[i])
	}
	return out
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
