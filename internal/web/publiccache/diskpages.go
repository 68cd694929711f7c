package publiccache

import (
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"nintei/internal/web/request"
)

// diskPages keeps the large rendered public responses — service pages,
// list and search pages — in files instead of memory. A registry of 10,000
// services has 10,000 service pages of about 18 KB each: 180 MB, far more
// than the memory cache may hold, so with memory alone a visitor picking
// services at random nearly always waited for a page to be rendered again
// (about 0.6 ms of CPU each, a sixth of what serving stored bytes costs).
// In files they stay in the operating system's page cache, which the
// process does not pay for in its own memory, and a hit costs one pread.
//
// The bodies are appended to two segment files, each unlinked as soon as
// it is created: nothing is left behind by a crash, and nothing on disk can
// be mistaken for anything but a cache. When the current segment is full
// the older one is dropped with every entry in it and a new one begun, so
// the disk used stays below maxBytes and pages of past generations (keys
// name the generation) age out without any bookkeeping.
type diskPages struct {
	dir    string
	segMax int64

	mu      sync.RWMutex // held for reading across a pread, so a dropped segment is never read
	cur     *pageSegment
	old     *pageSegment
	index   map[string]diskPage
	headers headerSets
}

type pageSegment struct {
	f    *os.File
	size int64
}

type diskPage struct {
	seg    *pageSegment
	off    int64
	n      int
	header http.Header // shared: never modified
}

// minDiskPage is the smallest body worth a file read; smaller responses
// (verification, JSON of one page) stay in memory, where they are cheaper.
const minDiskPage = 8 << 10

// openDiskPages starts an empty store in dir using at most maxBytes.
func openDiskPages(dir string, maxBytes int64) (*diskPages, error) {
	d := &diskPages{dir: dir, segMax: maxBytes / 2, index: map[string]diskPage{}}
	seg, err := d.newSegment()
	if err != nil {
		return nil, err
	}
	d.cur = seg
	return d, nil
}

func (d *diskPages) newSegment() (*pageSegment, error) {
	f, err := os.CreateTemp(d.dir, "nintei-pages-*.seg")
	if err != nil {
		return nil, err
	}
	// Unlinked at once: the open file lives on until it is closed or the
	// process ends, and then its space is freed with nothing to clean up.
	if err := os.Remove(f.Name()); err != nil {
		_ = f.Close()
		return nil, err
	}
	return &pageSegment{f: f}, nil
}

// serve writes the stored response of key, if there is one (304 when r's
// conditions match its validators; r may be nil). A false
// return with a nil error means the caller renders the response itself.
func (d *diskPages) serve(w http.ResponseWriter, r *http.Request, key string) (bool, error) {
	d.mu.RLock()
	p, ok := d.index[key]
	if !ok {
		d.mu.RUnlock()
		return false, nil
	}
	if r != nil && request.NotModified(r, p.header) {
		d.mu.RUnlock()
		request.WriteNotModified(w, p.header)
		return true, nil
	}
	buf := getPageBuffer(p.n)
	_, err := p.seg.f.ReadAt(*buf, p.off)
	d.mu.RUnlock()
	defer putPageBuffer(buf)
	if err != nil {
		return false, nil // the page is rendered again: a cache read never fails a request
	}
	for k, v := range p.header {
		w.Header()[k] = slices.Clone(v)
	}
	w.Header().Set("Content-Length", strconv.Itoa(p.n))
	_, err = w.Write(*buf)
	return true, err
}

// load reads what store kept under key into a pooled buffer; the caller
// gives it back with putPageBuffer when done with the bytes.
func (d *diskPages) load(key string) (*[]byte, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	p, ok := d.index[key]
	if !ok {
		return nil, false
	}
	b := getPageBuffer(p.n)
	if _, err := p.seg.f.ReadAt(*b, p.off); err != nil {
		putPageBuffer(b)
		return nil, false
	}
	return b, true
}

// store keeps bytes that are not a response (a comparison's column).
func (d *diskPages) store(key string, b []byte) { d.put(key, cachedResponse{body: b}) }

// put stores a response's body; a failed write only loses the entry.
func (d *diskPages) put(key string, r cachedResponse) {
	n := int64(len(r.body))
	if n > d.segMax {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cur == nil { // closed
		return
	}
	if _, ok := d.index[key]; ok {
		return
	}
	if d.cur.size+n > d.segMax && !d.rotate() {
		return
	}
	if _, err := d.cur.f.WriteAt(r.body, d.cur.size); err != nil {
		return
	}
	d.index[key] = diskPage{seg: d.cur, off: d.cur.size, n: len(r.body), header: d.headers.intern(r.header)}
	d.cur.size += n
}

// rotate drops the older segment and its entries and begins a new one.
// Called with mu held for writing.
func (d *diskPages) rotate() bool {
	seg, err := d.newSegment()
	if err != nil {
		return false
	}
	if d.old != nil {
		for k, p := range d.index {
			if p.seg == d.old {
				delete(d.index, k)
			}
		}
		_ = d.old.f.Close()
	}
	d.old, d.cur = d.cur, seg
	return true
}

// headerSets keeps one copy of each distinct header set, so thousands of
// stored responses share the few sets there are. Not safe for concurrent
// use: its owner's lock guards it.
type headerSets map[string]http.Header

// intern returns the stored copy of a header set equal to h.
func (hs *headerSets) intern(h http.Header) http.Header {
	var b strings.Builder
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString(k)
		for _, v := range h[k] {
			b.WriteString("\x00")
			b.WriteString(v)
		}
		b.WriteString("\n")
	}
	sig := b.String()
	if s, ok := (*hs)[sig]; ok {
		return s
	}
	if *hs == nil || len(*hs) > 1000 { // a response with a changing header would otherwise grow this forever
		*hs = headerSets{}
	}
	s := h.Clone()
	s.Del("Content-Length")
	(*hs)[sig] = s
	return s
}

// Close releases the segment files (and with them their disk space).
func (d *diskPages) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	var err error
	for _, s := range []*pageSegment{d.cur, d.old} {
		if s != nil {
			if e := s.f.Close(); e != nil && err == nil {
				err = e
			}
		}
	}
	d.cur, d.old, d.index = nil, nil, map[string]diskPage{}
	return err
}

// entries is how many responses the store holds (for tests and metrics).
func (d *diskPages) entries() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.index)
}

// Page buffers are pooled: every hit needs one the size of a page, and
// allocating it fresh made the collector a tenth of the CPU.
var pageBuffers sync.Pool

func getPageBuffer(n int) *[]byte {
	if b, ok := pageBuffers.Get().(*[]byte); ok && cap(*b) >= n {
		*b = (*b)[:n]
		return b
	}
	b := make([]byte, n, max(n, 32<<10))
	return &b
}

func putPageBuffer(b *[]byte) {
	if cap(*b) <= 256<<10 {
		pageBuffers.Put(b)
	}
}
