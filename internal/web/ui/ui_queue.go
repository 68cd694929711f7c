package ui

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"nintei/application"
	"nintei/internal/chart"
	"nintei/service/core"
	"nintei/service/views"
)

// queueChartDays is how many days the chart looks back, today included.
const queueChartDays = 30

// queuePage is the review dashboard: the queue of every review state,
// overdue payments, inquiries waiting for the applicant,
// the days spent in each state and a chart of the last days; the data is
// views.Queue, one read model.
type queuePage struct {
	Layout
	Today     string
	Queues    []queueGroup
	Overdue   []queueInvoice
	Inquiries []views.QueueInquiry
	Averages  []queueAverage
	Chart     template.HTML // SVG from package chart, every text in it escaped there
	ChartFrom string
	ChartTo   string
	ChartCols []string // state labels, the columns of the chart's data table
	ChartRows []queueChartRow
}

// queueGroup is the queue of one state, oldest first.
type queueGroup struct {
	State application.State
	Label string
	Apps  []views.QueueApp
}

// queueInvoice is an unpaid invoice past its due date.
type queueInvoice struct {
	Number  string
	AppID   int64
	Service string
	Total   string // yen with thousands separators
	DueOn   string
	Days    int // days past the due date
}

// queueAverage is the mean stay in one state over the whole history.
type queueAverage struct {
	Label string
	Stays int
	Days  string // one decimal; "" when there were no stays
}

// queueChartRow is one day of the chart, as a table row.
type queueChartRow struct {
	Date   string
	Counts []int
	Total  int
}

func (s *Server) showQueue(w http.ResponseWriter, r *http.Request) error {
	q, err := s.svc.Queue(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	page := queuePage{Layout: s.layout(w, r), Today: q.Today.String(), Inquiries: q.Inquiries}
	for _, g := range q.States {
		page.Queues = append(page.Queues, queueGroup{State: g.State, Label: queueStateLabel(page.Layout, g.State), Apps: g.Apps})
	}
	for _, it := range q.Overdue {
		page.Overdue = append(page.Overdue, queueInvoice{Number: it.Number, AppID: it.ApplicationID, Service: it.Service,
			Total: queueYen(it.YenTotal), DueOn: it.DueOn.String(), Days: it.Days})
	}
	page.Averages = queueAverages(page.Layout, q.History, q.Now)
	if err := page.setChart(q); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "queue", page)
}

// queueAverages is the mean stay in each review state over the whole
// history: a stay lasts until the application's next state, or until now
// for the state it is still in.
func queueAverages(l Layout, history []core.StateEntry, now time.Time) []queueAverage {
	total := map[application.State]time.Duration{}
	stays := map[application.State]int{}
	last := map[int64]core.StateEntry{}
	add := func(e core.StateEntry, until time.Time) {
		total[e.State] += until.Sub(e.EnteredAt)
		stays[e.State]++
	}
	for _, e := range history {
		if prev, ok := last[e.ApplicationID]; ok {
			add(prev, e.EnteredAt)
		}
		last[e.ApplicationID] = e
	}
	for _, e := range last {
		add(e, now)
	}
	out := make([]queueAverage, len(views.QueueStates))
	for i, st := range views.QueueStates {
		out[i] = queueAverage{Label: queueStateLabel(l, st), Stays: stays[st]}
		if stays[st] > 0 {
			out[i].Days = strconv.FormatFloat(total[st].Hours()/24/float64(stays[st]), 'f', 1, 64)
		}
	}
	return out
}

// setChart renders the chart of the last queueChartDays days in Japan and
// the table of the same numbers.
func (p *queuePage) setChart(q views.Queue) error {
	y, m, day := q.Today.Year, q.Today.Month, q.Today.Day
	from, to := time.Date(y, m, day-queueChartDays+1, 0, 0, 0, 0, jst), time.Date(y, m, day, 0, 0, 0, 0, jst)
	states := make([]string, len(views.QueueStates))
	labels := map[string]string{}
	for i, st := range views.QueueStates {
		states[i] = string(st)
		labels[states[i]] = queueStateLabel(p.Layout, st)
		p.ChartCols = append(p.ChartCols, labels[states[i]])
	}
	series := chart.Count(queueEntries(q.History), states, from, to, jst)
	p.ChartFrom, p.ChartTo = from.Format("2006-01-02"), to.Format("2006-01-02")
	for i, day := range series.Days {
		p.ChartRows = append(p.ChartRows, queueChartRow{Date: day.Format("2006-01-02"), Counts: series.Counts[i], Total: series.Total(i)})
	}
	var buf bytes.Buffer
	err := chart.StatesOverTime(&buf, series, chart.Options{ID: "queue-chart", Labels: labels, DateFormat: "1/2",
		Title:  p.T("chart.title", "From", p.ChartFrom, "To", p.ChartTo),
		Desc:   p.T("chart.desc"),
		YLabel: p.T("chart.y_label")})
	if err != nil {
		return fmt.Errorf("web.queue chart: %w", err)
	}
	p.Chart = template.HTML(buf.String()) // #nosec G203 -- package chart escapes every text it writes
	return nil
}

// queueEntries converts history rows for the chart package.
func queueEntries(history []core.StateEntry) []chart.Entry {
	out := make([]chart.Entry, len(history))
	for i, e := range history {
		out[i] = chart.Entry{ApplicationID: e.ApplicationID, State: string(e.State), EnteredAt: e.EnteredAt}
	}
	return out
}

func queueStateLabel(l Layout, st application.State) string {
	return l.T("queue.state." + string(st))
}

// queueYen formats an amount with thousands separators: 209000 → 209,000.
func queueYen(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b []byte
	for i := range s {
		if i > 0 && s[i-1] != '-' && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}
