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
