// Package backup writes and reads nintei's backup archive: one gzip-compressed
// tar file that holds manifest.json first, then the database (a SQLite file
// taken with VACUUM INTO, or a pg_dump in its custom format) and the evidence
// files of the directory blob store.
//
// The format is tar.gz rather than zip because it is written and read as one
// stream: the manifest comes first, so restore checks every file against it in
// a single pass while extracting, and a truncated archive is noticed at the
// file where it ends (a zip keeps its directory at the end, so a cut zip
// cannot even be listed). Operators can look inside with `tar tzf`.
package backup

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ManifestName is the first entry of every archive.
const ManifestName = "manifest.json"

// Names of the database inside an archive.
const (
	SQLiteName   = "nintei.db"
	PgDumpName   = "database.pgdump"
	FilesDirName = "files" // evidence files, laid out as in DATA_DIR/files
)

// FormatVersion is the archive layout this package writes and reads.
const FormatVersion = 1

// Manifest describes an archive: what made it and every file in it.
type Manifest struct {
	Format        int       `json:"format"`
	NinteiVersion string    `json:"nintei_version"`
	SchemaVersion int       `json:"schema_version"` // highest applied migration
	Database      string    `json:"database"`       // "sqlite" or "postgres"
	BlobBackend   string    `json:"blob_backend"`   // "dir" (files included) or "s3" (not included)
	CreatedAt     time.Time `json:"created_at"`
	Files         []File    `json:"files"`
}

