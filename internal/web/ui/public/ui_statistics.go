package public

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"nintei/catalog"
	"nintei/internal/chart"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/registry"
)

// statisticsPage is /statistics: each figure as a chart with the same
// numbers in a table beside it.
type statisticsPage struct {
	Layout
	Stats     registry.Statistics
	Certified template.HTML // cumulative certifications per quarter
	Events    template.HTML // renewals, revocations and other endings per quarter
	Median    template.HTML // median days from submission to decision per quarter
	Bases     template.HTML // services in force by base service
	Items     []itemChart   // services in force by published answer, per item
}

// itemChart is one counted item's chart and its answers' labels.
type itemChart struct {
	registry.ItemStats
	Title  string // the item's name in the page's language
	Chart  template.HTML
	Labels []string // each answer as the page names it (percentage bands are worded)
}

// itemName is a counted item's name in lang: the catalog's English name
// when it has one, else its Japanese.
func itemName(lang i18n.Lang, it registry.ItemStats) string {
	if lang == i18n.English && it.NameEN != "" {
		return it.NameEN
	}
	return it.NameJA
}

// showStatistics renders the public statistics: counts of the
// public registry only, cached like the registry's other pages.
func (s *Server) showStatistics(w http.ResponseWriter, r *http.Request) error {
	st, err := s.svc.Statistics(r.Context())
	if err != nil {
		return err
	}
	p := statisticsPage{Layout: s.layout(w, r), Stats: st}
	if err := p.charts(); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "statistics", p)
}

// statisticsJSON is the same figures as JSON (the API answers the same).
func (s *Server) statisticsJSON(w http.ResponseWriter, r *http.Request) error {
	st, err := s.svc.Statistics(r.Context())
	if err != nil {
		return err
	}
	// Open data like the CSV: caches may keep it five minutes
	// (request.WriteJSON would say no-store).
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", request.CachePublicData)
	return json.NewEncoder(w).Encode(st)
}

