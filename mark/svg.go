// Package mark draws the certification mark (認定マーク, R-8.1): the
// program's logo with the certificate number under it, as SVG and as PNG at
// a few fixed sizes. Its colours and proportions are fixed (R-11.5e); who
// may download it, and when, is the service's.
package mark

import (
	"html"
	"strings"
)

// SVG draws the certification mark: the program's logo with the
// certificate number under it. Colours and proportions are fixed;
// R-11.5e forbids changing them.
func SVG(number string) string {
	n := html.EscapeString(number)
	return strings.Join([]string{
		`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240" role="img" aria-labelledby="t">`,
		`<title id="t">情報開示認定マーク ` + n + `</title>`,
		`<rect x="4" y="4" width="232" height="232" rx="24" fill="#ffffff" stroke="#0031d8" stroke-width="8"/>`,
		`<circle cx="120" cy="100" r="62" fill="#0031d8"/>`,
		`<path d="M88 100 l22 22 l44 -48" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>`,
		`<text x="120" y="190" text-anchor="middle" font-family="sans-serif" font-size="20" font-weight="700" fill="#1a1a1c">情報開示認定</text>`,
		`<text x="120" y="218" text-anchor="middle" font-family="sans-serif" font-size="17" fill="#1a1a1c">` + n + `</text>`,
		`</svg>`,
	}, "\n")
}
