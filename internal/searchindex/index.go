// Package searchindex answers the public registry's search in memory: which
// published entries hold every search word as a substring of their folded
// public text, how many, and which of them fall on a page in a given order.
//
// The texts are the folded search texts the database keeps
// (registry.SearchText); the answers are exactly those of a plain substring
// scan of them. Each character and each pair of adjacent characters has a
// posting list of the entries that contain it, as a compressed bitmap; a
// word of one or two characters is one list, a longer word the intersection
// of its pairs' lists, confirmed on the text because the pairs may lie in
// different places. Texts are kept as interned lines: a search word holds
// no white space, so a match never spans a line break, and a line shared by
// many entries (a standard answer) is stored and checked once.
package searchindex

import (
	"hash/maphash"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"
)

// Doc is one published entry as the index sees it.
type Doc struct {
	Number   string
	Revision int64  // the entry's revision: a new one means a new text
	Text     string // folded public text (registry.SearchText)
}

// Index is safe for concurrent use: searches share a read lock, an update
// takes the write lock for the time of the in-memory change only.
type Index struct {
	mu         sync.RWMutex
	generation int64
	numbers    []string // doc id → number; "" once removed
	revisions  []int64
	ids        map[string]uint32
	docLines   [][]uint32
	live       *roaring.Bitmap
	lines      lineTable
	lineDocs   lineOwners // line id → the entries holding the line
	postings   map[uint64]*posting
	orders     map[string]order
	// unoptimized: lists were added to since they were last stored as runs.
	unoptimized bool
}

// posting is the entries holding one character or pair, and the lines
// holding it; last and lastLine are the doc id and line id last added plus
// one, so that a pair repeated in a text or a line is added once.
type posting struct {
	bm       *roaring.Bitmap
	last     uint32
	lines    *roaring.Bitmap
	lastLine uint32
}

// postingOf is the posting of key k, made when first needed.
func (x *Index) postingOf(k uint64) *posting {
	p := x.postings[k]
	if p == nil {
		p = &posting{bm: roaring.New(), lines: roaring.New()}
		x.postings[k] = p
	}
	return p
}

// New is an empty index at generation 0 (none read yet).
func New() *Index {
	x := &Index{ids: map[string]uint32{}, live: roaring.New(), lines: newLineTable(),
		postings: map[uint64]*posting{}, orders: map[string]order{}}
	runtime.AddCleanup(x, func(r *region) { r.free() }, x.lines.arena)
	return x
}

// Generation is the registry generation the index was last brought to.
func (x *Index) Generation() int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.generation
}

// Revisions maps every entry held to its revision, for finding what changed.
func (x *Index) Revisions() map[string]int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make(map[string]int64, len(x.ids))
	for n, id := range x.ids {
		out[n] = x.revisions[id]
	}
	return out
}

// Update brings the index to a generation: docs are added or replace the
// entry of the same number, removed numbers leave, and orders (when not
// nil) replace the orders by name, each listing every entry's number.
func (x *Index) Update(generation int64, docs []Doc, removed []string, orders map[string][]string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, n := range removed {
		if id, ok := x.ids[n]; ok {
			x.unpost(id)
			delete(x.ids, n)
			x.numbers[id], x.docLines[id] = "", nil
			x.live.Remove(id)
		}
	}
	if len(docs) > 0 {
		x.lines.begin()
		for _, d := range docs {
			x.set(d)
		}
		x.lines.end()
		x.unoptimized = true
	}
	// A character in most entries fills an 8 KiB bitmap container; as
	// runs it takes a few bytes (12 → 4 MiB at 10,000 services). Done once
	// the generation is reached, not after each batch of a refresh: adding
	// to a list kept as runs costs a count of its runs each time.
	if generation != x.generation && x.unoptimized {
		for _, p := range x.postings {
			p.bm.RunOptimize()
			p.lines.RunOptimize()
		}
		x.unoptimized = false
	}
	for name, numbers := range orders {
		x.orders[name] = x.orderOf(numbers)
	}
	x.generation = generation
}

// set adds a doc, or replaces the text of the entry with its number.
func (x *Index) set(d Doc) {
	id, ok := x.ids[d.Number]
	if ok {
		x.unpost(id)
	} else {
		id = uint32(len(x.numbers)) // #nosec G115 -- far fewer than 2^32 entries
		x.ids[d.Number] = id
		x.numbers = append(x.numbers, d.Number)
		x.revisions = append(x.revisions, 0)
		x.docLines = append(x.docLines, nil)
	}
	x.revisions[id] = d.Revision
	x.docLines[id] = x.lines.intern(d.Text)
	x.postLines()
	x.live.Add(id)
	x.post(id)
}

// postLines adds the lines interned since the last call to the posting
// list of each of their characters and pairs, and gives each an (empty)
// list of entries. Lines stay once interned, so their postings do too.
func (x *Index) postLines() {
	for l := uint32(len(x.lineDocs.owner)); int(l) < x.lines.count(); l++ { // #nosec G115 -- far fewer than 2^32 lines
		x.lineDocs.owner = append(x.lineDocs.owner, 0)
		eachKey(x.lines.line(l), func(k uint64) {
			p := x.postingOf(k)
			if p.lastLine != l+1 {
				p.lines.Add(l)
				p.lastLine = l + 1
			}
		})
	}
}

