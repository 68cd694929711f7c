package ui

import (
	"net/http"
	"strconv"

	"nintei/service/ops"
	"nintei/store"
)

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
