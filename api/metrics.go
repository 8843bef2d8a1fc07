package api

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics live in a registry of the server's own, not the global one, so
// that two servers (tests) never collide.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	rejected   *prometheus.CounterVec
	inflight   prometheus.Gauge
	panics     prometheus.Counter
	executions *prometheus.CounterVec
}

func newMetrics(feed Follower) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsgraph_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "newsgraph_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsgraph_graphql_rejected_total", Help: "GraphQL requests refused, by the limit that refused them.",
		}, []string{"limit"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "newsgraph_graphql_executing", Help: "GraphQL queries executing now.",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "newsgraph_panics_recovered_total", Help: "Panics recovered in handlers and resolvers.",
		}),
		executions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsgraph_graphql_executions_total",
			Help: "GraphQL operations executed, by executor: fast, or graphql-go for mutations, introspection, directives and failures.",
		}, []string{"executor"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.rejected, m.inflight, m.panics, m.executions,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// every limit shows from the start, at zero, so that rates work
	for _, l := range []string{"body_bytes", "query_chars", "tokens", "nesting", "fragment_cycle", "depth",
		"fields", "aliases", "root_fields", "cost", "first", "introspection", "timeout", "busy"} {
		m.rejected.WithLabelValues(l)
	}
	m.executions.WithLabelValues("fast")
	m.executions.WithLabelValues("graphql-go")
	if feed != nil {
		m.reg.MustRegister(newFeedCollector(feed))
	}
	return m
}

// feedCollector reads the store's feed at each scrape. The delays are
// those of the changes applied since the last scrape (the store keeps a
// bounded number between two takes, so at a very high rate of changes the
// histogram is a sample of them and its count falls short of
// newsgraph_feed_changes_applied_total).
type feedCollector struct {
	feed                          Follower
	lag, position, applied, fails *prometheus.Desc
	delay                         prometheus.Histogram
}

func newFeedCollector(f Follower) *feedCollector {
	return &feedCollector{
		feed: f,
		lag: prometheus.NewDesc("newsgraph_feed_lag_seconds",
			"Seconds since this server's last successful read of the store's feed, which applied every change committed before it but those a write transaction still running then held back (newsgraph_feed_delay_seconds times each change from commit to answer). Absent until the first read.", nil, nil),
		position: prometheus.NewDesc("newsgraph_feed_position",
			"Where this server stands in the store's feed of changes (on PostgreSQL, the transaction id below which it has read every change); servers at one position have applied the same changes.", nil, nil),
		applied: prometheus.NewDesc("newsgraph_feed_changes_applied_total",
			"Article changes other processes committed that this server applied to its index.", nil, nil),
		fails: prometheus.NewDesc("newsgraph_feed_reads_failed_total",
			"Reads of the store's feed of changes that failed (each is tried again at the next interval).", nil, nil),
		delay: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "newsgraph_feed_delay_seconds",
			Help:    "From an article change's commit by another process to its being answered here (the database's clock for the commit, this server's for the rest).",
			Buckets: []float64{.05, .1, .25, .5, 1, 2, 5, 10, 30, 60},
		}),
	}
}

func (c *feedCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.lag
	ch <- c.position
	ch <- c.applied
	ch <- c.fails
	c.delay.Describe(ch)
}

func (c *feedCollector) Collect(ch chan<- prometheus.Metric) {
	for _, d := range c.feed.FeedDelays() {
		c.delay.Observe(d.Seconds())
	}
	c.delay.Collect(ch)
	if lag, ok := c.feed.FeedLag(); ok {
		ch <- prometheus.MustNewConstMetric(c.lag, prometheus.GaugeValue, lag.Seconds())
	}
	applied, failed := c.feed.FeedApplied()
	ch <- prometheus.MustNewConstMetric(c.position, prometheus.GaugeValue, float64(c.feed.FeedPosition()))
	ch <- prometheus.MustNewConstMetric(c.applied, prometheus.CounterValue, float64(applied))
	ch <- prometheus.MustNewConstMetric(c.fails, prometheus.CounterValue, float64(failed))
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// route names the handler a path goes to, keeping the label set small.
func route(path string) string {
	switch path {
	case "/graphql", "/healthz", "/metrics", "/graphiql":
		return path
	}
	if len(path) > len("/graphiql/") && path[:len("/graphiql/")] == "/graphiql/" {
		return "/graphiql"
	}
	return "other"
}
