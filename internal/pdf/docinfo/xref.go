package docinfo

import (
	"bytes"
	"strconv"
)

// xref is what a file's cross-reference sections say: where each object
// in use starts, and the newest trailer.
type xref struct {
	start   int         // byte offset of the newest section (the new one's /Prev)
	offsets map[ref]int // in-use objects; a newer section's entry wins
	trailer []entry
}

// readXref follows the file's cross-reference tables from the last
// startxref back through /Prev (§7.5.4, §7.5.5, §7.5.6). Cross-reference
// streams (§7.5.8) are not read: gopdf does not write them.
func readXref(b []byte) (xref, error) {
	tail := b[max(0, len(b)-1024):]
	at := bytes.LastIndex(tail, []byte("startxref"))
	if at < 0 {
		return xref{}, syntaxErr(len(b), "no startxref")
	}
	start, _, err := readInt(tail, at+len("startxref"))
	if err != nil {
		return xref{}, err
	}
	x := xref{start: start, offsets: map[ref]int{}}
	seen := map[int]bool{}
	for off := start; ; {
		if off >= len(b) || seen[off] {
			return xref{}, syntaxErr(off, "bad cross-reference offset")
		}
		seen[off] = true
		trailer, err := section(b, off, x.offsets)
		if err != nil {
			return xref{}, err
		}
		if x.trailer == nil {
			x.trailer = trailer
		}
		prev := lookup(trailer, "Prev")
		if prev == nil {
			return x, nil
		}
		next, err := strconv.Atoi(string(prev))
		if err != nil {
			return xref{}, syntaxErr(off, "bad /Prev")
		}
		off = next
	}
}

// section reads one cross-reference table at off into offsets (keeping
// entries already there: they are newer) and returns its trailer.
func section(b []byte, off int, offsets map[ref]int) ([]entry, error) {
	i, err := keyword(b, off, "xref")
	if err != nil {
		return nil, err
	}
	for {
		i = skip(b, i)
		if bytes.HasPrefix(b[i:], []byte("trailer")) {
			if i, err = keyword(b, i, "trailer"); err != nil {
				return nil, err
			}
			trailer, _, err := dict(b, skip(b, i))
			return trailer, err
		}
		first, j, err := readInt(b, i)
		if err != nil {
			return nil, err
		}
		count, j, err := readInt(b, j)
		if err != nil {
			return nil, err
		}
		if i, err = entries(b, skip(b, j), first, count, offsets); err != nil {
			return nil, err
		}
	}
}

// entries reads count 20-byte entries "nnnnnnnnnn ggggg n\r\n" (§7.5.4).
func entries(b []byte, i, first, count int, offsets map[ref]int) (int, error) {
	if count < 0 || count > (len(b)-i)/20 {
		return 0, syntaxErr(i, "bad subsection count")
	}
	for k := range count {
		e := b[i : i+20]
		i += 20
		if e[17] != 'n' {
			continue // free
		}
		o, err1 := strconv.Atoi(string(e[0:10]))
		g, err2 := strconv.Atoi(string(e[11:16]))
		if err1 != nil || err2 != nil || o >= len(b) {
			return 0, syntaxErr(i-20, "bad cross-reference entry")
		}
		r := ref{first + k, g}
		if _, newer := offsets[r]; !newer {
			offsets[r] = o
		}
	}
	return i, nil
}

// indirect reads the dictionary of object r, which must not be a stream
// (the catalog never is).
func (x xref) indirect(b []byte, r ref) ([]entry, error) {
	off, ok := x.offsets[r]
	if !ok {
		return nil, syntaxErr(0, "object "+strconv.Itoa(r.num)+" not in the cross-reference table")
	}
	num, i, err := readInt(b, off)
	if err != nil {
		return nil, err
	}
	gen, i, err := readInt(b, i)
	if err != nil {
		return nil, err
	}
	if num != r.num || gen != r.gen {
		return nil, syntaxErr(off, "the cross-reference table points at another object")
	}
	if i, err = keyword(b, i, "obj"); err != nil {
		return nil, err
	}
	d, end, err := dict(b, skip(b, i))
	if err != nil {
		return nil, err
	}
	if _, err := keyword(b, end, "endobj"); err != nil {
		return nil, err
	}
	return d, nil
}
