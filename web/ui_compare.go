package web

import (
	"encoding/csv"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"nintei/registry"
)

// maxCompare is how many services can be compared side by side.
const maxCompare = 5

// compareRow is one item across the compared services.
type compareRow struct {
	No, Item, Question string
	Answers            []string
	Differ             bool
}

type comparePage struct {
	Layout
	Services []registry.Service
	Rows     []compareRow
	Body     template.HTML // the table body, see compareBody
	Numbers  []string
	Error    string
	CSVQuery string
}

// compare loads the services named by ?n= (up to five) and lines their
// published answers up item by item; a row whose answers are not all the
// same is marked.
func (s *Server) compare(r *http.Request) ([]registry.Service, []compareRow, []string, error) {
	numbers := r.URL.Query()["n"]
	if len(numbers) > maxCompare {
		numbers = numbers[:maxCompare]
	}
	svcs, err := s.svc.CompareServices(r.Context(), slices.Clone(numbers))
	if err != nil {
		return nil, nil, numbers, err
	}
	return svcs, compareRows(svcs), numbers, nil
}

func compareRows(svcs []registry.Service) []compareRow {
	if len(svcs) == 0 {
		return nil
	}
	index := make([]map[string]string, len(svcs))
	for i, sv := range svcs {
		index[i] = map[string]string{}
		for _, a := range sv.Items {
			index[i][a.ItemID] = a.Text
		}
	}
	var rows []compareRow
	for _, a := range svcs[0].Items {
		row := compareRow{No: a.No, Item: a.Item, Question: a.Question}
		for i := range svcs {
			row.Answers = append(row.Answers, index[i][a.ItemID])
			row.Differ = row.Differ || index[i][a.ItemID] != row.Answers[0]
		}
		rows = append(rows, row)
	}
	return rows
}

// compareBody writes the comparison's rows in Go rather than in the
// template: 68 rows × 5 answers made the template's per-value reflection
// and escaper calls half of a comparison's cost. Every text goes through
// html.EscapeString; nothing else is written but fixed markup.
func compareBody(rows []compareRow, differs string) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 600)
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	esc := html.EscapeString
	differs = esc(differs)
	for _, row := range rows {
		if row.Differ {
			w(`<tr class="differs">`)
		} else {
			w(`<tr>`)
		}
		w(`<th scope="row">`, esc(row.No), " ", esc(row.Item), `<br><span class="muted">`, esc(row.Question), `</span>`)
		if row.Differ {
			w(`<br><span class="tag key">`, differs, `</span>`)
		}
		w(`</th>`)
		for _, a := range row.Answers {
			if a == "" {
				a = "—"
			}
			w(`<td class="pre">`, esc(a), `</td>`)
		}
		w("</tr>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- built above from escaped text and fixed markup
}

func (s *Server) showCompare(w http.ResponseWriter, r *http.Request) error {
	svcs, rows, numbers, err := s.compare(r)
	page := comparePage{Layout: s.layout(w, r), Services: svcs, Rows: rows, Numbers: numbers, CSVQuery: r.URL.RawQuery}
	page.Body = compareBody(rows, s.msgs.T(page.Lang, "compare.differs", nil))
	status := http.StatusOK
	if err != nil {
		if !isNotFound(err) {
			return err
		}
		ne, _ := classify(err)
		page.Error, status = s.msgs.T(page.Lang, ne.Key, ne.Args), http.StatusNotFound
	}
	return s.render(w, r, status, "compare", page)
}

// compareCSV downloads the comparison, cells protected against formulas.
func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request) error {
	svcs, rows, _, err := s.compare(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="compare.csv"`)
	_, _ = w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	head := []string{"No", "審査対象項目", "記述内容"}
	for _, sv := range svcs {
		head = append(head, cell(sv.Number+" "+sv.ServiceName))
	}
	_ = cw.Write(head)
	for _, row := range rows {
		rec := []string{row.No, cell(row.Item), cell(row.Question)}
		for _, a := range row.Answers {
			rec = append(rec, cell(a))
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// compareURL is the shareable address of a comparison.
func compareURL(numbers []string) string {
	v := url.Values{"n": numbers}
	return "/compare?" + v.Encode()
}
