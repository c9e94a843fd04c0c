package review

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/grading"
)

// Facts says which fact tables, besides accounts and orders, a model reads;
// gathering only those keeps a review as cheap as the model allows.
type Facts struct {
	Surveys     bool
	Touchpoints bool
	Collections bool
	// Tenure gathers orders_total and days_since_first_order (tenure.go).
	Tenure bool
	// Custom lists the admin-defined metrics (custom_metrics.key) the model
	// names as "extra.<key>"; their latest values on or before the as-of
	// day go into Metrics.Extra.
	Custom []string
}

// AllFacts gathers everything.
var AllFacts = Facts{Surveys: true, Touchpoints: true, Collections: true, Tenure: true}

// Extra metrics gathered from collections, for models that name them as
// "extra.collections_12m" and "extra.late_collections_ratio_12m".
const (
	ExtraCollections12m          = "collections_12m"
	ExtraLateCollectionsRatio12m = "late_collections_ratio_12m"
)

// FactsFor returns the facts a model config refers to. Every metric a model
// reads is named in its config (no kind has an implicit metric), so looking
// for the names is enough; a false positive only costs an aggregation.
func FactsFor(config json.RawMessage) Facts {
	s := string(config)
	f := Facts{
		Surveys:     strings.Contains(s, `"`+string(grading.MetricAvgSatisfaction)+`"`),
		Touchpoints: strings.Contains(s, `"`+string(grading.MetricTouchpoints)+`"`),
		Collections: strings.Contains(s, `"`+string(grading.ExtraMetric(ExtraCollections12m))+`"`) ||
			strings.Contains(s, `"`+string(grading.ExtraMetric(ExtraLateCollectionsRatio12m))+`"`),
		Tenure: usesTenure(s),
	}
	for _, m := range customMetricRef.FindAllStringSubmatch(s, -1) {
		if key := m[1]; key != ExtraCollections12m && key != ExtraLateCollectionsRatio12m && !slices.Contains(f.Custom, key) {
			f.Custom = append(f.Custom, key)
		}
	}
	return f
}

// customMetricRef finds "extra.<key>" in a model config.
var customMetricRef = regexp.MustCompile(`"` + regexp.QuoteMeta(grading.ExtraMetricPrefix) + `([a-z][a-z0-9_]*)"`)

// customValuesSQL reads, for accounts with ids in [$1, $2], the latest value
// of each custom metric in $4 holding on or before $3.
const customValuesSQL = `
SELECT DISTINCT ON (v.account_id, v.metric_id) v.account_id, m.key, v.value
FROM custom_metric_values v JOIN custom_metrics m ON m.id = v.metric_id
WHERE v.account_id BETWEEN $1 AND $2 AND v.valid_from <= $3::date AND m.key = ANY($4)
ORDER BY v.account_id, v.metric_id, v.valid_from DESC`

// Population is the metrics of a set of accounts with their current class
// ("" when unclassified); Metrics[i] and Current[i] are the same account,
// in ascending id order.
type Population struct {
	Metrics []grading.Metrics
	Current []grading.Class
}

func (p *Population) append(other Population) {
	p.Metrics = append(p.Metrics, other.Metrics...)
	p.Current = append(p.Current, other.Current...)
}

// Len is the number of accounts.
func (p Population) Len() int { return len(p.Metrics) }

// metricsWindows are the date bounds of the metrics as of a day.
type metricsWindows struct {
	asOf, from12, from24, year0, year1, year2, year3 time.Time
}

func windowsAsOf(asOf time.Time) metricsWindows {
	d := Day(asOf)
	y := d.Year()
	jan1 := func(year int) time.Time { return time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC) }
	return metricsWindows{
		asOf:   d,
		from12: d.AddDate(-1, 0, 0),
		from24: d.AddDate(-2, 0, 0),
		year0:  jan1(y),
		year1:  jan1(y - 1),
		year2:  jan1(y - 2),
		year3:  jan1(y - 3),
	}
}

