package main

import (
	"strings"
	"testing"

	"nintei/internal/blob/blobtest"
)

// TestS3Backend starts nintei on a bucket of the test S3 service: the
// start-up checks pass and leave nothing in the bucket.
func TestS3Backend(t *testing.T) {
	o, client := blobtest.S3(t)
	vars := map[string]string{"NINTEI_BLOB_BACKEND": "s3", "NINTEI_S3_ENDPOINT": o.Endpoint, "NINTEI_S3_TLS": "false",
		"NINTEI_S3_BUCKET": o.Bucket, "NINTEI_S3_ACCESS_KEY": o.AccessKey, "NINTEI_S3_SECRET_KEY": o.SecretKey,
		"NINTEI_S3_PREFIX": "nintei/"}
	out, _, err := cli(t, vars, "", "migrate", "--data-dir", t.TempDir())
	if err != nil || !strings.Contains(out, "applied 0001") {
		t.Fatalf("migrate on the s3 backend: %q, %v", out, err)
	}
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 0 {
		t.Errorf("left in the bucket: %v", got)
	}
}
