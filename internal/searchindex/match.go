package searchindex

import (
	"strings"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"
)

// Search returns the page of entries (offset, limit, in the named order)
// whose text holds every word as a substring, and how many there are.
// Words must be folded like the texts and hold no white space
// (strings.Fields of a folded query); no words match every entry.
func (x *Index) Search(words []string, order string, offset, limit int) ([]string, int) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	bm := x.match(words)
	return x.page(bm, order, offset, limit), int(bm.GetCardinality()) // #nosec G115 -- at most the number of entries
}

// Matches is every entry whose text holds every word, in no set order.
func (x *Index) Matches(words []string) []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	bm := x.match(words)
	out := make([]string, 0, bm.GetCardinality())
	for it := bm.Iterator(); it.HasNext(); {
		out = append(out, x.numbers[it.Next()])
	}
	return out
}

// match intersects every word's candidates from the lists first, then
// confirms on the text only the words the lists cannot decide, and only
// for the entries still in the running.
func (x *Index) match(words []string) *roaring.Bitmap {
	bm := x.live.Clone()
	var unsure []string
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if needsText(w, n) {
			unsure = append(unsure, w)
		}
		if !utf8.ValidString(w) {
			continue // its characters are not the text's: the text alone answers
		}
		if !x.narrow(bm, w, n) {
			return roaring.New()
		}
	}
	for _, w := range unsure {
		if utf8.ValidString(w) && !strings.ContainsRune(w, utf8.RuneError) {
			bm = x.entriesWithLine(bm, w)
		} else {
			bm = x.confirm(bm, w)
		}
		if bm.IsEmpty() {
			break
		}
	}
	return bm
}

// entriesWithLine narrows bm to the entries one of whose lines holds w
// (valid UTF-8, longer than a pair). Only the lines holding each of w's
// pairs are checked on their text: a word in nearly every entry used to
// be checked on every candidate entry's lines, a million lookups at
// 10,000 services. Few such lines are each checked, and the entries are
// those of the lines that hold the word; many (a common phrase, in a line
// of its own in every entry) are checked entry by entry, each entry's
// lines until one holds it.
func (x *Index) entriesWithLine(bm *roaring.Bitmap, w string) *roaring.Bitmap {
	lines := x.candidateLines(w)
	if lines.GetCardinality() > manyLines {
		return x.entriesCheckedOneByOne(bm, lines, w)
	}
	single := roaring.New()
	var shared []*roaring.Bitmap
	for it := lines.Iterator(); it.HasNext(); {
		if l := it.Next(); strings.Contains(x.lines.line(l), w) {
			if docs := x.lineDocs.shared[l]; docs != nil {
				shared = append(shared, docs)
			} else if o := x.lineDocs.owner[l]; o != 0 {
				single.Add(o - 1)
			}
		}
	}
	bm.And(roaring.FastOr(append(shared, single)...))
	return bm
}

// manyLines is how many lines that may hold a word are checked line by
// line; more are checked entry by entry. A variable so that the tests
// take both ways.
var manyLines uint64 = 256

// entriesCheckedOneByOne keeps the entries of bm one of whose lines among
// the candidate lines (nil: every line) holds w, checking each line at
// most once: many entries share lines.
func (x *Index) entriesCheckedOneByOne(bm, lines *roaring.Bitmap, w string) *roaring.Bitmap {
	n := (x.lines.count() + 63) / 64
	checked, found := make([]uint64, n), make([]uint64, n)
	var candidate []uint64
	if lines != nil {
		candidate = make([]uint64, n)
		for it := lines.Iterator(); it.HasNext(); {
			l := it.Next()
			candidate[l/64] |= 1 << (l % 64)
		}
	}
	out := roaring.New()
	for it := bm.Iterator(); it.HasNext(); {
		id := it.Next()
		for _, l := range x.docLines[id] {
			word, bit := l/64, uint64(1)<<(l%64)
			if candidate != nil && candidate[word]&bit == 0 {
				continue
			}
			if checked[word]&bit == 0 {
				checked[word] |= bit
				if strings.Contains(x.lines.line(l), w) {
					found[word] |= bit
				}
			}
			if found[word]&bit != 0 {
				out.Add(id)
				break
			}
		}
	}
	return out
}

// candidateLines is the lines holding every pair of w.
func (x *Index) candidateLines(w string) *roaring.Bitmap {
	var lines *roaring.Bitmap
	prev := rune(-1)
	for _, r := range w {
		if prev >= 0 {
			p := x.postings[pairKey(prev, r)]
			if p == nil {
				return roaring.New()
			}
			if lines == nil {
				lines = p.lines.Clone()
			} else {
				lines.And(p.lines)
			}
			if lines.IsEmpty() {
				return lines
			}
		}
		prev = r
	}
	return lines
}

// narrow intersects bm with the list of w's character (one character) or
// of each of its pairs; false when a list is empty, so nothing matches.
func (x *Index) narrow(bm *roaring.Bitmap, w string, n int) bool {
	if n == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		p := x.postings[uniKey(r)]
		if p == nil {
			return false
		}
		bm.And(p.bm)
		return !bm.IsEmpty()
	}
	prev := rune(-1)
	for _, r := range w {
		if prev >= 0 {
			p := x.postings[pairKey(prev, r)]
			if p == nil {
				return false
			}
			bm.And(p.bm)
			if bm.IsEmpty() {
				return false
			}
		}
		prev = r
	}
	return true
}

// confirm keeps the entries of bm one of whose lines holds w, any line
// a candidate (a word the pairs' lists cannot narrow: not valid UTF-8).
func (x *Index) confirm(bm *roaring.Bitmap, w string) *roaring.Bitmap {
	return x.entriesCheckedOneByOne(bm, nil, w)
}
