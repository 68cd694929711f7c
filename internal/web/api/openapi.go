package api

import (
	"maps"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"nintei/service/apply"
)

// apiOpenAPI serves the OpenAPI 3.1 document, generated from the API route
// table so that it cannot drift from what the server does.
func (s *Server) apiOpenAPI(w http.ResponseWriter, _ *http.Request) error {
	return writeJSON(w, http.StatusOK, s.openAPI())
}

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

func (s *Server) openAPI() map[string]any {
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
				"code is a stable message key. Access levels: " + accessLegend},
		"servers":    []any{map[string]any{"url": "/"}},
		"paths":      paths,
		"components": components(),
	}
}

const accessLegend = "public, user (any login), applicant (owner or member of a provider), owner, " +
	"staff (secretariat, reviewer, committee, admin), secretariat (secretariat or admin), admin."

func operation(rt route) map[string]any {
	d := rt.doc
	status := d.Status
	if status == 0 {
		status = http.StatusOK
	}
	ok := map[string]any{"description": http.StatusText(status)}
	switch d.Response {
	case "":
	case "binary":
		ok["content"] = map[string]any{"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
	default:
		ok["content"] = jsonContent(d.Response)
	}
	op := map[string]any{
		"summary":     d.Summary,
		"operationId": operationID(rt),
		"x-access":    string(rt.access),
		"responses": map[string]any{
			strconv.Itoa(status): ok,
			"429": map[string]any{"description": "Too many requests from this client address (rate limits are per instance); retry after Retry-After seconds",
				"headers": map[string]any{"Retry-After": map[string]any{"schema": map[string]any{"type": "integer"}}},
				"content": jsonContent("Error")},
			"default": map[string]any{"description": "Error", "content": jsonContent("Error")},
		},
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
	}
	if params := pathParam.FindAllStringSubmatch(rt.path, -1); len(params) > 0 {
		var list []any
		for _, p := range params {
			list = append(list, map[string]any{"name": p[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		op["parameters"] = list
	}
	for _, q := range d.Query {
		name, desc, _ := strings.Cut(q, ": ")
		list, _ := op["parameters"].([]any)
		op["parameters"] = append(list, map[string]any{"name": name, "in": "query", "required": false,
			"description": desc, "schema": map[string]any{"type": "string"}})
	}
	addRequestBody(op, d.Request)
	return op
}

// addRequestBody describes the body a route takes: a multipart upload, a
// workbook, a catalog file, or a JSON schema by name.
func addRequestBody(op map[string]any, request string) {
	switch request {
	case "":
	case "multipart":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"multipart/form-data": map[string]any{"schema": obj([]string{"purpose", "file"}, map[string]any{
				"purpose": str, "item_id": arr(str), "source_url": str, "captured_on": str, "original": str,
				"file": map[string]any{"type": "string", "format": "binary"}})}}}
	case "xlsx":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			xlsxType: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
		op["parameters"] = append(op["parameters"].([]any), map[string]any{"name": "version", "in": "query", "required": true,
			"schema": map[string]any{"type": "integer"}})
	case "yaml":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/yaml": map[string]any{"schema": map[string]any{"type": "string", "description": "catalog edition file, see docs/catalog-schema.md"}}}}
	default:
		op["requestBody"] = map[string]any{"required": true, "content": jsonContent(request)}
	}
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
)

func components() map[string]any {
	schemas := map[string]any{}
	for _, part := range []map[string]any{baseSchemas(), catalogAuditSchemas(), applySchemas(), reviewSchemas(),
		afterCertSchemas(), publicSchemas(), staffWorkSchemas(), caseworkSchemas(), accountSchemas(), jobSchemas()} {
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
func disclosureBases() []any {
	var out []any
	for _, b := range apply.DisclosureBases {
		out = append(out, string(b))
	}
	return out
}
