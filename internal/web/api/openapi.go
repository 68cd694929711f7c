package api

import (
	"context"
	"maps"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"nintei/service/apply"
)

// apiOpenAPI serves the OpenAPI 3.1 document, generated from the API route
// table so that it cannot drift from what the server does.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, s.openAPI(r.Context()))
}

// OpenAPI is the OpenAPI document as served, for the tests that validate
// every API response against it.
func (s *Server) OpenAPI(ctx context.Context) map[string]any { return s.openAPI(ctx) }

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

func (s *Server) openAPI(ctx context.Context) map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		if rt.doc == nil {
			continue
		}
		if paths[rt.path] == nil {
			paths[rt.path] = map[string]any{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = operation(rt)
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "nintei API", "version": s.opts.Version,
			"description": "JSON API of nintei, the disclosure certification program service. " +
				"Authenticate with a personal API token (Authorization: Bearer nt_…) or the session cookie " +
				"(then send X-CSRF-Token on state changes). Errors use the envelope {\"error\":{\"code\",\"message\"}}; " +
				"code is a stable message key. Lists are always arrays, empty when there is nothing, never null. Access levels: " + accessLegend,
			"contact": s.contact(ctx),
			// No licence is granted for the API or the data it serves beyond
			// the program's terms: the body publishes the registry, it does
			// not license it. The contact page says whom to ask.
			"license": map[string]any{"name": "All rights reserved by the certification body; ask its contact window",
				"url": s.contactPage()},
		},
		"servers":    []any{map[string]any{"url": "/", "description": "this site"}},
		"tags":       tagList(),
		"paths":      paths,
		"components": components(),
	}
}

// contact is the certification body's contact window as configured
// (issuer name and e-mail), or the project's own when none is.
func (s *Server) contact(ctx context.Context) map[string]any {
	c := s.svc.ContactWindow(ctx)
	out := map[string]any{"name": firstNonEmpty(c.Name, "nintei secretariat"), "url": s.contactPage()}
	if c.Email != "" {
		out["email"] = c.Email
	}
	return out
}

// contactPage is the public contact page as an absolute URL when the base
// URL is configured (a URL is what OpenAPI asks for), else the project's.
func (s *Server) contactPage() string {
	if u := s.absURL("/contact"); strings.HasPrefix(u, "http") {
		return u
	}
	return "https://nintei.example.jp/contact"
}

const accessLegend = "public, user (any login), applicant (owner or member of a provider), owner, " +
	"staff (secretariat, reviewer, committee, admin), secretariat (secretariat or admin), admin."

func operation(rt route) map[string]any {
	d := rt.doc
	summary, description := summarize(d.Summary)
	op := map[string]any{
		"summary":     summary,
		"description": description + " Access: " + string(rt.access) + ".",
		"operationId": operationID(rt),
		"tags":        []any{rt.tag},
		"x-access":    string(rt.access),
		"responses":   responses(d),
	}
	if len(rt.anyOf) > 0 {
		var names []string
		for _, a := range rt.anyOf {
			names = append(names, string(a))
		}
		op["x-access-any-of"] = names
	}
	if rt.access != public {
		op["security"] = []any{map[string]any{"bearer": []any{}}, map[string]any{"session": []any{}}}
	} else {
		op["security"] = []any{} // no authentication: says so, rather than leaving it unsaid
	}
	if params := parameters(rt); len(params) > 0 {
		op["parameters"] = params
	}
	addRequestBody(op, d.Request)
	return op
}

