// Command genport writes store/ports_gen.go and store/ports_*_gen.go: the
// interfaces store.Queries (one embedded interface per adapter file),
// store.Store and store.Tx, read from the exported methods of sqlstore's
// Store and Tx, so that the use cases in package service depend on the port
// (package store) and not on the SQL adapter. Run it from anywhere in the
// module after adding or changing a method of sqlstore:
//
//	go generate ./store    (or: go run ./tools/genport)
//
// A type that a method takes or returns must be defined in package store
// (sqlstore keeps an alias, `type X = store.X`); genport stops with a message
// naming any that is not. A test fails when the file is out of date.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root, err := moduleRoot()
	if err == nil {
		var files map[string][]byte
		if files, err = Generate(root); err == nil {
			err = write(filepath.Join(root, OutDir), files)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genport:", err)
		os.Exit(1)
	}
}

// write replaces the generated files in dir with files, removing those
// that are no longer generated (an adapter file renamed or emptied).
func write(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if _, kept := files[e.Name()]; IsGenerated(e.Name()) && !kept {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil { // #nosec G306 -- store/ is source, readable by all
			return err
		}
	}
	return nil
}

// moduleRoot is the nearest directory at or above the working directory
// holding go.mod, so that `go generate` (run in store/) and `go run` (run at
// the root) write the same file.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
