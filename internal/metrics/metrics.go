// Package metrics is Summit's Prometheus instrumentation: HTTP requests and
// GraphQL operations (rate, errors, latency by operation name), the pgx
// pool, River jobs (queue depth and wait, failures by kind), review progress
// and the email outbox backlog. A node serves them on its own listener
// (SUMMIT_METRICS_ADDR, see Listener), apart from the API, so scraping needs
// no login and the API's port exposes nothing operational.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Namespace prefixes every metric Summit defines.
const Namespace = "summit"

// Registry holds one node's metrics. Build it with New.
type Registry struct {
	reg *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec

	gqlOperations *prometheus.CounterVec
	gqlDuration   *prometheus.HistogramVec

	jobsFinished *prometheus.CounterVec
	jobRun       *prometheus.HistogramVec
	jobWait      *prometheus.HistogramVec
}

// latencyBuckets span a 5 ms screen read to a 30 s timeout.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// New returns a registry with the process and Go runtime collectors and
// Summit's request and job metrics.
func New() *Registry {
	r := &Registry{reg: prometheus.NewRegistry()}
	r.httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: Namespace, Name: "http_requests_total",
		Help: "HTTP requests by route, method and status code.",
	}, []string{"route", "method", "code"})
	r.httpDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: Namespace, Name: "http_request_duration_seconds",
		Help: "HTTP request latency by route.", Buckets: latencyBuckets,
	}, []string{"route"})
	r.gqlOperations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: Namespace, Name: "graphql_operations_total",
		Help: "GraphQL operations by operation name, type and outcome (ok, or the first error's extensions.code).",
	}, []string{"operation", "type", "outcome"})
	r.gqlDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: Namespace, Name: "graphql_operation_duration_seconds",
		Help: "GraphQL operation latency by operation name and type.", Buckets: latencyBuckets,
	}, []string{"operation", "type"})
	r.jobsFinished = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: Namespace, Name: "river_jobs_finished_total",
		Help: "River jobs worked on this node by kind and outcome (completed, failed, cancelled, snoozed).",
	}, []string{"kind", "outcome"})
	r.jobRun = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: Namespace, Name: "river_job_run_seconds",
		Help: "How long River jobs ran on this node, by kind.", Buckets: latencyBuckets,
	}, []string{"kind"})
	r.jobWait = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: Namespace, Name: "river_job_queue_wait_seconds",
		Help: "How long River jobs waited between becoming available and being worked, by queue.", Buckets: latencyBuckets,
	}, []string{"queue"})
	r.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		r.httpRequests, r.httpDuration, r.gqlOperations, r.gqlDuration, r.jobsFinished, r.jobRun, r.jobWait,
	)
	return r
}

// Register adds a collector (e.g. NewDatabaseCollector) to the registry.
func (r *Registry) Register(c prometheus.Collector) error { return r.reg.Register(c) }

// Gatherer is what a handler or a test reads the metrics from.
func (r *Registry) Gatherer() prometheus.Gatherer { return r.reg }
