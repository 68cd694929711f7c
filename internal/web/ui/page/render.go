// Package page renders nintei's server-rendered pages: the one template
// set (templates/, a set per language), the layout every page shares, the
// stylesheet and images (static/), and the helpers the page packages (ui,
// ui/public) share: redirects after a form post, form errors, pages cut at
// slots for parts written in Go.
package page

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"nintei"
	"nintei/catalog"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/web/diff"
	"nintei/internal/web/request"
	"nintei/service"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the page templates (for the tests that read them).
var Templates fs.FS = templateFiles

// pages holds one template set per language and page, each the layout plus
// the page's own file, checked at start. A set per language binds the date
// functions to the language, so that every template writes a date the way
// its language does (2026年12月7日, 7 December 2026) without a page having
// to pass its language along.
type Pages struct {
	svc  *service.Service
	msgs *i18n.Catalog
	log  *slog.Logger
	opts request.Options
	set  map[i18n.Lang]map[string]*lazyPage
}

// New parses and checks every template, so a broken layout fails at start
// rather than on a user's request.
func New(svc *service.Service, msgs *i18n.Catalog, log *slog.Logger, opts request.Options) (*Pages, error) {
	p, err := loadPages(msgs)
	if err != nil {
		return nil, err
	}
	p.svc, p.msgs, p.log, p.opts = svc, msgs, log, opts
	return p, nil
}

// lookup finds a page's templates in the language of its data (the
// Layout every page embeds); Japanese when the data does not say.
func (p *Pages) lookup(page string, data any) (*template.Template, bool) {
	lang := i18n.Japanese
	if l, ok := data.(interface{ pageLang() i18n.Lang }); ok {
		lang = l.pageLang()
	}
	l, ok := p.set[lang][page]
	if !ok {
		return nil, false
	}
	t, err := l.template()
	if err != nil { // checked at start: a page that parsed then parses again
		p.log.Error("web.render", "page", page, "err", err)
		return nil, false
	}
	return t, true
}

// JST is Japan's time, in which the pages write moments.
var JST = time.FixedZone("JST", 9*60*60)

var jst = JST

// dateFuncs are the template functions that write a day or a moment, in
// the style of lang. Each takes what the pages hold: a time.Time, a
// civil.Date, or a day's YYYY-MM-DD text.
func dateFuncs(lang i18n.Lang) template.FuncMap {
	day := func(d any) string { return i18n.Date(lang, civilDay(d)) }
	return template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return day(t)
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return day(t) + " " + t.In(jst).Format("15:04")
		},
		"jadate": day,
		"dots":   day,
	}
}

// civilDay reads a day from a time (in Japan), a civil.Date or its text;
// anything else is no day.
func civilDay(d any) civil.Date {
	switch v := d.(type) {
	case time.Time:
		if v.IsZero() {
			return civil.Date{}
		}
		return civil.DateOf(v.In(jst))
	case civil.Date:
		return v
	}
	c, err := civil.Parse(fmt.Sprint(d)) // text, or a type that prints as YYYY-MM-DD
	if err != nil {
		return civil.Date{}
	}
	return c
}

var templateFuncs = template.FuncMap{
	"inc":          func(i int) int { return i + 1 },
	"dec":          func(i int) int { return i - 1 },
	"kib":          func(n int64) int64 { return (n + 1023) / 1024 },
	"contactKinds": catalog.ContactKinds,
	"answerText":   answerText,
	"pathEscape":   url.PathEscape,
	"seq":          func(n int) []int { return make([]int, n) },
	"list":         func(xs ...string) []string { return xs },
	"join":         strings.Join,
	"deref2":       func(b *bool) bool { return b != nil && *b },
	"entryText":    entryText,
	"diff":         diff.SplitChange,
	"yen":          request.YenText,
	"days":         func(d time.Duration) int { return int(d.Hours() / 24) },
	// pair hands a sub-template both the page and one element.
	"pair": func(p, f any) map[string]any { return map[string]any{"P": p, "F": f} },
	"deref": func(t *time.Time) time.Time {
		if t == nil {
			return time.Time{}
		}
		return *t
	},
}

