package api

import (
	"slices"
	"strings"

	"nintei/application"
	"nintei/certification"
	"nintei/service/examination"
)

// param is a query parameter of a route, as the OpenAPI document gives it.
type param struct {
	name     string
	desc     string
	schema   map[string]any
	required bool
}

// The tags group the operations by area, in the program's order.
const (
	tagAccount = "account"
	tagApply   = "apply"
	tagReview  = "review"
	tagDecide  = "decide"
	tagAfter   = "after certification"
	tagPublic  = "registry and public"
	tagAdmin   = "admin"
)

func tagList() []any {
	return []any{
		map[string]any{"name": tagAccount, "description": "Signing in, the dashboard, the account, tokens and the provider's members"},
		map[string]any{"name": tagApply, "description": "Applying (R-4, R-5): the application, Form A, Form B, the attachments"},
		map[string]any{"name": tagReview, "description": "Review (R-6, R-12): formal and document review, inquiries, investigation, the committee"},
		map[string]any{"name": tagDecide, "description": "Deciding (R-7.3, R-8): the certification, withholding answers from publication"},
		map[string]any{"name": tagAfter, "description": "After certification (R-9 to R-11): renewal, changes, the end, returns, incidents, supervision"},
		map[string]any{"name": tagPublic, "description": "Public (R-7, R-13): the registry, verification, the catalog, the contact window, this document"},
		map[string]any{"name": tagAdmin, "description": "Administration: catalog editions, the audit trail and the users"},
	}
}

// tagged sets the tag of a group of routes of the route table.
func tagged(tag string, routes []route) []route {
	for i := range routes {
		routes[i].tag = tag
	}
	return routes
}

func pathParamDescription(name string) string {
	switch name {
	case "id":
		return "the application's ID (a token's on /tokens, an edition's on /catalog/editions)"
	case "number":
		return "a certificate number as issued (the verification also reads other spellings)"
	case "reviewer", "uid":
		return "a user's ID"
	}
	return "the ID of the " + map[string]string{"aid": "attachment", "qid": "inquiry", "wid": "withholding request",
		"iid": "incident", "rid": "supervision request"}[name]
}

// pathParamSchema: IDs are integers, except an edition's ID and a
// certificate number.
func pathParamSchema(path, name string) map[string]any {
	if name == "number" || strings.HasPrefix(path, "/api/v1/catalog/") {
		return str
	}
	return map[string]any{"type": "integer", "minimum": 1}
}

var (
	pageParams = []param{
		{name: "page", desc: "page number, from 1", schema: map[string]any{"type": "integer", "minimum": 1, "default": 1}},
		{name: "per_page", desc: "entries per page", schema: map[string]any{"type": "integer", "minimum": 1, "default": 50}},
	}
	registryParams = slices.Concat([]param{
		{name: "q", desc: "search words: all must occur in the service, the provider or a published answer", schema: str},
		{name: "base", desc: "only services providing this base service (R-4.2)", schema: str},
		{name: "status", desc: "only entries with this public status today", schema: map[string]any{"type": "string", "enum": enumOf(certification.Statuses)}},
		{name: "sort", desc: "order: newest certification first unless given", schema: map[string]any{"type": "string", "enum": []any{"number", "service", "provider", "certified"}}},
	}, pageParams)
	casesParams = []param{
		{name: "q", desc: "search words (staff): provider, service or number", schema: str},
		{name: "state", desc: "only applications in this state", schema: map[string]any{"type": "string", "enum": enumOf(application.States)}},
		{name: "kind", desc: "only applications of this kind", schema: map[string]any{"type": "string", "enum": enumOf(application.Kinds)}},
		{name: "provider", desc: "only this provider's applications (organisation ID)", schema: integer},
		{name: "overdue", desc: "1: only those with an overdue invoice or inquiry answer", schema: map[string]any{"type": "string", "enum": []any{"1"}}},
		{name: "sort", desc: "the column to sort by; longest waiting first unless given", schema: map[string]any{"type": "string", "enum": enumOf(examination.CaseSorts)}},
		{name: "dir", desc: "sort direction", schema: map[string]any{"type": "string", "enum": []any{"asc", "desc"}}},
	}
	jobParams = []param{
		{name: "state", desc: "queued, running, done or dead; every state when absent", schema: map[string]any{"type": "string", "enum": []any{"queued", "running", "done", "dead"}}},
		{name: "kind", desc: "only jobs of this kind (e.g. mail.send)", schema: str},
		{name: "limit", desc: "at most this many (default 100, at most 500)", schema: integer},
	}
	auditParams = []param{
		{name: "actor", desc: "only events of this actor (user ID)", schema: str},
		{name: "kind", desc: "only events of this kind of action", schema: str},
		{name: "action", desc: "only this action, e.g. application.submit", schema: str},
		{name: "object_type", desc: "only events about objects of this type", schema: str},
		{name: "object_id", desc: "only events about this object (with object_type)", schema: str},
		{name: "from", desc: "from this day (YYYY-MM-DD, Japan)", schema: date},
		{name: "to", desc: "up to this day (YYYY-MM-DD, Japan)", schema: date},
		{name: "show", desc: "all (default) or only the notable events", schema: str},
		{name: "before", desc: "events older than this sequence number (the next page)", schema: integer},
		{name: "limit", desc: "at most this many events", schema: map[string]any{"type": "integer", "minimum": 1, "default": 100}},
	}
	versionParam = []param{{name: "version", desc: "the application's version the workbook was exported from; 409 when stale", schema: integer, required: true}}
)
