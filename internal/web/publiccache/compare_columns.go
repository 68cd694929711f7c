package publiccache

import (
	"bytes"
	"context"
	"html"
	"strconv"
	"strings"
	"sync"

	"nintei/registry"
)

// A comparison is five services picked from thousands, so the same page is
// rarely asked for twice and caching whole comparisons only fills the
// cache. What repeats is each service's column: its answers, escaped for
// HTML. Columns are kept in the page files (diskpages.go) under a key that
// names the registry generation and the day, like every cached public
// response, and a comparison reads five of them and lines them up. Reading
// and decoding the five services from the database and escaping their
// answers was two thirds of a comparison's cost.

// compareColumn is one service in a comparison.
type compareColumn struct {
	Number, ServiceName, ProviderName, EditionID string
	Items                                        []columnCell
}

// columnCell is one answer of a column, escaped for HTML; empty when the
// service has no public answer to the item. Both are bytes: a column read
// from the page files is sliced, not copied, into its cells.
type columnCell struct{ ItemID, HTML []byte }

func columnOf(sv registry.Service) compareColumn {
	c := compareColumn{Number: sv.Number, ServiceName: sv.ServiceName, ProviderName: sv.ProviderName, EditionID: sv.EditionID,
		Items: make([]columnCell, len(sv.Items))}
	for i, a := range sv.Items {
		c.Items[i] = columnCell{ItemID: []byte(a.ItemID), HTML: []byte(html.EscapeString(a.Text))}
	}
	return c
}

// encode writes the column as length-prefixed fields ("<bytes>:<text>").
func (c compareColumn) encode() []byte {
	var b []byte
	field := func(v []byte) {
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, ':')
		b = append(b, v...)
	}
	for _, v := range []string{c.Number, c.ServiceName, c.ProviderName, c.EditionID, strconv.Itoa(len(c.Items))} {
		field([]byte(v))
	}
	for _, it := range c.Items {
		field(it.ItemID)
		field(it.HTML)
	}
	return b
}

// decodeColumn reads an encoded column, its cells slices of b; false if it
// is malformed (it is then built again from the database).
func decodeColumn(b []byte) (compareColumn, bool) {
	bad := false
	next := func() []byte {
		i := bytes.IndexByte(b, ':')
		if bad || i <= 0 {
			bad = true
			return nil
		}
		n, ok := lengthPrefix(b[:i])
		if !ok || n > len(b)-i-1 {
			bad = true
			return nil
		}
		v := b[i+1 : i+1+n : i+1+n]
		b = b[i+1+n:]
		return v
	}
	c := compareColumn{Number: string(next()), ServiceName: string(next()), ProviderName: string(next()), EditionID: string(next())}
	items, ok := lengthPrefix(next())
	if !ok || items > len(b) {
		return compareColumn{}, false
	}
	c.Items = getCells(items)
	for !bad && len(b) > 0 {
		c.Items = append(c.Items, columnCell{ItemID: next(), HTML: next()})
	}
	return c, !bad && len(c.Items) == items
}

// lengthPrefix reads a field's decimal length without the allocation
// strconv.Atoi(string(b)) costs (130 fields a column, five columns a page).
func lengthPrefix(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Cell slices are pooled like the buffers they point into: allocated per
// comparison they were half of its garbage.
var cellSlices sync.Pool

func getCells(n int) []columnCell {
	if p, ok := cellSlices.Get().(*[]columnCell); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]columnCell, 0, max(n, 80))
}

func putCells(c []columnCell) {
	if cap(c) == 0 || cap(c) > 1024 {
		return
	}
	clear(c[:cap(c)]) // drop the references into the page buffers
	c = c[:0]
	cellSlices.Put(&c)
}

func columnKey(number, day string, gen int64) string {
	return "compare-column\x00" + number + "\x00" + day + "\x00" + strconv.FormatInt(gen, 10)
}

// compareColumns returns the columns of numbers in the order asked: from
// the page files when kept there, the others read from the registry (an
// unknown number is then the registry's error naming it) and kept. The
// columns read from the files share pooled buffers, which release gives
// back: call it when the page is written.
func (s *Server) compareColumns(ctx context.Context, numbers []string) (cols []compareColumn, release func(), err error) {
	var bufs []*[]byte
	release = func() {
		for _, b := range bufs {
			putPageBuffer(b)
		}
		for _, c := range cols {
			putCells(c.Items)
		}
	}
	gen, genErr := s.generation.current(ctx)
	keep := s.pageFiles != nil && genErr == nil
	day := s.svc.Today().Format("2006-01-02")
	cols = make([]compareColumn, len(numbers))
	var missing []string
	var at []int
	for i, n := range numbers {
		n = strings.TrimSpace(n)
		if keep {
			if b, ok := s.pageFiles.load(columnKey(n, day, gen)); ok {
				bufs = append(bufs, b)
				if c, ok := decodeColumn(*b); ok && c.Number == n {
					cols[i] = c
					continue
				}
			}
		}
		missing, at = append(missing, n), append(at, i)
	}
	if len(missing) == 0 {
		return cols, release, nil
	}
	svcs, err := s.svc.CompareServices(ctx, missing)
	if err != nil {
		release()
		return nil, func() {}, err
	}
	for j, sv := range svcs {
		cols[at[j]] = columnOf(sv)
		if keep {
			s.pageFiles.store(columnKey(sv.Number, day, gen), cols[at[j]].encode())
		}
	}
	return cols, release, nil
}

// cellAt is the column's answer to item id, which is usually at position
// k (services of one edition list the same items in the same order).
func (c compareColumn) cellAt(k int, id []byte) []byte {
	if k < len(c.Items) && bytes.Equal(c.Items[k].ItemID, id) {
		return c.Items[k].HTML
	}
	for _, it := range c.Items {
		if bytes.Equal(it.ItemID, id) {
			return it.HTML
		}
	}
	return nil
}
