package publiccache

import "bytes"

// AlignColumn lines a service's column up with rows of another edition:
// items are the rows' item IDs in order, and to maps each row to the
// column's items that correspond to it through the editions' mappings (a
// merged item answers several rows, several split items one row). The
// answers of several items are joined one per line; a row with no
// corresponding item is empty.
func AlignColumn(c CompareColumn, items []string, to map[string][]string) CompareColumn {
	out := c
	out.Items = make([]columnCell, 0, len(items))
	for _, id := range items {
		var cell []byte
		for _, t := range to[id] {
			v := c.cellAt(0, []byte(t))
			if len(v) == 0 {
				continue
			}
			if len(cell) > 0 {
				cell = append(cell, '\n')
			}
			cell = append(cell, v...)
		}
		out.Items = append(out.Items, columnCell{ItemID: []byte(id), HTML: bytes.Clone(cell)})
	}
	return out
}
