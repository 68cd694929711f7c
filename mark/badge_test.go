package mark

import (
	"strings"
	"testing"
)

// The badge is an accessible image whose only text is escaped: the whole
// wording in its title and accessible name, the rest path data.
func TestBadgeSVGAccessibleAndEscaped(t *testing.T) {
	svg, err := BadgeSVG(Badge{Lettering: "情報開示認定", Number: `<b>"x"</b>`, Status: "取消し", Revoked: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `情報開示認定 &lt;b&gt;&#34;x&#34;&lt;/b&gt; 取消し`
	if !strings.Contains(svg, `role="img" aria-label="`+want+`"`) || !strings.Contains(svg, "<title>"+want+"</title>") {
		t.Errorf("title or name missing:\n%.300s", svg)
	}
	if strings.Contains(svg, "<b>") || strings.Contains(svg, "<text") {
		t.Error("the badge carries markup or font-dependent text")
	}
	if !strings.Contains(svg, revokedRed) || strings.Contains(svg, badgeBlue) {
		t.Error("a revoked badge is not drawn in red")
	}
	if !strings.Contains(svg, `width="240" height="72"`) {
		t.Error("the badge's size is not the snippet's")
	}
}

// The snippet links the verification page and escapes what it writes.
func TestEmbedSnippet(t *testing.T) {
	got := EmbedSnippet("https://nintei.example.jp/", "IP-IoT 0001-2611", "lang=en", `認定 "有効"`)
	want := `<a href="https://nintei.example.jp/verify/IP-IoT%200001-2611"><img src="https://nintei.example.jp/badge/IP-IoT%200001-2611.svg?lang=en" alt="認定 &#34;有効&#34;" width="240" height="72"></a>`
	if got != want {
		t.Errorf("snippet\n got %s\nwant %s", got, want)
	}
}
