package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// probe writes a small temporary object with the store's settings, checks
// that the service encrypted it as asked and that an anonymous client cannot
// read it, and removes it. Evidence is never
// published, whatever a bucket policy or ACL says: a bucket that
// serves objects to anyone is refused, not used.
func (s *S3) probe(ctx context.Context, o S3Options) error {
	name := s.tempName("probe-" + NewKey())
	content := []byte("nintei start-up probe\n")
	opts := minio.PutObjectOptions{ContentType: "text/plain", ServerSideEncryption: s.sse}
	if _, err := s.client.PutObject(ctx, s.bucket, name, bytes.NewReader(content), int64(len(content)), opts); err != nil {
		return fmt.Errorf("cannot write: %w", err)
	}
	defer s.remove(ctx, name)
	if err := s.checkEncrypted(ctx, o, name); err != nil {
		return err
	}
	public, err := s.anonymousCanRead(ctx, o, name)
	if err != nil {
		return fmt.Errorf("cannot check that the bucket is not public: %w", err)
	}
	if public {
		return errors.New("an anonymous client can read its objects; evidence must not be public: " +
			"remove the bucket policy or ACL that allows it")
	}
	return nil
}

// anonymousCanRead asks for the object name without credentials. Only a
// refusal (401 or 403) counts as private; an answer that is neither the
// object nor a refusal is an error, so that nintei does not start on a bucket
// it could not check.
func (s *S3) anonymousCanRead(ctx context.Context, o S3Options, name string) (bool, error) {
	anon, err := minio.New(o.Endpoint, &minio.Options{
		Creds:      credentials.NewStaticV4("", "", ""),
		Secure:     o.TLS,
		Region:     o.Region,
		Transport:  s3Transport(o.TLS),
		MaxRetries: 1,
	})
	if err != nil {
		return false, err
	}
	_, err = anon.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{})
	if err == nil {
		return true, nil
	}
	resp := minio.ToErrorResponse(err)
	if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized || resp.Code == minio.AccessDenied {
		return false, nil
	}
	return false, err
}

// checkEncrypted refuses a service that stored the object name without the
// server-side encryption asked for: some S3-compatible services ignore the
// header, and evidence the operator meant to be encrypted at rest must not
// be stored in clear. S3 reports the encryption of an object on HEAD.
func (s *S3) checkEncrypted(ctx context.Context, o S3Options, name string) error {
	if s.sse == nil {
		return nil
	}
	info, err := s.client.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{})
	if err != nil {
		return fmt.Errorf("cannot read back: %w", err)
	}
	got := info.Metadata.Get("X-Amz-Server-Side-Encryption")
	want := map[string]string{"s3": "AES256", "kms": "aws:kms"}[o.SSE]
	if !strings.HasPrefix(got, want) { // "aws:kms:dsse" is KMS too
		return fmt.Errorf("server-side encryption %q was asked for, but the service reports %q for what it stored", o.SSE, got)
	}
	return nil
}
