package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// archiveOf writes a database-like file (random, so it does not compress and
// fills most of the archive) and two small evidence files.
func archiveOf(t *testing.T) ([]byte, []Source) {
	t.Helper()
	dir := t.TempDir()
	db := make([]byte, 256<<10)
	rand.Read(db)
	files := map[string][]byte{"nintei.db": db, "files/ab/cd/abcd": []byte("%PDF-1.4 evidence"), "files/ab/cd/abcd.sha256": []byte("x  abcd\n")}
	var srcs []Source
	for _, name := range []string{"nintei.db", "files/ab/cd/abcd", "files/ab/cd/abcd.sha256"} {
		local := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(local), 0o750)
		if err := os.WriteFile(local, files[name], 0o640); err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, Source{Path: name, Local: local})
	}
	var buf bytes.Buffer
	if err := Write(&buf, Manifest{NinteiVersion: "test", SchemaVersion: 13, Database: "sqlite"}, srcs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), srcs
}

func TestArchiveRoundTrip(t *testing.T) {
	data, srcs := archiveOf(t)
	dir := t.TempDir()
	m, err := Extract(bytes.NewReader(data), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 3 || m.SchemaVersion != 13 || m.Files[0].Path != "nintei.db" {
		t.Errorf("manifest = %+v", m)
	}
	for _, s := range srcs {
		want, _ := os.ReadFile(s.Local)
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(s.Path)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs after extraction (%v)", s.Path, err)
		}
	}
}

// A flipped byte inside the database's part of the archive is refused, and
// the message names nintei.db.
func TestArchiveFlippedByteNamesTheFile(t *testing.T) {
	data, _ := archiveOf(t)
	bad := bytes.Clone(data)
	bad[len(bad)/2] ^= 0x01
	_, err := Extract(bytes.NewReader(bad), t.TempDir())
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "nintei.db") {
		t.Fatalf("err = %v, want a damaged archive naming nintei.db", err)
	}
}

func TestArchiveTruncatedNamesTheFile(t *testing.T) {
	data, _ := archiveOf(t)
	cases := map[string]struct {
		cut  int
		want string
	}{
		"inside the database": {len(data) / 2, "nintei.db"},
		"just before the end": {len(data) - 30, "files/ab/cd/abcd"},
		"empty":               {0, "not a nintei backup"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Extract(bytes.NewReader(data[:c.cut]), t.TempDir())
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a damaged archive naming %q", err, c.want)
			}
		})
	}
}

func TestArchiveRefusesUnsafeNames(t *testing.T) {
	for _, name := range []string{"../etc/passwd", "/abs", "a/../../b", "manifest.json", ""} {
		if err := checkName(name); err == nil {
			t.Errorf("checkName(%q) = nil, want an error", name)
		}
	}
}

// rawArchive writes a tar.gz with the given manifest and entries as they
// are, to build archives Write would never produce.
func rawArchive(t *testing.T, m Manifest, entries map[string]string, order []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	data, _ := json.Marshal(m)
	add := func(name string, body []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o640, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(body)
	}
	add(ManifestName, data)
	for _, name := range order {
		add(name, []byte(entries[name]))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func TestArchiveMissingOrUnlistedFileIsNamed(t *testing.T) {
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	m := Manifest{Format: FormatVersion, Files: []File{{Path: "nintei.db", Size: 2, SHA256: sum("db")},
		{Path: "files/ab/cd/abcd", Size: 3, SHA256: sum("pdf")}}}
	cases := map[string]struct {
		order []string
		want  string
	}{
		"missing":  {[]string{"nintei.db"}, "files/ab/cd/abcd"},
		"unlisted": {[]string{"nintei.db", "files/ab/cd/abcd", "files/zz/zz/zzzz"}, "files/zz/zz/zzzz: not listed"},
		"twice":    {[]string{"nintei.db", "nintei.db"}, "nintei.db: not listed"},
	}
	entries := map[string]string{"nintei.db": "db", "files/ab/cd/abcd": "pdf", "files/zz/zz/zzzz": "evil"}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Extract(bytes.NewReader(rawArchive(t, m, entries, c.order)), t.TempDir())
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want a damaged archive naming %q", err, c.want)
			}
		})
	}
	if _, err := Extract(bytes.NewReader(rawArchive(t, m, entries, []string{"nintei.db", "files/ab/cd/abcd"})), t.TempDir()); err != nil {
		t.Errorf("complete archive: %v", err)
	}
}
