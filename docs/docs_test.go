package docs

import (
	"os"
	"testing"
)

// Every generated document is in step with the tables it is drawn from.
func TestGeneratedDocsInStep(t *testing.T) {
	for name, gen := range Files {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != gen() {
			t.Errorf("docs/%s is out of date: run `go run ./cmd/gendocs`", name)
		}
	}
}
