package ui

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	"nintei/application"
	"nintei/internal/xlsx"
)

// exportWorkbook sends Form B as an .xlsx download (UI and API alike).
func (s *Server) exportWorkbook(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	var buf bytes.Buffer // built whole first, so a failure is a clean error, not half a file
	if err := s.svc.ExportFormB(r.Context(), *principal(r), id, &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="form-b-`+strconv.FormatInt(id, 10)+`.xlsx"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = buf.WriteTo(w)
	return err
}

type workbookPage struct {
	Layout
	App      application.Application
	Problems []xlsx.Problem
	Warnings []xlsx.Problem
	Imported bool
	Error    string
}

// Message picks the problem's text in the page's language.
func (p workbookPage) Message(pr xlsx.Problem) string {
	return p.Catalog().Message(p.Lang, pr)
}

func (s *Server) showWorkbook(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "workbook", workbookPage{Layout: s.layout(w, r), App: a})
}

// importWorkbook takes a filled workbook. Nothing is saved unless every cell
// can be used; then every problem is listed with its sheet and cell.
func (s *Server) importWorkbook(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	page := workbookPage{Layout: s.layout(w, r), App: a}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		page.Error = s.msgs.T(page.Lang, "error.workbook.no_file", nil)
		return s.render(w, r, http.StatusBadRequest, "workbook", page)
	}
	defer f.Close()
	warnings, err := s.svc.ImportFormB(r.Context(), *principal(r), a.ID, versionOf(r), f, hdr.Size)
	var ie *xlsx.ImportError
	switch {
	case errors.As(err, &ie):
		page.Problems = ie.Problems
		return s.render(w, r, http.StatusUnprocessableEntity, "workbook", page)
	case err != nil:
		return err
	}
	page.App, _, _ = s.loadApplication(r)
	page.Imported, page.Warnings = true, warnings
	return s.render(w, r, http.StatusOK, "workbook", page)
}
