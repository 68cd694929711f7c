package web

import (
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Info       map[string]any                        `json:"info"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas         map[string]json.RawMessage `json:"schemas"`
		SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
	} `json:"components"`
}

type openAPIOperation struct {
	OperationID string                `json:"operationId"`
	Summary     string                `json:"summary"`
	Access      string                `json:"x-access"`
	Security    []map[string][]string `json:"security"`
	Parameters  []struct {
		Name     string `json:"name"`
		In       string `json:"in"`
		Required bool   `json:"required"`
	} `json:"parameters"`
	RequestBody *json.RawMessage           `json:"requestBody"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

// openAPIOut is where TestOpenAPIMatchesRouteTable writes the document as
// served, for scripts/redocly-lint.sh.
var openAPIOut = flag.String("openapi-out", "", "write the OpenAPI document to this file")

func fetchOpenAPI(t *testing.T) (*site, openAPIDoc, string) {
	t.Helper()
	s := newTestSiteWith(t, sqliteOnly(t), Options{Version: "test-1"})
	r := s.client().get(t, "/api/v1/openapi.json")
	if r.Status != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json = %d", r.Status)
	}
	if !json.Valid([]byte(r.Body)) {
		t.Fatal("the OpenAPI document is not valid JSON")
	}
	var doc openAPIDoc
	r.json(t, &doc)
	return s, doc, r.Body
}

