package publiccache

import (
	"html"
	"html/template"
	"strings"

	"nintei/internal/i18n"
	"nintei/registry"
)

// answersBody writes the rows of a service page's answers table (R-7.2:
// the answers exactly as written, in catalog order; a withheld answer says
// until when, R-7.3). It is written in Go for the reason compareBody is:
// per-value template calls were most of a public page's cost. Every text
// is escaped; the rest is fixed markup.
func (s *Server) answersBody(lang i18n.Lang, items []registry.Answer) template.HTML {
	required, optional := html.EscapeString(s.msgs.T(lang, "catalog.required", nil)), html.EscapeString(s.msgs.T(lang, "catalog.optional", nil))
	var b strings.Builder
	b.Grow(len(items) * 500)
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	esc := html.EscapeString
	for _, a := range items {
		need := optional
		if a.Required {
			need = required
		}
		w("<tr>\n    <td>", esc(a.No), "</td><td>", esc(a.Item), "</td><td>", esc(a.Question), "</td><td>", need, `</td>`, "\n    ", `<td class="pre">`)
		switch {
		case a.WithheldUntil != "":
			w(`<span class="tag">`, esc(s.msgs.T(lang, "registry.withheld", map[string]any{"Date": jaDate(a.WithheldUntil)})), `</span>`)
		case a.Text != "":
			w(esc(a.Text))
		default:
			w(`<span class="muted">—</span>`)
		}
		w("</td>\n  </tr>")
	}
	return template.HTML(b.String()) // #nosec G203 -- built above from escaped text and fixed markup
}
