package blob_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"nintei/internal/blob"
	"nintei/internal/blob/blobtest"
)

// newS3 opens an S3 store on a fresh bucket, and returns the bucket's
// options and a client to look behind the store's back.
func newS3(t *testing.T) (*blob.S3, blob.S3Options, *minio.Client) {
	t.Helper()
	o, client := blobtest.S3(t)
	s, err := blob.NewS3(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	return s, o, client
}

func TestS3Contract(t *testing.T) {
	blobtest.TestStoreContract(t, func(t *testing.T) blob.Store {
		s, _, _ := newS3(t)
		return s
	})
}

// TestS3LeavesNothingBehind checks that every failed Put leaves no object and
// no unfinished multipart upload in the bucket, both for content that fits in
// one request and for content large enough for a multipart upload.
func TestS3LeavesNothingBehind(t *testing.T) {
	broken := errors.New("connection reset")
	const mib = 1 << 20
	tests := map[string]func(ctx context.Context, cancel context.CancelFunc) (io.Reader, int64){
		"over the limit by one": func(context.Context, context.CancelFunc) (io.Reader, int64) {
			return blobtest.Pattern(4097), 4096
		},
		"over the limit mid-multipart": func(context.Context, context.CancelFunc) (io.Reader, int64) {
			return blobtest.Pattern(40 * mib), 20 * mib
		},
		"cancelled mid-stream": func(_ context.Context, cancel context.CancelFunc) (io.Reader, int64) {
			return blobtest.CancelAfter(blobtest.Pattern(mib), 300_000, cancel), mib
		},
		"cancelled mid-multipart": func(_ context.Context, cancel context.CancelFunc) (io.Reader, int64) {
			return blobtest.CancelAfter(blobtest.Pattern(40*mib), 20*mib, cancel), 64 * mib
		},
		"cancelled while blocked in a multipart upload": func(ctx context.Context, cancel context.CancelFunc) (io.Reader, int64) {
			blocked := make(chan struct{})
			go func() { <-blocked; cancel() }()
			return blobtest.BlockAfter(ctx, blobtest.Pattern(40*mib), 20*mib, blocked), 64 * mib
		},
		"reader fails mid-multipart": func(context.Context, context.CancelFunc) (io.Reader, int64) {
			return blobtest.FailAfter(blobtest.Pattern(40*mib), 20*mib, broken), 64 * mib
		},
	}
	for name, makeReader := range tests {
		t.Run(name, func(t *testing.T) {
			s, o, client := newS3(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			r, limit := makeReader(ctx, cancel)
			if _, err := s.Put(ctx, r, limit); err == nil {
				t.Fatal("Put succeeded")
			}
			if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 0 {
				t.Errorf("left behind: %v", got)
			}
		})
	}
}

// TestS3Multipart stores content larger than a part, which goes up as a
// multipart upload of unknown length, and reads it back whole.
func TestS3Multipart(t *testing.T) {
	s, o, client := newS3(t)
	const size = blob.DefaultPartSize + 1<<20 + 7
	h := sha256.New()
	obj, err := s.Put(t.Context(), io.TeeReader(blobtest.Pattern(size), h), size)
	if err != nil {
		t.Fatal(err)
	}
	if want := hex.EncodeToString(h.Sum(nil)); obj.Size != size || obj.SHA256 != want {
		t.Errorf("Put = %+v, want size %d and SHA-256 %s", obj, size, want)
	}
	r, _, err := s.Open(t.Context(), obj.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	back := sha256.New()
	if n, err := io.Copy(back, r); err != nil || n != size || hex.EncodeToString(back.Sum(nil)) != obj.SHA256 {
		t.Errorf("read back %d bytes, %v; checksum equal %t", n, err, hex.EncodeToString(back.Sum(nil)) == obj.SHA256)
	}
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 1 || got[0] != obj.Key {
		t.Errorf("bucket holds %v, want only %s", got, obj.Key)
	}
}

// TestS3Layout: an object is PREFIX+KEY with its checksum as metadata,
// nothing else stays in the bucket, and an anonymous client cannot read it.
func TestS3Layout(t *testing.T) {
	o, client := blobtest.S3(t)
	o.Prefix = "evidence"
	s, err := blob.NewS3(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := s.Put(t.Context(), strings.NewReader("情報セキュリティ基本方針"), 1000)
	if err != nil {
		t.Fatal(err)
	}
	name := "evidence/" + obj.Key
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 1 || got[0] != name {
		t.Errorf("bucket holds %v, want only %s", got, name)
	}
	info, err := client.StatObject(t.Context(), o.Bucket, name, minio.StatObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Metadata.Get("X-Amz-Meta-Nintei-Sha256"); got != obj.SHA256 {
		t.Errorf("checksum metadata = %q, want %s", got, obj.SHA256)
	}
	resp, err := http.Get("http://" + o.Endpoint + "/" + o.Bucket + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous GET: %s, want 403 or 401", resp.Status)
	}
}

// TestS3DamagedChecksum: an object without its checksum metadata cannot come
// from Put, so it is reported as damage rather than as a missing object.
func TestS3DamagedChecksum(t *testing.T) {
	s, o, client := newS3(t)
	key := blob.NewKey()
	if _, err := client.PutObject(t.Context(), o.Bucket, key, strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Stat(t.Context(), key); err == nil || errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Stat without checksum: err = %v, want a damage error", err)
	}
	if r, _, err := s.Open(t.Context(), key); err == nil || errors.Is(err, blob.ErrNotFound) {
		if r != nil {
			r.Close()
		}
		t.Errorf("Open without checksum: err = %v, want a damage error", err)
	}
}

// TestS3RefusesPublicBucket: a bucket whose policy lets anyone read objects
// is refused at start, since evidence is never published.
func TestS3RefusesPublicBucket(t *testing.T) {
	o, client := blobtest.S3(t)
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",` +
		`"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::` + o.Bucket + `/*"]}]}`
	if err := client.SetBucketPolicy(t.Context(), o.Bucket, policy); err != nil {
		t.Skipf("the service does not take bucket policies: %v", err)
	}
	_, err := blob.NewS3(t.Context(), o)
	if err == nil || !strings.Contains(err.Error(), "anonymous client can read") {
		t.Errorf("NewS3 on a public bucket: err = %v, want a refusal", err)
	}
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}

// TestS3OptionsChecked: options that cannot work are refused before the
// service is contacted (there is none at this endpoint).
func TestS3OptionsChecked(t *testing.T) {
	ok := blob.S3Options{Endpoint: "127.0.0.1:1", Bucket: "b", AccessKey: "a", SecretKey: "s"}
	tests := map[string]func(o *blob.S3Options){
		"no endpoint":         func(o *blob.S3Options) { o.Endpoint = "" },
		"no bucket":           func(o *blob.S3Options) { o.Bucket = "" },
		"no secret key":       func(o *blob.S3Options) { o.SecretKey = "" },
		"unknown SSE":         func(o *blob.S3Options) { o.SSE = "c" },
		"KMS key without kms": func(o *blob.S3Options) { o.SSE, o.KMSKeyID = "s3", "key-1" },
		"part size too small": func(o *blob.S3Options) { o.PartSize = 1 << 20 },
	}
	for name, change := range tests {
		o := ok
		change(&o)
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		_, err := blob.NewS3(ctx, o)
		cancel()
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: err = %v, want a refusal of the options", name, err)
		}
	}
}
