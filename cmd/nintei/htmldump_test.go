package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// NINTEI_HTML_DIR names a directory where the crawl writes every distinct
// page it reads, as the server sent it (not the DOM after scripts), for
// scripts/html-validate.sh to check with html-validate. Off by default.
var htmlDump struct {
	sync.Mutex
	seen map[[32]byte]bool
}

var unsafeNameRE = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// savePage writes body to NINTEI_HTML_DIR as ROLE__PATH.html; a body
// already written (the same page reached by two links) is skipped, and two
// different bodies for one name get a hash suffix so neither is lost.
func savePage(t testing.TB, role, page, body string) {
	dir := os.Getenv("NINTEI_HTML_DIR")
	if dir == "" {
		return
	}
	sum := sha256.Sum256([]byte(body))
	htmlDump.Lock()
	defer htmlDump.Unlock()
	if htmlDump.seen == nil {
		htmlDump.seen = map[[32]byte]bool{}
	}
	if htmlDump.seen[sum] {
		return
	}
	htmlDump.seen[sum] = true
	name := role + "__" + strings.Trim(unsafeNameRE.ReplaceAllString(page, "_"), "_")
	if len(name) > 150 {
		name = name[:150]
	}
	file := filepath.Join(dir, name+".html")
	if _, err := os.Stat(file); err == nil {
		file = filepath.Join(dir, name+"-"+hex.EncodeToString(sum[:4])+".html")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
