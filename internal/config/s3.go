package config

import (
	"fmt"
	"strconv"
	"strings"
)

// buildS3 reads the blob backend's settings into c and returns every
// problem. The S3 settings are checked only when the s3 backend is chosen,
// and then every one it needs must be there: a store that cannot reach its
// bucket must stop the start, not an applicant's first upload.
func (c *Config) buildS3(get func(string) string) []error {
	var errs []error
	bad := func(f, why string) { errs = append(errs, fmt.Errorf("--%s / %s: %s", f, envOf(f), why)) }
	c.S3 = S3{Endpoint: get("s3-endpoint"), Bucket: get("s3-bucket"), Region: get("s3-region"),
		Prefix: get("s3-prefix"), AccessKey: get("s3-access-key"), SecretKey: get("s3-secret-key"),
		SSE: get("s3-sse"), KMSKeyID: get("s3-sse-kms-key-id")}
	var err error
	if c.S3.TLS, err = strconv.ParseBool(get("s3-tls")); err != nil {
		bad("s3-tls", "must be true or false")
	}
	switch c.BlobBackend {
	case "dir":
		return errs
	case "s3":
	default:
		bad("blob-backend", "must be dir or s3")
		return errs
	}
	if c.S3.Endpoint == "" {
		bad("s3-endpoint", "must be set for the s3 backend")
	} else if strings.Contains(c.S3.Endpoint, "/") {
		bad("s3-endpoint", fmt.Sprintf("%q must be host or host:port, without a scheme or path (https is --s3-tls)", c.S3.Endpoint))
	}
	for _, f := range []string{"s3-bucket", "s3-access-key", "s3-secret-key"} {
		if get(f) == "" {
			bad(f, "must be set for the s3 backend")
		}
	}
	if strings.HasPrefix(c.S3.Prefix, "/") {
		bad("s3-prefix", "must not start with /")
	}
	switch c.S3.SSE {
	case "", "s3", "kms":
	default:
		bad("s3-sse", "must be empty, s3 or kms")
	}
	if c.S3.KMSKeyID != "" && c.S3.SSE != "kms" {
		bad("s3-sse-kms-key-id", "needs --s3-sse kms")
	}
	return errs
}
