// Package metrics exposes nintei's operational figures in the Prometheus
// text format: request latency by route, applications by state, the job
// queue and its failures, job runs and their durations, mails sent and
// failed, the public cache's hits and misses, rate-limit refusals and the
// database pool (jobs.go). Counts that live in the
// database are read when Prometheus scrapes, so every instance reports the
// same totals and nothing is kept twice.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"nintei/internal/mail"
	"nintei/store"
)

// Source is where the scraped counts come from (the store).
type Source interface {
	ApplicationStateCounts(ctx context.Context) (map[string]int64, error)
	CountJobs(ctx context.Context, now time.Time) (store.JobCounts, error)
}

// Metrics holds the collectors of one process.
type Metrics struct {
	reg          *prometheus.Registry
	requests     *prometheus.HistogramVec
	mailFailures prometheus.Counter
	ops          opsMetrics
}

// New registers the collectors; now is the clock the job counts use.
func New(src Source, now func() time.Time, log *slog.Logger) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "nintei_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route (method and pattern of the route table) and status class.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
	}, []string{"route", "code"})
	m.mailFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "nintei_mail_failures_total", Help: "E-mails that could not be handed to the mail server."})
	m.reg.MustRegister(m.requests, m.mailFailures, &storeCollector{src: src, now: now, log: log},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.ops = newOpsMetrics(m.reg)
	return m
}

// Handler serves the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Timeout: 10 * time.Second})
}

// ObserveRequest records one answered request. route is the route table's
// pattern, never the raw path, so the label set stays small.
func (m *Metrics) ObserveRequest(route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if status == 0 {
		status = http.StatusOK // nothing written: net/http answers 200
	}
	m.requests.WithLabelValues(route, strconv.Itoa(status/100)+"xx").Observe(d.Seconds())
}

// MailFailed counts one e-mail that could not be sent.
func (m *Metrics) MailFailed() {
	if m != nil {
		m.mailFailures.Inc()
	}
}

var (
	applicationsDesc = prometheus.NewDesc("nintei_applications", "Applications by workflow state.", []string{"state"}, nil)
	jobsDesc         = prometheus.NewDesc("nintei_jobs", "Background jobs by state (queued includes retrying; stale: leased by a worker presumed gone).", []string{"state"}, nil)
	jobsRetryingDesc = prometheus.NewDesc("nintei_jobs_retrying", "Queued jobs that failed at least once.", nil, nil)
	scrapeErrorDesc  = prometheus.NewDesc("nintei_metrics_store_up", "1 when the database answered the scrape's counts.", nil, nil)
)

// storeCollector reads the counts that live in the database at scrape time.
type storeCollector struct {
	src Source
	now func() time.Time
	log *slog.Logger
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- applicationsDesc
	ch <- jobsDesc
	ch <- jobsRetryingDesc
	ch <- scrapeErrorDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	up := 1.0
	if apps, err := c.src.ApplicationStateCounts(ctx); err == nil {
		for state, n := range apps {
			ch <- prometheus.MustNewConstMetric(applicationsDesc, prometheus.GaugeValue, float64(n), state)
		}
	} else {
		up = 0
		c.log.Warn("metrics: application counts", "err", err)
	}
	if jc, err := c.src.CountJobs(ctx, c.now()); err == nil {
		for state, n := range map[string]int64{"queued": jc.Queued, "running": jc.Running, "stale": jc.Stale, "done": jc.Done, "dead": jc.Dead} {
			ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(n), state)
		}
		ch <- prometheus.MustNewConstMetric(jobsRetryingDesc, prometheus.GaugeValue, float64(jc.Retrying))
	} else {
		up = 0
		c.log.Warn("metrics: job counts", "err", err)
	}
	ch <- prometheus.MustNewConstMetric(scrapeErrorDesc, prometheus.GaugeValue, up)
}

// CountingSender passes mail on to a sender and counts its sends and
// failures.
type CountingSender struct {
	mail.Sender
	M *Metrics
}

// Send sends m, counting it as sent or failed.
func (c CountingSender) Send(ctx context.Context, m mail.Message) error {
	err := c.Sender.Send(ctx, m)
	if err != nil {
		c.M.MailFailed()
	} else {
		c.M.MailSent()
	}
	return err
}
