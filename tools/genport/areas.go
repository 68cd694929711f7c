package main

// areas sorts the adapter's files into the port's files, in the order of the
// program: one generated file per area keeps store/ readable (one file of
// 700 lines was not) without a file per adapter file (store/ would hold 40).
// Each adapter file's queries stay one interface named after it. A new
// adapter file with queries must be added here; genport says so.
var areas = []struct {
	file     string
	adapters []string
}{
	{"ports_accounts_gen.go", []string{"accounts.go", "sessions.go", "users.go"}},
	{"ports_apply_gen.go", []string{"applications.go", "attachments.go", "submissions.go", "lifecycle.go", "work.go"}},
	{"ports_review_gen.go", []string{"catalog.go", "review.go", "cases.go", "committee.go"}},
	{"ports_certified_gen.go", []string{"certifications.go", "renewal.go", "withholding.go", "incidents.go", "supervision.go", "returns.go", "movein.go"}},
	{"ports_registry_gen.go", []string{"registry.go", "registry_compact.go", "registry_search.go"}},
	{"ports_operations_gen.go", []string{"audit.go", "jobs.go", "jobs_claim.go"}},
}

// areaOf is the generated file holding the queries of adapter file src.
func areaOf(src string) (string, bool) {
	for _, a := range areas {
		for _, f := range a.adapters {
			if f == src {
				return a.file, true
			}
		}
	}
	return "", false
}
