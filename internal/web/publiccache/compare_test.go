package publiccache

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"nintei/internal/i18n"
	"nintei/registry"
)

// The comparison's hand-written rows escape every text: answers, item
// wording and the label (hostile input on a public page).
func TestCompareTableEscapesEverything(t *testing.T) {
	wording := map[string]registry.Answer{
		"A": {No: "1<b>", Item: `"項目"&`, Question: "<i>q</i>", Category: []string{"<u>事業者</u>", "人材"}},
		"B": {No: "2", Item: "x", Question: "y", Category: []string{"<u>事業者</u>", "人材"}},
	}
	heads := rowHeadsFrom(wording)
	cols := []compareColumn{
		columnOf(registry.Service{Number: "N1", Items: []registry.Answer{{ItemID: "A", Text: "<script>alert(1)</script>"}, {ItemID: "B", Text: "同じ"}}}),
		columnOf(registry.Service{Number: "N2", Items: []registry.Answer{{ItemID: "B", Text: "同じ"}, {ItemID: "A", Text: ""}}}), // another order
	}
	var b bytes.Buffer
	compareTable(&b, cols, heads, compareOptions{Differs: "<差あり>"})
	got := b.String()
	for _, bad := range []string{"<script>", "<b>", "<i>", `"項目"`, "<差あり>", "<u>"} {
		if strings.Contains(got, bad) {
			t.Errorf("unescaped %q in %s", bad, got)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;</td><td class=\"pre\">—</td>", `<tr class="differs">`,
		"&lt;差あり&gt;", `<tr class="category" id="sec-1"><th scope="colgroup" colspan="3"><span class="section">&lt;u&gt;事業者&lt;/u&gt; › 人材</span></th></tr>`, "<tr><th scope=\"row\">2 x<br><span class=\"muted\">y</span></th><td class=\"pre\">同じ</td><td class=\"pre\">同じ</td></tr>"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}

// With DiffOnly the comparison shows only the rows that differ, and its
// sections count them; with no difference at all it says so.
func TestCompareTableDiffOnly(t *testing.T) {
	wording := map[string]registry.Answer{
		"A": {No: "1", Item: "a", Category: []string{"事業者", "人材"}},
		"B": {No: "2", Item: "b", Category: []string{"事業者", "人材"}},
		"C": {No: "3", Item: "c", Category: []string{"サービス", "サポート"}},
	}
	svc := func(a, b, c string) compareColumn {
		return columnOf(registry.Service{Items: []registry.Answer{{ItemID: "A", Text: a}, {ItemID: "B", Text: b}, {ItemID: "C", Text: c}}})
	}
	var b bytes.Buffer
	secs := compareTable(&b, []compareColumn{svc("x", "same", "1"), svc("y", "same", "1")}, rowHeadsFrom(wording), compareOptions{DiffOnly: true, Differs: "違いあり"})
	if got := b.String(); strings.Count(got, "<th scope=\"row\">") != 1 || !strings.Contains(got, "1 a") || strings.Contains(got, "2 b") {
		t.Errorf("diff only rows:\n%s", got)
	}
	if want := []compareSection{{ID: "sec-1", Name: "事業者 › 人材", Rows: 1, Diffs: 1}}; !reflect.DeepEqual(secs, want) {
		t.Errorf("sections = %+v, want %+v", secs, want)
	}
	b.Reset()
	secs = compareTable(&b, []compareColumn{svc("x", "same", "1"), svc("x", "same", "1")}, rowHeadsFrom(wording), compareOptions{DiffOnly: true, NoDiff: "違いはありません"})
	if len(secs) != 0 || !strings.Contains(b.String(), `<td colspan="3">違いはありません</td>`) {
		t.Errorf("no difference: %+v %s", secs, b.String())
	}
	b.Reset()
	if secs = compareTable(&b, []compareColumn{svc("x", "same", "1"), svc("y", "same", "1")}, rowHeadsFrom(wording), compareOptions{}); len(secs) != 2 ||
		secs[0].Rows != 2 || secs[0].Diffs != 1 || secs[1].Name != "サービス › サポート" {
		t.Errorf("all rows: sections %+v", secs)
	}
}

// A column survives the page files byte for byte, whatever its text holds
// (the separator, digits, newlines, NUL), and a damaged one is refused.
func TestCompareColumnRoundTrip(t *testing.T) {
	c := columnOf(registry.Service{Number: "IP-IoT 0001-2611", ServiceName: "3:みなと", ProviderName: "株式会社\x00テスト", EditionID: "ed-1",
		Items: []registry.Answer{{ItemID: "IPIOT-001", Text: "12:34\n<b>"}, {ItemID: "IPIOT-002", Text: ""}}})
	got, ok := decodeColumn(c.encode())
	if !ok || !reflect.DeepEqual(got, c) {
		t.Fatalf("round trip: %v %+v, want %+v", ok, got, c)
	}
	enc := string(c.encode())
	for _, damaged := range []string{enc[:len(enc)-1], "x" + enc, "99999:" + enc} {
		if _, ok := decodeColumn([]byte(damaged)); ok {
			t.Errorf("damaged column %q accepted", damaged)
		}
	}
}

// The service page's hand-written rows escape answers and wording, and say
// until when a withheld answer is withheld.
func TestAnswersBodyEscapesEverything_R7_2(t *testing.T) {
	s := &Server{msgs: i18n.MustLoad()}
	got := string(s.answersBody("ja", []registry.Answer{
		{No: "1", Item: "<b>項目</b>", Question: `"q"`, Required: true, Text: "<img src=x onerror=alert(1)>"},
		{No: "2", Item: "x", Question: "y", WithheldUntil: "2027-03-31"},
		{No: "3", Item: "x", Question: "y"},
	}))
	for _, bad := range []string{"<b>", "<img", `"q"`} {
		if strings.Contains(got, bad) {
			t.Errorf("unescaped %q in %s", bad, got)
		}
	}
	for _, want := range []string{"&lt;img src=x onerror=alert(1)&gt;", "公表留保中（2027年3月31日まで）", `<span class="muted">—</span>`, "<td>必須</td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}
