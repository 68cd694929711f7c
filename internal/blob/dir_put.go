package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

// copyBufferSize is the only memory an upload takes, whatever its size.
const copyBufferSize = 64 << 10

// Put implements Store. The content goes through a SHA-256 into a temporary
// file in the object's own directory, is synced, and is then renamed into
// place, so that an object either exists whole or not at all: a reader never
// sees half a file, even after a crash.
func (d *Dir) Put(ctx context.Context, r io.Reader, limit int64) (Object, error) {
	return d.PutAs(ctx, NewKey(), r, limit)
}

// PutAs implements Store.
func (d *Dir) PutAs(ctx context.Context, key string, r io.Reader, limit int64) (Object, error) {
	if limit <= 0 {
		return Object{}, fmt.Errorf("blob: put: limit %d is not positive", limit)
	}
	if err := checkKey(ctx, "put", key); err != nil {
		return Object{}, err
	}
	if err := d.root.MkdirAll(fanout(key), dirMode); err != nil {
		return Object{}, fmt.Errorf("blob: put: %w", err)
	}
	tmp, f, err := d.createTemp(fanout(key))
	if err != nil {
		return Object{}, fmt.Errorf("blob: put: %w", err)
	}
	obj, err := d.fill(ctx, f, r, limit)
	if err == nil {
		obj.Key = key
		err = d.commit(ctx, tmp, obj)
	}
	if err != nil {
		_ = d.root.Remove(tmp) // best effort: what remains is Sweep's
		return Object{}, err
	}
	return obj, nil
}

// fill copies r into f, hashing and counting on the way, then syncs and
// closes f. It always closes f.
func (d *Dir) fill(ctx context.Context, f *os.File, r io.Reader, limit int64) (Object, error) {
	size, sum, err := copyLimited(ctx, f, r, limit)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return Object{}, wrapPut(err)
	}
	return Object{Size: size, SHA256: sum}, nil
}

// wrapPut adds context to storage errors but leaves ctx.Err() and the
// too-large error as they are, so callers can compare them directly.
func wrapPut(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTooLarge) {
		return err
	}
	return fmt.Errorf("blob: put: %w", err)
}

// copyLimited copies at most limit bytes of src to dst and returns their
// number and SHA-256. It reads one byte beyond limit to tell "exactly the
// limit" from "over it".
func copyLimited(ctx context.Context, dst io.Writer, src io.Reader, limit int64) (int64, string, error) {
	h := sha256.New()
	max := limit
	if max < math.MaxInt64 {
		max++
	}
	in := &ctxReader{ctx: ctx, r: io.LimitReader(src, max)}
	n, err := io.CopyBuffer(io.MultiWriter(dst, h), in, make([]byte, copyBufferSize))
	if err != nil {
		return n, "", err
	}
	if n > limit {
		return n, "", TooLarge(limit)
	}
	// The last Read may have raced with a cancellation; honour it.
	if err := ctx.Err(); err != nil {
		return n, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// ctxReader stops reading once ctx is done. A Read that blocks is the
// source's to unblock: an http.Request body does so when the client goes away.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// commit makes the filled temporary file tmp the object obj: the checksum
// file first, then the content, so that whoever sees the content also finds
// its checksum. A cancelled ctx is the last chance to back out.
func (d *Dir) commit(ctx context.Context, tmp string, obj Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := d.writeSum(obj); err != nil {
		return fmt.Errorf("blob: put: %w", err)
	}
	if err := d.root.Rename(tmp, contentPath(obj.Key)); err != nil {
		_ = d.root.Remove(sumPath(obj.Key))
		return fmt.Errorf("blob: put: %w", err)
	}
	if err := d.syncDir(fanout(obj.Key)); err != nil {
		// Put fails, so no caller will ever know the key: do not keep it.
		_ = d.root.Remove(contentPath(obj.Key))
		_ = d.root.Remove(sumPath(obj.Key))
		return fmt.Errorf("blob: put: %w", err)
	}
	return nil
}

// writeSum writes KEY.sha256 atomically, through a temporary file.
func (d *Dir) writeSum(obj Object) error {
	tmp, f, err := d.createTemp(fanout(obj.Key))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s  %s\n", obj.SHA256, obj.Key)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = d.root.Rename(tmp, sumPath(obj.Key))
	}
	if err != nil {
		_ = d.root.Remove(tmp)
	}
	return err
}

// createTemp creates a new, empty, exclusively created file in dir with a
// random name that Sweep recognises. The mode is set on the open file, so
// the umask cannot change it and no race can redirect it.
func (d *Dir) createTemp(dir string) (string, *os.File, error) {
	name := filepath.Join(dir, tempPrefix+NewKey())
	f, err := d.root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return "", nil, err
	}
	if err := f.Chmod(fileMode); err != nil {
		_ = f.Close()
		_ = d.root.Remove(name)
		return "", nil, err
	}
	return name, f, nil
}

// syncDir makes the renames in dir durable: without it a crash could lose an
// object whose Put had already returned.
func (d *Dir) syncDir(dir string) error {
	f, err := d.root.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}
