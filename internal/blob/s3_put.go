package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"

	"github.com/minio/minio-go/v7"
)

// Put implements Store.
//
// The SHA-256 is known only once the last byte has gone out, and S3 cannot
// add metadata to an object after it is written. So the content is uploaded
// under a temporary name (PREFIX.put/KEY), then copied inside the service to
// PREFIX+KEY with its checksum as metadata, and the temporary object is
// removed. The copy is server-side: the content crosses the network once.
// A checksum kept in a sidecar object instead would leave a moment in which
// an object exists without its checksum, and Sweep would have to list every
// object to find orphans; this way an object is whole or absent, and what a
// crash leaves is under .put/, which is all that Sweep lists. A single copy
// request handles objects up to 5 GiB, far above nintei's upload limit.
func (s *S3) Put(ctx context.Context, r io.Reader, limit int64) (Object, error) {
	return s.PutAs(ctx, NewKey(), r, limit)
}

// PutAs implements Store.
func (s *S3) PutAs(ctx context.Context, key string, r io.Reader, limit int64) (Object, error) {
	if limit <= 0 {
		return Object{}, fmt.Errorf("blob: put: limit %d is not positive", limit)
	}
	if err := checkKey(ctx, "put", key); err != nil {
		return Object{}, err
	}
	tmp := s.tempName(key)
	in := newHashReader(ctx, r, limit)
	obj, err := s.upload(ctx, tmp, in)
	if err != nil {
		return Object{}, err
	}
	obj.Key = key
	if err := s.commit(ctx, tmp, obj); err != nil {
		return Object{}, err
	}
	return obj, nil
}

// upload sends everything in to the temporary object tmp and returns its size
// and checksum. The first part is read before anything is sent: content that
// fits in it (most evidence files) goes up in one PUT of known length, and
// only larger content needs a multipart upload of unknown length. On error it
// removes whatever it wrote; minio-go aborts a failed multipart upload itself,
// and what neither could remove is Sweep's.
func (s *S3) upload(ctx context.Context, tmp string, in *hashReader) (Object, error) {
	opts := minio.PutObjectOptions{
		ContentType:          "application/octet-stream",
		ServerSideEncryption: s.sse,
		PartSize:             uint64(s.partSize), // #nosec G115 -- partSize is checked positive when the store is configured
	}
	head, err := readHead(in, s.partSize)
	size, body := int64(-1), io.MultiReader(bytes.NewReader(head), in)
	switch {
	case err == io.EOF:
		size, body = int64(len(head)), bytes.NewReader(head)
	case err != nil:
		return Object{}, in.failure(err) // nothing was sent
	}
	info, err := s.client.PutObject(ctx, s.bucket, tmp, body, size, opts)
	if err == nil {
		err = in.finish()
	}
	if err == nil && info.Size != in.n {
		err = fmt.Errorf("blob: put: the service stored %d bytes of %d", info.Size, in.n)
	}
	if err != nil {
		s.remove(ctx, tmp)
		return Object{}, in.failure(err)
	}
	return Object{Size: in.n, SHA256: hex.EncodeToString(in.h.Sum(nil))}, nil
}

// commit copies the temporary object tmp to obj's name with its checksum,
// then removes tmp. A cancelled ctx is the last chance to back out. If the
// copy fails, the final object is removed too, in case the service made it
// before the failure reached us: Put fails, so no caller knows its key.
func (s *S3) commit(ctx context.Context, tmp string, obj Object) error {
	defer s.remove(ctx, tmp)
	if err := ctx.Err(); err != nil {
		return err
	}
	dst := minio.CopyDestOptions{
		Bucket:          s.bucket,
		Object:          s.objectName(obj.Key),
		Encryption:      s.sse,
		UserMetadata:    map[string]string{sumMeta: obj.SHA256},
		ReplaceMetadata: true,
	}
	_, err := s.client.CopyObject(ctx, dst, minio.CopySrcOptions{Bucket: s.bucket, Object: tmp})
	if err != nil {
		s.remove(ctx, dst.Object)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("blob: put: copying into place: %w", err)
	}
	return nil
}

// remove deletes name on a context of its own, so that the leftovers of an
// upload cancelled by its client are removed too. Errors are ignored: this is
// cleanup after a result that is already decided, and a temporary object that
// stays is Sweep's.
func (s *S3) remove(ctx context.Context, name string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s3CleanupTimeout)
	defer cancel()
	_ = s.client.RemoveObject(ctx, s.bucket, name, minio.RemoveObjectOptions{})
}

// readHead reads up to max bytes of r into a buffer that doubles as they
// come, so that a small upload takes little memory. It returns io.EOF with
// the content when r ends within max bytes.
func readHead(r io.Reader, max int64) ([]byte, error) {
	buf := make([]byte, 0, min(max, copyBufferSize))
	for int64(len(buf)) < max {
		if len(buf) == cap(buf) {
			bigger := make([]byte, len(buf), min(2*int64(cap(buf)), max))
			copy(bigger, buf)
			buf = bigger
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// hashReader hashes and counts what is read through it, and fails once more
// than limit bytes come or ctx is done. It keeps its first error, so that Put
// reports that rather than the S3 client's rewording of it.
type hashReader struct {
	ctx   context.Context
	r     io.Reader
	limit int64
	n     int64
	h     hash.Hash
	err   error
}

func newHashReader(ctx context.Context, r io.Reader, limit int64) *hashReader {
	max := limit
	if max < math.MaxInt64 {
		max++ // one byte beyond the limit tells "exactly the limit" from "over it"
	}
	return &hashReader{ctx: ctx, r: io.LimitReader(r, max), limit: limit, h: sha256.New()}
}

func (h *hashReader) Read(p []byte) (int, error) {
	if h.err != nil {
		return 0, h.err
	}
	if err := h.ctx.Err(); err != nil {
		h.err = err
		return 0, err
	}
	n, err := h.r.Read(p)
	h.n += int64(n)
	if h.n > h.limit {
		h.err = TooLarge(h.limit)
		return 0, h.err
	}
	h.h.Write(p[:n])
	if err != nil && err != io.EOF {
		h.err = err
	}
	return n, err
}

// finish reports an error the S3 client may have swallowed, and a
// cancellation that raced with the last Read.
func (h *hashReader) finish() error {
	if h.err != nil {
		return h.err
	}
	return h.ctx.Err()
}

// failure is the error Put reports when a step failed with err: the
// reader's own (the limit, the source's error, ctx.Err()) if it had one,
// ctx.Err() if the context ended meanwhile, else err.
func (h *hashReader) failure(err error) error {
	if h.err != nil {
		return wrapPut(h.err)
	}
	if ctxErr := h.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return wrapPut(err)
}
