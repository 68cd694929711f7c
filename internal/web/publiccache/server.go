// Package publiccache keeps rendered public registry responses for
// visitors without a session (publiccache.go), in memory (pagecache.go) and,
// for the large ones, in page files (diskpages.go); the comparison's
// columns (compare_columns.go) and the service page's answers table
// (answers_body.go) are built here for the same reason.
package publiccache

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"os"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/registry"
	"nintei/service"
	"nintei/store"
)

// Server holds the caches and what filling them needs.
type Server struct {
	svc        *service.Service
	msgs       *i18n.Catalog
	opts       request.Options
	cache      *pageCache // rendered public registry responses (anonymous visitors)
	pageFiles  *diskPages // the large ones, when Options.PageFileBytes allows; nil: all in cache
	heads      rowHeads   // comparison row headings per edition
	flights    *flights   // public responses being rendered, so concurrent misses render once
	generation *generationWatch
}

// New makes the caches that opts asks for (opts.CacheBytes already
// defaulted by the caller).
func New(svc *service.Service, msgs *i18n.Catalog, opts request.Options) (*Server, error) {
	s := &Server{svc: svc, msgs: msgs, opts: opts, cache: newPageCache(opts.CacheBytes), flights: &flights{m: map[string]*flight{}}}
	if opts.CacheBytes > 0 && opts.PageFileBytes > 0 {
		dir := opts.PageFileDir
		if dir == "" {
			dir = os.TempDir()
		}
		var err error
		if s.pageFiles, err = openDiskPages(dir, opts.PageFileBytes); err != nil {
			return nil, nintei.Wrap("web.New: public page files in "+dir, err)
		}
	}
	s.generation = &generationWatch{read: svc.RegistryGeneration, ttl: opts.GenerationTTL}
	return s, nil
}

// Close releases what New opened beyond memory (the public page files).
func (s *Server) Close() error {
	if s.pageFiles == nil {
		return nil
	}
	return s.pageFiles.Close()
}

// ServePublicCached answers an anonymous GET from the cache or runs handle
// and keeps its 200 response.
func (s *Server) ServePublicCached(w http.ResponseWriter, r *http.Request, handle request.HandlerFunc) error {
	return s.servePublicCached(w, r, handle)
}

// Invalidate makes the next public request re-read the registry generation
// (after a write through this instance).
func (s *Server) Invalidate() { s.generation.invalidate() }

// Cacheable reports whether a request may be answered from the cache.
func Cacheable(r *http.Request) bool { return cacheable(r) }

// CompareColumn is one service in a comparison.
type CompareColumn = compareColumn

// CompareColumns returns the columns of numbers; call release when the
// page is written.
func (s *Server) CompareColumns(ctx context.Context, numbers []string) ([]CompareColumn, func(), error) {
	return s.compareColumns(ctx, numbers)
}

// EditionHeads are the row and section headings of an edition, escaped.
type EditionHeads = editionHeads

// CompareOptions are a comparison's choices and fixed words.
type CompareOptions = compareOptions

// CompareSection is one section of a comparison, for its jump list.
type CompareSection = compareSection

// RowHeadsOf is each item's row heading in a comparison, escaped.
func (s *Server) RowHeadsOf(ctx context.Context, editionID string) (EditionHeads, error) {
	return s.rowHeadsOf(ctx, editionID)
}

// CompareTable writes the comparison's rows and returns the sections shown.
func CompareTable(b *bytes.Buffer, cols []CompareColumn, heads EditionHeads, o CompareOptions) []CompareSection {
	return compareTable(b, cols, heads, o)
}

// CompareTools writes the all rows / differing rows choice and the jump
// list above a comparison.
func (s *Server) CompareTools(lang i18n.Lang, cols []CompareColumn, sections []CompareSection, diffOnly bool) []byte {
	return s.compareTools(lang, cols, sections, diffOnly)
}

// AnswersBody writes the rows of a service page's answers table.
func (s *Server) AnswersBody(lang i18n.Lang, items []registry.Answer) template.HTML {
	return s.answersBody(lang, items)
}

// RegistryRows writes the rows of the registry list with their snippets.
func (s *Server) RegistryRows(lang i18n.Lang, entries []store.RegistryEntry, snippets map[string]registry.Snippet) template.HTML {
	return s.registryRows(lang, entries, snippets)
}

// PageFileEntries is how many responses the page files hold (-1: none
// are kept in files).
func (s *Server) PageFileEntries() int {
	if s.pageFiles == nil {
		return -1
	}
	return s.pageFiles.entries()
}

// Recorder captures a response to pass on or replace.
type Recorder = recorder

// NewRecorder is an empty Recorder (status 200).
func NewRecorder() *Recorder { return newRecorder() }

// Code is the status the handler wrote.
func (r *recorder) Code() int { return r.code }

// Replay writes the captured response to w.
func (r *recorder) Replay(w http.ResponseWriter) { r.replay(w) }

// Names the moved code uses, from the shared request package.
type handlerFunc = request.HandlerFunc

const flashCookie = request.FlashCookie

func principal(r *http.Request) *service.Principal { return request.Principal(r) }
func langOf(r *http.Request) i18n.Lang             { return request.LangOf(r) }
func langOfAPI(r *http.Request) i18n.Lang          { return request.LangOfAPI(r) }
func isAPI(r *http.Request) bool                   { return request.IsAPI(r) }
func jaDate(d string) string                       { return request.JaDate(d) }

// MinDiskPage is the smallest response kept in the page files.
const MinDiskPage = minDiskPage
