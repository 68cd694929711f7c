package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"nintei/application"
	"nintei/internal/xlsx"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exportWorkbook sends Form B as an .xlsx download (UI and API alike).
func (s *Server) exportWorkbook(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
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
	return p.msgs.Message(p.Lang, pr)
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

// apiImportWorkbook takes the .xlsx as the request body; ?version= names
// the version the caller last read.
func (s *Server) apiImportWorkbook(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNoRoute
	}
	if _, _, err := s.loadApplication(r); err != nil {
		return err
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	version := parseInt64(r.URL.Query().Get("version"))
	warnings, err := s.svc.ImportFormB(r.Context(), *principal(r), id, version, bytes.NewReader(data), int64(len(data)))
	var ie *xlsx.ImportError
	if errors.As(err, &ie) {
		return writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": errorDetail{Code: "error.workbook.invalid",
			Message:   s.msgs.T(langOfAPI(r), "error.workbook.invalid", map[string]any{"Count": len(ie.Problems)}),
			RequestID: requestID(r)}, "problems": s.problemsJSON(r, ie.Problems)})
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"imported": true, "warnings": s.problemsJSON(r, warnings)})
}

type xlsxProblemJSON struct {
	Sheet   string `json:"sheet"`
	Cell    string `json:"cell"`
	ItemID  string `json:"item_id,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (s *Server) problemsJSON(r *http.Request, ps []xlsx.Problem) []xlsxProblemJSON {
	out := make([]xlsxProblemJSON, 0, len(ps))
	for _, p := range ps {
		msg := s.msgs.Message(langOfAPI(r), p)
		out = append(out, xlsxProblemJSON{Sheet: p.Sheet, Cell: p.Cell, ItemID: p.ItemID, Code: p.Code, Message: msg})
	}
	return out
}