// Day truncates t to its UTC calendar day: metrics are as of midnight UTC,
// so facts dated the day itself are not yet counted.
func Day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// metricsSQL computes the metrics of the accounts of a scope with ids in
// [$1, $2], as of $3, in one statement, joined to the accounts. $4..$9 are
// the window bounds of windowsAsOf. The fact CTEs are spliced in by
// buildMetricsSQL from a metricsSource: the aggregate source reads the
// per-account monthly aggregates (account_monthly_facts) for the months a
// window covers whole and the raw facts only of the months a window bound
// cuts through (those of $3, $4 and $5); the windows of whole calendar
// years need no raw facts at all.
//
// Metric definitions (see grading.Metrics): revenue and margin of shipped
// orders in the trailing 12 months and the 12 before them; revenue of each
// of the last three full calendar years; cumulative revenue before the
// as-of day; orders in the trailing 12 months and days since the last one;
// overdue / open receivables from the account's receivables snapshot; the
// account's credit rating, influence estimate, potential value and expected
// close; average survey satisfaction and touchpoints in the trailing 12
// months; collections received in the trailing 12 months and the share of
// that amount received after its due day.
const metricsSQL = `
WITH acc AS (
	SELECT a.id, a.current_class, a.credit_rating, a.influence_score, a.potential_value_minor,
	       a.expected_close_on, a.receivables_minor, a.overdue_receivables_minor
	FROM accounts a
	WHERE a.id BETWEEN $1 AND $2 AND %s
)%s%s
SELECT acc.id, coalesce(acc.current_class, ''), coalesce(acc.credit_rating, ''), acc.influence_score,
       coalesce(acc.potential_value_minor, 0), acc.expected_close_on, acc.receivables_minor, acc.overdue_receivables_minor,
       coalesce(ord.rev12, 0), coalesce(ord.margin12, 0), coalesce(ord.revprev, 0),
       coalesce(ord.y1, 0), coalesce(ord.y2, 0), coalesce(ord.y3, 0), coalesce(ord.cumulative, 0),
       coalesce(ord.orders12, 0), ord.days_since_last,
       %s
FROM acc
LEFT JOIN ord ON ord.account_id = acc.id%s
ORDER BY acc.id`

// metricsSource is where the metrics come from: the CTEs ord (every
// account with shipped orders before $3), sv, tp and col, each a list of
// ", name AS (…)".
type metricsSource struct {
	orders, surveys, touchpoints, collections string
}

// Month bounds of the aggregate source: the months of $3 (as-of), $4 (12
// months back) and $5 (24 months back) are read raw, every other month
// before the as-of month from the aggregates; whole months are then on one
// side of every window bound, so the FILTERs below hold for both kinds of
// row.
const (
	asOfMonth   = `date_trunc('month', $3::date)::date`
	from12Month = `date_trunc('month', $4::date)::date`
	from24Month = `date_trunc('month', $5::date)::date`
	wholeMonths = `f.account_id BETWEEN $1 AND $2 AND f.account_id IN (SELECT id FROM acc)
		  AND f.month < ` + asOfMonth + ` AND f.month <> ` + from12Month + ` AND f.month <> ` + from24Month
)

