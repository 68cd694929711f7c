package catalog

import (
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func mustParse(t *testing.T, data []byte) *Edition {
	t.Helper()
	e, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// reformatAsJSON rewrites a YAML edition as JSON: other syntax, keys sorted, no comments.
func reformatAsJSON(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(plain(doc.Content[0]), "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// plain converts a node to maps, slices and scalars. Unlike yaml.Unmarshal into `any`, it
// keeps dates as written (the library would turn 2024-04-01 into a timestamp).
func plain(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, plain(c))
		}
		return s
	}
	var v any
	if n.Tag == "!!int" || n.Tag == "!!bool" {
		_ = n.Decode(&v)
		return v
	}
	return n.Value
}

// reformatAsBlockYAML rewrites an edition in YAML block style with every scalar
// double-quoted and no comments.
func reformatAsBlockYAML(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var restyle func(n *yaml.Node)
	restyle = func(n *yaml.Node) {
		n.HeadComment, n.LineComment, n.FootComment = "", "", ""
		n.Style = 0
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		}
		for _, c := range n.Content {
			restyle(c)
		}
	}
	restyle(&doc)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDigestIgnoresFormatting(t *testing.T) {
	for _, name := range []string{"shipped", "asp-saas-mini.yaml"} {
		data := Builtin()[0].Data
		if name != "shipped" {
			data = readTestdata(t, name)
		}
		base := mustParse(t, data).Digest()
		if len(base) != 64 {
			t.Fatalf("%s: digest %q is not hex SHA-256", name, base)
		}
		for style, reformatted := range map[string][]byte{
			"json":       reformatAsJSON(t, data),
			"block yaml": reformatAsBlockYAML(t, data),
		} {
			if string(reformatted) == string(data) {
				t.Fatalf("%s: %s reformatting changed nothing", name, style)
			}
			if got := mustParse(t, reformatted).Digest(); got != base {
				t.Errorf("%s as %s: digest %s, want %s", name, style, got, base)
			}
		}
	}
}

func TestDigestSeesContentChanges(t *testing.T) {
	data := string(Builtin()[0].Data)
	base := mustParse(t, []byte(data)).Digest()
	changes := map[string][2]string{
		"wording":  {"name_ja: 避雷対策\n", "name_ja: 避雷設備\n"},
		"required": {"item_ja: 避雷対策\n    name_ja: 避雷対策\n    name_en: Lightning protection\n    answer: {type: yes_no}\n    required: false", "item_ja: 避雷対策\n    name_ja: 避雷対策\n    name_en: Lightning protection\n    answer: {type: yes_no}\n    required: true"},
		"version":  {"version: 2018-draft1", "version: 2018-draft2"},
	}
	for name, c := range changes {
		if !strings.Contains(data, c[0]) {
			t.Fatalf("%s: text to change not found", name)
		}
		changed := mustParse(t, []byte(strings.Replace(data, c[0], c[1], 1)))
		if changed.Digest() == base {
			t.Errorf("%s change kept the digest", name)
		}
	}
}
