package blob_test

import (
	"os"
	"testing"

	"github.com/minio/minio-go/v7"

	"nintei/internal/blob/blobtest"
)

func TestDirPing(t *testing.T) {
	d, root := newDir(t)
	if err := d.Ping(t.Context()); err != nil {
		t.Fatalf("Ping on a fresh directory = %v, want nil", err)
	}
	if got := files(t, root); len(got) != 0 {
		t.Errorf("Ping left files behind: %v", got)
	}
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if err := d.Ping(t.Context()); err == nil {
		t.Fatal("Ping after the directory was removed = nil, want an error")
	}
}

func TestS3Ping(t *testing.T) {
	s, o, client := newS3(t)
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping = %v, want nil", err)
	}
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 0 {
		t.Errorf("Ping left objects behind: %v", got)
	}
	// A bucket that goes away makes the store unready.
	if err := client.RemoveBucket(t.Context(), o.Bucket); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping on a removed bucket = nil, want an error")
	}
	if err := client.MakeBucket(t.Context(), o.Bucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatal(err) // the test's cleanup removes it
	}
}
