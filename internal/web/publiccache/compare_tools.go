package publiccache

import (
	"bytes"
	"html"
	"net/url"
	"strconv"

	"nintei/internal/i18n"
)

// compareTools writes, above a comparison, the choice between all rows and
// the differing rows only (links: no script needed) and the jump list to
// the sections shown, each with its number of differing rows. Section
// names were escaped when the headings were made.
func (s *Server) compareTools(lang i18n.Lang, cols []compareColumn, sections []compareSection, diffOnly bool) []byte {
	t := func(key string, args map[string]any) string { return html.EscapeString(s.msgs.T(lang, key, args)) }
	v := url.Values{}
	for _, c := range cols {
		v.Add("n", c.Number)
	}
	all := "/compare?" + v.Encode()
	v.Set("diff", "1")
	diff := "/compare?" + v.Encode()
	var b bytes.Buffer
	b.WriteString(`<nav class="compare-view" aria-label="` + t("compare.view.label", nil) + `"><ul>`)
	for _, o := range []struct {
		href, key string
		current   bool
	}{{all, "compare.view.all", !diffOnly}, {diff, "compare.view.diff", diffOnly}} {
		b.WriteString(`<li><a href="` + html.EscapeString(o.href) + `"`)
		if o.current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(`>` + t(o.key, nil) + `</a></li>`)
	}
	b.WriteString("</ul></nav>\n")
	if len(sections) == 0 {
		return b.Bytes()
	}
	b.WriteString(`<nav class="compare-sections" aria-label="` + t("compare.sections", nil) + `"><h2>` + t("compare.sections", nil) + `</h2><ul>`)
	for _, sec := range sections {
		b.WriteString(`<li><a href="#` + sec.ID + `">` + sec.Name + `</a> <span class="muted">` +
			t("compare.section_diffs", map[string]any{"Count": strconv.Itoa(sec.Diffs)}) + `</span></li>`)
	}
	b.WriteString("</ul></nav>\n")
	return b.Bytes()
}
