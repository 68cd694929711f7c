package api

import (
	"net/http"
	"strconv"
	"time"

	"nintei"
	"nintei/store"
)

// jobAdminJSON is a background job as the administrator sees it. The
// payload is left out: a mail job's holds the mail's text and its links.
type jobAdminJSON struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	State       string     `json:"state"`
	Attempts    int        `json:"attempts"`
	MaxAttempts int        `json:"max_attempts"`
	RunAt       time.Time  `json:"run_at"`
	LastError   string     `json:"last_error"`
	FinishedAt  *time.Time `json:"finished_at"`
	CreatedAt   time.Time  `json:"created_at"`
}

func toJobAdminJSON(j store.Job) jobAdminJSON {
	return jobAdminJSON{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempts: j.Attempts, MaxAttempts: j.MaxAttempts,
		RunAt: j.RunAt.UTC(), LastError: j.LastError, FinishedAt: j.FinishedAt, CreatedAt: j.CreatedAt.UTC()}
}

// apiJobs lists the background jobs, newest first, filtered by ?state=,
// ?kind= and ?limit= (default 100, at most 500).
func (s *Server) apiJobs(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	jq := store.JobQuery{State: store.JobState(q.Get("state")), Kind: q.Get("kind"), Limit: 100}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return nintei.Invalid("error.job.limit", "limit")
		}
		jq.Limit = n
	}
	js, err := s.svc.ListJobs(r.Context(), &principal(r).User, jq)
	if err != nil {
		return err
	}
	out := make([]jobAdminJSON, 0, len(js))
	for _, j := range js {
		out = append(out, toJobAdminJSON(j))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"jobs": out})
}

// apiRetryJob puts a dead job back in the queue (409 for any other state).
func (s *Server) apiRetryJob(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	j, err := s.svc.RetryJob(r.Context(), &principal(r).User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toJobAdminJSON(j))
}