// post adds doc id to the posting list of each character and pair of its
// lines, and to each line's entries.
func (x *Index) post(id uint32) {
	for _, l := range x.docLines[id] {
		x.lineDocs.add(l, id)
		eachKey(x.lines.line(l), func(k uint64) {
			p := x.postingOf(k)
			if p.last != id+1 {
				p.bm.Add(id)
				p.last = id + 1
			}
		})
	}
}

// unpost takes doc id out of every posting list of its current lines. A
// posting stays while lines hold its key, even when no entry does.
func (x *Index) unpost(id uint32) {
	for _, l := range x.docLines[id] {
		x.lineDocs.remove(l, id)
		eachKey(x.lines.line(l), func(k uint64) {
			if p := x.postings[k]; p != nil {
				p.bm.Remove(id)
				p.last = 0
			}
		})
	}
}

// uniKey is the key of a single character, pairKey of two adjacent ones.
func uniKey(r rune) uint64     { return uint64(r)<<32 | 0xFFFFFFFF } // #nosec G115 -- runes are ≥ 0
func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(b) }  // #nosec G115 -- runes are ≥ 0

// eachKey calls fn with the key of every character of a line and of every
// pair of adjacent characters, white space left out: a search word never
// holds any.
func eachKey(line string, fn func(uint64)) {
	prev := rune(-1)
	for _, r := range line {
		if unicode.IsSpace(r) {
			prev = -1
			continue
		}
		fn(uniKey(r))
		if prev >= 0 {
			fn(pairKey(prev, r))
		}
		prev = r
	}
}

// lineTable interns lines: one copy of each distinct line, all in one
// byte arena found by offset, the arena outside the Go heap where the
// system allows (arena_unix.go). At 10,000 services the lines are 17 MiB;
// in the heap, under the soft memory limit the server runs with, they left
// the collector so little room that it ran all the time (58 % of the CPU
// of a cold search). The hash table that finds a line exists only while
// an update runs.
type lineTable struct {
	byHash  map[uint64]uint32 // hash of a line → its id (a colliding line is kept apart, not interned)
	arena   *region
	ends    []uint32 // line id → end offset in arena; it starts where the one before ends
	seed    maphash.Seed
	scratch []uint32
}

func newLineTable() lineTable { return lineTable{arena: &region{}, seed: maphash.MakeSeed()} }

// line is the text of line id, sharing the arena's bytes; valid until the
// next update (which may move the arena), so used under the index's lock.
func (t *lineTable) line(id uint32) string {
	start := uint32(0)
	if id > 0 {
		start = t.ends[id-1]
	}
	// #nosec G103 -- a view of the arena, read under the index's lock and never kept (hashing, comparing, Contains); copying every line checked was the garbage that took half a cold search's CPU
	return unsafe.String(unsafe.SliceData(t.arena.b[start:]), int(t.ends[id]-start))
}

func (t *lineTable) count() int { return len(t.ends) }

// begin makes the hash table of the lines held, for an update.
func (t *lineTable) begin() {
	t.byHash = make(map[uint64]uint32, len(t.ends))
	for id := range t.ends {
		h := maphash.String(t.seed, t.line(uint32(id))) // #nosec G115 -- far fewer than 2^32 lines
		if _, taken := t.byHash[h]; !taken {
			t.byHash[h] = uint32(id) // #nosec G115 -- as above
		}
	}
}

// end drops the hash table and the scratch space until the next update.
func (t *lineTable) end() { t.byHash, t.scratch = nil, nil }

// intern is the ids of a text's lines, interning new ones; between begin
// and end.
func (t *lineTable) intern(text string) []uint32 {
	out := t.scratch[:0]
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		h := maphash.String(t.seed, line)
		id, ok := t.byHash[h]
		if !ok || t.line(id) != line {
			id = t.add(line)
			if !ok {
				t.byHash[h] = id
			}
		}
		out = append(out, id)
	}
	t.scratch = out
	return slices.Clone(out) // exactly as long as needed: 10,000 of them are kept
}

// add appends a line to the arena.
func (t *lineTable) add(line string) uint32 {
	t.arena.append(line)
	t.ends = append(t.ends, uint32(len(t.arena.b))) // #nosec G115 -- the arena stays far below 4 GiB
	return uint32(len(t.ends) - 1)                  // #nosec G115 -- far fewer than 2^32 lines
}

// needsText reports whether the lists alone cannot decide a word: longer
// than a pair, or not valid UTF-8 (or holding U+FFFD, which invalid bytes
// decode to), where a list's key may stand for other bytes.
func needsText(w string, n int) bool {
	return n > 2 || !utf8.ValidString(w) || strings.ContainsRune(w, utf8.RuneError)
}