// aggregateSource reads account_monthly_facts plus the raw facts of the
// months the window bounds cut (see the month bounds above).
var aggregateSource = metricsSource{
	orders: `, ord AS (
	SELECT x.account_id,
	       coalesce(sum(x.amount) FILTER (WHERE x.d >= $4::date), 0)::bigint AS rev12,
	       coalesce(sum(x.margin) FILTER (WHERE x.d >= $4::date), 0)::bigint AS margin12,
	       coalesce(sum(x.amount) FILTER (WHERE x.d >= $5::date AND x.d < $4::date), 0)::bigint AS revprev,
	       coalesce(sum(x.amount) FILTER (WHERE x.d >= $7::date AND x.d < $6::date), 0)::bigint AS y1,
	       coalesce(sum(x.amount) FILTER (WHERE x.d >= $8::date AND x.d < $7::date), 0)::bigint AS y2,
	       coalesce(sum(x.amount) FILTER (WHERE x.d >= $9::date AND x.d < $8::date), 0)::bigint AS y3,
	       sum(x.amount)::bigint AS cumulative,
	       coalesce(sum(x.n) FILTER (WHERE x.d >= $4::date), 0)::bigint AS orders12,
	       ($3::date - max(x.last)) AS days_since_last
	FROM (
		SELECT f.account_id, f.month AS d, f.revenue_minor AS amount, f.margin_minor AS margin, f.orders AS n, f.last_order_on AS last
		FROM account_monthly_facts f
		WHERE ` + wholeMonths + ` AND f.orders > 0
		UNION ALL
		SELECT o.account_id, o.order_date, o.amount_minor, o.margin_minor, 1, o.order_date
		FROM orders o
		WHERE o.account_id BETWEEN $1 AND $2 AND o.status = 'SHIPPED' AND o.account_id IN (SELECT id FROM acc)
		  AND o.order_date >= ` + asOfMonth + ` AND o.order_date < $3::date
		UNION ALL
		SELECT o.account_id, o.order_date, o.amount_minor, o.margin_minor, 1, o.order_date
		FROM orders o
		WHERE o.account_id BETWEEN $1 AND $2 AND o.status = 'SHIPPED' AND o.account_id IN (SELECT id FROM acc)
		  AND o.order_date >= ` + from12Month + ` AND o.order_date < (` + from12Month + ` + interval '1 month')
		UNION ALL
		SELECT o.account_id, o.order_date, o.amount_minor, o.margin_minor, 1, o.order_date
		FROM orders o
		WHERE o.account_id BETWEEN $1 AND $2 AND o.status = 'SHIPPED' AND o.account_id IN (SELECT id FROM acc)
		  AND o.order_date >= ` + from24Month + ` AND o.order_date < (` + from24Month + ` + interval '1 month')
	) x
	GROUP BY x.account_id
)`,
	// avg(int) is numeric sum / count: the same division here.
	surveys: `, sv AS (
	SELECT x.account_id, (sum(x.score)::numeric / sum(x.n))::float8 AS avg_score
	FROM (
		SELECT f.account_id, f.survey_score_sum AS score, f.surveys AS n
		FROM account_monthly_facts f
		WHERE ` + wholeMonths + ` AND f.month > ` + from12Month + ` AND f.surveys > 0
		UNION ALL
		SELECT s.account_id, s.score, 1
		FROM satisfaction_surveys s
		WHERE s.account_id BETWEEN $1 AND $2 AND s.account_id IN (SELECT id FROM acc)
		  AND ((s.surveyed_on >= $4::date AND s.surveyed_on < (` + from12Month + ` + interval '1 month'))
		    OR (s.surveyed_on >= ` + asOfMonth + ` AND s.surveyed_on < $3::date))
	) x
	GROUP BY x.account_id
)`,
	touchpoints: `, tp AS (
	SELECT x.account_id, sum(x.n)::bigint AS n
	FROM (
		SELECT f.account_id, f.touchpoints AS n
		FROM account_monthly_facts f
		WHERE ` + wholeMonths + ` AND f.month > ` + from12Month + ` AND f.touchpoints > 0
		UNION ALL
		SELECT t.account_id, 1
		FROM touchpoints t
		WHERE t.account_id BETWEEN $1 AND $2 AND t.account_id IN (SELECT id FROM acc)
		  AND ((t.occurred_at >= $4::date AND t.occurred_at < (` + from12Month + ` + interval '1 month'))
		    OR (t.occurred_at >= ` + asOfMonth + ` AND t.occurred_at < $3::date))
	) x
	GROUP BY x.account_id
)`,
	collections: `, col AS (
	SELECT x.account_id, sum(x.received)::bigint AS received, coalesce(sum(x.late), 0)::bigint AS late
	FROM (
		SELECT f.account_id, f.collected_minor AS received, f.collected_late_minor AS late
		FROM account_monthly_facts f
		WHERE ` + wholeMonths + ` AND f.month > ` + from12Month + ` AND f.collections > 0
		UNION ALL
		SELECT c.account_id, c.amount_minor, CASE WHEN c.received_on > c.due_on THEN c.amount_minor ELSE 0 END
		FROM collections c
		WHERE c.account_id BETWEEN $1 AND $2 AND c.account_id IN (SELECT id FROM acc)
		  AND ((c.received_on >= $4::date AND c.received_on < (` + from12Month + ` + interval '1 month'))
		    OR (c.received_on >= ` + asOfMonth + ` AND c.received_on < $3::date))
	) x
	GROUP BY x.account_id
)`,
}

