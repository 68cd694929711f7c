package blob_test

import (
	"io"
	"runtime"
	"testing"

	"nintei/internal/blob/blobtest"
)

// BenchmarkPut20MiB streams 20 MiB, generated on the fly, into a Dir and
// reports the peak growth of the live heap during the upload ("heap-MiB"):
// it proves that Put streams rather than holds an upload in memory. The
// figure should stay near the 64-KiB copy buffer, far below 20.
func BenchmarkPut20MiB(b *testing.B) {
	const size = 20 << 20
	d, _ := newDir(b)
	b.SetBytes(size)
	b.ReportAllocs()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak uint64
	for b.Loop() {
		r := &heapWatcher{r: blobtest.Pattern(size), peak: &peak}
		obj, err := d.Put(b.Context(), r, size)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		d.Delete(b.Context(), obj.Key)
		b.StartTimer()
	}
	growth := float64(0)
	if peak > base.HeapAlloc {
		growth = float64(peak-base.HeapAlloc) / (1 << 20)
	}
	b.ReportMetric(growth, "heap-MiB")
}

// heapWatcher samples the live heap every MiB read, since a peak cannot be
// seen from before and after alone.
type heapWatcher struct {
	r     io.Reader
	peak  *uint64
	since int
}

func (h *heapWatcher) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.since += n
	if h.since >= 1<<20 || err != nil {
		h.since = 0
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		*h.peak = max(*h.peak, m.HeapAlloc)
	}
	return n, err
}
