package blobtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"testing"

	"nintei"
	"nintei/internal/blob"
)

func testReaderSeeksAndReadsAt(t *testing.T, s blob.Store) {
	data := content(10_000)
	obj := put(t, s, data)
	r, _, err := s.Open(t.Context(), obj.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	part := make([]byte, 100)
	if _, err := r.ReadAt(part, 5000); err != nil || !bytes.Equal(part, data[5000:5100]) {
		t.Errorf("ReadAt(5000) = %v, content equal %t", err, bytes.Equal(part, data[5000:5100]))
	}
	if pos, err := r.Seek(-10, io.SeekEnd); err != nil || pos != 9990 {
		t.Fatalf("Seek(-10, end) = %d, %v", pos, err)
	}
	tail, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(tail, data[9990:]) {
		t.Errorf("after Seek read %q, %v", tail, err)
	}
}

// invalidKeys are keys no store can have produced, among them every classic
// way out of a directory.
func invalidKeys() map[string]string {
	valid := blob.NewKey()
	return map[string]string{
		"empty":            "",
		"dot dot":          "../x",
		"separator":        "a/b",
		"backslash":        `a\b`,
		"absolute":         "/etc/passwd",
		"10 KB":            strings.Repeat("a", 10<<10),
		"NUL":              valid[:10] + "\x00" + valid[11:],
		"upper case":       strings.ToUpper(valid),
		"one short":        valid[1:],
		"one long":         valid + "a",
		"traversal":        "../../../../" + valid[12:],
		"checksum file":    valid + ".sha256",
		"dot":              ".",
		"padding":          valid[:len(valid)-1] + "=",
		"non-ASCII":        valid[:len(valid)-3] + "あ",
		"URL-escaped dots": "%2e%2e%2f" + valid[9:],
	}
}

func testInvalidKeys(t *testing.T, s blob.Store) {
	ctx := t.Context()
	for name, key := range invalidKeys() {
		_, _, openErr := s.Open(ctx, key)
		_, statErr := s.Stat(ctx, key)
		deleteErr := s.Delete(ctx, key)
		for op, err := range map[string]error{"Open": openErr, "Stat": statErr, "Delete": deleteErr} {
			if !errors.Is(err, blob.ErrInvalidKey) {
				t.Errorf("%s(%s key): err = %v, want ErrInvalidKey", op, name, err)
			}
		}
	}
}

// testPutAs stores under a key drawn beforehand (the caller records it
// first, so a crash cannot leave an object nobody knows of) and refuses a
// key NewKey could not have produced, storing nothing.
func testPutAs(t *testing.T, s blob.Store) {
	data := content(3000)
	key := blob.NewKey()
	obj, err := s.PutAs(t.Context(), key, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("PutAs: %v", err)
	}
	if obj.Key != key {
		t.Fatalf("PutAs stored under %q, want %q", obj.Key, key)
	}
	readBack(t, s, blob.Object{Key: key, Size: int64(len(data)), SHA256: sha256Hex(data)}, data)
	for name, bad := range invalidKeys() {
		if _, err := s.PutAs(t.Context(), bad, bytes.NewReader(data), int64(len(data))); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("PutAs(%s key): err = %v, want ErrInvalidKey", name, err)
		}
	}
}

func testUnknownKey(t *testing.T, s blob.Store) {
	assertGone(t, s, blob.NewKey())
}

// assertGone checks that Open, Stat and Delete all say ErrNotFound, and that
// the web layer would answer it as a plain not-found.
func assertGone(t *testing.T, s blob.Store, key string) {
	t.Helper()
	ctx := t.Context()
	r, _, openErr := s.Open(ctx, key)
	if r != nil {
		_ = r.Close()
	}
	_, statErr := s.Stat(ctx, key)
	deleteErr := s.Delete(ctx, key)
	for op, err := range map[string]error{"Open": openErr, "Stat": statErr, "Delete": deleteErr} {
		if !errors.Is(err, blob.ErrNotFound) || !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("%s(%s): err = %v, want ErrNotFound and nintei.ErrNotFound", op, key, err)
		}
	}
}

func testDeleteThenOpen(t *testing.T, s blob.Store) {
	obj := put(t, s, content(1000))
	if err := s.Delete(t.Context(), obj.Key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	assertGone(t, s, obj.Key)
}

func testDistinctURLSafeKeys(t *testing.T, s blob.Store) {
	data := content(10)
	a, b := put(t, s, data), put(t, s, data)
	if a.Key == b.Key {
		t.Errorf("the same content twice got the same key %s", a.Key)
	}
	for _, key := range []string{a.Key, b.Key} {
		if !blob.ValidKey(key) || url.PathEscape(key) != key {
			t.Errorf("key %q is not a valid, URL-safe key", key)
		}
	}
}

func testConcurrentPuts(t *testing.T, s blob.Store) {
	const n = 50
	objs := make([]blob.Object, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			data := []byte(fmt.Sprintf("document %d\n%s", i, content(int64(1000*i))))
			objs[i], errs[i] = s.Put(t.Context(), bytes.NewReader(data), 1<<20)
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, obj := range objs {
		if errs[i] != nil {
			t.Fatalf("Put %d: %v", i, errs[i])
		}
		if seen[obj.Key] {
			t.Errorf("key %s given twice", obj.Key)
		}
		seen[obj.Key] = true
		readBack(t, s, obj, []byte(fmt.Sprintf("document %d\n%s", i, content(int64(1000*i)))))
	}
}
