package publiccache

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
)

func pageOf(size int, fill byte) cachedResponse {
	return cachedResponse{header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, body: bytes.Repeat([]byte{fill}, size)}
}

func serveFromDisk(t *testing.T, d *diskPages, key string) (*httptest.ResponseRecorder, bool) {
	t.Helper()
	rec := httptest.NewRecorder()
	ok, err := d.serve(rec, nil, key)
	if err != nil {
		t.Fatalf("serve %q: %v", key, err)
	}
	return rec, ok
}

func TestDiskPagesServeWhatWasPut(t *testing.T) {
	d, err := openDiskPages(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, ok := serveFromDisk(t, d, "a"); ok {
		t.Fatal("an empty store served a page")
	}
	d.put("a", pageOf(20000, 'a'))
	d.put("b", pageOf(30000, 'b'))
	for key, want := range map[string]cachedResponse{"a": pageOf(20000, 'a'), "b": pageOf(30000, 'b')} {
		rec, ok := serveFromDisk(t, d, key)
		if !ok || !bytes.Equal(rec.Body.Bytes(), want.body) {
			t.Fatalf("%s: served %v, %d bytes", key, ok, rec.Body.Len())
		}
		if rec.Header().Get("Content-Type") != "text/html; charset=utf-8" || rec.Header().Get("Content-Length") != strconv.Itoa(len(want.body)) {
			t.Errorf("%s: headers %v", key, rec.Header())
		}
	}
	// The two pages share one header set.
	if len(d.headers) != 1 {
		t.Errorf("%d header sets kept for two pages with equal headers", len(d.headers))
	}
}

// The store never holds more than its bound: a full segment drops the
// older one with its entries, and the newest pages stay.
func TestDiskPagesStayWithinTheirBound(t *testing.T) {
	dir := t.TempDir()
	d, err := openDiskPages(dir, 100_000) // two segments of 50,000 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for i := range 20 {
		d.put(strconv.Itoa(i), pageOf(10000, byte('a'+i)))
	}
	if n := d.entries(); n > 10 || n < 5 {
		t.Errorf("%d pages of 10,000 bytes kept within 100,000", n)
	}
	if rec, ok := serveFromDisk(t, d, "19"); !ok || rec.Body.Bytes()[0] != 'a'+19 {
		t.Error("the newest page was dropped")
	}
	if _, ok := serveFromDisk(t, d, "0"); ok {
		t.Error("the oldest page is still served after two rotations")
	}
	var size int64
	for _, s := range []*pageSegment{d.cur, d.old} {
		st, err := s.f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		size += st.Size()
	}
	if size > 100_000 {
		t.Errorf("segments hold %d bytes, above the bound", size)
	}
	d.put("big", pageOf(60000, 'x')) // larger than a segment: not kept
	if _, ok := serveFromDisk(t, d, "big"); ok {
		t.Error("a page larger than a segment was kept")
	}
	// Nothing is visible in the directory: the segments are unlinked.
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("files left in the cache directory: %v", names)
	}
}

// Readers and writers at once: every page served is the page put under its
// key (run with -race in CI).
func TestDiskPagesUnderConcurrency(t *testing.T) {
	d, err := openDiskPages(t.TempDir(), 200_000)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				key := strconv.Itoa((w*7 + i) % 40)
				fill := byte('A' + (w*7+i)%40)
				if rec, ok := serveFromDisk(t, d, key); ok {
					if b := rec.Body.Bytes(); len(b) != 9000 || b[0] != fill || b[len(b)-1] != fill {
						t.Errorf("key %s served another page", key)
						return
					}
					continue
				}
				d.put(key, pageOf(9000, fill))
			}
		}()
	}
	wg.Wait()
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d.put("after", pageOf(9000, 'z')) // after Close: ignored, no panic
}
