package publiccache

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/registry"
	"nintei/store"
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

// registryRows writes the rows of the registry list, each service with its
// snippet (where the search matched its answers). Written in Go for the
// reason answersBody is: an uncached search renders fifty rows of seven
// translated labels each, and through the template those calls were a
// quarter of the search's cost (docs/benchmarks.md). Every text is escaped.
func (s *Server) registryRows(lang i18n.Lang, entries []store.RegistryEntry, snippets map[string]registry.Snippet) template.HTML {
	esc := html.EscapeString
	t := func(key string) string { return esc(s.msgs.T(lang, key, nil)) }
	pick, number, service := t("compare.pick"), t("registry.number"), t("registry.service")
	provider, certified, status := t("registry.provider"), t("registry.certified_on"), t("registry.status")
	var b strings.Builder
	b.Grow(len(entries) * 900)
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	for i, e := range entries {
		w("<tr>\n    ", `<td class="pick"><input type="checkbox" name="n" value="`, esc(e.Number), `" id="pick-`, strconv.Itoa(i),
			`" aria-label="`, pick, ": ", esc(e.ServiceName), `"></td>`, "\n    ",
			`<td class="nowrap" data-label="`, number, `"><a href="`, esc(request.EntryURL(e.Number)), `">`, esc(e.Number), `</a></td>`,
			`<td data-label="`, service, `">`, esc(e.ServiceName))
		if sn := snippets[e.Number]; len(sn.Parts) > 0 {
			w("\n      ", `<p class="snippet"><span class="snippet-item">`, esc(sn.Item), "（", esc(sn.Question), "）</span>")
			for _, p := range sn.Parts {
				if p.Match {
					w("<mark>", esc(p.Text), "</mark>")
				} else {
					w(esc(p.Text))
				}
			}
			w("</p>")
		}
		tag := `<span class="tag">`
		if e.Status != "valid" {
			tag = `<span class="tag required">`
		}
		w(`</td><td data-label="`, provider, `">`, esc(e.ProviderName), "</td>\n    ",
			`<td data-label="`, certified, `">`, esc(dots(lang, e.CertifiedOn)), `</td><td data-label="`, status, `">`,
			tag, t("registry.status."+e.Status), "</span></td>\n  </tr>")
	}
	return template.HTML(b.String()) // #nosec G203 -- built above from escaped text and fixed markup
}

// dots writes a day's YYYY-MM-DD text as the pages' dots function does.
func dots(lang i18n.Lang, day string) string {
	d, err := civil.Parse(day)
	if err != nil {
		d = civil.Date{}
	}
	return i18n.Date(lang, d)
}
