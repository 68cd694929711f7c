package blob_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nintei/internal/blob"
	"nintei/internal/blob/blobtest"
)

// newDir opens a Dir in a fresh temporary directory, closed at the end.
func newDir(t testing.TB) (*blob.Dir, string) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "blobs")
	d, err := blob.NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d, root
}

func TestDirContract(t *testing.T) {
	blobtest.TestStoreContract(t, func(t *testing.T) blob.Store {
		d, _ := newDir(t)
		return d
	})
}

// files lists the regular files under root, relative to it.
func files(t *testing.T, root string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(root, path)
			names = append(names, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestDirLeavesNothingBehind checks that every failed Put removes its
// temporary file, whatever made it fail.
func TestDirLeavesNothingBehind(t *testing.T) {
	broken := errors.New("connection reset")
	tests := map[string]func(ctx context.Context, cancel context.CancelFunc) (io.Reader, int64){
		"over the limit by one": func(context.Context, context.CancelFunc) (io.Reader, int64) {
			return blobtest.Pattern(4097), 4096
		},
		"far over the limit": func(context.Context, context.CancelFunc) (io.Reader, int64) {
			return blobtest.Pattern(10 << 20), 1 << 20
		},
		"cancelled mid-stream": func(_ context.Context, cancel context.CancelFunc) (io.Reader, int64) {
			return blobtest.CancelAfter(blobtest.Pattern(1<<20), 300_000, cancel), 1 << 20
		},
		"cancelled while blocked": func(ctx context.Context, cancel context.CancelFunc) (io.Reader, int64) {
			blocked := make(chan struct{})
			go func() { <-blocked; cancel() }()
			return blobtest.BlockAfter(ctx, blobtest.Pattern(1<<20), 300_000, blocked), 1 << 20
		},
		"reader fails": func(context.Context, context.CancelFunc) (io.Reader, int64) {
			return blobtest.FailAfter(blobtest.Pattern(1<<20), 300_000, broken), 1 << 20
		},
	}
	for name, makeReader := range tests {
		t.Run(name, func(t *testing.T) {
			d, root := newDir(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			r, limit := makeReader(ctx, cancel)
			if _, err := d.Put(ctx, r, limit); err == nil {
				t.Fatal("Put succeeded")
			}
			if got := files(t, root); len(got) != 0 {
				t.Errorf("left behind: %v", got)
			}
		})
	}
}

func TestDirLayout(t *testing.T) {
	d, root := newDir(t)
	obj, err := d.Put(t.Context(), strings.NewReader("情報セキュリティ基本方針"), 1000)
	if err != nil {
		t.Fatal(err)
	}
	k := obj.Key
	content := filepath.Join(root, k[0:2], k[2:4], k)
	if got, want := files(t, root), []string{rel(root, content), rel(root, content) + ".sha256"}; !equal(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}
	assertMode(t, content, 0o640)
	assertMode(t, content+".sha256", 0o640)
	for _, dir := range []string{root, filepath.Dir(content), filepath.Dir(filepath.Dir(content))} {
		fi, err := os.Stat(dir)
		if err != nil || fi.Mode().Perm()&0o027 != 0 {
			t.Errorf("%s: mode %v, %v; want no group write, nothing for others", dir, fi.Mode(), err)
		}
	}
	sum, _ := os.ReadFile(content + ".sha256")
	if got, want := string(sum), obj.SHA256+"  "+k+"\n"; got != want {
		t.Errorf("checksum file = %q, want %q (sha256sum format)", got, want)
	}
}

func rel(root, path string) string { r, _ := filepath.Rel(root, path); return r }

func equal(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

func assertMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s: mode %v, want %v", path, got, want)
	}
}

func TestNewDirRefusesAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if d, err := blob.NewDir(path); err == nil {
		d.Close()
		t.Error("NewDir on a regular file succeeded")
	}
	if _, err := blob.NewDir(""); err == nil {
		t.Error("NewDir with an empty root succeeded")
	}
}

// TestDirSymlinkCannotEscape plants a fan-out directory that is a symbolic
// link to a directory outside the store, holding a well-formed object: the
// store must not serve it.
func TestDirSymlinkCannotEscape(t *testing.T) {
	d, root := newDir(t)
	outside := t.TempDir()
	key := blob.NewKey()
	if err := os.MkdirAll(filepath.Join(outside, key[2:4]), 0o750); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(outside, key[2:4], key)
	os.WriteFile(target, []byte("secret"), 0o640)
	sum := strings.Repeat("0", 64) + "  " + key + "\n"
	os.WriteFile(target+".sha256", []byte(sum), 0o640)
	if err := os.Symlink(outside, filepath.Join(root, key[0:2])); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r, _, err := d.Open(t.Context(), key)
	if err == nil {
		r.Close()
		t.Fatal("Open followed a symbolic link out of the store")
	}
	if !strings.Contains(err.Error(), "escapes") {
		t.Errorf("err = %v, want os.Root's path escapes from parent", err)
	}
}

// TestDirDamagedChecksum: content without its checksum file cannot come from
// Put or Delete, so it is reported as damage rather than as a missing object.
func TestDirDamagedChecksum(t *testing.T) {
	d, root := newDir(t)
	obj, err := d.Put(t.Context(), strings.NewReader("x"), 10)
	if err != nil {
		t.Fatal(err)
	}
	k := obj.Key
	os.Remove(filepath.Join(root, k[0:2], k[2:4], k+".sha256"))
	_, err = d.Stat(t.Context(), k)
	if err == nil || errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Stat without checksum: err = %v, want a damage error", err)
	}
}

// TestDirDeleteRemovesOrphanChecksum: Delete of an object whose content a
// crash already removed says ErrNotFound and removes the checksum left alone.
func TestDirDeleteRemovesOrphanChecksum(t *testing.T) {
	d, root := newDir(t)
	obj, err := d.Put(t.Context(), strings.NewReader("x"), 10)
	if err != nil {
		t.Fatal(err)
	}
	k := obj.Key
	os.Remove(filepath.Join(root, k[0:2], k[2:4], k))
	if err := d.Delete(t.Context(), k); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Delete: err = %v, want ErrNotFound", err)
	}
	if got := files(t, root); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}
