package public

import (
	"bytes"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"

	"nintei/internal/i18n"
	"nintei/internal/web/request"
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
	Services               []registry.Service // numbers only, for the count; the rest is written in Go into the slots
	CSV, Tools, Head, Body template.HTML      // slot, each: showCompare writes the link, view choice and jump list, headings and rows there
	Numbers                []string
	Error                  string
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
	if err == nil {
		err = s.alignServices(r.Context(), svcs)
	}
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
	page := comparePage{Layout: s.layout(w, r), Numbers: numbers}
	cols, release, err := s.compareColumns(r.Context(), numbers)
	defer release()
	var heads editionHeads
	basis, aligned := "", false
	if err == nil && len(cols) > 0 {
		basis, aligned, err = s.alignComparison(r.Context(), cols)
	}
	if err == nil && len(cols) > 0 {
		heads, err = s.rowHeadsOf(r.Context(), basis)
	}
	if err != nil {
		if !isNotFound(err) {
			return err
		}
		ne, _ := classify(err)
		page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
		return s.render(w, r, http.StatusNotFound, "compare", page)
	}
	if len(cols) == 0 {
		return s.render(w, r, http.StatusOK, "compare", page)
	}
	for _, c := range cols {
		page.Services = append(page.Services, registry.Service{Number: c.Number})
	}
	page.CSV, page.Tools, page.Head, page.Body = slot, slot, slot, slot
	parts, err := s.compareShell(r, page)
	if err != nil {
		return err
	}
	return s.writeComparison(w, parts, page.Lang, cols, heads, r.URL.Query().Get("diff") == "1", aligned)
}

// writeComparison fills the page's slots: the CSV link, the view choice
// and the jump list to the sections, the services' headings and the rows.
func (s *Server) writeComparison(w http.ResponseWriter, parts [][]byte, lang i18n.Lang, cols []compareColumn, heads editionHeads, diffOnly, aligned bool) error {
	table := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(table)
	t := func(key string) string { return s.msgs.T(lang, key, nil) }
	sections := compareTable(table, cols, heads, compareOptions{DiffOnly: diffOnly, Differs: t("compare.differs"), NoDiff: t("compare.no_diff")})
	tools := s.compareTools(lang, cols, sections, diffOnly)
	if aligned {
		note := `<p class="notice" role="note">` + html.EscapeString(t("compare.mapped_note")) + ` <a href="/catalog/diff">` +
			html.EscapeString(t("editions.diff.title")) + "</a></p>\n"
		tools = append([]byte(note), tools...)
	}
	return writeSlotted(w, http.StatusOK, parts, [][]byte{compareCSVLink(cols), tools, compareHead(cols), table.Bytes()})
}

// compareShell is the comparison page around its slots. For visitors
// without a session it is the same for every comparison of as many
// services (in one language, on one demo day), so it is rendered once:
// the layout's template took a quarter of a comparison's CPU.
func (s *Server) compareShell(r *http.Request, page comparePage) ([][]byte, error) {
	if !cacheable(r) {
		return s.renderSlotted(r, "compare", page, 4)
	}
	key := string(page.Lang) + "\x00" + page.DemoDate + "\x00" + strconv.Itoa(len(page.Services))
	if parts, ok := s.shells.get(key); ok {
		return parts, nil
	}
	parts, err := s.renderSlotted(r, "compare", page, 4)
	if err == nil {
		s.shells.put(key, parts)
	}
	return parts, err
}

// shells keeps rendered page shells; a few per language and day.
type shells struct {
	mu sync.Mutex
	m  map[string][][]byte
}

func (c *shells) get(key string) ([][]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[key]
	return p, ok
}

func (c *shells) put(key string, parts [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= 64 { // demo days come and go
		c.m = map[string][][]byte{}
	}
	c.m[key] = parts
}

// compareHead is the table's heading cell of each service, escaped.
func compareHead(cols []compareColumn) []byte {
	var b bytes.Buffer
	esc := html.EscapeString
	for _, c := range cols {
		b.WriteString(`<th scope="col"><a href="/registry/` + esc(url.PathEscape(c.Number)) + `">` + esc(c.ServiceName) +
			`</a><br><span class="muted">` + esc(c.ProviderName) + `<br>` + esc(c.Number) + `</span></th>`)
	}
	return b.Bytes()
}

// compareCSVLink offers the comparison's CSV for the services shown.
func compareCSVLink(cols []compareColumn) []byte {
	v := url.Values{}
	for _, c := range cols {
		v.Add("n", c.Number)
	}
	return []byte(`<p><a href="/compare.csv?` + html.EscapeString(v.Encode()) + `">CSV</a></p>`)
}

// compareCSV downloads the comparison, cells protected against formulas.
func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request) error {
	svcs, rows, _, err := s.compare(r)
	if err != nil {
		return err
	}
	cw := request.CSV(w, "compare.csv", request.CachePublicData)
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