// statisticsCSV is the same figures as open data (RFC 4180, see
// request.CSV): one record per figure — section, period or category,
// measure, value — with Japanese headings, as the registry's CSV.
func (s *Server) statisticsCSV(w http.ResponseWriter, r *http.Request) error {
	st, err := s.svc.Statistics(r.Context())
	if err != nil {
		return err
	}
	l := s.layout(w, r)
	l.Lang = i18n.Japanese
	cw := request.CSV(w, "statistics.csv", request.CachePublicData)
	_ = cw.Write([]string{l.T("statistics.csv.section"), l.T("statistics.csv.key"), l.T("statistics.csv.measure"), l.T("statistics.csv.value")})
	for _, q := range st.Quarters {
		for _, m := range []struct {
			key string
			v   int
		}{{"certified", q.Certified}, {"certified_cumulative", q.CertifiedCumulative}, {"renewed", q.Renewed},
			{"revoked", q.Revoked}, {"ended", q.Ended}, {"decisions", q.Decisions}} {
			_ = cw.Write([]string{l.T("statistics.csv.quarters"), q.Quarter, l.T("statistics.col." + m.key), strconv.Itoa(m.v)})
		}
		_ = cw.Write([]string{l.T("statistics.csv.quarters"), q.Quarter, l.T("statistics.col.median_days"), medianText(q.MedianDays)})
	}
	_ = cw.Write([]string{l.T("statistics.csv.in_force"), st.AsOf, l.T("statistics.col.services"), strconv.Itoa(st.InForce)})
	for _, b := range st.Bases {
		_ = cw.Write([]string{l.T("statistics.bases.title"), l.T("forma.base." + b.Base), l.T("statistics.col.services"), strconv.Itoa(b.Count)})
	}
	for _, it := range st.Items {
		for _, a := range it.Answers {
			_ = cw.Write([]string{cell(itemName(l.Lang, it)), cell(answerLabel(l, it, a.Answer)), l.T("statistics.col.services"), strconv.Itoa(a.Count)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// medianText writes a median with at most one decimal; "" for none.
func medianText(m *float64) string {
	if m == nil {
		return ""
	}
	return strconv.FormatFloat(*m, 'f', -1, 64)
}

// answerLabel is an answer as the page shows it: the percentage bands in
// words, any other answer as published.
func answerLabel(l Layout, it registry.ItemStats, answer string) string {
	if k := "statistics.band." + answer; it.Kind == string(catalog.TypePercent) && l.Catalog().Has(k) {
		return l.T(k)
	}
	return answer
}

// shortQuarter is a quarter as a chart's axis names it, 2026-Q4 as 26Q4:
// nine full names do not fit under nine bars on a phone.
func shortQuarter(q string) string {
	if len(q) == len("2026-Q4") {
		return q[2:4] + q[5:]
	}
	return q
}

// shortAnswer is an answer as a chart's axis names it: the percentage
// bands as ≥99.9% and the like, the table beside it giving their words.
func shortAnswer(l Layout, it registry.ItemStats, answer string) string {
	if k := "statistics.band_short." + answer; it.Kind == string(catalog.TypePercent) && l.Catalog().Has(k) {
		return l.T(k)
	}
	return answer
}

// charts draws the page's charts; each has role="img", a title and a
// description, and the page's tables carry the same numbers.
func (p *statisticsPage) charts() error {
	var quarters []string
	var cumulative, events, median [][]int
	for _, q := range p.Stats.Quarters {
		quarters = append(quarters, shortQuarter(q.Quarter))
		cumulative = append(cumulative, []int{q.CertifiedCumulative})
		events = append(events, []int{q.Renewed, q.Revoked, q.Ended})
		m := 0
		if q.MedianDays != nil {
			m = int(math.Round(*q.MedianDays))
		}
		median = append(median, []int{m})
	}
	var err error
	draw := func(id, title string, labels, states []string, counts [][]int, y string) template.HTML {
		if err != nil {
			return ""
		}
		var h template.HTML
		h, err = p.bars(id, title, labels, states, counts, y)
		return h
	}
	p.Certified = draw("chart-certified", p.T("statistics.certified.title"), quarters, []string{"certified_cumulative"}, cumulative, "statistics.y.services")
	p.Events = draw("chart-events", p.T("statistics.events.title"), quarters, []string{"renewed", "revoked", "ended"}, events, "statistics.y.services")
	p.Median = draw("chart-median", p.T("statistics.median.title"), quarters, []string{"median_days"}, median, "statistics.y.days")
	var bases []string
	var baseCounts [][]int
	for _, b := range p.Stats.Bases {
		name, _, _ := strings.Cut(p.T("forma.base."+b.Base), "（") // the table gives the full name
		bases, baseCounts = append(bases, name), append(baseCounts, []int{b.Count})
	}
	p.Bases = draw("chart-bases", p.T("statistics.bases.title"), bases, []string{"services"}, baseCounts, "statistics.y.services")
	for _, it := range p.Stats.Items {
		ic := itemChart{ItemStats: it, Title: itemName(p.Lang, it)}
		var counts [][]int
		var short []string
		for _, a := range it.Answers {
			ic.Labels, counts = append(ic.Labels, answerLabel(p.Layout, it, a.Answer)), append(counts, []int{a.Count})
			short = append(short, shortAnswer(p.Layout, it, a.Answer))
		}
		ic.Chart = draw("chart-"+it.ItemID, ic.Title, short, []string{"services"}, counts, "statistics.y.services")
		p.Items = append(p.Items, ic)
	}
	return err
}

// bars draws one bar per label, stacked by states, in a viewBox narrow
// enough that its words stay legible when a phone shrinks it to 390 px.
func (p *statisticsPage) bars(id, title string, labels, states []string, counts [][]int, yKey string) (template.HTML, error) {
	names := map[string]string{}
	for _, st := range states {
		names[st] = p.T("statistics.col." + st)
	}
	series := chart.Series{Days: make([]time.Time, len(labels)), States: states, Counts: counts}
	var buf bytes.Buffer
	err := chart.StatesOverTime(&buf, series, chart.Options{ID: id, Title: title, Desc: p.T("statistics.chart_desc"),
		Labels: names, XLabels: labels, YLabel: p.T(yKey), Width: 480, PlotHeight: 200})
	if err != nil {
		return "", fmt.Errorf("web.statistics chart %s: %w", id, err)
	}
	return template.HTML(buf.String()), nil // #nosec G203 -- package chart escapes every text it writes
}
