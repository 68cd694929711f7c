package catalog

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// want is the part of a Problem the golden tables pin down.
type want struct {
	Line  int
	Field string
	Code  string
	Value string
}

func problemsOf(t *testing.T, err error) []want {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v (%T), want *ValidationError", err, err)
	}
	got := make([]want, len(ve.Problems))
	for i, p := range ve.Problems {
		got[i] = want{p.Line, p.Field, p.Code, p.Value}
	}
	return got
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestParseBrokenFilesReportEveryProblem checks that each broken file yields all of its
// problems, with the line of the offending field, not just the first one.
func TestParseBrokenFilesReportEveryProblem(t *testing.T) {
	tests := []struct {
		file string
		want []want
	}{
		{"broken-duplicate-id.yaml", []want{
			{6, "categories[1].id", "catalog.category.duplicate_id", "a"},
			{15, "items[1].id", "catalog.item.duplicate_id", "D-1"},
			{19, "items[1].name_ja", "catalog.yaml.duplicate_key", "name_ja"},
		}},
		{"broken-unknown-type.yaml", []want{
			{11, "items[0].answer.type", "catalog.item.unknown_type", "foo"},
			{18, "items[1].answer.options", "catalog.item.options_missing", ""},
			{25, "items[2].answer.options[2]", "catalog.item.option_duplicate", "A"},
			{34, "items[3].answer.unit", "catalog.item.param_not_allowed", "unit"},
			{41, "items[4].answer.units[1]", "catalog.item.unit_unknown", "fortnight"},
			{48, "items[5].answer.fields", "catalog.item.fields_missing", ""},
			{50, "items[5].provenance.source", "catalog.provenance.source_unknown", "maybe"},
			{50, "items[5].provenance.confidence", "catalog.provenance.confidence_unknown", "certain"},
		}},
		{"broken-bad-yaml.yaml", []want{
			{7, "", "catalog.yaml.syntax", "did not find expected ',' or ']'"},
		}},
		{"broken-unknown-reference.yaml", []want{
			{8, "categories[1].parent", "catalog.category.unknown_parent", "nowhere"},
			{9, "categories[2].parent", "catalog.category.parent_cycle", "loop-a -> loop-b -> loop-a"},
			{13, "items[0].category", "catalog.item.unknown_category", "missing-category"},
			{18, "items[0].provenance.evidence[1]", "catalog.evidence.unknown_source", "S9"},
			{21, "items[1].parent", "catalog.item.unknown_parent", "R-99"},
			{26, "items[1].required_when.item", "catalog.required_when.unknown_item", "R-404"},
			{34, "items[2].required_when.item", "catalog.required_when.cycle", "R-3 -> R-4 -> R-3"},
			{42, "items[3].required_when.equals", "catalog.required_when.invalid_value", "maybe"},
		}},
		{"broken-bad-key-rule.yaml", []want{
			{13, "items[0].key.rule", "catalog.key.rule_type_mismatch", "yes_with_detail"},
			{21, "items[1].key.rule", "catalog.key.rule_type_mismatch", "contacts"},
			{29, "items[2].key", "catalog.key.not_required", "K-3"},
			{29, "items[2].key.choice_in[1]", "catalog.key.choice_in_not_option", "月面"},
			{37, "items[3].key.rule", "catalog.key.unknown_rule", "sometimes"},
			{45, "items[4].key.label_ja", "catalog.field.missing", "label_ja"},
			{45, "items[4].key.choice_in", "catalog.key.choice_in_unexpected", ""},
		}},
		{"broken-fields.yaml", []want{
			{5, "scheme.number_prefix", "catalog.scheme.number_prefix_syntax", "IP IoT"},
			{6, "scheme.validity_years", "catalog.scheme.validity_years_range", "0"},
			{8, "edition.id", "catalog.id.syntax", "fields 1"},
			{11, "edition.status", "catalog.edition.status_unknown", "final"},
			{12, "edition.published", "catalog.edition.published_invalid", "2024-02-30"},
			{13, "edition.editor", "catalog.field.unknown", "editor"},
			{17, "items[0].name_ja", "catalog.field.missing", "name_ja"},
			{21, "items[0].required", "catalog.field.not_bool", "yes"},
			{22, "items[0].requird", "catalog.field.unknown", "requird"},
			{24, "items[1]", "catalog.field.not_mapping", ""},
			{27, "items[2].item_ja", "catalog.field.empty", ""},
			{28, "items[2].name_ja", "catalog.field.not_string", ""},
			{32, "extra", "catalog.field.unknown", "extra"},
		}},
		{"broken-format.yaml", []want{
			{2, "format", "catalog.format.unsupported", "nintei-catalog/2"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e, err := Parse(readTestdata(t, tt.file))
			if e != nil {
				t.Errorf("Parse returned an edition for a broken file")
			}
			if got := problemsOf(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestParseUnreadableInput checks that inputs that are not a catalog at all give one clean
// problem each, with a line, and no panic.
func TestParseUnreadableInput(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"empty", "", []want{{1, "", "catalog.yaml.empty", ""}}},
		{"only comments", "# nothing\n# here\n", []want{{1, "", "catalog.yaml.empty", ""}}},
		{"null document", "---\n~\n", []want{{1, "", "catalog.yaml.empty", ""}}},
		{"not a mapping", "- a\n- b\n", []want{{1, "", "catalog.field.not_mapping", ""}}},
		{"scalar", "hello", []want{{1, "", "catalog.field.not_mapping", ""}}},
		{"binary junk", "format: x\n\x00\x01\x02\xff", []want{{2, "", "catalog.yaml.control_character", "U+0000"}}},
		{"invalid UTF-8", "a: 1\nb: 2\nc: \xff\xfe\n", []want{{3, "", "catalog.yaml.not_utf8", ""}}},
		{"unknown alias", "a: 1\nb: *nope\n", []want{{2, "", "catalog.yaml.syntax", "unknown anchor 'nope' referenced"}}},
		{"unclosed quote", "format: nintei-catalog/1\nscheme: 'x\n", []want{{2, "", "catalog.yaml.syntax", "found unexpected end of stream"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if got := problemsOf(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestParseStructuralProblems covers problems that the golden files do not: aliases,
// several documents, missing blocks and empty lists.
func TestParseStructuralProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"missing blocks", "format: nintei-catalog/1\n", []want{
			{1, "scheme", "catalog.field.missing", "scheme"},
			{1, "edition", "catalog.field.missing", "edition"},
			{1, "categories", "catalog.field.missing", "categories"},
			{1, "items", "catalog.field.missing", "items"},
		}},
		{"empty lists and alias", "format: nintei-catalog/1\nscheme: &s {id: x, name_ja: X, number_prefix: X, validity_years: 2}\n" +
			"edition: *s\ncategories: []\nitems:\n", []want{
			{3, "edition", "catalog.yaml.alias", "s"},
			{4, "categories", "catalog.field.empty", ""},
			{5, "items", "catalog.field.empty", ""},
		}},
		{"second document", "format: nintei-catalog/1\n---\nformat: nintei-catalog/1\n", []want{
			{1, "scheme", "catalog.field.missing", "scheme"},
			{1, "edition", "catalog.field.missing", "edition"},
			{1, "categories", "catalog.field.missing", "categories"},
			{1, "items", "catalog.field.missing", "items"},
			{2, "", "catalog.yaml.multiple_documents", ""}, // the "---" line
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if got := problemsOf(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestParseTruncatedEdition cuts the shipped edition at many points: every prefix must give
// problems or an edition, never a panic, and a cut inside the item list must not parse as
// the full edition.
func TestParseTruncatedEdition(t *testing.T) {
	data := Builtin()[0].Data
	for cut := 0; cut < len(data); cut += 97 {
		e, err := Parse(data[:cut])
		if err == nil && len(e.Items) == 68 {
			t.Fatalf("cut at %d parsed as the whole edition", cut)
		}
		var ve *ValidationError
		if err != nil && !errors.As(err, &ve) {
			t.Fatalf("cut at %d: error %T, want *ValidationError", cut, err)
		}
		if ve != nil && len(ve.Problems) == 0 {
			t.Fatalf("cut at %d: ValidationError without problems", cut)
		}
	}
}

func TestValidationErrorText(t *testing.T) {
	_, err := Parse(readTestdata(t, "broken-unknown-type.yaml"))
	first := strings.SplitN(err.Error(), "\n", 2)[0]
	want := `line 11: items[0].answer.type: catalog.item.unknown_type "foo"`
	if first != want {
		t.Errorf("first line = %q, want %q", first, want)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 8 {
		t.Errorf("Error() has %d lines, want one per problem (8)", n)
	}
}

// TestParseAcceptsJSON: JSON is YAML, so an edition can be imported as JSON too.
func TestParseAcceptsJSON(t *testing.T) {
	in := `{
	"format": "nintei-catalog/1",
	"scheme": {"id": "j", "name_ja": "J", "number_prefix": "J", "validity_years": 2},
	"edition": {"id": "j-1", "version": "1", "title_ja": "J", "status": "draft"},
	"categories": [{"id": "c", "name_ja": "C"}],
	"items": [{"id": "J-1", "category": "c", "item_ja": "項目", "name_ja": "内容",
		"answer": {"type": "yes_no"}, "required": true,
		"key": {"rule": "yes", "label_ja": "有であること"},
		"provenance": {"source": "verified", "confidence": "high"}}]
}`
	e, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.Items[0].Key.Rule, KeyYes; got != want {
		t.Errorf("key rule = %q, want %q", got, want)
	}
}

// TestUnquotedYesIsText: YAML 1.1 read `yes` as true; the library reads it as text, so
// `rule: yes` and `equals: yes` need no quotes.
func TestUnquotedYesIsText(t *testing.T) {
	data := strings.Replace(string(readTestdata(t, "asp-saas-mini.yaml")), `rule: "yes"`, "rule: yes", 1)
	e, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if it, _ := e.Item("ASP-006"); it.Key.Rule != KeyYes {
		t.Errorf("rule = %q, want yes", it.Key.Rule)
	}
}

// TestParseLineEndingsAndBOM: files saved on Windows (CRLF, UTF-8 BOM) parse the same and
// report the same lines.
func TestParseLineEndingsAndBOM(t *testing.T) {
	crlf := func(b []byte) []byte { return []byte(strings.ReplaceAll(string(b), "\n", "\r\n")) }
	bom := func(b []byte) []byte { return append([]byte("\uFEFF"), b...) }
	mini := readTestdata(t, "asp-saas-mini.yaml")
	want := mustParse(t, mini).Digest()
	for name, data := range map[string][]byte{"crlf": crlf(mini), "bom": bom(mini), "both": bom(crlf(mini))} {
		if got := mustParse(t, data).Digest(); got != want {
			t.Errorf("%s: digest differs from the LF original", name)
		}
	}
	broken := readTestdata(t, "broken-unknown-reference.yaml")
	_, errLF := Parse(broken)
	_, errCRLF := Parse(bom(crlf(broken)))
	if got, want := problemsOf(t, errCRLF), problemsOf(t, errLF); !slices.Equal(got, want) {
		t.Errorf("CRLF+BOM problems:\n got %v\nwant %v", got, want)
	}
}
