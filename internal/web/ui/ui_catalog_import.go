package ui

import (
	"errors"
	"io"
	"net/http"

	"nintei"
	"nintei/catalog"
)

type catalogImportPage struct {
	Layout
	Problems []catalog.Problem
	Error    string
	Imported *catalog.Edition
	Created  bool
}

func (s *Server) showCatalogImport(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "catalog_import", catalogImportPage{Layout: s.layout(w, r)})
}

// importCatalog takes an uploaded edition file; every validation problem is
// listed with its line, and nothing is installed unless the file is valid.
func (s *Server) importCatalog(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nintei.Invalid("error.catalog.no_file", "file")
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	p := principal(r)
	res, err := s.svc.ImportEdition(r.Context(), &p.User, data)
	page := catalogImportPage{Layout: s.layout(w, r)}
	var ve *catalog.ValidationError
	switch {
	case errors.As(err, &ve):
		page.Problems = ve.Problems
		return s.render(w, r, http.StatusUnprocessableEntity, "catalog_import", page)
	case nintei.KindOf(err) == nintei.KindConflict:
		ne, status := classify(err)
		page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
		return s.render(w, r, status, "catalog_import", page)
	case err != nil:
		return err
	}
	page.Imported, page.Created = res.Edition, res.Created
	return s.render(w, r, http.StatusOK, "catalog_import", page)
}
