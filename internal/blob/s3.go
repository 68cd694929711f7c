package blob

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/encrypt"
)

// S3Options say where an S3 store keeps its objects and how it reaches them.
type S3Options struct {
	Endpoint  string // host or host:port, without a scheme
	Bucket    string // must exist, and must not be public
	Region    string // empty: the client asks the service
	AccessKey string
	SecretKey string
	TLS       bool   // https; plain http only for a service on the same host
	Prefix    string // optional: every name the store uses starts with it

	// SSE is the server-side encryption asked for on every write: "" (the
	// bucket's default), "s3" (SSE-S3, keys held by the service) or "kms"
	// (SSE-KMS, with KMSKeyID, or the service's default KMS key if empty).
	SSE      string
	KMSKeyID string

	// PartSize is how much of an upload is held in memory at a time, and
	// the part size of multipart uploads; 0 means DefaultPartSize.
	PartSize int64
}

// DefaultPartSize keeps a large upload to 16 MiB of memory at a time (up to
// twice that while the first part is handed over) while most evidence files
// (PDFs, spreadsheets) fit in a single request.
const DefaultPartSize = 16 << 20

// minPartSize is S3's smallest part other than the last.
const minPartSize = 5 << 20

// Names inside the bucket besides the objects themselves.
const (
	// s3TempDir holds each upload until its SHA-256 is known (see Put). No
	// key contains a "/", so no object can be mistaken for a temporary one.
	s3TempDir = ".put/"
	// sumMeta is the user metadata (x-amz-meta-nintei-sha256) that carries
	// each object's SHA-256, written with the object in one step.
	sumMeta = "nintei-sha256"
)

// Timeouts and retries of the S3 client: a service that does not answer
// makes an upload fail within about half a minute, rather than hang behind
// the default of ten retries of thirty-second dials.
const (
	s3DialTimeout   = 5 * time.Second
	s3HeaderTimeout = time.Minute
	s3MaxRetries    = 3
	// s3CleanupTimeout bounds the removal of what a failed Put left, which
	// runs even when the upload's own context is cancelled.
	s3CleanupTimeout = 30 * time.Second
)

// S3 is a Store in a bucket of an S3-compatible service, for several
// instances of nintei sharing their evidence files.
//
// An object is named PREFIX+KEY and carries its SHA-256 as user metadata.
// Nothing is ever written with an ACL: objects get the bucket's default,
// which must be private. The bucket must not be made public by a policy
// either; NewS3 refuses a bucket whose objects an anonymous client can read.
// Delete removes the current version only: on a versioned bucket, a lifecycle
// rule must expire noncurrent versions, or returned documents stay.
type S3 struct {
	client   *minio.Client
	bucket   string
	prefix   string
	sse      encrypt.ServerSide // nil: none asked for
	partSize int64
}

var (
	_ Store   = (*S3)(nil)
	_ Sweeper = (*S3)(nil)
)

// NewS3 connects to the bucket and checks, as NewDir does, that the store
// can write there, so a wrong endpoint, key or bucket fails at start rather
// than at an applicant's first upload. It also checks that the service
// reports the server-side encryption asked for, and that an anonymous client
// cannot read what the store writes. ctx bounds these checks.
func NewS3(ctx context.Context, o S3Options) (*S3, error) {
	s, err := newS3(o)
	if err != nil {
		return nil, fmt.Errorf("blob: NewS3: %w", err)
	}
	if err := s.probe(ctx, o); err != nil {
		return nil, fmt.Errorf("blob: NewS3: bucket %s at %s: %w", o.Bucket, o.Endpoint, err)
	}
	return s, nil
}

// newS3 builds the client from the options without contacting the service.
func newS3(o S3Options) (*S3, error) {
	if o.Endpoint == "" || o.Bucket == "" {
		return nil, errors.New("endpoint and bucket are required")
	}
	if o.AccessKey == "" || o.SecretKey == "" {
		// Anonymous access would only work on a public bucket.
		return nil, errors.New("access key and secret key are required")
	}
	sse, err := serverSide(o.SSE, o.KMSKeyID)
	if err != nil {
		return nil, err
	}
	partSize := o.PartSize
	if partSize == 0 {
		partSize = DefaultPartSize
	}
	if partSize < minPartSize {
		return nil, fmt.Errorf("part size %d is below S3's minimum of %d", partSize, minPartSize)
	}
	client, err := minio.New(o.Endpoint, &minio.Options{
		Creds:      credentials.NewStaticV4(o.AccessKey, o.SecretKey, ""),
		Secure:     o.TLS,
		Region:     o.Region,
		Transport:  s3Transport(o.TLS),
		MaxRetries: s3MaxRetries,
	})
	if err != nil {
		return nil, err
	}
	prefix := o.Prefix
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return &S3{client: client, bucket: o.Bucket, prefix: prefix, sse: sse, partSize: partSize}, nil
}

