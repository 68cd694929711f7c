//go:build unix

package searchindex

import "syscall"

// region is the lines' arena, in anonymous memory mapped outside the Go
// heap: the collector neither scans nor counts it against the soft memory
// limit. It grows by mapping a larger region and copying; the old one is
// unmapped at once, which is safe because lines are only read under the
// index's lock and the arena only grows under its write lock.
type region struct{ b []byte }

func (r *region) append(s string) {
	if len(r.b)+len(s) > cap(r.b) {
		size := max(1<<20, 2*cap(r.b), len(r.b)+len(s))
		size = (size + syscall.Getpagesize() - 1) &^ (syscall.Getpagesize() - 1)
		nb, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			nb = make([]byte, 0, size) // no mapping to be had: the heap will do
		}
		nb = append(nb[:0], r.b...)
		r.free()
		r.b = nb
	}
	r.b = append(r.b, s...)
}

// free unmaps the region; a heap slice is left to the collector.
func (r *region) free() {
	if cap(r.b) > 0 {
		_ = syscall.Munmap(r.b[:cap(r.b)]) // EINVAL for a heap slice: nothing to do
	}
	r.b = nil
}
