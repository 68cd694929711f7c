package catalog

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func defaultEdition(t *testing.T) *Edition {
	t.Helper()
	e, err := DefaultEdition()
	if err != nil {
		t.Fatalf("shipped edition does not parse:\n%v", err)
	}
	return e
}

func itemIDs(items []Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return ids
}

func TestShippedEditionIdentity(t *testing.T) {
	e := defaultEdition(t)
	tests := []struct {
		name      string
		got, want any
	}{
		{"format", e.Format, FormatV1},
		{"scheme id", e.Scheme.ID, "iaas-paas-iot"},
		{"scheme name", e.Scheme.NameJA, "IaaS・PaaS（IoTクラウドサービス）の安全・信頼性に係る情報開示認定制度"},
		{"number prefix (R-8.4)", e.Scheme.NumberPrefix, "IP-IoT"},
		{"validity years (R-8.2)", e.Scheme.ValidityYears, 2},
		{"edition id", e.ID, "iaas-paas-iot-2018-draft1"},
		{"status", e.Status, StatusDraft},
		{"items", len(e.Items), 68},
		{"first item", e.Items[0].ID, "IPIOT-001"},
		{"last item", e.Items[67].ID, "IPIOT-065"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestShippedKeyItems_R5_3 checks the five key items of DOMAIN in the shipped
// edition one by one — by item id, category and 審査対象項目 name, with the rule that
// decides whether each measure is in place — and that no other item is a key item. A key
// block dropped from any one of them fails here naming that item, not a count.
func TestShippedKeyItems_R5_3(t *testing.T) {
	e := defaultEdition(t)
	want := []struct {
		rule, id, category, itemJA string
		kind                       KeyRuleKind
	}{
		{"R-5.3.1 security rules", "IPIOT-018", "provider-compliance-documents", "情報セキュリティに関する規程等の整備", KeyYesWithDetail},
		{"R-5.3.2 IoT device authentication", "IPIOT-050", "service-operations-iot", "IoT機器認証", KeyYesWithDetail},
		{"R-5.3.3 contact point", "IPIOT-060", "service-support-desk", "連絡先", KeyContacts},
		{"R-5.3.4 maintenance advance notice", "IPIOT-062", "service-support-notices", "メンテナンス等の一時的サービス停止時の事前告知", KeyYesWithDetail},
		{"R-5.3.5 failure/disaster notification", "IPIOT-063", "service-support-notices", "障害・災害発生時の通知", KeyYesWithDetail},
	}
	keyIDs := map[string]bool{}
	for _, w := range want {
		keyIDs[w.id] = true
		it, ok := e.Item(w.id)
		if !ok {
			t.Errorf("%s: the shipped edition has no item %s", w.rule, w.id)
			continue
		}
		if it.ItemJA != w.itemJA || it.Category != w.category {
			t.Errorf("%s: %s is %q in %s, want %q in %s", w.rule, w.id, it.ItemJA, it.Category, w.itemJA, w.category)
		}
		if it.Key == nil {
			t.Errorf("%s: %s (%s) is not marked as a key item", w.rule, w.id, w.itemJA)
			continue
		}
		if it.Key.Rule != w.kind {
			t.Errorf("%s: %s rule = %q, want %q", w.rule, w.id, it.Key.Rule, w.kind)
		}
		if !it.Required || it.Key.LabelJA == "" {
			t.Errorf("%s: %s required=%v label_ja=%q, want required with a label", w.rule, w.id, it.Required, it.Key.LabelJA)
		}
	}
	for _, it := range e.KeyItems() {
		if !keyIDs[it.ID] {
			t.Errorf("R-5.3: %s (%s) is marked as a key item but is not one of the five", it.ID, it.ItemJA)
		}
	}
}

func TestShippedProvenanceCounts(t *testing.T) {
	e := defaultEdition(t)
	count := map[SourceKind]int{}
	for _, it := range e.Items {
		count[it.Provenance.Source]++
	}
	if count[SourceVerified] != 13 || count[SourceReconstructed] != 55 {
		t.Errorf("verified/reconstructed = %d/%d, want 13/55", count[SourceVerified], count[SourceReconstructed])
	}
}

// TestShippedRequiredItems: the draft marks 40 rows 必須; IPIOT-026 became conditional.
func TestShippedRequiredItems(t *testing.T) {
	e := defaultEdition(t)
	if got, want := len(e.RequiredItems()), 39; got != want {
		t.Errorf("RequiredItems = %d, want %d", got, want)
	}
	var conditional []string
	for _, it := range e.Items {
		if it.RequiredWhen != nil {
			conditional = append(conditional, it.ID)
		}
	}
	if want := []string{"IPIOT-026"}; !slices.Equal(conditional, want) {
		t.Errorf("items with required_when = %v, want %v", conditional, want)
	}
}

func TestCategoryPath(t *testing.T) {
	e := defaultEdition(t)
	tests := []struct {
		category string
		want     []string
	}{
		{"provider-business-offices", []string{"事業者", "事業所・事業", "事業所等の概要"}},
		{"service-operations-iot", []string{"サービス", "システム運用（システム基盤運用、セキュリティ等）", "IoT"}},
		{"service", []string{"サービス"}},
		{"no-such-category", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range e.CategoryPath(tt.category) {
			got = append(got, c.NameJA)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("CategoryPath(%q) = %v, want %v", tt.category, got, tt.want)
		}
	}
}

func TestLookups(t *testing.T) {
	e := defaultEdition(t)
	if it, ok := e.Item("IPIOT-002a"); !ok || it.Parent != "IPIOT-002" || it.Answer.Type != TypeCorporateNumber {
		t.Errorf("Item(IPIOT-002a) = %+v, %v", it, ok)
	}
	if _, ok := e.Item("IPIOT-999"); ok {
		t.Errorf("Item(IPIOT-999) found")
	}
	if c, ok := e.Category("provider"); !ok || c.NameJA != "事業者" {
		t.Errorf("Category(provider) = %+v, %v", c, ok)
	}
}

func TestBuiltin(t *testing.T) {
	b := Builtin()
	if len(b) != 1 || b[0].Name != "iaas-paas-iot-2018-draft.yaml" {
		t.Fatalf("Builtin = %d files (%v), want the IaaS・PaaS（IoT） draft", len(b), b)
	}
	for _, f := range b {
		if _, err := Parse(f.Data); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// TestSecondSchemeByDataAlone parses a scheme the code knows nothing about.
func TestSecondSchemeByDataAlone(t *testing.T) {
	e, err := Parse(readTestdata(t, "asp-saas-mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Scheme.NumberPrefix != "ASP" || e.Status != StatusOfficial || e.Published != "2024-04-01" {
		t.Errorf("scheme/edition = %+v / %s %s", e.Scheme, e.Status, e.Published)
	}
	if got, want := itemIDs(e.KeyItems()), []string{"ASP-003", "ASP-006", "ASP-007"}; !slices.Equal(got, want) {
		t.Errorf("KeyItems = %v, want %v", got, want)
	}
	if got, want := len(e.CategoryPath("service-data")), 2; got != want {
		t.Errorf("CategoryPath depth = %d, want %d", got, want)
	}
	types := map[AnswerType]bool{}
	for _, it := range e.Items {
		types[it.Answer.Type] = true
	}
	for _, tp := range []AnswerType{TypeMultiChoice, TypeList, TypeChoice, TypeContacts} {
		if !types[tp] {
			t.Errorf("no %s item in the second scheme", tp)
		}
	}
}

// TestSchemaDocExampleParses keeps the example in docs/catalog-schema.md honest.
func TestSchemaDocExampleParses(t *testing.T) {
	doc, err := os.ReadFile("../docs/catalog-schema.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, found := strings.Cut(string(doc), "```yaml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !found || !closed {
		t.Fatal("no yaml example in the schema doc")
	}
	e, err := Parse([]byte(example))
	if err != nil {
		t.Fatalf("schema doc example:\n%v", err)
	}
	if !e.RequiredNow("IPIOT-026", map[string]Answer{"IPIOT-025": {Yes: yes()}}) {
		t.Error("example IPIOT-026 not required after IPIOT-025 = yes")
	}
}