func loadPages(msgs *i18n.Catalog) (*Pages, error) {
	layout, err := fs.ReadFile(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := readPartials()
	if err != nil {
		return nil, err
	}
	p := &Pages{set: map[i18n.Lang]map[string]*lazyPage{}}
	for _, lang := range i18n.Langs {
		if p.set[lang], err = parsePages(names, string(layout)+partials, dateFuncs(lang)); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// readPartials joins the shared templates (files named _*.html), which
// every page may use.
func readPartials() (string, error) {
	names, err := fs.Glob(templateFiles, "templates/_*.html")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, name := range names {
		body, err := fs.ReadFile(templateFiles, name)
		if err != nil {
			return "", err
		}
		b.Write(body)
	}
	return b.String(), nil
}

// RenderBytes executes a page into bytes (for pages that are cached).
func (s *Pages) RenderBytes(page string, data any) ([]byte, error) {
	t, ok := s.lookup(page, data)
	if !ok {
		return nil, nintei.Wrap("web.render", fmt.Errorf("no page %q", page))
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, nintei.Wrap("web.render "+page, err)
	}
	return buf.Bytes(), nil
}

// Render executes a page into a buffer first, so a template failure becomes
// a clean 500 instead of half a page.
func (s *Pages) Render(w http.ResponseWriter, r *http.Request, status int, page string, data any) error {
	t, ok := s.lookup(page, data)
	if !ok {
		return nintei.Wrap("web.render", fmt.Errorf("no page %q", page))
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		return nintei.Wrap("web.render "+page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// Slot marks where a page's large or varying parts, written and escaped
// in Go, go (see RenderSlotted): a comment no escaped text can contain.
const Slot = template.HTML("<!--nintei:slot-->")

// RenderSlotted renders a page whose template writes slot where each of
// fills belongs, in order, and returns the page cut at the slots. Passed
// through the template, a comparison's 50 KB table was copied by fmt into
// a buffer grown by doubling on every request: with the garbage collection
// that caused, a fifth of a comparison's cost. The parts are copies, so a
// page whose parts do not change may keep them (see compareShell).
func (s *Pages) RenderSlotted(r *http.Request, page string, data any, fills int) ([][]byte, error) {
	rec := &slotWriter{buf: renderBuffers.Get().(*bytes.Buffer), header: http.Header{}}
	defer putRenderBuffer(rec.buf)
	if err := s.Render(rec, r, http.StatusOK, page, data); err != nil {
		return nil, err
	}
	parts := bytes.Split(rec.buf.Bytes(), []byte(Slot))
	if len(parts) != fills+1 {
		return nil, nintei.Wrap("web.renderSlotted "+page, fmt.Errorf("%d slots in the page, %d fills", len(parts)-1, fills))
	}
	for i, p := range parts {
		parts[i] = bytes.Clone(p)
	}
	return parts, nil
}

// WriteSlotted sends a page cut by RenderSlotted with its fills in place,
// assembled first so that it leaves in as few writes as its size allows
// (each write is a system call, dearer than copying 50 KB).
func WriteSlotted(w http.ResponseWriter, status int, parts, fills [][]byte) error {
	page := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(page)
	for i, p := range parts {
		page.Write(p)
		if i < len(fills) {
			page.Write(fills[i])
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(page.Len()))
	w.WriteHeader(status)
	_, err := w.Write(page.Bytes())
	return err
}

// slotWriter holds what Render writes so RenderSlotted can cut it.
type slotWriter struct {
	header http.Header
	buf    *bytes.Buffer
}

func (s *slotWriter) Header() http.Header         { return s.header }
func (s *slotWriter) WriteHeader(int)             {}
func (s *slotWriter) Write(b []byte) (int, error) { return s.buf.Write(b) }

// Render buffers are reused: a page is rendered into one before it is
// sent, and a fresh buffer grew by doubling on every request.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Buffer takes a render buffer; PutBuffer gives it back.
func Buffer() *bytes.Buffer { return renderBuffers.Get().(*bytes.Buffer) }

// PutBuffer returns a buffer taken with Buffer.
func PutBuffer(b *bytes.Buffer) { putRenderBuffer(b) }

func putRenderBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		renderBuffers.Put(b)
	}
}

type errorPage struct {
	Layout
	Status  int
	Message string
}

// RenderError renders the error page.
func (s *Pages) RenderError(w http.ResponseWriter, r *http.Request, status int, e *nintei.Error) {
	l := s.Layout(w, r)
	page := errorPage{Layout: l, Status: status, Message: s.msgs.T(l.Lang, e.Key, e.Args)}
	if err := s.Render(w, r, status, "error", page); err != nil {
		s.log.ErrorContext(r.Context(), "error page failed", "err", err)
		http.Error(w, http.StatusText(status), status)
	}
}

// SafeNext keeps a post-login redirect on this site.
func SafeNext(next string) string {
	// Browsers drop tabs and newlines from a URL and read "\" as "/", so
	// "/\t/evil.example" would leave the site as "//evil.example": no control
	// character or backslash at all, and nothing that parses with a host.
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/dashboard"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/dashboard"
	}
	return next
}

// Redirect answers a form post with 303 See Other (POST/redirect/GET).
func Redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) error {
	if flashKey != "" {
		request.Flash(w, r, flashKey)
	}
	http.Redirect(w, r, to, http.StatusSeeOther) // #nosec G710 -- every caller passes a fixed path or SafeNext (same-site paths only)
	return nil
}

// FieldError is a validation error to show beside a form field.
type FieldError struct {
	Field   string
	Message string
}

// FormError turns an invalid-input error into a message for the form, or
// reports false when err is something the form cannot show.
func (s *Pages) FormError(l Layout, err error) (FieldError, bool) {
	if nintei.KindOf(err) != nintei.KindInvalid && nintei.KindOf(err) != nintei.KindConflict &&
		nintei.KindOf(err) != nintei.KindTooMany && nintei.KindOf(err) != nintei.KindUnauthenticated {
		return FieldError{}, false
	}
	ne, _ := request.Classify(err)
	field, _ := ne.Args["Field"].(string)
	return FieldError{Field: field, Message: s.msgs.T(l.Lang, ne.Key, ne.Args)}, true
}
