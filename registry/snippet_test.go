package registry

import (
	"reflect"
	"testing"
)

func TestFindSnippet(t *testing.T) {
	items := []Answer{
		{ItemID: "A", Item: "事業者名", Question: "正式名称", Text: "株式会社あおぞらクラウド"},
		{ItemID: "B", Item: "認証", Question: "利用者認証", Text: "多要素認証（ＴＯＴＰ）に対応。\nパスワードは12文字以上。"},
		{ItemID: "C", Item: "秘密", Question: "留保", Text: "", WithheldUntil: "2027-03-31"},
		{ItemID: "D", Item: "所在地", Question: "データセンター", Text: "国内（東京・大阪）"},
	}
	for _, tc := range []struct {
		query string
		want  Snippet
		ok    bool
	}{
		{"totp", Snippet{ItemID: "B", Item: "認証", Question: "利用者認証", Parts: []SnippetPart{{Text: "多要素認証（"}, {Text: "ＴＯＴＰ", Match: true},
			{Text: "）に対応。 パスワードは12文字以上。"}}}, true},
		{"認証 パスワード", Snippet{ItemID: "B", Item: "認証", Question: "利用者認証", Parts: []SnippetPart{{Text: "多要素"}, {Text: "認証", Match: true},
			{Text: "（ＴＯＴＰ）に対応。 "}, {Text: "パスワード", Match: true}, {Text: "は12文字以上。"}}}, true},
		{"東京", Snippet{ItemID: "D", Item: "所在地", Question: "データセンター", Parts: []SnippetPart{{Text: "国内（"}, {Text: "東京", Match: true}, {Text: "・大阪）"}}}, true},
		{"あおぞら", Snippet{ItemID: "A", Item: "事業者名", Question: "正式名称", Parts: []SnippetPart{{Text: "株式会社"}, {Text: "あおぞら", Match: true}, {Text: "クラウド"}}}, true},
		{"存在しない", Snippet{}, false},
		{"", Snippet{}, false},
	} {
		got, ok := FindSnippet(items, tc.query)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("FindSnippet(%q) = %+v, %v; want %+v, %v", tc.query, got, ok, tc.want, tc.ok)
		}
	}
}

// A long answer is cut around the first match, with ellipses; a withheld
// answer never yields a snippet, even when its text is still at hand.
func TestFindSnippetCutsAndSkipsWithheld_R7_3(t *testing.T) {
	long := ""
	for range 20 {
		long += "あいうえお"
	}
	got, ok := FindSnippet([]Answer{{ItemID: "X", Text: long + "目印" + long}}, "目印")
	if !ok || len(got.Parts) != 5 || got.Parts[0].Text != "…" || got.Parts[4].Text != "…" || !got.Parts[2].Match ||
		len([]rune(got.Parts[1].Text)) != snippetBefore || len([]rune(got.Parts[3].Text)) != snippetAfter {
		t.Errorf("long answer: %+v", got)
	}
	if got, ok := FindSnippet([]Answer{{ItemID: "W", Text: "秘密の目印", WithheldUntil: "2027-03-31"}}, "目印"); ok {
		t.Errorf("a withheld answer gave a snippet: %+v", got)
	}
}

// foldRune remembers Fold of a character; it must give what Fold gives,
// also for characters NFKC changes (full-width, ligatures, half-width kana).
func TestFoldRuneIsFold(t *testing.T) {
	for _, r := range "Aａ１ﬁｶﾞ㍻認\U0001F600\uFFFD" {
		for range 2 { // computed, then remembered
			if got, want := foldRune(r), Fold(string(r)); got != want {
				t.Errorf("foldRune(%q) = %q, want %q", r, got, want)
			}
		}
	}
}

// The search page's snippets come from the stored answers
// (FindSnippetCompact); they must be the service page's (FindSnippet):
// the same answer chosen, the same parts, a withheld answer never shown.
func TestFindSnippetCompactEqualsFindSnippet_R7_3(t *testing.T) {
	wording := map[string]Answer{"a": {ItemID: "a", Item: "暗号化", Question: "保存時"}, "b": {ItemID: "b", Item: "認証", Question: "多要素"},
		"c": {ItemID: "c", Item: "所在地", Question: "国内"}}
	compact := []CompactAnswer{{ItemID: "a", Text: "ＡＥＳ－２５６で暗号化します。鍵は年１回更新。"},
		{ItemID: "b", Text: "多要素認証（TOTP）に対応し、鍵を更新", WithheldUntil: "2027-03-31"},
		{ItemID: "c", Text: "東京と大阪のデータセンター。鍵の保管も国内。"}}
	var items []Answer
	for _, a := range compact {
		w := wording[a.ItemID]
		w.Text, w.WithheldUntil = a.Text, a.WithheldUntil
		items = append(items, w)
	}
	for _, q := range []string{"鍵", "aes", "多要素", "国内 鍵", "ない", "", "２５６"} {
		want, wantOK := FindSnippet(items, q)
		got, gotOK := FindSnippetCompact(compact, wording, q)
		if !reflect.DeepEqual(got, want) || gotOK != wantOK {
			t.Errorf("%q: compact %v %+v, service page %v %+v", q, gotOK, got, wantOK, want)
		}
	}
}
