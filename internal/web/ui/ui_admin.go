package ui

// The administrator's pages: importing a catalog edition and the
// background jobs.

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"nintei"
	"nintei/catalog"
	"nintei/service/ops"
	"nintei/store"
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
