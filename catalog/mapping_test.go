package catalog

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func demoEditions(t *testing.T) (*Edition, *Edition, []byte) {
	t.Helper()
	old, err := DefaultEdition()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../tools/demo/editions/iaas-paas-iot-2018-draft2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	next, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := os.ReadFile("../tools/demo/editions/iaas-paas-iot-2018-draft2.mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return old, next, m
}

func TestParseMappingDemo(t *testing.T) {
	old, next, data := demoEditions(t)
	m, err := ParseMapping(data, old, next)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := m.RowFor("IPIOT-048b")
	if !ok || r.Kind != MapSplit || !slices.Equal(r.From, []string{"IPIOT-048"}) {
		t.Errorf("IPIOT-048b row = %+v", r)
	}
	if r, _ := m.RowFrom("IPIOT-034"); r.Kind != MapMerged || r.To[0] != "IPIOT-033" {
		t.Errorf("IPIOT-034 row = %+v", r)
	}
	from, to, err := MappingHeader(data)
	if err != nil || from != old.ID || to != next.ID {
		t.Errorf("header = %s %s %v", from, to, err)
	}
}

// TestParseMappingStrict: every old item must be accounted for, every new
// item reached or declared new, IDs must exist, arities fit the kind, and
// each problem names its line.
func TestParseMappingStrict(t *testing.T) {
	old, next, data := demoEditions(t)
	bad := strings.Replace(string(data), "  - {kind: kept, from: IPIOT-001, to: IPIOT-001}\n", "", 1)
	bad = strings.Replace(bad, "{kind: new, to: IPIOT-066", "{kind: new, to: IPIOT-999", 1)
	bad = strings.Replace(bad, "{kind: kept, from: IPIOT-002, to: IPIOT-002}", "{kind: splt, from: IPIOT-002, to: IPIOT-002}", 1)
	bad = strings.Replace(bad, "{kind: kept, from: IPIOT-003, to: IPIOT-003}", "{kind: merged, from: IPIOT-003, to: IPIOT-003}", 1)
	bad = strings.Replace(bad, "{kind: kept, from: IPIOT-005, to: IPIOT-005}", "{kind: kept, from: IPIOT-004, to: IPIOT-005}", 1)
	_, err := ParseMapping([]byte(bad), old, next)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	want := map[string]string{
		codeMapFromMissing: "IPIOT-001", codeMapToMissing: "IPIOT-066", codeMapUnknownTo: "IPIOT-999",
		codeMapKindUnknown: "splt", codeMapArity: "merged", codeMapFromTwice: "IPIOT-004",
	}
	for code, value := range want {
		if !slices.ContainsFunc(ve.Problems, func(p Problem) bool { return p.Code == code && p.Value == value && p.Line > 0 }) {
			t.Errorf("no %s %s in\n%v", code, value, ve)
		}
	}
	if _, err := ParseMapping(data, next, old); err == nil {
		t.Error("a mapping for other editions was accepted")
	}
}

func TestDiffDemo(t *testing.T) {
	old, next, data := demoEditions(t)
	m, err := ParseMapping(data, old, next)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[MapKind]int{}
	wording := 0
	for _, r := range Diff(old, next, m) {
		if r.Changed() {
			counts[r.Kind]++
		}
		if r.Wording {
			wording++
		}
	}
	if counts[MapMerged] != 1 || counts[MapSplit] != 1 || counts[MapNew] != 1 || counts[MapKept] != 1 || wording != 1 {
		t.Errorf("changed rows = %v, wording %d", counts, wording)
	}
	byID := Diff(old, next, nil)
	n := 0
	for _, r := range byID {
		if r.Kind == MapRemoved || r.Kind == MapNew {
			n++
		}
	}
	if n != 5 { // 034 and 048 removed; 048a, 048b, 066 new
		t.Errorf("by ID: %d added or removed", n)
	}
}
