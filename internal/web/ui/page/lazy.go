package page

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// lazyPage is a page parsed on its first use. Every page is parsed at start
// to check it, but kept only once asked for: html/template copies the
// layout and partials into each page's set, and all of them (50 pages in
// two languages) held 30 MB that the collector scanned in every cycle — a
// third of the CPU of a public search under load, where four pages serve
// nearly every request (docs/benchmarks.md).
type lazyPage struct {
	once  sync.Once
	name  string
	body  string
	head  string
	dates template.FuncMap
	t     *template.Template
	err   error
}

// template parses the page the first time it is asked for.
func (l *lazyPage) template() (*template.Template, error) {
	l.once.Do(func() { l.t, l.err = parsePage(l.name, l.head, l.body, l.dates) })
	return l.t, l.err
}

// parsePages checks every page with the layout and partials (head) and
// returns them to be parsed again on first use (lazyPage).
func parsePages(names []string, head string, dates template.FuncMap) (map[string]*lazyPage, error) {
	set := map[string]*lazyPage{}
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		body, err := fs.ReadFile(templateFiles, name)
		if err != nil {
			return nil, err
		}
		if _, err := parsePage(base, head, string(body), dates); err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		set[base] = &lazyPage{name: base, head: head, body: string(body), dates: dates}
	}
	return set, nil
}

// parsePage parses one page's file after the layout and partials.
func parsePage(name, head, body string, dates template.FuncMap) (*template.Template, error) {
	t, err := template.New("layout").Funcs(templateFuncs).Funcs(dates).Parse(head)
	if err == nil {
		_, err = t.New(name).Parse(body)
	}
	if err != nil {
		return nil, err
	}
	if t.Lookup("main") == nil || t.Lookup("title") == nil {
		return nil, fmt.Errorf("must define \"title\" and \"main\"")
	}
	return t, nil
}
