package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// declaredCodes returns the values of the code constants declared in messages.go.
func declaredCodes(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != 1 || !strings.HasPrefix(spec.Names[0].Name, "code") {
			return true
		}
		if lit, ok := spec.Values[0].(*ast.BasicLit); ok {
			v, _ := strconv.Unquote(lit.Value)
			codes = append(codes, v)
		}
		return true
	})
	return codes
}

// TestEveryCodeHasMessages: a problem shown to the secretariat must read well in Japanese
// and English, and both must show the value when either does.
func TestEveryCodeHasMessages(t *testing.T) {
	codes := declaredCodes(t)
	if len(codes) != len(messages) {
		t.Errorf("%d codes declared, %d messages", len(codes), len(messages))
	}
	seen := map[string]bool{}
	for _, code := range codes {
		if seen[code] {
			t.Errorf("code %s declared twice", code)
		}
		seen[code] = true
		m, ok := messages[code]
		switch {
		case !strings.HasPrefix(code, "catalog."):
			t.Errorf("code %s lacks the catalog. prefix", code)
		case !ok || m.ja == "" || m.en == "":
			t.Errorf("code %s has no Japanese or English message", code)
		case strings.Contains(m.ja, "{v}") != strings.Contains(m.en, "{v}"):
			t.Errorf("code %s: only one language shows the value", code)
		}
	}
}

func TestMessages(t *testing.T) {
	p := Problem{Line: 12, Field: "items[3].answer.type", Code: codeItemUnknownType, Value: "foo"}
	tests := []struct{ got, want string }{
		{p.MessageEN(), `unknown answer type "foo"`},
		{p.MessageJA(), "不明な回答形式 「foo」 です"},
		{p.String(), `line 12: items[3].answer.type: unknown answer type "foo"`},
		{Problem{Code: "catalog.nope"}.MessageEN(), "problem catalog.nope"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