// serverSide turns the SSE setting into what minio-go sends with each write.
func serverSide(mode, kmsKeyID string) (encrypt.ServerSide, error) {
	if kmsKeyID != "" && mode != "kms" {
		return nil, errors.New(`a KMS key ID needs SSE "kms"`)
	}
	switch mode {
	case "":
		return nil, nil
	case "s3":
		return encrypt.NewSSE(), nil
	case "kms":
		return encrypt.NewSSEKMS(kmsKeyID, nil)
	}
	return nil, fmt.Errorf(`SSE %q is not "", "s3" or "kms"`, mode)
}

// s3Transport is minio-go's transport with a short dial timeout.
func s3Transport(secure bool) http.RoundTripper {
	t, err := minio.DefaultTransport(secure)
	if err != nil {
		return nil // minio-go then builds its own default
	}
	t.DialContext = (&net.Dialer{Timeout: s3DialTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.ResponseHeaderTimeout = s3HeaderTimeout
	return t
}

func (s *S3) objectName(key string) string { return s.prefix + key }

func (s *S3) tempName(name string) string { return s.prefix + s3TempDir + name }

// Stat implements Store.
func (s *S3) Stat(ctx context.Context, key string) (Object, error) {
	if err := checkKey(ctx, "stat", key); err != nil {
		return Object{}, err
	}
	info, err := s.client.StatObject(ctx, s.bucket, s.objectName(key), minio.StatObjectOptions{})
	if err != nil {
		return Object{}, s3Error("stat", key, err)
	}
	return objectOf("stat", key, info)
}

// Open implements Store. The Reader is minio-go's *minio.Object, which
// answers Seek and ReadAt with ranged GETs; the first GET is made here, so
// that a missing object is reported by Open rather than by the first Read.
func (s *S3) Open(ctx context.Context, key string) (Reader, Object, error) {
	if err := checkKey(ctx, "open", key); err != nil {
		return nil, Object{}, err
	}
	r, err := s.client.GetObject(ctx, s.bucket, s.objectName(key), minio.GetObjectOptions{})
	if err != nil {
		return nil, Object{}, s3Error("open", key, err)
	}
	info, err := r.Stat()
	if err == nil {
		var obj Object
		if obj, err = objectOf("open", key, info); err == nil {
			return r, obj, nil
		}
		_ = r.Close()
		return nil, Object{}, err
	}
	_ = r.Close()
	return nil, Object{}, s3Error("open", key, err)
}

// Delete implements Store. S3 deletes silently whatever is not there, so the
// object is looked up first to tell ErrNotFound; two concurrent Deletes of
// one key may then both succeed, which no caller can tell from one.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(ctx, "delete", key); err != nil {
		return err
	}
	name := s.objectName(key)
	if _, err := s.client.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{}); err != nil {
		return s3Error("delete", key, err)
	}
	if err := s.client.RemoveObject(ctx, s.bucket, name, minio.RemoveObjectOptions{}); err != nil {
		return s3Error("delete", key, err)
	}
	return nil
}

// objectOf describes the object under key from what the service reports.
// An object without its checksum cannot come from Put (the checksum is
// written with the object), so it is reported as damage, not as missing.
func objectOf(op, key string, info minio.ObjectInfo) (Object, error) {
	sum := ""
	for k, v := range info.UserMetadata {
		if strings.EqualFold(k, sumMeta) {
			sum = v
		}
	}
	if !isHexSHA256(sum) {
		return Object{}, fmt.Errorf("blob: %s %s: checksum metadata missing or malformed", op, key)
	}
	return Object{Key: key, Size: info.Size, SHA256: sum}, nil
}

// s3Error maps "no such key" to ErrNotFound and keeps the rest, with the
// operation and key for the log.
func s3Error(op, key string, err error) error {
	switch minio.ToErrorResponse(err).Code {
	case minio.NoSuchKey, "NotFound":
		return keyError(op, key, ErrNotFound)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}
