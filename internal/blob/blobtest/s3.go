package blobtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"nintei/internal/blob"
)

// The variables that name the S3-compatible service tests run against
// (scripts/s3-test-server.sh starts one and prints them). The endpoint is
// host:port, reached over plain http.
const (
	S3EndpointVar  = "NINTEI_TEST_S3_ENDPOINT"
	S3AccessKeyVar = "NINTEI_TEST_S3_ACCESS_KEY"
	S3SecretKeyVar = "NINTEI_TEST_S3_SECRET_KEY" // #nosec G101 -- names of environment variables, not credentials
)

// S3 gives a test a fresh, empty bucket on the service the environment
// names: the options to open a store on it, and a client with the same
// credentials to look inside it behind the store's back. The bucket and
// everything in it are removed when the test ends. Without a service the test
// is skipped, or fails when NINTEI_REQUIRE_S3=1 (as in .ci/run).
func S3(t testing.TB) (blob.S3Options, *minio.Client) {
	t.Helper()
	o := blob.S3Options{
		Endpoint:  os.Getenv(S3EndpointVar),
		AccessKey: os.Getenv(S3AccessKeyVar),
		SecretKey: os.Getenv(S3SecretKeyVar),
		Bucket:    "nintei-test-" + blob.NewKey()[:16],
	}
	if o.Endpoint == "" {
		if os.Getenv("NINTEI_REQUIRE_S3") == "1" {
			t.Fatalf("%s is not set but NINTEI_REQUIRE_S3=1", S3EndpointVar)
		}
		t.Skipf("no S3-compatible service: %s is not set (see scripts/s3-test-server.sh)", S3EndpointVar)
	}
	client, err := minio.New(o.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(o.AccessKey, o.SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := client.MakeBucket(ctx, o.Bucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("creating bucket %s at %s: %v", o.Bucket, o.Endpoint, err)
	}
	t.Cleanup(func() { removeBucket(t, client, o.Bucket) })
	return o, client
}

// removeBucket empties and removes bucket, aborting unfinished uploads.
func removeBucket(t testing.TB, client *minio.Client, bucket string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for u := range client.ListIncompleteUploads(ctx, bucket, "", true) {
		if u.Err == nil {
			_ = client.RemoveIncompleteUpload(ctx, bucket, u.Key)
		}
	}
	for o := range client.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err == nil {
			_ = client.RemoveObject(ctx, bucket, o.Key, minio.RemoveObjectOptions{})
		}
	}
	if err := client.RemoveBucket(ctx, bucket); err != nil {
		t.Errorf("removing test bucket %s: %v", bucket, err)
	}
}

// S3Leftovers lists what is in bucket: every object, and every multipart
// upload neither completed nor aborted (as "upload:" and its object name).
func S3Leftovers(t testing.TB, client *minio.Client, bucket string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var names []string
	for o := range client.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err != nil {
			t.Fatalf("listing %s: %v", bucket, o.Err)
		}
		names = append(names, o.Key)
	}
	for u := range client.ListIncompleteUploads(ctx, bucket, "", true) {
		if u.Err != nil {
			t.Fatalf("listing uploads in %s: %v", bucket, u.Err)
		}
		names = append(names, "upload:"+u.Key)
	}
	return names
}
