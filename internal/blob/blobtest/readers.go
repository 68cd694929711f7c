package blobtest

import (
	"context"
	"io"
	"sync"
)

// Pattern returns a reader of n deterministic, incompressible-looking bytes
// generated on the fly: a benchmark or test can stream megabytes through a
// store without a byte slice of that size, which would hide whether the store
// holds uploads in memory.
func Pattern(n int64) io.Reader {
	return &patternReader{left: n, state: 0x9E3779B97F4A7C15}
}

type patternReader struct {
	left  int64
	state uint64
}

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	for i := range b {
		// xorshift64: cheap, and a different byte at every position.
		p.state ^= p.state << 13
		p.state ^= p.state >> 7
		p.state ^= p.state << 17
		b[i] = byte(p.state) // #nosec G115 -- keeping the low byte of the generator state is the point
	}
	p.left -= int64(len(b))
	return len(b), nil
}

// CancelAfter returns a reader that calls cancel once n bytes of r have been
// read and goes on reading: the store must notice the cancelled context by
// itself, as it must when a client disconnects mid-upload.
func CancelAfter(r io.Reader, n int64, cancel context.CancelFunc) io.Reader {
	return &afterReader{r: r, left: n, then: func() error { cancel(); return nil }}
}

// FailAfter returns a reader that fails with err once n bytes of r have been
// read, like a connection that breaks mid-upload.
func FailAfter(r io.Reader, n int64, err error) io.Reader {
	return &afterReader{r: r, left: n, then: func() error { return err }}
}

// BlockAfter returns a reader that, once n bytes of r have been read, closes
// blocked and then blocks until ctx is done, returning ctx.Err(): this is how
// an http.Request body behaves when the request is cancelled while the
// client is silent.
func BlockAfter(ctx context.Context, r io.Reader, n int64, blocked chan<- struct{}) io.Reader {
	var once sync.Once
	return &afterReader{r: r, left: n, then: func() error {
		once.Do(func() { close(blocked) })
		<-ctx.Done()
		return ctx.Err()
	}}
}

// afterReader reads r until left bytes are delivered, then runs then before
// every further Read; a non-nil error from then ends the stream.
type afterReader struct {
	r    io.Reader
	left int64
	then func() error
}

func (a *afterReader) Read(b []byte) (int, error) {
	if a.left <= 0 {
		if err := a.then(); err != nil {
			return 0, err
		}
		return a.r.Read(b)
	}
	if int64(len(b)) > a.left {
		b = b[:a.left]
	}
	n, err := a.r.Read(b)
	a.left -= int64(n)
	return n, err
}
