package xlsx

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
)

// The control sheet (_nintei, very hidden) records what the workbook was generated from:
// the format version, the edition id, version and digest, and the item id of every table
// row. Import compares it with the edition it is given, so a workbook of another edition,
// or one generated before the edition changed, is refused before any cell is read.
//
//	A1 format          B1 nintei-formb-xlsx/1
//	A2 edition_id      B2 iaas-paas-iot-2018-draft1
//	A3 edition_version B3 2018-draft1
//	A4 edition_digest  B4 b44fb0…
//	A5 items           B5 68
//	A7 row             B7 item_id
//	A8 10              B8 IPIOT-001     (one line per item, in catalog order)
//
// Columns D onwards hold drop-down options too long for an inline list.

// controlWriter fills the control sheet: item rows as the form sheet is written, long
// drop-down lists on demand, and the header at the end.
type controlWriter struct {
	f     *excelize.File
	items []controlItem
	lists int
}

// controlItem is one item line of the control sheet.
type controlItem struct {
	row int
	id  string
}

func (c *controlWriter) addItem(row int, id string) {
	c.items = append(c.items, controlItem{row, id})
}

// listRange writes options into the next free column from D and returns the absolute
// reference a data validation can use, e.g. '_nintei'!$D$1:$D$12.
func (c *controlWriter) listRange(values []string) (string, error) {
	col, err := excelize.ColumnNumberToName(4 + c.lists)
	if err != nil {
		return "", err
	}
	c.lists++
	for k, v := range values {
		if err := c.f.SetCellStr(SheetControl, cell(col, k+1), v); err != nil {
			return "", err
		}
	}
	return "'" + SheetControl + "'!$" + col + "$1:$" + col + "$" + strconv.Itoa(len(values)), nil
}

// writeMeta writes the header lines and the item lines.
func (c *controlWriter) writeMeta(ed *catalog.Edition) error {
	lines := [][2]string{
		ctlRowFormat:      {"format", FormatVersion},
		ctlRowEditionID:   {"edition_id", ed.ID},
		ctlRowVersion:     {"edition_version", ed.Version},
		ctlRowDigest:      {"edition_digest", ed.Digest()},
		ctlRowItemCount:   {"items", strconv.Itoa(len(c.items))},
		ctlRowItemHeading: {"row", "item_id"},
	}
	for row, kv := range lines {
		if kv[0] == "" {
			continue
		}
		if err := c.setPair(row, kv[0], kv[1]); err != nil {
			return err
		}
	}
	for k, it := range c.items {
		if err := c.setPair(ctlFirstItemRow+k, strconv.Itoa(it.row), it.id); err != nil {
			return err
		}
	}
	return nil
}

func (c *controlWriter) setPair(row int, a, b string) error {
	if err := c.f.SetCellStr(SheetControl, cell("A", row), a); err != nil {
		return err
	}
	return c.f.SetCellStr(SheetControl, cell("B", row), b)
}

// controlData is what import reads back from the control sheet.
type controlData struct {
	format, editionID, digest string
	items                     []controlItem
}

// readControl reads the control sheet. It stops at the first empty item line and reads at
// most limit item lines, so a tampered sheet cannot make it loop for long.
func readControl(f *excelize.File, limit int) (controlData, error) {
	get := func(c string) (string, error) { return f.GetCellValue(SheetControl, c) }
	var d controlData
	var err error
	fields := []struct {
		dst *string
		row int
	}{{&d.format, ctlRowFormat}, {&d.editionID, ctlRowEditionID}, {&d.digest, ctlRowDigest}}
	for _, fl := range fields {
		if *fl.dst, err = get(cell("B", fl.row)); err != nil {
			return d, err
		}
	}
	for r := ctlFirstItemRow; r < ctlFirstItemRow+limit; r++ {
		rowText, err := get(cell("A", r))
		if err != nil {
			return d, err
		}
		id, err := get(cell("B", r))
		if err != nil {
			return d, err
		}
		if rowText == "" && id == "" {
			break
		}
		n, _ := strconv.Atoi(rowText) // 0 for junk, which then fails the layout comparison
		d.items = append(d.items, controlItem{n, id})
	}
	return d, nil
}
