package api

import (
	"net/http"
	"slices"
	"time"

	"nintei"
	"nintei/application"
	"nintei/internal/web/request"
	"nintei/service"
	"nintei/service/views"
)

// GET /api/v1/me/work answers per role with the same read model the
// dashboard shows: the provider's work, the secretariat's inbox, a
// committee member's cases, the administrator's overview. A reviewer has
// no work list here (403).

type inboxItemJSON struct {
	Kind          string  `json:"kind"`
	ApplicationID int64   `json:"application_id"`
	Service       string  `json:"service"`
	Provider      string  `json:"provider"`
	Number        string  `json:"number,omitempty"`
	Since         string  `json:"since"`
	WaitingDays   int     `json:"waiting_days"`
	DueOn         *string `json:"due_on"`
	RefID         int64   `json:"ref_id,omitempty"`
	Files         int     `json:"files,omitempty"`
	AmountYen     int64   `json:"amount_yen,omitempty"`
	URL           string  `json:"url"`
}

type inboxGroupJSON struct {
	Kind  string          `json:"kind"`
	Count int             `json:"count"`
	Items []inboxItemJSON `json:"items"`
}

type jobJSON struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind"`
	Attempts   int        `json:"attempts"`
	LastError  string     `json:"last_error"`
	FinishedAt *time.Time `json:"finished_at"`
}

func (s *Server) apiMyWork(w http.ResponseWriter, r *http.Request) error {
	p := *principal(r)
	ctx := r.Context()
	switch p.User.Role {
	case nintei.RoleSecretariat:
		in, err := s.svc.Inbox(ctx, p)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"role": p.User.Role, "today": in.Today.String(),
			"total": in.Total(), "groups": inboxGroupsJSON(in.Groups)})
	case nintei.RoleCommittee:
		cw, err := s.svc.CommitteeWork(ctx, p)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"role": p.User.Role, "total": cw.Total(), "groups": inboxGroupsJSON(cw.Groups)})
	case nintei.RoleAdmin:
		return s.apiAdminWork(w, r, p)
	case nintei.RoleReviewer:
		return s.apiReviewerWork(w, r)
	}
	work, err := s.svc.ProviderWork(ctx, p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toWorkJSON(work))
}

func (s *Server) apiAdminWork(w http.ResponseWriter, r *http.Request, p service.Principal) error {
	aw, err := s.svc.AdminWork(r.Context(), p)
	if err != nil {
		return err
	}
	jobs := make([]jobJSON, 0, len(aw.FailedJobs))
	for _, j := range aw.FailedJobs {
		jobs = append(jobs, jobJSON{ID: j.ID, Kind: j.Kind, Attempts: j.Attempts, LastError: j.LastError, FinishedAt: j.FinishedAt})
	}
	editions := make([]editionJSON, 0, len(aw.Editions))
	for _, e := range aw.Editions {
		editions = append(editions, toEditionJSON(e))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"role": p.User.Role,
		"users":    map[string]any{"total": aw.UserTotal, "by_role": aw.Users},
		"editions": editions, "failed_jobs": jobs, "retrying_jobs": aw.Retrying})
}

func inboxGroupsJSON(gs []views.InboxGroup) []inboxGroupJSON {
	out := make([]inboxGroupJSON, 0, len(gs))
	for _, g := range gs {
		out = append(out, inboxGroupJSON{Kind: g.Kind, Count: len(g.Items), Items: inboxItemsJSON(g.Items)})
	}
	return out
}

func inboxItemsJSON(items []views.InboxItem) []inboxItemJSON {
	out := make([]inboxItemJSON, 0, len(items))
	for _, it := range items {
		out = append(out, inboxItemJSON{Kind: it.Kind, ApplicationID: it.ApplicationID, Service: it.Service, Provider: it.Provider,
			Number: it.Number, Since: it.Since.UTC().Format(time.RFC3339), WaitingDays: it.Days, DueOn: dayOrNull(it.DueOn),
			RefID: it.RefID, Files: it.Count, AmountYen: it.YenTotal, URL: request.InboxURL(it)})
	}
	return out
}

// staffWorkSchemas are the OpenAPI schemas of the staff's answers of
// GET /api/v1/me/work; each says its role, so exactly one of Work's
// schemas matches an answer.
func staffWorkSchemas() map[string]any {
	role := func(r nintei.Role) map[string]any { return map[string]any{"const": string(r)} }
	group := with(typeOf[inboxGroupJSON](), map[string]any{"kind": enum(inboxKinds())})
	caseItem := with(typeOf[reviewCaseJSON](), map[string]any{"kind": enum(enumOf(application.Kinds)), "state": enum(enumOf(application.States))})
	return map[string]any{
		"SecretariatInbox": obj([]string{"role", "today", "total", "groups"}, map[string]any{"role": role(nintei.RoleSecretariat), "today": date,
			"total": integer, "groups": arr(group)}),
		"CommitteeWork": obj([]string{"role", "total", "groups"}, map[string]any{"role": role(nintei.RoleCommittee), "total": integer, "groups": arr(group)}),
		"AdminWork": obj([]string{"role", "users", "editions", "failed_jobs", "retrying_jobs"}, map[string]any{"role": role(nintei.RoleAdmin),
			"users": obj([]string{"total", "by_role"}, map[string]any{"total": integer,
				"by_role": map[string]any{"type": "object", "description": "active users by role", "propertyNames": roles(), "additionalProperties": integer}}),
			"editions": arr(ref("EditionSummary")), "failed_jobs": arr(typeOf[jobJSON]()), "retrying_jobs": integer}),
		"ReviewerWork": with(typeOf[reviewerWorkJSON](), map[string]any{"role": role(nintei.RoleReviewer), "assigned": arr(caseItem), "others": arr(caseItem)}),
		"Work":         map[string]any{"description": "by the caller's role", "oneOf": []any{ref("ProviderWork"), ref("SecretariatInbox"), ref("CommitteeWork"), ref("AdminWork"), ref("ReviewerWork")}},
	}
}

func inboxKinds() []any {
	var out []any
	for _, k := range slices.Concat(views.InboxKinds, []string{views.CommitteeDeclare, views.CommitteeOpinion}) {
		out = append(out, k)
	}
	return out
}

// The staff work's JSON shapes, named for the tests of the whole site.
type (
	InboxGroupJSON = inboxGroupJSON
	JobJSON        = jobJSON
)
