package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// declaredCodes returns the values of the code constants declared in codes.go.
func declaredCodes(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "codes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != 1 || !strings.HasPrefix(spec.Names[0].Name, "code") {
			return true
		}
		if lit, ok := spec.Values[0].(*ast.BasicLit); ok {
			v, _ := strconv.Unquote(lit.Value)
			out = append(out, v)
		}
		return true
	})
	return out
}

// TestCodesListsEveryCode: Codes is what the message catalog is checked
// against (internal/i18n), so it must name every declared code, once, each
// with the catalog. prefix.
func TestCodesListsEveryCode(t *testing.T) {
	declared := declaredCodes(t)
	listed := Codes()
	slices.Sort(declared)
	slices.Sort(listed)
	if !slices.Equal(declared, listed) {
		t.Errorf("Codes() = %v\ndeclared %v", listed, declared)
	}
	if len(slices.Compact(listed)) != len(Codes()) {
		t.Errorf("a code is declared twice")
	}
	for _, code := range declared {
		if !strings.HasPrefix(code, "catalog.") {
			t.Errorf("code %s lacks the catalog. prefix", code)
		}
	}
}

func TestProblemText(t *testing.T) {
	p := Problem{Line: 12, Field: "items[3].answer.type", Code: codeItemUnknownType, Value: "foo"}
	if got, want := p.String(), `line 12: items[3].answer.type: catalog.item.unknown_type "foo"`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if p.MessageKey() != p.Code || p.MessageArgs()["Value"] != "foo" {
		t.Errorf("message = %s %v", p.MessageKey(), p.MessageArgs())
	}
}
