package blob

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"time"
)

// Sweep implements Sweeper. It removes temporary files of uploads that never
// finished (a crash, a kill) and checksum files whose object is gone (a crash
// between the two steps of Put or Delete), if they were last modified before
// olderThan. Objects and unknown files are never touched.
func (d *Dir) Sweep(ctx context.Context, olderThan time.Time) (int, error) {
	removed := 0
	err := fs.WalkDir(d.root.FS(), ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.IsDir() || !d.isLeftover(name, e, olderThan) {
			return nil
		}
		if err := d.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removed++
		return nil
	})
	return removed, err
}

// isLeftover reports whether the file name is a stale temporary file or a
// stale checksum file without its object.
func (d *Dir) isLeftover(name string, e fs.DirEntry, olderThan time.Time) bool {
	base := e.Name()
	isTemp := strings.HasPrefix(base, tempPrefix)
	key, isSum := strings.CutSuffix(base, sumSuffix)
	if !isTemp && !(isSum && ValidKey(key)) {
		return false
	}
	info, err := e.Info()
	if err != nil || !info.Mode().IsRegular() || !info.ModTime().Before(olderThan) {
		return false
	}
	if isTemp {
		return true
	}
	_, err = d.root.Lstat(contentPath(key))
	return errors.Is(err, fs.ErrNotExist)
}
