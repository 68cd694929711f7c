// Package mark draws the certification mark (認定マーク, R-8.1): the
// program's logo with the certificate number under it, as SVG and as PNG at
// a few fixed sizes. Its colours and proportions are fixed (R-11.5e); who
// may download it, and when, is the service's.
package mark

import (
	"fmt"
	"html"
	"strings"
	"sync"
)

// lettering is 情報開示認定 as outlines: the same on every mark, so drawn once.
var lettering = sync.OnceValues(func() (string, error) {
	f, err := gothic()
	if err != nil {
		return "", fmt.Errorf("mark: mark font: %w", err)
	}
	return outline(f, "情報開示認定", letteringY, letteringSize, letteringWidth, letteringBold)
})

// The lettering's and the number's layout in the mark's 240 units, shared
// by SVG and PNG: baseline, size, the widest they may be (a long number is
// narrowed), and how far the lettering is struck over itself to the right —
// IPAex Gothic has no bold (see drawMark).
const (
	letteringY, letteringSize, letteringWidth, letteringBold = 190, 20, 224, 0.7
	numberY, numberSize, numberWidth                         = 218, 17, 216
)

// SVG draws the certification mark: the program's logo with the
// certificate number under it. Colours and proportions are fixed;
// R-11.5e forbids changing them. The lettering and the number are the
// embedded font's outlines, not text, so that the SVG depends on no font
// of the viewer's and looks like the PNG everywhere; the title and the
// accessible name carry them as text.
func SVG(number string) (string, error) {
	f, err := gothic()
	if err != nil {
		return "", fmt.Errorf("mark: mark font: %w", err)
	}
	head, err := lettering()
	if err != nil {
		return "", err
	}
	num, err := outline(f, number, numberY, numberSize, numberWidth, 0)
	if err != nil {
		return "", err
	}
	name := html.EscapeString("情報開示認定マーク " + number)
	return strings.Join([]string{
		`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240" role="img" aria-label="` + name + `">`,
		`<title>` + name + `</title>`,
		`<rect x="4" y="4" width="232" height="232" rx="24" fill="#ffffff" stroke="#0031d8" stroke-width="8"/>`,
		`<circle cx="120" cy="100" r="62" fill="#0031d8"/>`,
		`<path d="M88 100 l22 22 l44 -48" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>`,
		// Struck twice, as the PNG overstrikes it (drawMark).
		fmt.Sprintf(`<g fill="#1a1a1c"><path d="%s"/><path transform="translate(%g 0)" d="%s"/></g>`, head, letteringBold, head),
		`<path fill="#1a1a1c" d="` + num + `"/>`,
		`</svg>`,
	}, "\n"), nil
}
