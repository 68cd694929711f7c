//go:build !unix

package searchindex

// region is the lines' arena; in the Go heap where there is no mmap.
type region struct{ b []byte }

func (r *region) append(s string) { r.b = append(r.b, s...) }

func (r *region) free() { r.b = nil }
