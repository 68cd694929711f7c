// Command gendocs writes the documents generated from the program's tables
// (package docs: docs/lifecycle.md from the two state tables, docs/access.md
// from the policy). Tests fail when a document is out of step; run
// `go run ./cmd/gendocs` from the module root to refresh them.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"nintei/docs"
)

func main() {
	for name, gen := range docs.Files {
		if err := os.WriteFile(filepath.Join("docs", name), []byte(gen()), 0o644); err != nil { // #nosec G306 -- docs/ is source, readable by all
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}