// File is one file of the archive with the size and SHA-256 its content
// must have.
type File struct {
	Path   string `json:"path"` // slash-separated, relative
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Source is a local file to put into an archive under Path.
type Source struct {
	Path  string // name in the archive
	Local string // file on disk
}

// Write hashes every source, then writes m (with Files filled in) and the
// sources to w as tar.gz. A source whose content changes between hashing and
// writing fails the backup rather than producing an archive that does not
// match its own manifest.
func Write(w io.Writer, m Manifest, sources []Source) error {
	m.Format = FormatVersion
	m.Files = m.Files[:0]
	for _, s := range sources {
		if err := checkName(s.Path); err != nil {
			return err
		}
		size, sum, err := hashFile(s.Local)
		if err != nil {
			return fmt.Errorf("backup: %s: %w", s.Path, err)
		}
		m.Files = append(m.Files, File{Path: s.Path, Size: size, SHA256: sum})
	}
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeEntry(tw, ManifestName, int64(len(data)), m.CreatedAt, strings.NewReader(string(data))); err != nil {
		return err
	}
	for i, s := range sources {
		if err := writeSource(tw, s, m.Files[i], m.CreatedAt); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeSource(tw *tar.Writer, s Source, want File, modTime time.Time) error {
	f, err := os.Open(s.Local)
	if err != nil {
		return fmt.Errorf("backup: %s: %w", s.Path, err)
	}
	defer f.Close()
	h := sha256.New()
	if err := writeEntry(tw, s.Path, want.Size, modTime, io.TeeReader(f, h)); err != nil {
		return fmt.Errorf("backup: %s: %w (did it change during the backup?)", s.Path, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want.SHA256 {
		return fmt.Errorf("backup: %s changed during the backup; run it again", s.Path)
	}
	return nil
}

func writeEntry(tw *tar.Writer, name string, size int64, modTime time.Time, r io.Reader) error {
	hdr := &tar.Header{Name: name, Mode: 0o640, Size: size, ModTime: modTime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	n, err := io.Copy(tw, io.LimitReader(r, size))
	if err != nil {
		return err
	}
	if n != size {
		return fmt.Errorf("%d bytes instead of %d", n, size)
	}
	return nil
}

func hashFile(name string) (int64, string, error) {
	f, err := os.Open(name) // #nosec G304 -- files the backup itself lists (database copy, evidence store)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// checkName accepts only clean relative slash paths, so that extracting
// can never write outside the staging directory.
func checkName(name string) error {
	if name == "" || name == ManifestName || path.IsAbs(name) || path.Clean(name) != name ||
		name == ".." || strings.HasPrefix(name, "../") || strings.ContainsAny(name, "\\\x00") {
		return fmt.Errorf("backup: %q is not a file name an archive may hold", name)
	}
	return nil
}

// ErrDamaged is matched (errors.Is) by every error Extract returns because
// the archive is corrupt, truncated or not a nintei backup; the message names
// the file that is wrong.
var ErrDamaged = errors.New("backup archive is damaged")

type damaged struct{ msg string }

func (d *damaged) Error() string        { return d.msg }
func (d *damaged) Is(target error) bool { return target == ErrDamaged }

func damagedf(format string, args ...any) error { return &damaged{msg: fmt.Sprintf(format, args...)} }

// Extract reads an archive from r and writes every file into dir (which
// should be a fresh staging directory), checking each against the manifest
// as it goes: size, SHA-256, no file missing, none unexpected, no name twice.
// Nothing is trusted until Extract returns nil; on error the caller removes
// dir. Errors caused by the archive match ErrDamaged and name the file.
func Extract(r io.Reader, dir string) (Manifest, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return Manifest{}, damagedf("not a nintei backup archive (not gzip-compressed, or its first bytes are damaged): %v", err)
	}
	tr := tar.NewReader(gz)
	m, want, err := readManifest(tr)
	if err != nil {
		return m, err
	}
	seen := map[string]bool{}
	last := ManifestName
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return m, damagedf("the archive is truncated or damaged after %s: %v", last, err)
		}
		f, ok := want[hdr.Name]
		if !ok || seen[hdr.Name] || hdr.Typeflag != tar.TypeReg {
			return m, damagedf("%s: not listed in %s (or listed once and found twice): the archive was altered", hdr.Name, ManifestName)
		}
		seen[hdr.Name] = true
		if err := extractFile(tr, dir, f); err != nil {
			return m, err
		}
		last = hdr.Name
	}
	// Reading to the end checks gzip's own checksum and length trailer.
	if _, err := io.Copy(io.Discard, gz); err != nil { // #nosec G110 -- only the trailer is left: each file was read within its manifest size
		return m, damagedf("the archive's end (after %s) is damaged: %v", last, err)
	}
	var missing []string
	for _, f := range m.Files {
		if !seen[f.Path] {
			missing = append(missing, f.Path)
		}
	}
	if len(missing) > 0 {
		return m, damagedf("%d file(s) listed in %s are not in the archive (truncated?): %s", len(missing), ManifestName,
			strings.Join(first(missing, 5), ", "))
	}
	return m, nil
}

// readManifest reads the manifest, which must come first, checks its format
// and the names it lists, and returns the files it lists by path.
func readManifest(tr *tar.Reader) (Manifest, map[string]File, error) {
	var m Manifest
	hdr, err := tr.Next()
	if err != nil || hdr.Name != ManifestName {
		return m, nil, damagedf("%s is missing at the start of the archive: not a nintei backup, or damaged (%v)", ManifestName, err)
	}
	data, err := io.ReadAll(io.LimitReader(tr, 64<<20))
	if err != nil {
		return m, nil, damagedf("%s is truncated or damaged: %v", ManifestName, err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, nil, damagedf("%s is not valid: %v", ManifestName, err)
	}
	if m.Format != FormatVersion {
		return m, nil, damagedf("%s: archive format %d, this nintei reads format %d", ManifestName, m.Format, FormatVersion)
	}
	want := map[string]File{}
	for _, f := range m.Files {
		if err := checkName(f.Path); err != nil {
			return m, nil, damagedf("%s: %v", ManifestName, err)
		}
		want[f.Path] = f
	}
	return m, want, nil
}

func extractFile(r io.Reader, dir string, f File) error {
	local := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(local), 0o750); err != nil {
		return err
	}
	out, err := os.OpenFile(local, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- a name checked as safe under the restore directory
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), r)
	if cerr := out.Close(); err == nil && cerr != nil {
		return cerr
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return err // the disk, not the archive
		}
		return damagedf("%s: truncated or damaged in the archive after %d of %d bytes: %v", f.Path, n, f.Size, err)
	}
	if n != f.Size {
		return damagedf("%s: %d bytes in the archive, the manifest says %d", f.Path, n, f.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != f.SHA256 {
		return damagedf("%s: SHA-256 %s does not match the manifest's %s: the file is corrupt", f.Path, got, f.SHA256)
	}
	return nil
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

// DirSources lists every file under root as sources named prefix/… in
// lexical order, leaving out names that start with a dot (files still being
// written, write probes).
func DirSources(root, prefix string) ([]Source, error) {
	var out []Source
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		out = append(out, Source{Path: path.Join(prefix, filepath.ToSlash(rel)), Local: p})
		return nil
	})
	return out, err
}
