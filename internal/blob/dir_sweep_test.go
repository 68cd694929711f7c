package blob_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nintei/internal/blob"
)

func TestDirSweep(t *testing.T) {
	d, root := newDir(t)
	kept, err := d.Put(t.Context(), strings.NewReader("kept"), 100)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	old := now.Add(-2 * time.Hour)
	orphan := blob.NewKey()
	staleTemp := write(t, root, "ab/cd/.put-stale", old)
	freshTemp := write(t, root, "ab/cd/.put-fresh", now)
	orphanSum := write(t, root, filepath.Join(orphan[0:2], orphan[2:4], orphan+".sha256"), old)
	stranger := write(t, root, "ab/cd/notes.txt", old)
	keptDir := filepath.Join(root, kept.Key[0:2], kept.Key[2:4])
	for _, name := range []string{kept.Key, kept.Key + ".sha256"} {
		os.Chtimes(filepath.Join(keptDir, name), old, old)
	}

	removed, err := d.Sweep(t.Context(), now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := removed, 2; got != want {
		t.Errorf("removed %d, want %d", got, want)
	}
	for path, want := range map[string]bool{staleTemp: false, orphanSum: false, freshTemp: true, stranger: true} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s exists = %t, want %t", path, err == nil, want)
		}
	}
	if _, err := d.Stat(t.Context(), kept.Key); err != nil {
		t.Errorf("swept a live object: %v", err)
	}
}

// write creates root/name with the given modification time.
func write(t *testing.T, root, name string, mtime time.Time) string {
	t.Helper()
	path := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("x"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDirSweepStopsWhenCancelled(t *testing.T) {
	d, root := newDir(t)
	write(t, root, "ab/cd/.put-stale", time.Now().Add(-2*time.Hour))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := d.Sweep(ctx, time.Now()); err == nil {
		t.Error("Sweep with a cancelled context succeeded")
	}
}
