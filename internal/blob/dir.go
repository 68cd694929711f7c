package blob

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Permissions of what Dir creates: the nintei process (owner) reads and
// writes, an operator's group (backups) reads, nobody else sees anything.
const (
	dirMode  fs.FileMode = 0o750
	fileMode fs.FileMode = 0o640
)

// Names inside a Dir besides the objects themselves.
const (
	// tempPrefix starts every file that is still being written. The dot
	// hides it from a plain ls and no key can start with it.
	tempPrefix = ".put-"
	// sumSuffix ends the checksum file kept next to each object, in the
	// format of sha256sum, so an operator can check a file with
	// `sha256sum -c KEY.sha256`.
	sumSuffix = ".sha256"
)

// Dir is a Store in a local directory, for a single instance of nintei.
//
// Objects are fanned out by key prefix (root/ab/cd/abcd…) so no directory
// grows beyond a few entries. Each object is a plain file with its content,
// plus KEY.sha256 next to it. All access goes through an os.Root, so even a
// symbolic link planted in the tree cannot lead outside it.
type Dir struct {
	root *os.Root
}

var (
	_ Store   = (*Dir)(nil)
	_ Sweeper = (*Dir)(nil)
)

// NewDir opens the store at root, creating the directory (0750) if needed.
// It checks that it can write there, so a misconfigured path fails at start
// rather than at an applicant's first upload. Close releases it.
func NewDir(root string) (*Dir, error) {
	if root == "" {
		return nil, errors.New("blob: NewDir: empty root")
	}
	if err := os.MkdirAll(root, dirMode); err != nil {
		return nil, fmt.Errorf("blob: NewDir: %w", err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("blob: NewDir: %w", err)
	}
	d := &Dir{root: r}
	if err := d.probe(); err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("blob: NewDir: %s is not writable: %w", root, err)
	}
	return d, nil
}

// probe creates and removes a temporary file at the top of the tree.
func (d *Dir) probe() error {
	name, f, err := d.createTemp(".")
	if err != nil {
		return err
	}
	closeErr := f.Close()
	if err := d.root.Remove(name); err != nil {
		return err
	}
	return closeErr
}

// Close releases the directory handle. The Dir must not be used afterwards.
func (d *Dir) Close() error { return d.root.Close() }

// fanout is the directory of key: two levels of 1,024 entries each, so that
// a million objects leave about one file per directory.
func fanout(key string) string { return filepath.Join(key[0:2], key[2:4]) }

func contentPath(key string) string { return filepath.Join(fanout(key), key) }

func sumPath(key string) string { return contentPath(key) + sumSuffix }

// Stat implements Store.
func (d *Dir) Stat(ctx context.Context, key string) (Object, error) {
	return d.stat(ctx, "stat", key)
}

// stat describes the object under key; op names the caller's operation in
// errors.
func (d *Dir) stat(ctx context.Context, op, key string) (Object, error) {
	if err := checkKey(ctx, op, key); err != nil {
		return Object{}, err
	}
	sum, err := d.readSum(op, key)
	if err != nil {
		return Object{}, err
	}
	fi, err := d.root.Stat(contentPath(key))
	if err != nil {
		return Object{}, pathError(op, key, err)
	}
	if !fi.Mode().IsRegular() {
		return Object{}, fmt.Errorf("blob: %s %s: not a regular file", op, key)
	}
	return Object{Key: key, Size: fi.Size(), SHA256: sum}, nil
}

// Open implements Store. The Reader is the *os.File itself, opened read-only.
func (d *Dir) Open(ctx context.Context, key string) (Reader, Object, error) {
	obj, err := d.stat(ctx, "open", key)
	if err != nil {
		return nil, Object{}, err
	}
	f, err := d.root.Open(contentPath(key))
	if err != nil {
		return nil, Object{}, pathError("open", key, err)
	}
	return f, obj, nil
}

// Delete implements Store. The content goes first: once it is gone the
// object is gone, and a checksum file left by a crash here is swept later.
// If the content cannot be removed, its checksum stays with it.
func (d *Dir) Delete(ctx context.Context, key string) error {
	if err := checkKey(ctx, "delete", key); err != nil {
		return err
	}
	contentErr := d.root.Remove(contentPath(key))
	if contentErr != nil && !errors.Is(contentErr, fs.ErrNotExist) {
		return pathError("delete", key, contentErr)
	}
	// Also when the content was missing: a checksum alone is a leftover.
	if err := d.root.Remove(sumPath(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return pathError("delete", key, err)
	}
	return pathError("delete", key, contentErr)
}

// checkKey refuses a cancelled context and a key this store cannot have made.
func checkKey(ctx context.Context, op, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !ValidKey(key) {
		return keyError(op, key, ErrInvalidKey)
	}
	return nil
}

// pathError maps "no such file" to ErrNotFound and keeps the rest as they
// are; it returns nil for a nil err.
func pathError(op, key string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return keyError(op, key, ErrNotFound)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}

// readSum reads the checksum file of key. A missing checksum with the
// content present cannot come from Put or Delete (Put writes the checksum
// first, Delete removes the content first), so it is reported as damage, not
// as a missing object.
func (d *Dir) readSum(op, key string) (string, error) {
	b, err := d.root.ReadFile(sumPath(key))
	if errors.Is(err, fs.ErrNotExist) {
		if _, statErr := d.root.Stat(contentPath(key)); statErr == nil {
			return "", fmt.Errorf("blob: %s %s: checksum file missing", op, key)
		}
	}
	if err != nil {
		return "", pathError(op, key, err)
	}
	sum, name, ok := strings.Cut(strings.TrimSuffix(string(b), "\n"), "  ")
	if !ok || name != key || !isHexSHA256(sum) {
		return "", fmt.Errorf("blob: %s %s: malformed checksum file", op, key)
	}
	return sum, nil
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	return strings.Trim(s, "0123456789abcdef") == ""
}
