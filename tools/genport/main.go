// Command genport writes store/ports_gen.go: the interfaces store.Queries,
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
		var src []byte
		if src, err = Generate(root); err == nil {
			err = os.WriteFile(filepath.Join(root, OutFile), src, 0o644) // #nosec G306 -- store/ is source, readable by all
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genport:", err)
		os.Exit(1)
	}
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
