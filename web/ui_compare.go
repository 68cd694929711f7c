package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"html/template"
	"net/http"
	"net/url"
	"slices"

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
	Services []registry.Service // number and names only: the answers are in Body
	Body     template.HTML      // bodySlot: the table body goes there (renderSlotted)
	table    *bytes.Buffer      // the table body, see compareTable
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

func (s *Server) showCompare(w http.ResponseWriter, r *http.Request) error {
	numbers := r.URL.Query()["n"]
	if len(numbers) > maxCompare {
		numbers = numbers[:maxCompare]
	}
	page := comparePage{Layout: s.layout(w, r), Numbers: numbers, CSVQuery: r.URL.RawQuery, table: renderBuffers.Get().(*bytes.Buffer)}
	defer putRenderBuffer(page.table)
	err := s.fillComparison(r.Context(), &page)
	status := http.StatusOK
	if err != nil {
		if !isNotFound(err) {
			return err
		}
		ne, _ := classify(err)
		page.Error, status = s.msgs.T(page.Lang, ne.Key, ne.Args), http.StatusNotFound
	}
	return s.renderSlotted(w, r, status, "compare", page, page.table.Bytes())
}

// fillComparison puts the columns of page.Numbers into the page.
func (s *Server) fillComparison(ctx context.Context, page *comparePage) error {
	cols, err := s.compareColumns(ctx, page.Numbers)
	if err != nil || len(cols) == 0 {
		return err
	}
	heads, err := s.rowHeadsOf(ctx, cols[0].EditionID)
	if err != nil {
		return err
	}
	for _, c := range cols {
		page.Services = append(page.Services, registry.Service{Number: c.Number, ServiceName: c.ServiceName, ProviderName: c.ProviderName})
	}
	page.Body = bodySlot
	compareTable(page.table, cols, heads, s.msgs.T(page.Lang, "compare.differs", nil))
	return nil
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
