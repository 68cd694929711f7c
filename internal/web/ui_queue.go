package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"time"

	"nintei/application"
	"nintei/internal/chart"
	"nintei/internal/sqlstore"
	"nintei/review"
)

// queueStates are the review states the secretariat works through,
// in the order of the workflow.
var queueStates = []application.State{application.Submitted, application.FormalReview, application.Returned,
	application.AwaitingPay, application.DocumentReview, application.Inquiry, application.Investigation, application.Committee}

// queueChartDays is how many days the chart looks back, today included.
const queueChartDays = 30

// queuePage is the secretariat's review dashboard: the queue of every
// review state, overdue payments, inquiries waiting for the
// applicant, the days spent in each state and a chart of the last
// days.
type queuePage struct {
	Layout
	Today     string
	Queues    []queueGroup
	Overdue   []queueInvoice
	Inquiries []queueInquiry
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
	Apps  []queueApp
}

// queueApp is one application waiting in a queue.
type queueApp struct {
	ID       int64
	Service  string
	Provider string
	Since    time.Time // when it entered its current state
	Days     int       // whole days since then
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

// queueInquiry is an inquiry waiting for the applicant's answer.
type queueInquiry struct {
	AppID    int64
	Service  string
	ItemID   string
	Question string
	AskedAt  time.Time
	Days     int
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

// queueData is what the page is computed from.
type queueData struct {
	apps    []application.Application
	byID    map[int64]application.Application
	history []sqlstore.StateEntry
	now     time.Time
	today   time.Time // the date in Japan, as midnight UTC (service.Today)
}

func (s *Server) showQueue(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.queueData(ctx)
	if err != nil {
		return err
	}
	page := queuePage{Layout: s.layout(w, r), Today: d.today.Format("2006-01-02")}
	if page.Queues, err = s.queueGroups(ctx, page.Layout, d); err != nil {
		return err
	}
	if page.Overdue, err = s.queueOverdue(ctx, d, page.Today); err != nil {
		return err
	}
	if page.Inquiries, err = s.queueInquiries(ctx, d); err != nil {
		return err
	}
	page.Averages = queueAverages(page.Layout, d.history, d.now)
	if err := page.setChart(d); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "queue", page)
}

// queueData reads the applications under review and the state history.
func (s *Server) queueData(ctx context.Context) (queueData, error) {
	st := s.svc.Store()
	d := queueData{now: s.svc.Now(), today: s.svc.Today(), byID: map[int64]application.Application{}}
	var err error
	if d.apps, err = st.ApplicationsInStates(ctx, queueStates...); err != nil {
		return d, err
	}
	for _, a := range d.apps {
		d.byID[a.ID] = a
	}
	d.history, err = st.StateHistory(ctx, 0)
	return d, err
}

// queueGroups sorts the applications into their state's queue, oldest first.
func (s *Server) queueGroups(ctx context.Context, l Layout, d queueData) ([]queueGroup, error) {
	entered := queueEntered(d.history)
	providers := map[int64]string{}
	groups := make([]queueGroup, len(queueStates))
	index := map[application.State]int{}
	for i, st := range queueStates {
		groups[i] = queueGroup{State: st, Label: queueStateLabel(l, st)}
		index[st] = i
	}
	for _, a := range d.apps {
		name, err := s.queueProvider(ctx, providers, a.OrgID)
		if err != nil {
			return nil, err
		}
		since := a.UpdatedAt
		if e, ok := entered[a.ID]; ok && e.State == a.State {
			since = e.EnteredAt
		}
		i := index[a.State]
		groups[i].Apps = append(groups[i].Apps, queueApp{ID: a.ID, Service: a.Title(), Provider: name,
			Since: since, Days: queueWholeDays(d.now.Sub(since))})
	}
	for _, g := range groups {
		sort.SliceStable(g.Apps, func(i, j int) bool {
			if !g.Apps[i].Since.Equal(g.Apps[j].Since) {
				return g.Apps[i].Since.Before(g.Apps[j].Since)
			}
			return g.Apps[i].ID < g.Apps[j].ID
		})
	}
	return groups, nil
}

// queueEntered is the latest history row of each application (the history
// comes in time order).
func queueEntered(history []sqlstore.StateEntry) map[int64]sqlstore.StateEntry {
	out := map[int64]sqlstore.StateEntry{}
	for _, e := range history {
		out[e.ApplicationID] = e
	}
	return out
}

// queueProvider names a provider, reading each organization once.
func (s *Server) queueProvider(ctx context.Context, cache map[int64]string, orgID int64) (string, error) {
	if name, ok := cache[orgID]; ok {
		return name, nil
	}
	org, err := s.svc.Store().Organization(ctx, orgID)
	if err != nil {
		return "", err
	}
	cache[orgID] = org.Name
	return org.Name, nil
}

// queueOverdue lists the unpaid invoices past their due date, oldest due
// first. An invoice of an application no longer under review (a
// withdrawn one keeps its invoice) is still listed.
func (s *Server) queueOverdue(ctx context.Context, d queueData, today string) ([]queueInvoice, error) {
	invs, err := s.svc.Store().UnpaidInvoices(ctx)
	if err != nil {
		return nil, err
	}
	var out []queueInvoice
	for _, inv := range invs {
		if !inv.Overdue(today) {
			continue
		}
		a, err := s.queueApplication(ctx, d, inv.ApplicationID)
		if err != nil {
			return nil, err
		}
		out = append(out, queueInvoice{Number: inv.Number, AppID: inv.ApplicationID, Service: a.Title(),
			Total: queueYen(inv.TotalYen), DueOn: inv.DueOn, Days: queueDaysPast(inv, d.today)})
	}
	return out, nil
}

// queueApplication is an application of the page, or read from the store.
func (s *Server) queueApplication(ctx context.Context, d queueData, id int64) (application.Application, error) {
	if a, ok := d.byID[id]; ok {
		return a, nil
	}
	return s.svc.Store().Application(ctx, id)
}

// queueDaysPast is how many days today is after the invoice's due date.
func queueDaysPast(inv review.Invoice, today time.Time) int {
	due, err := time.Parse("2006-01-02", inv.DueOn)
	if err != nil {
		return 0
	}
	return queueWholeDays(today.Sub(due))
}

// queueInquiries lists the open inquiries of the applications waiting in
// the inquiry state, oldest first.
func (s *Server) queueInquiries(ctx context.Context, d queueData) ([]queueInquiry, error) {
	var out []queueInquiry
	for _, a := range d.apps {
		if a.State != application.Inquiry {
			continue
		}
		qs, err := s.svc.Store().Inquiries(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if q.Open() {
				out = append(out, queueInquiry{AppID: a.ID, Service: a.Title(), ItemID: q.ItemID, Question: q.Question,
					AskedAt: q.AskedAt, Days: queueWholeDays(q.Waiting(d.now))})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AskedAt.Before(out[j].AskedAt) })
	return out, nil
}

// queueAverages is the mean stay in each review state over the whole
// history: a stay lasts until the application's next state, or until now
// for the state it is still in.
func queueAverages(l Layout, history []sqlstore.StateEntry, now time.Time) []queueAverage {
	total := map[application.State]time.Duration{}
	stays := map[application.State]int{}
	last := map[int64]sqlstore.StateEntry{}
	add := func(e sqlstore.StateEntry, until time.Time) {
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
	out := make([]queueAverage, len(queueStates))
	for i, st := range queueStates {
		out[i] = queueAverage{Label: queueStateLabel(l, st), Stays: stays[st]}
		if stays[st] > 0 {
			out[i].Days = strconv.FormatFloat(total[st].Hours()/24/float64(stays[st]), 'f', 1, 64)
		}
	}
	return out
}

// setChart renders the chart of the last queueChartDays days in Japan and
// the table of the same numbers.
func (p *queuePage) setChart(d queueData) error {
	y, m, day := d.today.Date()
	from, to := time.Date(y, m, day-queueChartDays+1, 0, 0, 0, 0, jst), time.Date(y, m, day, 0, 0, 0, 0, jst)
	states := make([]string, len(queueStates))
	labels := map[string]string{}
	for i, st := range queueStates {
		states[i] = string(st)
		labels[states[i]] = queueStateLabel(p.Layout, st)
		p.ChartCols = append(p.ChartCols, labels[states[i]])
	}
	series := chart.Count(queueEntries(d.history), states, from, to, jst)
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
func queueEntries(history []sqlstore.StateEntry) []chart.Entry {
	out := make([]chart.Entry, len(history))
	for i, e := range history {
		out[i] = chart.Entry{ApplicationID: e.ApplicationID, State: string(e.State), EnteredAt: e.EnteredAt}
	}
	return out
}

func queueStateLabel(l Layout, st application.State) string {
	return l.T("queue.state." + string(st))
}

// queueWholeDays counts the whole days in d (never negative).
func queueWholeDays(d time.Duration) int {
	return max(0, int(d/(24*time.Hour)))
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
