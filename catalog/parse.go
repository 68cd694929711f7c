package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// Parse decodes a catalog edition file (YAML, or JSON since JSON is YAML) and validates it.
//
// It returns the edition only if the file has no problem at all. Otherwise it returns nil and
// a *ValidationError listing every problem found (not just the first), each with its line;
// files that cannot be read as YAML (syntax errors, binary junk, truncation) give a single
// catalog.yaml.* problem. Parse never panics, whatever the input.
func Parse(data []byte) (*Edition, error) {
	root, problems := readDocument(data)
	if root == nil {
		return nil, &ValidationError{Problems: problems}
	}
	d := newDecoder()
	e := d.edition(root)
	problems = append(problems, d.problems...)
	if e != nil {
		problems = append(problems, validate(e, d.lines)...)
	}
	if len(problems) > 0 {
		sortProblems(problems)
		return nil, &ValidationError{Problems: problems}
	}
	return e, nil
}

// readDocument parses data into the YAML node tree of its single document. It returns nil
// and the reason when there is no usable document.
func readDocument(data []byte) (root *yaml.Node, problems []Problem) {
	if p, bad := checkText(data); bad {
		return nil, []Problem{p}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := safeDecode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []Problem{{Line: 1, Code: codeYAMLEmpty}}
		}
		return nil, []Problem{syntaxProblem(err, data)}
	}
	root = &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, []Problem{{Line: 1, Code: codeYAMLEmpty}}
	}
	var next yaml.Node
	switch err := safeDecode(dec, &next); {
	case err == nil:
		problems = append(problems, Problem{Line: max(next.Line, 1), Code: codeYAMLMultipleDocuments})
	case !errors.Is(err, io.EOF):
		problems = append(problems, syntaxProblem(err, data))
	}
	return root, problems
}

// safeDecode runs the YAML decoder and turns a panic inside it into an error: Parse promises
// never to panic, and the YAML library is the one part whose every path we do not control.
func safeDecode(dec *yaml.Decoder, into *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: unreadable input (%v)", r)
		}
	}()
	return dec.Decode(into)
}