func buildMetricsSQL(src metricsSource, filter string, facts Facts) string {
	var ctes, joins strings.Builder
	cols := make([]string, 0, 4)
	if facts.Surveys {
		ctes.WriteString(src.surveys)
		joins.WriteString("\nLEFT JOIN sv ON sv.account_id = acc.id")
		cols = append(cols, "sv.avg_score")
	} else {
		cols = append(cols, "NULL::float8")
	}
	if facts.Touchpoints {
		ctes.WriteString(src.touchpoints)
		joins.WriteString("\nLEFT JOIN tp ON tp.account_id = acc.id")
		cols = append(cols, "coalesce(tp.n, 0)")
	} else {
		cols = append(cols, "0::bigint")
	}
	if facts.Collections {
		ctes.WriteString(src.collections)
		joins.WriteString("\nLEFT JOIN col ON col.account_id = acc.id")
		cols = append(cols, "col.received", "col.late")
	} else {
		cols = append(cols, "NULL::bigint", "NULL::bigint")
	}
	return fmt.Sprintf(metricsSQL, filter, src.orders, ctes.String(), strings.Join(cols, ", "), joins.String())
}

// GatherMetrics returns the metrics of the accounts of scope with ids in
// [fromID, toID] as of asOf (a day; see Day), in one SQL statement. Bound
// the range (see accountRanges) so that one statement covers a few thousand
// accounts: the aggregations then run on index range scans.
func GatherMetrics(ctx context.Context, q database.Querier, scope string, asOf time.Time, fromID, toID int, facts Facts) (Population, error) {
	return gatherMetrics(ctx, q, sourceFor(facts), scope, asOf, fromID, toID, facts)
}

// sourceFor picks where the metrics of a model come from: the monthly
// aggregates when it reads more than orders (one summary row then replaces
// an account-month of orders, payments, surveys and touchpoints; 0.57 of
// the all-rows time in BenchmarkReviewMetrics), the orders themselves when
// it reads only orders (see fromScratchSource).
func sourceFor(facts Facts) metricsSource {
	if facts.Surveys || facts.Touchpoints || facts.Collections {
		return aggregateSource
	}
	return fromScratchSource
}

func gatherMetrics(ctx context.Context, q database.Querier, src metricsSource, scope string, asOf time.Time, fromID, toID int, facts Facts) (Population, error) {
	filter, err := scopeFilter(scope)
	if err != nil {
		return Population{}, err
	}
	w := windowsAsOf(asOf)
	rows, err := q.Query(ctx, buildMetricsSQL(src, filter, facts), pgx.QueryExecModeExec, fromID, toID,
		w.asOf, w.from12, w.from24, w.year0, w.year1, w.year2, w.year3)
	if err != nil {
		return Population{}, fmt.Errorf("error gathering metrics of accounts %d–%d: %w", fromID, toID, err)
	}
	defer rows.Close()
	var pop Population
	for rows.Next() {
		var (
			m                     grading.Metrics
			id                    int64
			current, credit       string
			influence             *int64
			expectedClose         *time.Time
			receivables, overdue  int64
			daysSince             *int64
			avgScore              *float64
			collected, lateAmount *int64
		)
		if err := rows.Scan(&id, &current, &credit, &influence, &m.PotentialValueMinor, &expectedClose, &receivables, &overdue,
			&m.Revenue12mMinor, &m.Margin12mMinor, &m.RevenuePrev12mMinor,
			&m.RevenueByYearMinor[0], &m.RevenueByYearMinor[1], &m.RevenueByYearMinor[2], &m.CumulativeRevenueMinor,
			&m.Orders12m, &daysSince, &avgScore, &m.Touchpoints, &collected, &lateAmount); err != nil {
			return Population{}, fmt.Errorf("error reading metrics of accounts %d–%d: %w", fromID, toID, err)
		}
		m.AccountID = id
		m.CreditRating = grading.CreditRating(credit)
		if influence != nil {
			v := float64(*influence)
			m.InfluenceScore = &v
		}
		if expectedClose != nil {
			m.ExpectedCloseDate = *expectedClose
		}
		if receivables > 0 {
			m.OverdueReceivableRatio = float64(overdue) / float64(receivables)
		}
		if daysSince != nil {
			d := int(*daysSince)
			m.DaysSinceLastOrder = &d
		}
		m.AvgSatisfaction = avgScore
		if collected != nil {
			m.Extra = map[string]float64{ExtraCollections12m: float64(*collected)}
			if *collected > 0 {
				m.Extra[ExtraLateCollectionsRatio12m] = float64(*lateAmount) / float64(*collected)
			}
		}
		pop.Metrics = append(pop.Metrics, m)
		pop.Current = append(pop.Current, grading.Class(current))
	}
	if err := rows.Err(); err != nil {
		return Population{}, fmt.Errorf("error reading metrics of accounts %d–%d: %w", fromID, toID, err)
	}
	if facts.Tenure && pop.Len() > 0 {
		if err := gatherTenure(ctx, q, &pop, w.asOf, fromID, toID); err != nil {
			return Population{}, err
		}
	}
	if len(facts.Custom) > 0 && pop.Len() > 0 {
		if err := gatherCustom(ctx, q, &pop, w.asOf, fromID, toID, facts.Custom); err != nil {
			return Population{}, err
		}
	}
	return pop, nil
}

