package review

// fromScratchSource aggregates every fact row of the accounts: the metrics'
// definition, which tests compare the aggregate source with. It is also
// what a model reading only orders uses: on data with about one order per
// account and month (the seed's density) the monthly rows, shared with the
// other fact kinds, are more rows to read than the orders themselves
// (workers/BenchmarkReview, computer-maker scorecard, 10,000 accounts:
// ratio to its SQL baseline 1.22 from orders, 1.59 from the aggregates).
var fromScratchSource = metricsSource{
	orders: `, ord AS (
	SELECT o.account_id,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $4::date), 0)::bigint AS rev12,
	       coalesce(sum(o.margin_minor) FILTER (WHERE o.order_date >= $4::date), 0)::bigint AS margin12,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $5::date AND o.order_date < $4::date), 0)::bigint AS revprev,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $7::date AND o.order_date < $6::date), 0)::bigint AS y1,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $8::date AND o.order_date < $7::date), 0)::bigint AS y2,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $9::date AND o.order_date < $8::date), 0)::bigint AS y3,
	       sum(o.amount_minor)::bigint AS cumulative,
	       count(*) FILTER (WHERE o.order_date >= $4::date) AS orders12,
	       ($3::date - max(o.order_date)) AS days_since_last
	FROM orders o
	WHERE o.account_id BETWEEN $1 AND $2 AND o.order_date < $3::date AND o.status = 'SHIPPED'
	  AND o.account_id IN (SELECT id FROM acc)
	GROUP BY o.account_id
)`,
	surveys: `, sv AS (
	SELECT s.account_id, avg(s.score)::float8 AS avg_score
	FROM satisfaction_surveys s
	WHERE s.account_id BETWEEN $1 AND $2 AND s.surveyed_on >= $4::date AND s.surveyed_on < $3::date
	  AND s.account_id IN (SELECT id FROM acc)
	GROUP BY s.account_id
)`,
	touchpoints: `, tp AS (
	SELECT t.account_id, count(*) AS n
	FROM touchpoints t
	WHERE t.account_id BETWEEN $1 AND $2 AND t.occurred_at >= $4::date AND t.occurred_at < $3::date
	  AND t.account_id IN (SELECT id FROM acc)
	GROUP BY t.account_id
)`,
	collections: `, col AS (
	SELECT c.account_id, sum(c.amount_minor)::bigint AS received,
	       coalesce(sum(c.amount_minor) FILTER (WHERE c.received_on > c.due_on), 0)::bigint AS late
	FROM collections c
	WHERE c.account_id BETWEEN $1 AND $2 AND c.received_on >= $4::date AND c.received_on < $3::date
	  AND c.account_id IN (SELECT id FROM acc)
	GROUP BY c.account_id
)`,
}
