package web

import (
	"strings"
	"testing"
)

// The comparison's hand-written rows escape every text: answers, item
// wording and the label (hostile input on a public page).
func TestCompareBodyEscapesEverything(t *testing.T) {
	rows := []compareRow{
		{No: "1<b>", Item: `"項目"&`, Question: "<i>q</i>", Answers: []string{"<script>alert(1)</script>", ""}, Differ: true},
		{No: "2", Item: "x", Question: "y", Answers: []string{"同じ", "同じ"}},
	}
	got := string(compareBody(rows, "<差あり>"))
	for _, bad := range []string{"<script>", "<b>", "<i>", `"項目"`, "<差あり>"} {
		if strings.Contains(got, bad) {
			t.Errorf("unescaped %q in %s", bad, got)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", `<td class="pre">—</td>`, `<tr class="differs">`,
		"&lt;差あり&gt;", "<tr><th scope=\"row\">2 x"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}
