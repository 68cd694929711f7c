package metrics

import (
	"database/sql"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// opsMetrics are the counters the running process keeps itself: job runs,
// mails sent, the public cache and the rate limits. They count what this
// instance did since it started (Prometheus sums the instances).
type opsMetrics struct {
	jobRuns     *prometheus.CounterVec
	jobDuration *prometheus.HistogramVec
	mailsSent   prometheus.Counter
	cache       *prometheus.CounterVec
	refusals    *prometheus.CounterVec
}

func newOpsMetrics(reg *prometheus.Registry) opsMetrics {
	o := opsMetrics{
		jobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nintei_job_runs_total",
			Help: "Attempts of background jobs run by this instance, by kind and outcome (ok or failed).",
		}, []string{"kind", "outcome"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "nintei_job_duration_seconds",
			Help:    "Time a background job's attempt took, by kind.",
			Buckets: []float64{.005, .01, .05, .1, .5, 1, 5, 15, 60, 300},
		}, []string{"kind"}),
		mailsSent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "nintei_mails_sent_total", Help: "E-mails handed to the mail server."}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nintei_public_cache_requests_total",
			Help: "Anonymous public registry requests by how the cache answered: memory, disk or shared (another request's answer) hits, or miss.",
		}, []string{"result"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nintei_rate_limit_refusals_total",
			Help: "Requests refused by a rate limit, by limit (api, search, login_ip, login_name, reset_ip, reset_name, follow_ip, follow_name).",
		}, []string{"limit"}),
	}
	reg.MustRegister(o.jobRuns, o.jobDuration, o.mailsSent, o.cache, o.refusals)
	return o
}

// ObserveJob records one attempt of a job (the jobs runner's Observe hook).
func (m *Metrics) ObserveJob(kind string, err error, d time.Duration) {
	if m == nil {
		return
	}
	outcome := "ok"
	if err != nil {
		outcome = "failed"
	}
	m.ops.jobRuns.WithLabelValues(kind, outcome).Inc()
	m.ops.jobDuration.WithLabelValues(kind).Observe(d.Seconds())
}

// MailSent counts one e-mail handed to the mail server.
func (m *Metrics) MailSent() {
	if m != nil {
		m.ops.mailsSent.Inc()
	}
}

// PublicCache counts how the public cache answered: "memory", "disk" or
// "shared" for a hit, "miss" when the page was rendered.
func (m *Metrics) PublicCache(result string) {
	if m != nil {
		m.ops.cache.WithLabelValues(result).Inc()
	}
}

// RateLimited counts a request a rate limit refused.
func (m *Metrics) RateLimited(limit string) {
	if m != nil {
		m.ops.refusals.WithLabelValues(limit).Inc()
	}
}

// WatchDB reports the database pool at every scrape: connections open, in
// use and idle, and how often and how long requests waited for one
// (go_sql_* with db_name="nintei").
func (m *Metrics) WatchDB(db *sql.DB) {
	if m != nil && db != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db, "nintei"))
	}
}
