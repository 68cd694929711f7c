package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/types"
	"path"
	"regexp"
	"slices"
	"strings"
)

// renderer writes method signatures as package store sees them: the
// adapter's *Store and *Tx become the interfaces Store and Tx, its aliases of
// store types become their names, other packages keep their qualifiers (and
// are imported).
type renderer struct {
	p       *pkg
	store   string            // import path of package store
	imports map[string]string // import path → name used
	missing map[string]bool   // adapter types that are not aliases of store types
}

func (r *renderer) writeInterface(b *bytes.Buffer, name, doc string, embeds []string, methods []method) error {
	fmt.Fprintf(b, "%s\ntype %s interface {\n", doc, name)
	for _, e := range embeds {
		fmt.Fprintf(b, "\t%s\n", e)
	}
	for i, m := range methods {
		sig, err := r.signature(m.decl.Type, m.file)
		if err != nil {
			return fmt.Errorf("method %s: %w", m.decl.Name.Name, err)
		}
		if i > 0 || len(embeds) > 0 {
			b.WriteString("\n")
		}
		if m.decl.Doc != nil {
			for _, c := range m.decl.Doc.List {
				fmt.Fprintf(b, "\t%s\n", c.Text)
			}
		}
		fmt.Fprintf(b, "\t%s%s\n", m.decl.Name.Name, sig)
	}
	b.WriteString("}\n\n")
	return nil
}

// signature renders a function type without the func keyword.
func (r *renderer) signature(ft *ast.FuncType, f *ast.File) (string, error) {
	params, err := r.fields(ft.Params, f)
	if err != nil {
		return "", err
	}
	out := "(" + params + ")"
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return out, nil
	}
	results, err := r.fields(ft.Results, f)
	if err != nil {
		return "", err
	}
	if len(ft.Results.List) == 1 && len(ft.Results.List[0].Names) == 0 {
		return out + " " + results, nil
	}
	return out + " (" + results + ")", nil
}

func (r *renderer) fields(fl *ast.FieldList, f *ast.File) (string, error) {
	if fl == nil {
		return "", nil
	}
	var parts []string
	for _, field := range fl.List {
		t, err := r.expr(field.Type, f)
		if err != nil {
			return "", err
		}
		if len(field.Names) == 0 {
			parts = append(parts, t)
			continue
		}
		names := make([]string, len(field.Names))
		for i, n := range field.Names {
			names[i] = n.Name
		}
		parts = append(parts, strings.Join(names, ", ")+" "+t)
	}
	return strings.Join(parts, ", "), nil
}

// expr renders a type expression written in file f of the adapter.
func (r *renderer) expr(e ast.Expr, f *ast.File) (string, error) {
	switch e := e.(type) {
	case *ast.Ident:
		return r.ident(e.Name)
	case *ast.SelectorExpr:
		return r.selector(e, f)
	case *ast.StarExpr:
		if name := baseName(e); (name == "Store" || name == "Tx") && r.p.types[name] != nil {
			return name, nil
		}
		return r.prefixed("*", e.X, f)
	case *ast.ArrayType:
		if e.Len != nil {
			lit, ok := e.Len.(*ast.BasicLit)
			if !ok {
				return "", fmt.Errorf("array length %T not supported", e.Len)
			}
			return r.prefixed("["+lit.Value+"]", e.Elt, f)
		}
		return r.prefixed("[]", e.Elt, f)
	case *ast.Ellipsis:
		return r.prefixed("...", e.Elt, f)
	case *ast.MapType:
		k, err := r.expr(e.Key, f)
		if err != nil {
			return "", err
		}
		return r.prefixed("map["+k+"]", e.Value, f)
	case *ast.FuncType:
		sig, err := r.signature(e, f)
		return "func" + sig, err
	case *ast.InterfaceType:
		if len(e.Methods.List) == 0 {
			return "interface{}", nil
		}
	}
	return "", fmt.Errorf("type expression %T not supported by genport", e)
}

func (r *renderer) prefixed(prefix string, e ast.Expr, f *ast.File) (string, error) {
	s, err := r.expr(e, f)
	return prefix + s, err
}

// ident renders a bare name: predeclared, or a type of the adapter, which
// must be an alias of a type of package store.
func (r *renderer) ident(name string) (string, error) {
	ts, local := r.p.types[name]
	if !local {
		if types.Universe.Lookup(name) != nil {
			return name, nil
		}
		return "", fmt.Errorf("unknown name %s", name)
	}
	if name == "Store" || name == "Tx" {
		return "", fmt.Errorf("%s is used by value; the port knows only *%s", name, name)
	}
	if !ts.Assign.IsValid() {
		r.missing[name] = true // reported together by Generate
		return name, nil
	}
	return r.expr(ts.Type, r.p.files[name])
}

// selector renders pkg.Name, importing pkg unless it is package store.
func (r *renderer) selector(e *ast.SelectorExpr, f *ast.File) (string, error) {
	x, ok := e.X.(*ast.Ident)
	if !ok {
		return "", fmt.Errorf("selector %T not supported", e.X)
	}
	for _, spec := range f.Imports {
		p := strings.Trim(spec.Path.Value, `"`)
		name := defaultName(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name != x.Name {
			continue
		}
		if p == r.store {
			return e.Sel.Name, nil
		}
		r.imports[p] = name
		return name + "." + e.Sel.Name, nil
	}
	return "", fmt.Errorf("%s.%s: package %s not imported", x.Name, e.Sel.Name, x.Name)
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// defaultName guesses a package's name from its import path, as goimports
// does: the last element, skipping a major version suffix.
func defaultName(importPath string) string {
	base := path.Base(importPath)
	if majorVersion.MatchString(base) {
		base = path.Base(path.Dir(importPath))
	}
	return strings.TrimPrefix(base, "go-")
}

// importBlock imports the packages the signatures name: the standard
// library first, then the rest.
func (r *renderer) importBlock() string {
	if len(r.imports) == 0 {
		return ""
	}
	var std, rest []string
	for p := range r.imports {
		if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") || r.inModule(p) {
			rest = append(rest, p)
		} else {
			std = append(std, p)
		}
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for i, group := range [][]string{std, rest} {
		if i > 0 && len(std) > 0 && len(rest) > 0 {
			b.WriteString("\n")
		}
		slices.Sort(group)
		for _, p := range group {
			if name := r.imports[p]; name != defaultName(p) {
				fmt.Fprintf(&b, "\t%s %q\n", name, p)
			} else {
				fmt.Fprintf(&b, "\t%q\n", p)
			}
		}
	}
	b.WriteString(")\n\n")
	return b.String()
}

// inModule reports whether an import path is of this module.
func (r *renderer) inModule(p string) bool {
	module := strings.TrimSuffix(r.store, "/store")
	return p == module || strings.HasPrefix(p, module+"/")
}
