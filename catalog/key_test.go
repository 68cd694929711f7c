package catalog

import "testing"

func miniEdition(t *testing.T) *Edition {
	t.Helper()
	e, err := Parse(readTestdata(t, "asp-saas-mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustItem(t *testing.T, e *Edition, id string) Item {
	t.Helper()
	it, ok := e.Item(id)
	if !ok {
		t.Fatalf("no item %s", id)
	}
	return it
}

// TestKeyMeasureInPlace checks each key rule kind: a key item whose measure is
// absent means no certification.
func TestKeyMeasureInPlace(t *testing.T) {
	shipped, mini := defaultEdition(t), miniEdition(t)
	rules := mustItem(t, shipped, "IPIOT-018")   // yes_with_detail: 情報セキュリティに関する規程等の整備
	contact := mustItem(t, shipped, "IPIOT-060") // contacts: 連絡先
	location := mustItem(t, mini, "ASP-003")     // choice_in [国内]
	crypto := mustItem(t, mini, "ASP-006")       // yes
	capital := Item{ID: "N", Required: true, Answer: AnswerSpec{Type: TypeMoney, Unit: "千円"},
		Key: &KeyRule{Rule: KeyNonEmpty, LabelJA: "資本金を開示していること"}}
	certs := Item{ID: "M", Required: true, Answer: AnswerSpec{Type: TypeMultiChoice, Options: []string{"ISMS", "Pマーク"}},
		Key: &KeyRule{Rule: KeyChoiceIn, ChoiceIn: []string{"ISMS"}, LabelJA: "ISMS を取得していること"}}
	tests := []struct {
		name string
		item Item
		a    Answer
		want bool
	}{
		{"yes_with_detail: yes and documents", rules, Answer{Yes: yes(), Detail: "情報セキュリティ基本方針、情報セキュリティ規程"}, true},
		{"yes_with_detail: yes without detail", rules, Answer{Yes: yes(), Detail: "  "}, false},
		{"yes_with_detail: no", rules, Answer{Yes: no(), Detail: "整備予定"}, false},
		{"yes_with_detail: unanswered", rules, Answer{}, false},
		{"contacts: a phone", contact, Answer{Contacts: []Contact{{Kind: "phone", Value: "03-1234-5678"}}}, true},
		{"contacts: channel without value", contact, Answer{Contacts: []Contact{{Kind: "email", Value: " "}}}, false},
		{"contacts: malformed e-mail", contact, Answer{Contacts: []Contact{{Kind: "email", Value: "nobody"}}}, false},
		{"contacts: none", contact, Answer{}, false},
		{"choice_in: listed option", location, Answer{Value: "国内"}, true},
		{"choice_in: other option", location, Answer{Value: "国外"}, false},
		{"choice_in: not an option", location, Answer{Value: "月面"}, false},
		{"choice_in multi: one listed", certs, Answer{Choices: []string{"Pマーク", "ISMS"}}, true},
		{"choice_in multi: none listed", certs, Answer{Choices: []string{"Pマーク"}}, false},
		{"yes: yes", crypto, Answer{Yes: yes()}, true},
		{"yes: no", crypto, Answer{Yes: no()}, false},
		{"nonempty: answered", capital, Answer{Value: "10,000", Period: "2023年3月期"}, true},
		{"nonempty: malformed", capital, Answer{Value: "1万", Period: "2023年3月期"}, false},
		{"nonempty: blank", capital, Answer{Value: " "}, false},
		{"not a key item", mustItem(t, shipped, "IPIOT-001"), Answer{}, true},
	}
	for _, tt := range tests {
		if got := tt.item.KeyMeasureInPlace(tt.a); got != tt.want {
			t.Errorf("%s: KeyMeasureInPlace = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRequiredNow(t *testing.T) {
	shipped, mini := defaultEdition(t), miniEdition(t)
	multi := &Edition{Items: []Item{
		{ID: "certs", Answer: AnswerSpec{Type: TypeMultiChoice, Options: []string{"ISMS", "Pマーク"}}},
		{ID: "scope", RequiredWhen: &Condition{Item: "certs", Equals: "ISMS"}},
	}}
	tests := []struct {
		name    string
		e       *Edition
		id      string
		answers map[string]Answer
		want    bool
	}{
		{"always required", shipped, "IPIOT-001", nil, true},
		{"optional", shipped, "IPIOT-006a", nil, false},
		{"devices supplied (025 = yes)", shipped, "IPIOT-026", map[string]Answer{"IPIOT-025": {Yes: yes()}}, true},
		{"no devices (025 = no)", shipped, "IPIOT-026", map[string]Answer{"IPIOT-025": {Yes: no()}}, false},
		{"025 unanswered", shipped, "IPIOT-026", nil, false},
		{"in: 国外", mini, "ASP-004", map[string]Answer{"ASP-003": {Value: "国外"}}, true},
		{"in: 国内及び国外", mini, "ASP-004", map[string]Answer{"ASP-003": {Value: "国内及び国外"}}, true},
		{"in: 国内", mini, "ASP-004", map[string]Answer{"ASP-003": {Value: "国内"}}, false},
		{"multi_choice selected", multi, "scope", map[string]Answer{"certs": {Choices: []string{"Pマーク", "ISMS"}}}, true},
		{"multi_choice not selected", multi, "scope", map[string]Answer{"certs": {Choices: []string{"Pマーク"}}}, false},
		{"unknown item", shipped, "IPIOT-999", nil, false},
	}
	for _, tt := range tests {
		if got := tt.e.RequiredNow(tt.id, tt.answers); got != tt.want {
			t.Errorf("%s: RequiredNow(%s) = %v, want %v", tt.name, tt.id, got, tt.want)
		}
	}
}
