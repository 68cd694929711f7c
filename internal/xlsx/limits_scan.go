package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// errLimit stops a scan once a limit is passed; the scan reports the problem itself.
var errLimit = errors.New("limit reached")

// checkSheets counts the sheets in xl/workbook.xml and streams every worksheet's XML,
// measuring rows and cells and stopping at the limit. A 100,000-row sheet is thus refused
// after reading about MaxRows rows, where excelize would unpack and parse all of it. It
// returns the number of rows of each sheet, by name, for the importer to know where the
// table ends without asking excelize to materialise the sheet.
func checkSheets(zr *zip.Reader, lim limits) (map[string]int, []Problem) {
	names, count, err := sheetPartNames(zr)
	if err != nil {
		return nil, []Problem{fileProblem(CodeFileCorrupt, err.Error())}
	}
	if count > lim.sheets {
		return nil, []Problem{fileProblem(CodeTooManySheets, strconv.Itoa(count))}
	}
	rows := map[string]int{}
	var problems []Problem
	for _, f := range zr.File {
		part := strings.ToLower(path.Clean(strings.ReplaceAll(f.Name, `\`, "/")))
		if !strings.HasPrefix(part, "xl/worksheets/") || !strings.HasSuffix(part, ".xml") {
			continue
		}
		sheet := names[part]
		if sheet == "" {
			sheet = f.Name
		}
		g, p := measureSheet(f, sheet, lim)
		if p != nil {
			problems = append(problems, *p)
		}
		rows[sheet] = g.rows
	}
	return rows, problems
}

// measureSheet streams one worksheet part and reports it if it has too many rows or cells.
// Rows and cells are measured the way excelize will materialise them when it loads the
// sheet: every row up to the highest row number, and in each row every cell up to the
// highest column. One cell at XFD1048576 in a tiny file would otherwise cost seconds.
func measureSheet(f *zip.File, sheet string, lim limits) (gridSize, *Problem) {
	var g gridSize
	rc, err := f.Open()
	if err != nil {
		p := fileProblem(CodeFileCorrupt, err.Error())
		return g, &p
	}
	defer rc.Close()
	err = eachElement(rc, func(e xml.StartElement) error {
		g.add(e)
		if g.rows > lim.rows || g.cells > lim.cells || g.elements > lim.elements {
			return errLimit
		}
		return nil
	})
	var p Problem
	switch {
	case g.rows > lim.rows:
		p = newProblem(CodeTooManyRows, sheet, "", "", strconv.Itoa(lim.rows))
	case g.cells > lim.cells:
		p = newProblem(CodeTooManyCells, sheet, "", "", strconv.Itoa(lim.cells))
	case g.elements > lim.elements:
		p = newProblem(CodeSheetTooComplex, sheet, "", "", strconv.Itoa(lim.elements))
	case err != nil:
		p = fileProblem(CodeFileCorrupt, err.Error())
	default:
		return g, nil
	}
	return g, &p
}

// gridSize tracks the extent of a sheet as its XML streams by: rows is the highest row
// number (or count), cells the sum over rows of each row's highest column, elements the
// number of XML elements (merged ranges, validations … cost time too).
type gridSize struct {
	rows, cells     int
	elements        int
	row, rowLastCol int // the current row and its highest column so far
	rowCells        int // cells seen in the current row, for cells without a reference
}

func (g *gridSize) add(e xml.StartElement) {
	g.elements++
	switch e.Name.Local {
	case "row":
		g.row++
		if n, err := strconv.Atoi(attr(e, "r")); err == nil && n > g.row {
			g.row = n
		}
		g.rows = max(g.rows, g.row)
		g.rowLastCol, g.rowCells = 0, 0
	case "c":
		g.rowCells++
		col := g.rowCells
		if c, _, err := excelize.CellNameToCoordinates(attr(e, "r")); err == nil {
			col = max(col, c)
		}
		if col > g.rowLastCol {
			g.cells += col - g.rowLastCol
			g.rowLastCol = col
		}
	}
}

// eachElement calls fn for every start element of an XML stream until fn or the decoder
// fails. End of input is not an error.
func eachElement(r io.Reader, fn func(xml.StartElement) error) error {
	d := xml.NewDecoder(r)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if e, ok := tok.(xml.StartElement); ok {
			if err := fn(e); err != nil {
				return err
			}
		}
	}
}

// sheetPartNames maps each worksheet part (lower-case zip path, e.g.
// "xl/worksheets/sheet2.xml") to its sheet name, from xl/workbook.xml and its relationships.
// count is the number of sheets the workbook lists, whether or not their parts resolve.
func sheetPartNames(zr *zip.Reader) (names map[string]string, count int, err error) {
	targets, err := readRelationships(findMember(zr, "xl/_rels/workbook.xml.rels"))
	if err != nil {
		return nil, 0, err
	}
	rc, err := findMember(zr, "xl/workbook.xml").Open()
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	names = map[string]string{}
	err = eachElement(rc, func(e xml.StartElement) error {
		if e.Name.Local == "sheet" {
			count++
			names[targets[attr(e, "id")]] = attr(e, "name")
		}
		return nil
	})
	return names, count, err
}

// readRelationships maps relationship ids to their targets, resolved against "xl/".
func readRelationships(f *zip.File) (map[string]string, error) {
	targets := map[string]string{}
	if f == nil {
		return targets, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	err = eachElement(rc, func(e xml.StartElement) error {
		if e.Name.Local == "Relationship" {
			targets[attr(e, "Id")] = resolveTarget(attr(e, "Target"))
		}
		return nil
	})
	return targets, err
}

func resolveTarget(t string) string {
	t = strings.ReplaceAll(t, `\`, "/")
	if strings.HasPrefix(t, "/") {
		return strings.ToLower(path.Clean(strings.TrimPrefix(t, "/")))
	}
	return strings.ToLower(path.Join("xl", t))
}

// attr returns the value of the attribute with the given local name (any namespace).
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