func TestOpenAPIMatchesRouteTable(t *testing.T) {
	t.Parallel()
	s, doc, body := fetchOpenAPI(t)
	if *openAPIOut != "" {
		if err := os.WriteFile(*openAPIOut, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	if doc.Info["version"] != "test-1" || doc.Info["title"] == "" {
		t.Errorf("info = %v", doc.Info)
	}
	for _, name := range []string{"bearer", "session"} {
		if _, ok := doc.Components.SecuritySchemes[name]; !ok {
			t.Errorf("security scheme %q missing", name)
		}
	}

	routes := map[string]route{}
	for _, rt := range s.Srv.routes {
		if strings.HasPrefix(rt.path, "/api/") {
			routes[strings.ToLower(rt.method)+" "+rt.path] = rt
		}
	}
	if len(routes) != len(s.Srv.api.Routes()) {
		t.Errorf("%d API routes in s.routes, %d in apiRoutes()", len(routes), len(s.Srv.api.Routes()))
	}
	ids := map[string]string{}
	for key, rt := range routes {
		method, path, _ := strings.Cut(key, " ")
		raw, ok := doc.Paths[path][method]
		if !ok {
			t.Errorf("route %s %s is not documented", rt.method, rt.path)
			continue
		}
		var op openAPIOperation
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if op.Access != string(rt.access) {
			t.Errorf("%s: x-access %q, want %q", key, op.Access, rt.access)
		}
		if got, want := len(op.Security) > 0, rt.access != public; got != want {
			t.Errorf("%s: has security = %v, want %v", key, got, want)
		}
		for _, req := range op.Security {
			for name := range req {
				if _, ok := doc.Components.SecuritySchemes[name]; !ok {
					t.Errorf("%s: security %q is not a defined scheme", key, name)
				}
			}
		}
		if op.Summary == "" || op.OperationID == "" {
			t.Errorf("%s: summary %q, operationId %q", key, op.Summary, op.OperationID)
		}
		if other, dup := ids[op.OperationID]; dup {
			t.Errorf("operationId %q used by %s and %s", op.OperationID, other, key)
		}
		ids[op.OperationID] = key
		params := map[string]bool{}
		for _, p := range op.Parameters {
			if p.In == "path" && p.Required {
				params[p.Name] = true
			}
		}
		for _, m := range regexp.MustCompile(`\{([a-z]+)\}`).FindAllStringSubmatch(path, -1) {
			if !params[m[1]] {
				t.Errorf("%s: path parameter %q is not documented", key, m[1])
			}
		}
		if len(params) != strings.Count(path, "{") {
			t.Errorf("%s: %d path parameters documented, path has %d", key, len(params), strings.Count(path, "{"))
		}
		if _, ok := op.Responses["default"]; !ok {
			t.Errorf("%s: no default (error) response", key)
		}
		if got, want := op.RequestBody != nil, s.Srv.api.DocumentsBody(rt.method, rt.path); got != want {
			t.Errorf("%s: requestBody present = %v, want %v", key, got, want)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if _, ok := routes[method+" "+path]; !ok {
				t.Errorf("documented operation %s %s has no route", method, path)
			}
		}
	}
}

// TestOpenAPIRefsResolve walks the whole document: every $ref must name a
// schema in components.
func TestOpenAPIRefsResolve(t *testing.T) {
	t.Parallel()
	_, doc, body := fetchOpenAPI(t)
	var tree any
	if err := json.Unmarshal([]byte(body), &tree); err != nil {
		t.Fatal(err)
	}
	refs := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				// Under properties the keys are field names: a field may be called $ref.
				if k == "$ref" && !strings.HasSuffix(path, "/properties") {
					refs++
					ref, _ := x.(string)
					name, ok := strings.CutPrefix(ref, "#/components/schemas/")
					if _, exists := doc.Components.Schemas[name]; !ok || !exists {
						t.Errorf("%s: $ref %q does not resolve", path, ref)
					}
					continue
				}
				walk(path+"/"+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		}
	}
	walk("#", tree)
	if refs == 0 {
		t.Error("no $ref found; the walk is broken")
	}
}

// TestOpenAPIStatusesMatchBehaviour: the documented success status of a
// few operations is what the server answers.
func TestOpenAPIStatusesMatchBehaviour(t *testing.T) {
	t.Parallel()
	_, doc, _ := fetchOpenAPI(t)
	for _, tt := range []struct{ method, path, status string }{
		{"post", "/api/v1/tokens", "201"},
		{"delete", "/api/v1/tokens/{id}", "204"},
		{"post", "/api/v1/invitations", "201"},
		{"post", "/api/v1/catalog/editions", "201"},
		{"get", "/api/v1/me", "200"},
		{"post", "/api/v1/me/password", "204"},
	} {
		var op openAPIOperation
		if err := json.Unmarshal(doc.Paths[tt.path][tt.method], &op); err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		if _, ok := op.Responses[tt.status]; !ok {
			t.Errorf("%s %s documents %v, want %s", tt.method, tt.path, keys(op.Responses), tt.status)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestOpenAPIComplete: the document describes everything a client
// generator needs — no object schema without its fields, a description
// and a tag of the document's tag list on every operation, security: []
// on the public ones, the registry's query parameters, licence and
// contact.
func TestOpenAPIComplete(t *testing.T) {
	t.Parallel()
	_, _, body := fetchOpenAPI(t)
	var doc struct {
		Info  map[string]any `json:"info"`
		Tags  []struct{ Name string }
		Paths map[string]map[string]struct {
			Description string           `json:"description"`
			Tags        []string         `json:"tags"`
			Access      string           `json:"x-access"`
			Security    *[]any           `json:"security"`
			Parameters  []map[string]any `json:"parameters"`
		} `json:"paths"`
		Components map[string]any `json:"components"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"license", "contact"} {
		if _, ok := doc.Info[k].(map[string]any); !ok {
			t.Errorf("info.%s missing: %v", k, doc.Info)
		}
	}
	tags := map[string]bool{}
	for _, tg := range doc.Tags {
		tags[tg.Name] = true
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			key := method + " " + path
			if op.Description == "" {
				t.Errorf("%s: no description", key)
			}
			if len(op.Tags) != 1 || !tags[op.Tags[0]] {
				t.Errorf("%s: tags %v, want one of the document's", key, op.Tags)
			}
			if op.Security == nil || (op.Access == "public") != (len(*op.Security) == 0) {
				t.Errorf("%s (%s): security %v", key, op.Access, op.Security)
			}
		}
	}
	query := map[string]bool{}
	for _, p := range doc.Paths["/api/v1/registry"]["get"].Parameters {
		if p["in"] == "query" {
			query[p["name"].(string)] = true
		}
	}
	for _, name := range []string{"q", "page", "per_page", "base", "status", "sort"} {
		if !query[name] {
			t.Errorf("GET /api/v1/registry: query parameter %q not documented", name)
		}
	}
	var tree any
	_ = json.Unmarshal([]byte(body), &tree)
	for _, p := range bareObjects("#", tree) {
		t.Errorf("%s: an object schema without properties", p)
	}
}

// bareObjects lists the schemas that are objects and say nothing of their
// fields: no properties, additionalProperties or composition.
func bareObjects(path string, v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if v["type"] == "object" {
			bare := true
			for _, k := range []string{"properties", "additionalProperties", "allOf", "anyOf", "oneOf", "$ref"} {
				if _, ok := v[k]; ok {
					bare = false
				}
			}
			if bare {
				out = append(out, path)
			}
		}
		for k, x := range v {
			out = append(out, bareObjects(path+"/"+k, x)...)
		}
	case []any:
		for i, x := range v {
			out = append(out, bareObjects(path+"/"+strconv.Itoa(i), x)...)
		}
	}
	return out
}
