package web

import (
	"encoding/csv"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"nintei/application"
	"nintei/internal/sqlstore"
	"nintei/registry"
	"nintei/service"
)

type registryPage struct {
	Layout
	Query    string
	Filter   service.RegistryFilter
	Facets   []facet
	Page     service.RegistryPage
	PrevPage string
	NextPage string
	Bases    []string
}

// facet is a choice item offered as a filter ("answers to chosen items").
type facet struct {
	ItemID, Label string
	Options       []string
	Chosen        string
}

// registryFilter reads the list's filters from the query: base, status,
// sort, and a.<item ID>=<answer> for answers to chosen items.
func registryFilter(q url.Values) service.RegistryFilter {
	f := service.RegistryFilter{Base: q.Get("base"), Status: q.Get("status"), Sort: q.Get("sort"), Answers: map[string]string{}}
	for k, vs := range q {
		if id, ok := strings.CutPrefix(k, "a."); ok && vs[0] != "" && len(f.Answers) < 5 {
			f.Answers[id] = vs[0]
		}
	}
	return f
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

func entryURL(number string) string { return "/registry/" + url.PathEscape(number) }

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
	Answers template.HTML // the answers table's body, see answersBody
	// Improvements are the improvement requests the body published.
	Improvements    []sqlstore.PublishedImprovement
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
	if page.Improvements, err = s.svc.PublishedImprovements(r.Context(), pub.Number); err != nil {
		return err
	}
	page.ImprovementKeys = publicImprovementKeys
	return s.render(w, r, http.StatusOK, "registry_entry", page)
}

type verifyPage struct {
	Layout
	Number  string
	Service *registry.Service
	Status  string
}

// verify answers whether a certificate number is genuine: a page, or JSON
// when asked with Accept: application/json. The certificate's QR code
// opens it.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) error {
	number := r.PathValue("number")
	pub, status, err := s.svc.VerifyService(r.Context(), number)
	known := err == nil
	if err != nil && !isNotFound(err) {
		return err
	}
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		body := map[string]any{"number": number, "found": known}
		code := http.StatusOK
		if known {
			body = map[string]any{"number": pub.Number, "found": true, "status": status, "service_name": pub.ServiceName,
				"provider_name": pub.ProviderName, "certified_on": pub.CertifiedOn, "valid_until": pub.ValidUntil, "url": s.absURL(entryURL(pub.Number))}
		} else {
			code = http.StatusNotFound
		}
		return writeJSON(w, code, body)
	}
	page := verifyPage{Layout: s.layout(w, r), Number: number, Status: status}
	code := http.StatusOK
	if known {
		page.Service = &pub
	} else {
		code = http.StatusNotFound
	}
	return s.render(w, r, code, "verify", page)
}

// registryCSV is the list as open data, every cell protected against
// formula injection.
func (s *Server) registryCSV(w http.ResponseWriter, r *http.Request) error {
	page, err := s.svc.Registry(r.Context(), r.URL.Query().Get("q"), 1, 200)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="registry.csv"`)
	_, _ = w.Write([]byte("\ufeff")) // BOM, so Excel reads UTF-8
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"認定番号", "サービス名称", "事業者名称", "認定年月日", "有効期限", "状態", "URL"})
	for p := 1; ; p++ {
		for _, e := range page.Entries {
			_ = cw.Write([]string{cell(e.Number), cell(e.ServiceName), cell(e.ProviderName), e.CertifiedOn, e.ValidUntil, e.Status,
				s.absURL(entryURL(e.Number))})
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

func cell(s string) string { return registry.CSVCell(s) }

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return def
}

// facets offers every choice item of the current edition as a filter.
func (s *Server) facets(r *http.Request, f service.RegistryFilter) ([]facet, error) {
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
