package api

// jobSchemas are the OpenAPI components of the jobs routes.
func jobSchemas() map[string]any {
	job := obj([]string{"id", "kind", "state", "attempts", "max_attempts", "run_at", "last_error", "finished_at", "created_at"},
		map[string]any{"id": integer, "kind": str,
			"state":    map[string]any{"enum": []any{"queued", "running", "done", "dead"}},
			"attempts": integer, "max_attempts": integer, "run_at": when, "last_error": str,
			"finished_at": whenOpt, "created_at": when})
	return map[string]any{
		"JobAdmin":     job,
		"JobAdminList": obj([]string{"jobs"}, map[string]any{"jobs": arr(ref("JobAdmin"))}),
	}
}
