package ops

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"nintei/internal/i18n"
)

// actionSites reads the service's source and returns every action name an
// audit event is written with: literals, and prefixes of families
// ("application." + the event). An action held in a variable is followed to
// the literals assigned to it, or, for a parameter, to the callers' arguments.
func actionSites(t *testing.T) (literals, prefixes map[string]string) {
	t.Helper()
	fset := token.NewFileSet()
	// the whole service: the facade and every area
	names, _ := filepath.Glob("../*.go")
	areas, _ := filepath.Glob("../*/*.go")
	names = append(names, areas...)
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	literals, prefixes = map[string]string{}, map[string]string{}
	wrappers := map[string]int{"Event": 1} // function → index of its action argument
	var read func(fn *ast.FuncDecl, e ast.Expr, at string)
	read = func(fn *ast.FuncDecl, e ast.Expr, at string) {
		switch x := e.(type) {
		case *ast.BasicLit:
			s, _ := strconv.Unquote(x.Value)
			literals[s] = at
		case *ast.BinaryExpr:
			if lit, ok := x.X.(*ast.BasicLit); ok && x.Op == token.ADD {
				s, _ := strconv.Unquote(lit.Value)
				prefixes[s] = at
				return
			}
			t.Errorf("%s: cannot read the action %T", at, x.X)
		case *ast.Ident:
			if i := paramIndex(fn, x.Name); i >= 0 {
				wrappers[fn.Name.Name] = i
				return
			}
			found := false
			ast.Inspect(fn, func(n ast.Node) bool {
				if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
					if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name == x.Name {
						found = true
						read(fn, as.Rhs[0], at)
					}
				}
				return true
			})
			if !found {
				t.Errorf("%s: cannot follow the action %s", at, x.Name)
			}
		default:
			t.Errorf("%s: cannot read the action %T", at, e)
		}
	}
	for range 2 { // the second pass reads the callers of wrappers found in the first
		for _, f := range files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					name := ""
					switch f := call.Fun.(type) {
					case *ast.Ident:
						name = f.Name
					case *ast.SelectorExpr:
						name = f.Sel.Name
					}
					if i, ok := wrappers[name]; ok && i < len(call.Args) {
						read(fn, call.Args[i], fset.Position(call.Pos()).String())
					}
					return true
				})
			}
		}
	}
	return literals, prefixes
}

func paramIndex(fn *ast.FuncDecl, name string) int {
	i := 0
	for _, f := range fn.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == name {
				return i
			}
			i++
		}
	}
	return -1
}

// applicationEvents are the constants of type Event in package application.
func applicationEvents(t *testing.T) []string {
	t.Helper()
	pkgs, err := filepath.Glob("../../application/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range pkgs {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "Event" && len(vs.Values) == 1 {
					if lit, ok := vs.Values[0].(*ast.BasicLit); ok {
						s, _ := strconv.Unquote(lit.Value)
						out = append(out, s)
					}
				}
			}
			return true
		})
	}
	return out
}

// Every action the service writes to the audit trail is listed in
// AuditActions and has a label in both languages, so that the audit log
// never shows an internal action name.
func TestAuditActionsAllLabelled(t *testing.T) {
	literals, prefixes := actionSites(t)
	if len(literals) < 40 || len(prefixes) < 5 {
		t.Fatalf("found %d literal actions and %d families: the source reader is broken", len(literals), len(prefixes))
	}
	all := AuditActions()
	for a, at := range literals {
		if !slices.Contains(all, a) {
			t.Errorf("%s: action %q is not in auditActions", at, a)
		}
	}
	families := auditFamilies()
	for p, at := range prefixes {
		if _, ok := families[p]; !ok {
			t.Errorf("%s: action family %q… is not in auditFamilies", at, p)
		}
	}
	for _, ev := range applicationEvents(t) {
		if !slices.Contains(families["application."], ev) {
			t.Errorf("application event %q is missing from the application. family", ev)
		}
	}
	msgs := i18n.MustLoad()
	for _, a := range all {
		if kind, _, _ := strings.Cut(a, "."); !msgs.Has("audit.kind." + kind) {
			t.Errorf("%s: its kind has no label (audit.kind.%s)", a, kind)
		}
		key := "audit.action." + a
		for _, l := range i18n.Langs {
			if !msgs.Has(key) || msgs.T(l, key, nil) == key {
				t.Errorf("%s has no label in %s (%s)", a, l, key)
			}
		}
	}
}