// responses are the documented answers: the success, any other answer the
// route gives with a body of its own (Also), the rate limit and errors.
func responses(d *apiDoc) map[string]any {
	status := d.Status
	if status == 0 {
		status = http.StatusOK
	}
	out := map[string]any{
		strconv.Itoa(status): response(status, d.Response),
		"429": map[string]any{"description": "Too many requests from this client address (rate limits are per instance); retry after Retry-After seconds",
			"headers": map[string]any{"Retry-After": map[string]any{"description": "seconds to wait", "schema": map[string]any{"type": "integer"}}},
			"content": jsonContent("Error")},
		"default": map[string]any{"description": "Error: the envelope with a stable code (4xx: the request, 5xx: the server)", "content": jsonContent("Error")},
	}
	for code, schema := range d.Also {
		out[strconv.Itoa(code)] = response(code, schema)
	}
	return out
}

func response(status int, schema string) map[string]any {
	r := map[string]any{"description": http.StatusText(status)}
	switch schema {
	case "":
	case "binary":
		r["content"] = map[string]any{"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
	default:
		r["content"] = jsonContent(schema)
	}
	return r
}

// parameters are the path parameters (from the path) and the query
// parameters the route's doc lists.
func parameters(rt route) []any {
	var list []any
	for _, p := range pathParam.FindAllStringSubmatch(rt.path, -1) {
		list = append(list, map[string]any{"name": p[1], "in": "path", "required": true,
			"description": pathParamDescription(p[1]), "schema": pathParamSchema(rt.path, p[1])})
	}
	for _, q := range rt.doc.Query {
		p := map[string]any{"name": q.name, "in": "query", "description": q.desc, "schema": q.schema}
		if q.required {
			p["required"] = true
		}
		list = append(list, p)
	}
	return list
}

// summarize splits a route's text into a short summary (up to the first
// clause) and the whole text as the description.
func summarize(text string) (summary, description string) {
	summary = text
	for _, sep := range []string{". ", ": ", "; ", " ("} {
		if i := strings.Index(summary, sep); i > 12 {
			summary = summary[:i]
		}
	}
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return summary, text
}

func operationID(rt route) string {
	p := strings.TrimPrefix(rt.path, "/api/v1/")
	p = pathParam.ReplaceAllString(p, "by_$1")
	p = strings.NewReplacer("/", "_", ".", "_").Replace(p)
	return strings.ToLower(rt.method) + "_" + p
}

func jsonContent(schema string) map[string]any {
	return map[string]any{"application/json": map[string]any{"schema": ref(schema)}}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func obj(required []string, props map[string]any) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func arr(item any) map[string]any { return map[string]any{"type": "array", "items": item} }

var (
	str     = map[string]any{"type": "string"}
	integer = map[string]any{"type": "integer"}
	boolean = map[string]any{"type": "boolean"}
	when    = map[string]any{"type": "string", "format": "date-time"}
	date    = map[string]any{"type": "string", "format": "date"}
	whenOpt = map[string]any{"type": []any{"string", "null"}, "format": "date-time"}
	dateOpt = map[string]any{"type": []any{"string", "null"}, "format": "date"}
	// dateOrEmpty is a day (YYYY-MM-DD) that is the empty string until it
	// is known (a payment not yet made, a field not filled).
	dateOrEmpty = map[string]any{"type": "string", "anyOf": []any{map[string]any{"format": "date"}, map[string]any{"maxLength": 0}},
		"description": "YYYY-MM-DD; empty when not known (yet)"}
)

func components() map[string]any {
	schemas := map[string]any{}
	for _, part := range []map[string]any{baseSchemas(), catalogAuditSchemas(), applySchemas(), reviewSchemas(),
		afterCertSchemas(), publicSchemas(), staffWorkSchemas(), caseworkSchemas(), accountSchemas(), jobSchemas(), typeSchemas()} {
		maps.Copy(schemas, part)
	}
	return map[string]any{
		"schemas": schemas,
		"securitySchemes": map[string]any{
			"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "personal API token (nt_…)"},
			"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie,
				"description": "the browser session; named __Host-" + sessionCookie + " when the site is served over https"},
		},
	}
}

// disclosureBases lists the disclosure bases for the schema's enum.
func disclosureBases() []any { return enumOf(apply.DisclosureBases) }
