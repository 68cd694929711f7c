package core

import (
	"encoding/json"
	"testing"
)

// A detail holding quotes, backslashes, line breaks, markup and Japanese
// (text that reaches a detail from a person or a file) is valid JSON and
// reads back as written: details are marshalled, never concatenated.
func TestAuditDetailRoundTripsHostileText(t *testing.T) {
	hostile := "理由: \"至急\" \\ 対応\n2行目\t<b>&</b> 🚨 \u2028"
	for _, d := range []any{
		AssessmentDetail{Item: hostile, Verdict: "ok"},
		LifecycleDetail{On: "2026-12-07", Grounds: hostile},
		WithholdingDecisionDetail{Application: 7, Until: hostile},
	} {
		s, err := marshalDetail(d)
		if err != nil {
			t.Fatalf("%T: %v", d, err)
		}
		if !json.Valid([]byte(s)) {
			t.Fatalf("%T: not JSON: %s", d, s)
		}
		var fields map[string]any
		if err := json.Unmarshal([]byte(s), &fields); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, v := range fields {
			found = found || v == hostile
		}
		if !found {
			t.Errorf("%T: %s does not read back the text %q", d, s, hostile)
		}
	}
}

// The details keep the field names and order readers have always seen.
func TestAuditDetailShape(t *testing.T) {
	for _, tt := range []struct {
		d    any
		want string
	}{
		{transitionDetail{From: "draft", To: "submitted"}, `{"from":"draft","to":"submitted"}`},
		{ChangeAcceptDetail{Certification: "IP-IoT-0001", Reissue: false}, `{"certification":"IP-IoT-0001","reissue":false}`},
		{ReminderDetail{Kind: "inquiry", Automatic: true}, `{"kind":"inquiry","automatic":true}`},
		{DocumentReturnDetail{Application: 3, On: "2026-12-07", SHA256: "ab"}, `{"application":3,"on":"2026-12-07","sha256":"ab"}`},
		{InvoicePaidDetail{PaidOn: "2026-12-07", Yen: 150000}, `{"paid_on":"2026-12-07","yen":150000}`},
	} {
		if got, err := marshalDetail(tt.d); err != nil || got != tt.want {
			t.Errorf("%T = %s, %v; want %s", tt.d, got, err, tt.want)
		}
	}
	if _, err := marshalDetail(func() {}); err == nil {
		t.Error("a detail that cannot be marshalled gave no error")
	}
}
