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

func newMetrics() *metrics {
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
	return m
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
