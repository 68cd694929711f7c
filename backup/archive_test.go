package backup

import (
	"bytes"
	"crypto/rand"
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
