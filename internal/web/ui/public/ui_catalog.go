package public

import (
	"net/http"

	"nintei/catalog"
	"nintei/service/core"
)

type catalogsPage struct {
	Layout
	Editions []core.CatalogEdition
}

func (s *Server) showCatalogs(w http.ResponseWriter, r *http.Request) error {
	eds, err := s.svc.Editions(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "catalogs", catalogsPage{Layout: s.layout(w, r), Editions: eds})
}

// catalogRow is an item with the depth of its category, for the table.
type catalogRow struct {
	Item         catalog.Item
	CategoryPath []catalog.Category
	NewCategory  bool
	SourceTitle  string
}

type catalogEditionPage struct {
	Layout
	Row     core.CatalogEdition
	Edition *catalog.Edition
	Rows    []catalogRow
}

// showCatalogEdition lists an edition's items in catalog order, with each
// item's provenance (verified or reconstructed, and its confidence): the
// draft catalog must say where every row comes from.
func (s *Server) showCatalogEdition(w http.ResponseWriter, r *http.Request) error {
	row, ed, err := s.svc.Edition(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	page := catalogEditionPage{Layout: s.layout(w, r), Row: row, Edition: ed}
	last := ""
	for _, it := range ed.Items {
		page.Rows = append(page.Rows, catalogRow{Item: it, CategoryPath: ed.CategoryPath(it.Category),
			NewCategory: it.Category != last})
		last = it.Category
	}
	return s.render(w, r, http.StatusOK, "catalog", page)
}

// catalogDiffPage shows what changed from one edition to another: the
// items added, removed, merged, split or reworded, and how answers move.
type catalogDiffPage struct {
	Layout
	Editions   []core.CatalogEdition
	From, To   *catalog.Edition
	Mapped     bool // the rows follow the imported mapping, not matching IDs
	Rows       []catalog.DiffRow
	Unchanged  int
	ShowAll    bool
	NoEditions bool
}

// showCatalogDiff compares two editions (?from=&to=). Without both, it
// compares the newest edition imported with a mapping to the edition the
// mapping came from, or the two newest editions.
func (s *Server) showCatalogDiff(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	eds, err := s.svc.Editions(ctx)
	if err != nil {
		return err
	}
	page := catalogDiffPage{Layout: s.layout(w, r), Editions: eds, ShowAll: r.URL.Query().Get("all") == "1"}
	fromID, toID := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if fromID == "" || toID == "" {
		fromID, toID = s.defaultDiff(r, eds)
	}
	if fromID == "" || fromID == toID {
		page.NoEditions = true
		return s.render(w, r, http.StatusOK, "catalog_diff", page)
	}
	if _, page.From, err = s.svc.Edition(ctx, fromID); err != nil {
		return err
	}
	if _, page.To, err = s.svc.Edition(ctx, toID); err != nil {
		return err
	}
	m, err := s.svc.Mapping(ctx, toID)
	if err != nil {
		return err
	}
	if m == nil || m.From != fromID {
		m = nil
	}
	page.Mapped = m != nil
	for _, row := range catalog.Diff(page.From, page.To, m) {
		if row.Changed() || page.ShowAll {
			page.Rows = append(page.Rows, row)
		}
		if !row.Changed() {
			page.Unchanged++
		}
	}
	return s.render(w, r, http.StatusOK, "catalog_diff", page)
}

func (s *Server) defaultDiff(r *http.Request, eds []core.CatalogEdition) (from, to string) {
	for _, e := range eds { // newest first
		if m, err := s.svc.Mapping(r.Context(), e.ID); err == nil && m != nil {
			return m.From, m.To
		}
	}
	if len(eds) >= 2 {
		return eds[1].ID, eds[0].ID
	}
	return "", ""
}
