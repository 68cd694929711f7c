package mark

import (
	"fmt"
	"html"
	"net/url"
	"strings"
)

// Badge is what a live status badge says, already in the reader's
// language: the lettering (情報開示認定), the number and the status word.
type Badge struct {
	Lettering string
	Number    string
	Status    string
	InForce   bool // the certification is in force: the mark's blue and its tick
	Revoked   bool // the certification was revoked: drawn in red
}

// BadgeWidth and BadgeHeight are the badge's size in CSS pixels, for the
// <img> of the embed snippet.
const BadgeWidth, BadgeHeight = 240, 72

// The badge's colours: the mark's blue and ink (R-11.5e fixes them for the
// mark, and the badge borrows them so it reads as the same program), a
// grey for an ended or unknown certification and a red for a revoked one.
// Each has at least 4.5:1 against the white ground.
const (
	badgeBlue  = "#0031d8"
	badgeInk   = "#1a1a1c"
	endedGrey  = "#4d4d4d"
	revokedRed = "#b3261e"
)

// BadgeSVG draws a live status badge: a small mark (the blue disc and
// tick while in force, a grey or red disc with a bar once ended) and three
// lines — lettering, number, status — as the font's outlines, like the
// mark, so that it looks the same on every site that embeds it. The title
// and the accessible name carry the whole text.
func BadgeSVG(b Badge) (string, error) {
	f, err := gothic()
	if err != nil {
		return "", fmt.Errorf("mark: mark font: %w", err)
	}
	const cx, width = 150, 160 // the text column's centre and widest line
	head, err := outlineAt(f, b.Lettering, cx, 24, 15, width, letteringBold)
	if err != nil {
		return "", err
	}
	num, err := outlineAt(f, b.Number, cx, 43, 13, width, 0)
	if err != nil {
		return "", err
	}
	word, err := outlineAt(f, b.Status, cx, 63, 15, width, letteringBold)
	if err != nil {
		return "", err
	}
	colour, sign := endedGrey, `<path d="M26 36 h20" stroke="#ffffff" stroke-width="5" stroke-linecap="round"/>`
	switch {
	case b.InForce:
		colour, sign = badgeBlue, `<path d="M24.6 36 l7.8 7.8 l15.6 -17" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`
	case b.Revoked:
		colour = revokedRed
	}
	name := html.EscapeString(strings.Join([]string{b.Lettering, b.Number, b.Status}, " "))
	return strings.Join([]string{
		fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
			BadgeWidth, BadgeHeight, BadgeWidth, BadgeHeight, name),
		`<title>` + name + `</title>`,
		`<rect x="2" y="2" width="236" height="68" rx="10" fill="#ffffff" stroke="` + colour + `" stroke-width="4"/>`,
		`<circle cx="36" cy="36" r="22" fill="` + colour + `"/>`,
		sign,
		fmt.Sprintf(`<g fill="%s"><path d="%s"/><path transform="translate(%g 0)" d="%s"/></g>`, badgeInk, head, letteringBold, head),
		`<path fill="` + badgeInk + `" d="` + num + `"/>`,
		fmt.Sprintf(`<g fill="%s"><path d="%s"/><path transform="translate(%g 0)" d="%s"/></g>`, colour, word, letteringBold, word),
		`</svg>`,
	}, "\n"), nil
}

// EmbedSnippet is the HTML a provider copies onto their site: the badge,
// linked to the number's verification page, both on base (the site's
// public address). The number is path-escaped in the URLs and every
// attribute HTML-escaped, so the snippet is safe to paste as it is;
// query (e.g. "lang=en") is added to the badge's address.
func EmbedSnippet(base, number, query, alt string) string {
	base = strings.TrimRight(base, "/")
	n := url.PathEscape(number)
	return fmt.Sprintf(`<a href="%s"><img src="%s" alt="%s" width="%d" height="%d"></a>`,
		html.EscapeString(base+"/verify/"+n), html.EscapeString(badgePath(base+"/badge/"+n+".svg", query)), html.EscapeString(alt),
		BadgeWidth, BadgeHeight)
}

func badgePath(p, query string) string {
	if query == "" {
		return p
	}
	return p + "?" + query
}
