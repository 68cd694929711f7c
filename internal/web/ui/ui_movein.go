package ui

import (
	"errors"
	"net/http"
	"sort"

	"nintei"
	"nintei/internal/movein"
	"nintei/service/aftercare"
)

// moveInPage is the administrator's import of the certifications issued
// on the body's old site: choose a ZIP, see the dry run, confirm.
type moveInPage struct {
	Layout
	Problems []moveInProblem
	Error    string
	Report   *aftercare.MoveInReport
	Upload   aftercare.MoveInUpload // set on a clean dry run: what Confirm posts
	Next     []string               // the next numbers, by scheme
}

// moveInProblem is a problem as the page shows it.
type moveInProblem struct {
	Place, Message string
}

func (s *Server) showMoveIn(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "movein", moveInPage{Layout: s.layout(w, r)})
}

// previewMoveIn keeps the uploaded ZIP and shows what it would create, or
// every problem with its file, row and cell.
func (s *Server) previewMoveIn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nintei.Invalid("error.movein.no_file", "file")
	}
	defer f.Close()
	rep, up, err := s.svc.PreviewMoveIn(r.Context(), *principal(r), f)
	return s.moveInResult(w, r, rep, up, err)
}

// confirmMoveIn imports the ZIP the preview checked.
func (s *Server) confirmMoveIn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	up := aftercare.MoveInUpload{Key: r.PostFormValue("key"), SHA256: r.PostFormValue("sha256")}
	rep, err := s.svc.ConfirmMoveIn(r.Context(), *principal(r), up)
	return s.moveInResult(w, r, rep, aftercare.MoveInUpload{}, err)
}

func (s *Server) moveInResult(w http.ResponseWriter, r *http.Request, rep aftercare.MoveInReport, up aftercare.MoveInUpload, err error) error {
	page := moveInPage{Layout: s.layout(w, r)}
	var me *movein.Error
	switch {
	case errors.As(err, &me):
		for _, p := range me.Problems {
			page.Problems = append(page.Problems, moveInProblem{Place: p.Place(), Message: s.msgs.Message(page.Lang, p)})
		}
		return s.render(w, r, http.StatusUnprocessableEntity, "movein", page)
	case nintei.KindOf(err) == nintei.KindInvalid || nintei.KindOf(err) == nintei.KindNotFound || nintei.KindOf(err) == nintei.KindTooLarge:
		ne, status := classify(err)
		page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
		return s.render(w, r, status, "movein", page)
	case err != nil:
		return err
	}
	page.Report, page.Upload = &rep, up
	for _, n := range rep.NextNumbers {
		page.Next = append(page.Next, n)
	}
	sort.Strings(page.Next)
	return s.render(w, r, http.StatusOK, "movein", page)
}
