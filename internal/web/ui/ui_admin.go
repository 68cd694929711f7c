package ui

// The administrator's pages: importing a catalog edition, the
// background jobs and moving in the certifications of an old site.

import (
	"errors"
	"io"
	"net/http"
	"sort"
	"strconv"

	"nintei"
	"nintei/catalog"
	"nintei/internal/movein"
	"nintei/service/aftercare"
	"nintei/service/ops"
	"nintei/store"
)

type catalogImportPage struct {
	Layout
	Problems        []catalog.Problem
	MappingProblems bool // the problems are in the mapping file
	Error           string
	Imported        *catalog.Edition
	Created         bool
	Moved           int
	MappedFrom      string // the edition the mapping came from, for the differences link
}

func (s *Server) showCatalogImport(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "catalog_import", catalogImportPage{Layout: s.layout(w, r)})
}

// importCatalog takes an uploaded edition file and, optionally, the
// mapping from the edition before it; every validation problem is listed
// with its line, and nothing is installed unless both files are valid.
func (s *Server) importCatalog(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	data, err := formFile(r, "file")
	if err != nil {
		return err
	}
	if data == nil {
		return nintei.Invalid("error.catalog.no_file", "file")
	}
	mapping, err := formFile(r, "mapping")
	if err != nil {
		return err
	}
	p := principal(r)
	res, err := s.svc.ImportEditionMapped(r.Context(), &p.User, data, mapping)
	page := catalogImportPage{Layout: s.layout(w, r)}
	var ve *catalog.ValidationError
	var mi *ops.MappingInvalid
	switch {
	case errors.As(err, &ve):
		page.Problems, page.MappingProblems = ve.Problems, errors.As(err, &mi)
		return s.render(w, r, http.StatusUnprocessableEntity, "catalog_import", page)
	case nintei.KindOf(err) == nintei.KindConflict:
		ne, status := classify(err)
		page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
		return s.render(w, r, status, "catalog_import", page)
	case err != nil:
		return err
	}
	page.Imported, page.Created, page.Moved = res.Edition, res.Created, res.Moved
	if m, err := s.svc.Mapping(r.Context(), res.Edition.ID); err == nil && m != nil {
		page.MappedFrom = m.From
	}
	return s.render(w, r, http.StatusOK, "catalog_import", page)
}

// formFile reads an uploaded file of the form; nil when none was chosen.
func formFile(r *http.Request, name string) ([]byte, error) {
	f, _, err := r.FormFile(name)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, nintei.Invalid("error.catalog.no_file", name)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if len(data) == 0 {
		return nil, err // an empty file input is no file
	}
	return data, err
}

// jobsUIList is how many jobs the page lists, newest first.
const jobsUIList = 200

// jobsPage is the administrator's view of the background jobs: the queue
// with a filter by state, and a retry for each dead job.
type jobsPage struct {
	Layout
	State  string // the filter; "" for every state
	States []string
	Jobs   []store.Job
}

// StateURL is the page filtered by a state ("" for all).
func (p jobsPage) StateURL(state string) string {
	if state == "" {
		return "/admin/jobs"
	}
	return "/admin/jobs?state=" + state
}

func (s *Server) showJobs(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	state := r.URL.Query().Get("state")
	page := jobsPage{Layout: s.layout(w, r), State: state}
	for _, st := range ops.JobStates {
		page.States = append(page.States, string(st))
	}
	var err error
	page.Jobs, err = s.svc.ListJobs(r.Context(), &p.User, store.JobQuery{State: store.JobState(state), Limit: jobsUIList})
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "jobs", page)
}

// retryJob puts a dead job back in the queue and returns to the list.
func (s *Server) retryJob(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.svc.RetryJob(r.Context(), &principal(r).User, id); err != nil {
		return err
	}
	return redirect(w, r, "/admin/jobs?state=queued#job-"+strconv.FormatInt(id, 10), "flash.job_retried")
}

// Moving in: the certifications a body issued on its old site.
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
