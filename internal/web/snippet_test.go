package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
)

// Search results show where an answer matched: the item's name and a
// stretch of the answer with the words marked — escaped, whatever the
// provider wrote — in the page and in the API.
func TestSearchResultsShowEscapedSnippet_R7_2(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	const hostile = `<script>alert("x")</script> 多要素認証に対応 <b>太字</b>`
	item := ""
	certifyWith(t, s, "owner@a.example.jp", "株式会社みなとクラウド", "jimu@body.example.jp", func(*application.FormA) {},
		func(it catalog.Item, e *formb.Entry) {
			if it.Answer.Type == catalog.TypeLongText && item == "" {
				item, e.Answer.Value = it.ItemJA, hostile
			}
		})
	c := s.client()
	r := c.get(t, "/registry?q="+url.QueryEscape("多要素認証"))
	if r.Status != http.StatusOK {
		t.Fatalf("search = %d", r.Status)
	}
	snippet := r.doc(t).Find("main table .snippet")
	if snippet.Length() != 1 {
		t.Fatalf("%d snippets", snippet.Length())
	}
	html, _ := snippet.Html()
	for _, want := range []string{"<mark>多要素認証</mark>", "alert(&#34;x&#34;)&lt;/script&gt;", "&lt;b&gt;太字&lt;/b&gt;", item} {
		if !strings.Contains(html, want) {
			t.Errorf("snippet lacks %q: %s", want, html)
		}
	}
	if strings.Contains(r.Body, "<script>alert") || strings.Contains(r.Body, "<b>太字") {
		t.Error("the answer is rendered unescaped")
	}
	var list struct {
		Items []struct {
			Snippet struct {
				Item  string `json:"item"`
				Parts []struct {
					Text  string `json:"text"`
					Match bool   `json:"match"`
				} `json:"parts"`
			} `json:"snippet"`
		} `json:"items"`
	}
	c.api(t, "GET", "/api/v1/registry?q="+url.QueryEscape("多要素認証"), nil).json(t, &list)
	if len(list.Items) != 1 || list.Items[0].Snippet.Item != item || len(list.Items[0].Snippet.Parts) != 4 ||
		!list.Items[0].Snippet.Parts[2].Match || list.Items[0].Snippet.Parts[2].Text != "多要素認証" {
		t.Errorf("API snippet = %+v", list.Items)
	}
	// A service found by its name has no snippet.
	if n := c.getPage(t, "/registry?q="+url.QueryEscape("みなと"), http.StatusOK).Find(".snippet").Length(); n != 0 {
		t.Errorf("a match in the name gave %d snippets", n)
	}
}
