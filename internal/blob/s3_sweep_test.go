package blob_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"nintei/internal/blob"
	"nintei/internal/blob/blobtest"
)

// TestS3Sweep leaves what a crash would: an unfinished multipart upload and
// a temporary object under .put/. A sweep with a cut-off before them spares
// them (they may be uploads in progress); one after them removes them, and
// never an object or a name the store does not own.
func TestS3Sweep(t *testing.T) {
	s, o, client := newS3(t)
	ctx := t.Context()
	kept, err := s.Put(ctx, strings.NewReader("kept"), 100)
	if err != nil {
		t.Fatal(err)
	}
	core := minio.Core{Client: client}
	if _, err := core.NewMultipartUpload(ctx, o.Bucket, ".put/"+blob.NewKey(), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".put/" + blob.NewKey(), "notes.txt"} {
		if _, err := client.PutObject(ctx, o.Bucket, name, strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}

	removed, err := s.Sweep(ctx, time.Now().Add(-time.Hour))
	if err != nil || removed != 0 {
		t.Errorf("sweep before the leftovers: removed %d, %v; want 0", removed, err)
	}
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 4 {
		t.Errorf("bucket holds %v, want the object, two leftovers and notes.txt", got)
	}
	removed, err = s.Sweep(ctx, time.Now().Add(time.Minute))
	if err != nil || removed != 2 {
		t.Errorf("sweep after the leftovers: removed %d, %v; want 2", removed, err)
	}
	got := strings.Join(blobtest.S3Leftovers(t, client, o.Bucket), " ")
	if want := strings.Join([]string{kept.Key, "notes.txt"}, " "); got != want && got != "notes.txt "+kept.Key {
		t.Errorf("bucket holds %s, want %s", got, want)
	}
}

// TestS3SweepCancelled stops with the context's error.
func TestS3SweepCancelled(t *testing.T) {
	s, _, _ := newS3(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Sweep(ctx, time.Now()); !errors.Is(err, context.Canceled) {
		t.Errorf("Sweep with a cancelled context: err = %v, want context.Canceled", err)
	}
}
