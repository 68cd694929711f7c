// Package blobtest holds the behaviour every blob.Store must have, as a test
// any implementation runs against itself: the local Dir today, an
// S3-compatible store tomorrow. It also gives the readers those tests need
// (endless patterns, readers that cancel, fail or block mid-stream).
package blobtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"

	"nintei"
	"nintei/internal/blob"
)

// TestStoreContract runs the contract of blob.Store against stores made by
// newStore, a fresh empty store per subtest. Leftovers after failed uploads
// cannot be seen through the interface; each implementation checks them in
// its own tests.
func TestStoreContract(t *testing.T, newStore func(t *testing.T) blob.Store) {
	tests := []struct {
		name string
		run  func(*testing.T, blob.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Empty", testEmpty},
		{"ExactlyAtLimit", testExactlyAtLimit},
		{"OverLimitByOne", testOverLimitByOne},
		{"LimitNotPositive", testLimitNotPositive},
		{"CancelledBeforePut", testCancelledBeforePut},
		{"CancelledMidStream", testCancelledMidStream},
		{"BlockedReadCancelled", testBlockedReadCancelled},
		{"FailingReader", testFailingReader},
		{"ReaderSeeksAndReadsAt", testReaderSeeksAndReadsAt},
		{"InvalidKeys", testInvalidKeys},
		{"UnknownKey", testUnknownKey},
		{"DeleteThenOpen", testDeleteThenOpen},
		{"DistinctURLSafeKeys", testDistinctURLSafeKeys},
		{"ConcurrentPuts", testConcurrentPuts},
		{"PutAsChosenKey", testPutAs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newStore(t)) })
	}
}

// content makes n bytes of test content.
func content(n int64) []byte {
	b, _ := io.ReadAll(Pattern(n))
	return b
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// put stores data with a generous limit and fails the test on error.
func put(t *testing.T, s blob.Store, data []byte) blob.Object {
	t.Helper()
	obj, err := s.Put(t.Context(), bytes.NewReader(data), int64(len(data))+1)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return obj
}

// readBack opens key, checks the Object and the content against want.
func readBack(t *testing.T, s blob.Store, want blob.Object, data []byte) {
	t.Helper()
	r, got, err := s.Open(t.Context(), want.Key)
	if err != nil {
		t.Fatalf("Open(%s): %v", want.Key, err)
	}
	defer r.Close()
	if got != want {
		t.Errorf("Open object = %+v, want %+v", got, want)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("reading %s: %v", want.Key, err)
	}
	if !bytes.Equal(b, data) {
		t.Errorf("content of %s differs: got %d bytes, want %d", want.Key, len(b), len(data))
	}
}

func testRoundTrip(t *testing.T, s blob.Store) {
	data := content(100_000)
	obj := put(t, s, data)
	if got, want := obj.Size, int64(len(data)); got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
	if got, want := obj.SHA256, sha256Hex(data); got != want {
		t.Errorf("SHA256 = %s, want %s", got, want)
	}
	readBack(t, s, obj, data)
	got, err := s.Stat(t.Context(), obj.Key)
	if err != nil || got != obj {
		t.Errorf("Stat = %+v, %v; want %+v", got, err, obj)
	}
}

func testEmpty(t *testing.T, s blob.Store) {
	obj := put(t, s, nil)
	if obj.Size != 0 || obj.SHA256 != sha256Hex(nil) {
		t.Errorf("empty object = %+v", obj)
	}
	readBack(t, s, obj, nil)
}

func testExactlyAtLimit(t *testing.T, s blob.Store) {
	data := content(4096)
	obj, err := s.Put(t.Context(), bytes.NewReader(data), 4096)
	if err != nil {
		t.Fatalf("Put at the limit: %v", err)
	}
	readBack(t, s, obj, data)
}

func testOverLimitByOne(t *testing.T, s blob.Store) {
	_, err := s.Put(t.Context(), bytes.NewReader(content(4097)), 4096)
	if !errors.Is(err, blob.ErrTooLarge) {
		t.Fatalf("Put over the limit: err = %v, want ErrTooLarge", err)
	}
	if got, want := nintei.KindOf(err), nintei.KindTooLarge; got != want {
		t.Errorf("KindOf = %s, want %s", got, want)
	}
	var ne *nintei.Error
	if !errors.As(err, &ne) || ne.Args["Max"] != int64(4096) {
		t.Errorf("nintei.Error = %+v, want Args[Max] = 4096", ne)
	}
}

func testLimitNotPositive(t *testing.T, s blob.Store) {
	for _, limit := range []int64{0, -1} {
		if _, err := s.Put(t.Context(), bytes.NewReader(nil), limit); err == nil {
			t.Errorf("Put with limit %d: no error", limit)
		}
	}
}

func testCancelledBeforePut(t *testing.T, s blob.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.Put(ctx, bytes.NewReader(content(10)), 100)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: err = %v, want context.Canceled", err)
	}
}

func testCancelledMidStream(t *testing.T, s blob.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := CancelAfter(Pattern(1<<20), 200_000, cancel)
	if _, err := s.Put(ctx, r, 1<<20); !errors.Is(err, context.Canceled) {
		t.Errorf("Put cancelled mid-stream: err = %v, want context.Canceled", err)
	}
}

func testBlockedReadCancelled(t *testing.T, s blob.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	blocked := make(chan struct{})
	go func() { <-blocked; cancel() }()
	r := BlockAfter(ctx, Pattern(1<<20), 100_000, blocked)
	if _, err := s.Put(ctx, r, 1<<20); !errors.Is(err, context.Canceled) {
		t.Errorf("Put cancelled while blocked: err = %v, want context.Canceled", err)
	}
}

func testFailingReader(t *testing.T, s blob.Store) {
	broken := errors.New("connection reset")
	_, err := s.Put(t.Context(), FailAfter(Pattern(1<<20), 50_000, broken), 1<<20)
	if !errors.Is(err, broken) {
		t.Errorf("Put from a failing reader: err = %v, want %v", err, broken)
	}
}
