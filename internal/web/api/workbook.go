package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"nintei/internal/xlsx"
)

// apiImportWorkbook takes the .xlsx as the request body; ?version= names
// the version the caller last read.
func (s *Server) apiImportWorkbook(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
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
