package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The port's files in store/ are in step with sqlstore's methods, and no
// generated file is left over from an adapter file that is gone.
func TestPortsInStep(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, OutDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := want[e.Name()]; IsGenerated(e.Name()) && !ok {
			t.Errorf("%s is left over: run `go generate ./store`", e.Name())
		}
	}
	for name, src := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("%s is out of date or missing: run `go generate ./store` (or `go run ./tools/genport`)", name)
		}
	}
}

// adapter copies testdata/adapter (a small stand-in for sqlstore, kept as
// .go.txt so that no tool builds it) into a temporary directory as Go files,
// with the extra files named.
//
// The stand-in's file joins areas for the test's duration.
func adapter(t *testing.T, extra ...string) string {
	t.Helper()
	saved := areas
	areas = append(areas[:len(areas):len(areas)], struct {
		file     string
		adapters []string
	}{"ports_testing_gen.go", []string{"adapter.go"}})
	t.Cleanup(func() { areas = saved })
	dir := t.TempDir()
	for _, name := range append([]string{"adapter.go.txt"}, extra...) {
		data, err := os.ReadFile(filepath.Join("testdata", "adapter", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".txt")), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The port has the adapter's exported methods, shared ones once, with *Tx
// and *Store turned into the interfaces and aliases into store's names.
func TestGenerateRewritesTheAdapter(t *testing.T) {
	files, err := generate(adapter(t), "example/store")
	if err != nil {
		t.Fatal(err)
	}
	got := string(files[OutFile]) + string(files["ports_testing_gen.go"])
	for _, want := range []string{
		"type Queries interface {\n\tAdapterQueries\n}",
		"type AdapterQueries interface {\n\t// Record finds a record.\n\tRecord(ctx context.Context, id int64) (Record, error)",
		"Records(ctx context.Context, ids ...int64) (map[int64][]*Record, error)\n}",
		"type Store interface {\n\tQueries\n\n\t// InTx runs fn in a transaction.\n\tInTx(ctx context.Context, fn func(tx Tx) error) error\n}",
		"type Tx interface {\n\tQueries\n\n\t// Save writes a record.\n\tSave(ctx context.Context, r Record, at time.Time) (id int64, err error)\n}",
		"import (\n\t\"context\"\n\t\"time\"\n)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("generated port lacks\n%s\n--- got:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"Close", "hidden", "example/store"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("generated port has %q:\n%s", unwanted, got)
		}
	}
}

// A method naming a type defined in the adapter stops the generator with a
// message that says what to do.
func TestGenerateNamesTypesToMove(t *testing.T) {
	_, err := generate(adapter(t, "draft.go.txt"), "example/store")
	if err == nil || !strings.Contains(err.Error(), "defined in sqlstore: Draft;") ||
		!strings.Contains(err.Error(), "`type X = store.X`") {
		t.Fatalf("err = %v, want one naming Draft and the alias to leave", err)
	}
}

// An adapter file in no area stops the generator with a message that says
// where to add it.
func TestGenerateNamesFilesInNoArea(t *testing.T) {
	dir := adapter(t)
	areas = areas[:len(areas)-1]
	_, err := generate(dir, "example/store")
	if err == nil || !strings.Contains(err.Error(), "adapter.go declares queries but is in no area") {
		t.Fatalf("err = %v, want one naming adapter.go", err)
	}
}
