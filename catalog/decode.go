package catalog

import (
	"fmt"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// decoder walks the YAML node tree by hand instead of using yaml.Unmarshal, so that it can
// keep going after a problem (reporting all of them), reject unknown fields everywhere, and
// remember the line of every field for the semantic checks that follow (lines).
type decoder struct {
	problems []Problem
	lines    map[string]int // field path -> line where the field's key (or element) starts
}

func newDecoder() *decoder { return &decoder{lines: map[string]int{}} }

// report records a problem at a known line.
func (d *decoder) report(line int, field, code, value string) {
	d.problems = append(d.problems, Problem{Line: max(line, 1), Field: field, Code: code, Value: displayValue(value)})
}

// join builds the path of a field inside the value at path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index builds the path of a list element.
func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// isNull reports whether n is an explicit empty value (`key:` or `key: null`).
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// expect checks that n has the wanted kind. Aliases are refused outright: following them
// would let a tiny file expand into a huge one, and a catalog has no use for them.
func (d *decoder) expect(n *yaml.Node, path string, kind yaml.Kind, code string) bool {
	switch {
	case n.Kind == yaml.AliasNode:
		d.report(n.Line, path, codeYAMLAlias, n.Value)
		return false
	case n.Kind != kind:
		d.report(n.Line, path, code, "")
		return false
	}
	return true
}

// fields returns the values of a mapping by key. It reports non-text keys, unknown keys
// (strictness catches typos such as `requird:` that would silently mean "optional") and
// repeated keys, and records the line of each known key.
func (d *decoder) fields(n *yaml.Node, path string, known ...string) map[string]*yaml.Node {
	if isNull(n) {
		d.report(n.Line, path, codeFieldEmpty, "")
		return nil
	}
	if !d.expect(n, path, yaml.MappingNode, codeFieldNotMapping) {
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if !d.expect(key, path, yaml.ScalarNode, codeFieldNotString) {
			continue
		}
		p := join(path, key.Value)
		switch {
		case !slices.Contains(known, key.Value):
			d.report(key.Line, p, codeFieldUnknown, key.Value)
		case out[key.Value] != nil:
			d.report(key.Line, p, codeYAMLDuplicateKey, key.Value)
		default:
			out[key.Value] = value
			d.lines[p] = key.Line
		}
	}
	return out
}

// entry is one key/value pair of a mapping whose keys are data (ids), not field names.
type entry struct {
	key   string
	value *yaml.Node
}

// entries returns the pairs of a mapping keyed by ids, in file order, reporting repeats.
func (d *decoder) entries(n *yaml.Node, path string) []entry {
	if isNull(n) || !d.expect(n, path, yaml.MappingNode, codeFieldNotMapping) {
		return nil
	}
	var out []entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if !d.expect(key, path, yaml.ScalarNode, codeFieldNotString) {
			continue
		}
		p := join(path, key.Value)
		if seen[key.Value] {
			d.report(key.Line, p, codeYAMLDuplicateKey, key.Value)
			continue
		}
		seen[key.Value] = true
		d.lines[p] = key.Line
		out = append(out, entry{key.Value, value})
	}
	return out
}

// list returns the elements of a sequence (nil for an explicit empty value), recording the
// line of each element.
func (d *decoder) list(n *yaml.Node, path string) []*yaml.Node {
	if isNull(n) || !d.expect(n, path, yaml.SequenceNode, codeFieldNotList) {
		return nil
	}
	for i, el := range n.Content {
		d.lines[index(path, i)] = el.Line
	}
	return n.Content
}

// scalar returns the text of a scalar node; an explicit empty value gives "".
// Numbers and dates are kept as written (`no: 1` gives "1").
func (d *decoder) scalar(n *yaml.Node, path string) string {
	if isNull(n) || !d.expect(n, path, yaml.ScalarNode, codeFieldNotString) {
		return ""
	}
	return n.Value
}

// str returns an optional text field of m ("" when absent).
func (d *decoder) str(m map[string]*yaml.Node, path, key string) string {
	n := m[key]
	if n == nil {
		return ""
	}
	return d.scalar(n, join(path, key))
}

// need reports key as missing from the mapping at path (line: the mapping's own line)
// and tells whether it is present.
func (d *decoder) need(m map[string]*yaml.Node, mapLine int, path, key string) bool {
	if m[key] != nil {
		return true
	}
	d.report(mapLine, join(path, key), codeFieldMissing, key)
	return false
}

// requiredStr returns a text field that must be present and non-empty.
func (d *decoder) requiredStr(m map[string]*yaml.Node, mapLine int, path, key string) string {
	if !d.need(m, mapLine, path, key) {
		return ""
	}
	v := d.scalar(m[key], join(path, key))
	if v == "" && m[key].Kind == yaml.ScalarNode {
		d.report(m[key].Line, join(path, key), codeFieldEmpty, "")
	}
	return v
}

// strs returns an optional list of texts.
func (d *decoder) strs(m map[string]*yaml.Node, path, key string) []string {
	n := m[key]
	if n == nil {
		return nil
	}
	p := join(path, key)
	var out []string
	for i, el := range d.list(n, p) {
		out = append(out, d.scalar(el, index(p, i)))
	}
	return out
}

// boolean returns a true/false field that must be present.
func (d *decoder) boolean(m map[string]*yaml.Node, mapLine int, path, key string) bool {
	if !d.need(m, mapLine, path, key) {
		return false
	}
	n, p := m[key], join(path, key)
	if !d.expect(n, p, yaml.ScalarNode, codeFieldNotBool) {
		return false
	}
	var b bool
	if n.Tag != "!!bool" || n.Decode(&b) != nil {
		d.report(n.Line, p, codeFieldNotBool, n.Value)
	}
	return b
}

// integer returns a whole-number field that must be present; ok is false when it is
// missing or malformed (already reported).
func (d *decoder) integer(m map[string]*yaml.Node, mapLine int, path, key string) (v int, ok bool) {
	if !d.need(m, mapLine, path, key) {
		return 0, false
	}
	n, p := m[key], join(path, key)
	if !d.expect(n, p, yaml.ScalarNode, codeFieldNotInteger) {
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if n.Tag != "!!int" || err != nil {
		d.report(n.Line, p, codeFieldNotInteger, n.Value)
		return 0, false
	}
	return v, true
}