// gatherCustom adds the custom metric values to pop's Extra (one statement
// per range; an account without a value lacks the metric, which the model
// reports as missing).
func gatherCustom(ctx context.Context, q database.Querier, pop *Population, asOf time.Time, fromID, toID int, keys []string) error {
	index := make(map[int64]int, pop.Len())
	for i, m := range pop.Metrics {
		index[m.AccountID] = i
	}
	rows, err := q.Query(ctx, customValuesSQL, fromID, toID, asOf, keys)
	if err != nil {
		return fmt.Errorf("error gathering custom metrics of accounts %d–%d: %w", fromID, toID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var key string
		var v float64
		if err := rows.Scan(&id, &key, &v); err != nil {
			return fmt.Errorf("error reading custom metrics of accounts %d–%d: %w", fromID, toID, err)
		}
		i, ok := index[id]
		if !ok {
			continue // outside the scope
		}
		if pop.Metrics[i].Extra == nil {
			pop.Metrics[i].Extra = map[string]float64{}
		}
		pop.Metrics[i].Extra[key] = v
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("error reading custom metrics of accounts %d–%d: %w", fromID, toID, err)
	}
	return nil
}

// IDRange is an inclusive range of account ids holding Count accounts of a
// scope.
type IDRange struct {
	From, To int
	Count    int
}

// accountRanges splits the accounts of scope with ids in [fromID, toID] into
// consecutive ranges of at most size accounts, in one statement.
func accountRanges(ctx context.Context, q database.Querier, scope string, fromID, toID, size int) ([]IDRange, error) {
	filter, err := scopeFilter(scope)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, fmt.Sprintf(`
		SELECT min(id), max(id), count(*)
		FROM (SELECT a.id, (row_number() OVER (ORDER BY a.id) - 1) / $3 AS bucket
		      FROM accounts a WHERE a.id BETWEEN $1 AND $2 AND %s) s
		GROUP BY bucket ORDER BY bucket`, filter), fromID, toID, size)
	if err != nil {
		return nil, fmt.Errorf("error splitting scope %s into ranges: %w", scope, err)
	}
	ranges, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (IDRange, error) {
		var r IDRange
		err := row.Scan(&r.From, &r.To, &r.Count)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("error splitting scope %s into ranges: %w", scope, err)
	}
	return ranges, nil
}

// maxAccountID bounds "every account" for range queries.
const maxAccountID = 1<<63 - 1

// GatherScope returns the metrics of every account of scope with ids in
// [fromID, toID], gathered in batches of batch accounts, parallel batches at
// a time when q is a pool, in id order.
func GatherScope(ctx context.Context, q database.Querier, scope string, asOf time.Time, fromID, toID, batch, parallel int, facts Facts) (Population, error) {
	return gatherScope(ctx, q, sourceFor(facts), scope, asOf, fromID, toID, batch, parallel, facts)
}

func gatherScope(ctx context.Context, q database.Querier, src metricsSource, scope string, asOf time.Time, fromID, toID, batch, parallel int, facts Facts) (Population, error) {
	ranges, err := accountRanges(ctx, q, scope, fromID, toID, batch)
	if err != nil {
		return Population{}, err
	}
	parts := make([]Population, len(ranges))
	errs := make([]error, len(ranges))
	if _, pooled := q.(*pgxpool.Pool); !pooled || parallel < 1 {
		parallel = 1 // one connection runs one statement at a time
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, r := range ranges {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			parts[i], errs[i] = gatherMetrics(ctx, q, src, scope, asOf, r.From, r.To, facts)
		}()
	}
	wg.Wait()
	var pop Population
	total := 0
	for _, r := range ranges {
		total += r.Count
	}
	pop.Metrics = make([]grading.Metrics, 0, total)
	pop.Current = make([]grading.Class, 0, total)
	for i := range parts {
		if errs[i] != nil {
			return Population{}, errs[i]
		}
		pop.append(parts[i])
	}
	return pop, nil
}
