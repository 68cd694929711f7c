package web

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var englishPrinter = message.NewPrinter(language.English)

// The response-vs-schema check: every JSON answer of an /api/ route that a
// test receives through client.request is validated against the schema the
// OpenAPI document gives for that operation and status (JSON Schema 2020-12,
// formats asserted), so the document cannot drift from what the server does.

// contract is the OpenAPI document compiled once for the whole test binary:
// the schemas do not depend on a site's options.
type contract struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	compiled map[string]*jsonschema.Schema // by JSON pointer
}

var (
	contractOnce sync.Once
	theContract  *contract
	contractErr  error
)

const contractURL = "https://nintei.invalid/openapi.json"

func loadContract(s *Server) (*contract, error) {
	contractOnce.Do(func() {
		// Through JSON, so that the document is what a client reads.
		raw, err := json.Marshal(s.api.OpenAPI(context.Background()))
		if err != nil {
			contractErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
		if err != nil {
			contractErr = err
			return
		}
		closeObjects(doc)
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		if err := c.AddResource(contractURL, doc); err != nil {
			contractErr = err
			return
		}
		theContract = &contract{doc: doc.(map[string]any), compiler: c, compiled: map[string]*jsonschema.Schema{}}
	})
	return theContract, contractErr
}

// schemaFor compiles (once) the schema at a JSON pointer of the document.
func (k *contract) schemaFor(ptr string) (*jsonschema.Schema, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if sch, ok := k.compiled[ptr]; ok {
		return sch, nil
	}
	sch, err := k.compiler.Compile(contractURL + "#" + ptr)
	if err != nil {
		return nil, err
	}
	k.compiled[ptr] = sch
	return sch, nil
}

// operationFor finds the documented path template matching a request path;
// a literal segment wins over a parameter.
func (k *contract) operationFor(method, path string) (template string, op map[string]any) {
	paths, _ := k.doc["paths"].(map[string]any)
	segs := strings.Split(path, "/")
	best := -1
	for tpl, item := range paths {
		ts := strings.Split(tpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		params, ok := 0, true
		for i, t := range ts {
			if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
				params++
				ok = ok && segs[i] != ""
			} else if t != segs[i] {
				ok = false
			}
		}
		o, _ := item.(map[string]any)[strings.ToLower(method)].(map[string]any)
		if ok && o != nil && (best < 0 || params < best) {
			best, template, op = params, tpl, o
		}
	}
	return template, op
}

// checkContract validates one reply of an API request; it reports a
// mismatch as a test error naming the operation, the status and the JSON
// pointer of each failing value.
func (c *client) checkContract(t testing.TB, method, rawPath string, r reply) {
	t.Helper()
	path, _, _ := strings.Cut(rawPath, "?")
	if !strings.HasPrefix(path, "/api/") {
		return
	}
	k, err := loadContract(c.site.Srv)
	if err != nil {
		t.Fatalf("OpenAPI contract: %v", err)
	}
	tpl, op := k.operationFor(method, path)
	if op == nil {
		return // no such operation: the router's 404/405, checked by its own tests
	}
	opName := fmt.Sprintf("%s %s (%v)", method, tpl, op["operationId"])
	responses, _ := op["responses"].(map[string]any)
	code := strconv.Itoa(r.Status)
	noteSeen(op["operationId"], code)
	if _, ok := responses[code]; !ok {
		// A success the document does not list is a mismatch; an error
		// status falls to default, the envelope. 304 answers a conditional GET.
		if r.Status < 400 && r.Status != http.StatusNotModified {
			t.Errorf("OpenAPI contract: %s answered %d, a status the document does not list", opName, r.Status)
			return
		}
		code = "default"
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" || r.Status == http.StatusNotModified {
		return
	}
	resp, _ := responses[code].(map[string]any)
	content, _ := resp["content"].(map[string]any)
	if content["application/json"] == nil {
		t.Errorf("OpenAPI contract: %s answered %d with a JSON body, but the document gives response %q no JSON content\n%.300s",
			opName, r.Status, code, r.Body)
		return
	}
	ptr := "/paths/" + escapePointer(tpl) + "/" + strings.ToLower(method) + "/responses/" + code + "/content/application~1json/schema"
	sch, err := k.schemaFor(ptr)
	if err != nil {
		t.Fatalf("OpenAPI contract: compile %s: %v", ptr, err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.Body))
	if err != nil {
		t.Errorf("OpenAPI contract: %s answered %d with invalid JSON: %v", opName, r.Status, err)
		return
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("OpenAPI contract: %s answered %d; the body does not match the document's schema for response %q:\n%s\nbody: %.600s",
			opName, r.Status, code, contractErrors(err), r.Body)
	}
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// contractErrors lists the leaf errors of a validation, each at its JSON
// pointer in the body.
func contractErrors(err error) string {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return err.Error()
	}
	var b strings.Builder
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			fmt.Fprintf(&b, "  at %q: %s\n", "/"+strings.Join(e.InstanceLocation, "/"), e.ErrorKind.LocalizedString(englishPrinter))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return b.String()
}

// closeObjects makes every object schema of the document that lists its
// properties refuse any other (additionalProperties: false) for the tests
// only: a field the server writes that the document does not name is a
// mismatch, while clients stay free to ignore fields added later.
func closeObjects(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["properties"].(map[string]any); ok && v["additionalProperties"] == nil {
			v["additionalProperties"] = false
		}
		for _, x := range v {
			closeObjects(x)
		}
	case []any:
		for _, x := range v {
			closeObjects(x)
		}
	}
}

// noteSeen appends "operationId status" to the file NINTEI_CONTRACT_SEEN
// names, when set: which operations and statuses the tests check.
func noteSeen(opID any, code string) {
	name := os.Getenv("NINTEI_CONTRACT_SEEN")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%v %s\n", opID, code)
}
