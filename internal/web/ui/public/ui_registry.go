package public

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"nintei/application"
	"nintei/incident"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/registry"
	"nintei/service/aftercare"
	"nintei/service/core"
)

type registryPage struct {
	Layout
	Query    string
	Filter   aftercare.RegistryFilter
	Facets   []facet
	Page     aftercare.RegistryPage
	PrevPage string
	NextPage string
	Bases    []string
	// Rows are the list's rows, each service with its snippet (where the
	// search matched its answers), see publiccache.RegistryRows.
	Rows template.HTML
}

// publicImprovementKeys name the state of each improvement request the
// body published.
var publicImprovementKeys = map[string]string{
	incident.RequestOpen: "registry.improvements.status.open", incident.RequestResolved: "registry.improvements.status.resolved",
}

// facet is a choice item offered as a filter ("answers to chosen items").
type facet struct {
	ItemID, Label string
	Options       []string
	Chosen        string
}

// pageURL is the list's address for another page with the same filters.
func pageURL(q url.Values, page int) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	v.Set("page", strconv.Itoa(page))
	return "/registry?" + v.Encode()
}

// EntryURL is a service page's path; the number's space is escaped.
func (registryPage) EntryURL(number string) string { return entryURL(number) }

// showRegistry is the public list, searchable, paged, no login.
func (s *Server) showRegistry(w http.ResponseWriter, r *http.Request) error {
	query := r.URL.Query()
	q := strings.TrimSpace(query.Get("q"))
	f := registryFilter(query)
	page, err := s.svc.FilteredRegistry(r.Context(), q, f, atoiOr(query.Get("page"), 1), 50)
	if err != nil {
		return err
	}
	p := registryPage{Layout: s.layout(w, r), Query: q, Filter: f, Page: page, Bases: application.Bases}
	snippets, err := s.svc.RegistrySnippets(r.Context(), q, page.Numbers())
	if err != nil {
		return err
	}
	p.Rows = s.public.RegistryRows(p.Lang, page.Entries, snippets)
	p.Facets, err = s.facets(r, f)
	if err != nil {
		return err
	}
	if page.Page > 1 {
		p.PrevPage = pageURL(query, page.Page-1)
	}
	if page.Page*page.PerPage < page.Total {
		p.NextPage = pageURL(query, page.Page+1)
	}
	return s.render(w, r, http.StatusOK, "registry", p)
}

type registryEntryPage struct {
	Layout
	Service registry.Service
	Status  string
	Answers template.HTML    // the answers table's body, see answersBody
	Ending  *registry.Ending // how the certification ended, when it has
	// Improvements are the improvement requests the body published.
	Improvements    []core.PublishedImprovement
	ImprovementKeys map[string]string
}

// showRegistryEntry is a certified service's public page: the Form B
// answers exactly as written, in catalog order; attachments never.
func (s *Server) showRegistryEntry(w http.ResponseWriter, r *http.Request) error {
	pub, status, err := s.svc.RegistryService(r.Context(), r.PathValue("number"))
	if err != nil {
		return err
	}
	page := registryEntryPage{Layout: s.layout(w, r), Service: pub, Status: status}
	page.Answers = s.answersBody(page.Lang, pub.Items)
	if page.Ending, err = s.svc.RegistryEnding(r.Context(), pub, status); err != nil {
		return err
	}
	if page.Improvements, err = s.svc.PublishedImprovements(r.Context(), pub.Number); err != nil {
		return err
	}
	page.ImprovementKeys = publicImprovementKeys
	return s.render(w, r, http.StatusOK, "registry_entry", page)
}

// registryColumns are the registry CSV's header, in Japanese as the
// registry's open data has always been (docs/registry.md lists them).
var registryColumns = []string{"認定番号", "サービス名称", "事業者名称", "認定年月日", "有効期限", "状態", "URL"}

// registryCSV is the list as open data (RFC 4180, see request.CSV), every
// cell protected against formula injection; the status is written in the
// language of the header, as the list page shows it.
func (s *Server) registryCSV(w http.ResponseWriter, r *http.Request) error {
	page, err := s.svc.Registry(r.Context(), r.URL.Query().Get("q"), 1, 200)
	if err != nil {
		return err
	}
	cw := request.CSV(w, "registry.csv", request.CachePublicData)
	_ = cw.Write(registryColumns)
	for p := 1; ; p++ {
		for _, e := range page.Entries {
			_ = cw.Write([]string{cell(e.Number), cell(e.ServiceName), cell(e.ProviderName), e.CertifiedOn, e.ValidUntil,
				s.statusLabel(i18n.Japanese, e.Status), s.absURL(entryURL(e.Number))})
		}
		if p*page.PerPage >= page.Total {
			break
		}
		if page, err = s.svc.Registry(r.Context(), r.URL.Query().Get("q"), p+1, 200); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// statusLabel is a public status as the registry's pages name it; the code
// itself for one the catalog does not know.
func (s *Server) statusLabel(lang i18n.Lang, status string) string {
	key := "registry.status." + status
	if !s.msgs.Has(key) {
		return status
	}
	return s.msgs.T(lang, key, nil)
}

func cell(s string) string { return registry.CSVCell(s) }

// facets offers every choice item of the current edition as a filter.
func (s *Server) facets(r *http.Request, f aftercare.RegistryFilter) ([]facet, error) {
	row, err := s.svc.CurrentEdition(r.Context(), "")
	if err != nil {
		return nil, nil // no catalog yet: no facets
	}
	_, ed, err := s.svc.Edition(r.Context(), row.ID)
	if err != nil {
		return nil, err
	}
	var out []facet
	for _, it := range ed.Items {
		if it.Answer.Type == "choice" {
			out = append(out, facet{ItemID: it.ID, Label: it.NameJA, Options: it.Answer.Options, Chosen: f.Answers[it.ID]})
		}
	}
	return out, nil
}
