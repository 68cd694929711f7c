package catalog

import (
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// draftPath is the research draft the shipped edition was converted from. It lives outside
// the module, so the test is skipped where the shared folder is absent.
const draftPath = "../../shared/reference/catalog-iaas-paas-iot.draft.yaml"

// draftItem is one row of the research draft, in the draft's own layout.
type draftItem struct {
	ID                      string   `yaml:"id"`
	No                      string   `yaml:"no"`
	Parent                  string   `yaml:"parent"`
	Category                []string `yaml:"category"`
	ItemJA                  string   `yaml:"item_ja"`
	NameJA                  string   `yaml:"name_ja"`
	NameEN                  string   `yaml:"name_en"`
	AnswerType              string   `yaml:"answer_type"`
	Unit                    string   `yaml:"unit"`
	Options                 []string `yaml:"options"`
	Required                bool     `yaml:"required"`
	RequiredIf              string   `yaml:"required_if"`
	KeyRequirement          bool     `yaml:"key_requirement"`
	KeyRequirementCondition string   `yaml:"key_requirement_condition"`
	KeyRequirementSource    string   `yaml:"key_requirement_source"`
	Source                  string   `yaml:"source"`
	VerifiedScope           string   `yaml:"verified_scope"`
	Evidence                []string `yaml:"evidence"`
	Confidence              string   `yaml:"confidence"`
	Notes                   string   `yaml:"notes"`
}

// draftTypes maps the draft's answer types to ours; unlisted ones keep their name.
var draftTypes = map[string]AnswerType{
	"free_text": TypeLongText, "integer_with_unit": TypeInteger,
	"money_with_period": TypeMoney, "enum": TypeChoice,
}

// TestConversionMatchesDraft checks the hand-checked edition file against the draft, row by
// row: same order, same Japanese wording, same category path, mapped type, same 必須/選択,
// key items, and provenance kept verbatim.
func TestConversionMatchesDraft(t *testing.T) {
	data, err := os.ReadFile(draftPath)
	if err != nil {
		t.Skipf("draft not available: %v", err)
	}
	var draft struct {
		Items []draftItem `yaml:"items"`
	}
	if err := yaml.Unmarshal(data, &draft); err != nil {
		t.Fatal(err)
	}
	e := defaultEdition(t)
	if len(draft.Items) != len(e.Items) {
		t.Fatalf("draft has %d items, edition %d", len(draft.Items), len(e.Items))
	}
	for i, d := range draft.Items {
		t.Run(d.ID, func(t *testing.T) { compareWithDraft(t, e, d, e.Items[i]) })
	}
}

func compareWithDraft(t *testing.T, e *Edition, d draftItem, it Item) {
	same := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	same("id", it.ID, d.ID)
	same("no", it.No, d.No)
	same("parent", it.Parent, d.Parent)
	same("item_ja", it.ItemJA, d.ItemJA)
	same("name_ja", it.NameJA, d.NameJA)
	same("name_en", it.NameEN, d.NameEN)
	var path []string
	for _, c := range e.CategoryPath(it.Category) {
		path = append(path, c.NameJA)
	}
	same("category path", strings.Join(path, " > "), strings.Join(d.Category, " > "))
	wantType, mapped := draftTypes[d.AnswerType]
	if !mapped {
		wantType = AnswerType(d.AnswerType)
	}
	same("type", it.Answer.Type, wantType)
	if wantType == TypeInteger || wantType == TypeMoney {
		same("unit", it.Answer.Unit, d.Unit)
	}
	if wantType == TypeChoice && !slices.Equal(it.Answer.Options, d.Options) {
		t.Errorf("options = %v, want %v", it.Answer.Options, d.Options)
	}
	compareRequired(t, d, it)
	compareKey(t, d, it)
	p := it.Provenance
	same("source", string(p.Source), d.Source)
	same("confidence", string(p.Confidence), d.Confidence)
	same("scope", p.Scope, d.VerifiedScope)
	same("notes", p.Notes, d.Notes)
	if !slices.Equal(p.Evidence, d.Evidence) && len(p.Evidence)+len(d.Evidence) > 0 {
		t.Errorf("evidence = %v, want %v", p.Evidence, d.Evidence)
	}
}

// compareRequired: a draft row with required_if "X == 有" becomes optional with
// required_when {item: X, equals: yes}; other rows keep 必須/選択.
func compareRequired(t *testing.T, d draftItem, it Item) {
	t.Helper()
	if d.RequiredIf == "" {
		if it.Required != d.Required || it.RequiredWhen != nil {
			t.Errorf("required = %v (when %v), want %v", it.Required, it.RequiredWhen, d.Required)
		}
		return
	}
	ref, value, _ := strings.Cut(d.RequiredIf, "==")
	want := Condition{Item: strings.TrimSpace(ref), Equals: valueYes}
	if strings.TrimSpace(value) != "有" || it.Required || it.RequiredWhen == nil || it.RequiredWhen.Item != want.Item || it.RequiredWhen.Equals != want.Equals {
		t.Errorf("required = %v when %+v, want optional when %+v", it.Required, it.RequiredWhen, want)
	}
}

func compareKey(t *testing.T, d draftItem, it Item) {
	t.Helper()
	if (it.Key != nil) != d.KeyRequirement {
		t.Fatalf("key = %v, want key_requirement %v", it.Key, d.KeyRequirement)
	}
	if it.Key == nil {
		return
	}
	if !strings.HasPrefix(d.KeyRequirementCondition, it.Key.LabelJA) {
		t.Errorf("label_ja = %q, not the start of %q", it.Key.LabelJA, d.KeyRequirementCondition)
	}
	if !slices.Equal(it.Key.Evidence, []string{d.KeyRequirementSource}) {
		t.Errorf("key evidence = %v, want [%s]", it.Key.Evidence, d.KeyRequirementSource)
	}
}
