-- Per-account monthly fact aggregates (account_monthly_facts), kept equal to
-- the fact tables by statement-level triggers with transition tables, so that
-- reviews, churn scans and the portfolio read a few summary rows per account
-- instead of every order, payment, survey, complaint and touchpoint.
--
-- Design (see internal/accountfacts):
--   * one row per (account, calendar month, UTC) with any fact;
--   * INSERT (API, import COPY, seed COPY): one set-based upsert per statement
--     that adds the statement's group totals (no re-read of the fact table);
--   * UPDATE / DELETE: one upsert adding the difference (new rows minus old
--     rows, for UPDATE only rows whose aggregated columns changed); then the
--     first/last dates of the touched (account, month) keys are re-read from
--     the fact table (an index range scan each) and rows left without facts
--     are deleted. Adding differences commutes with the INSERT trigger, so
--     INSERT … ON CONFLICT DO UPDATE (both triggers fire) stays exact;
--   * TRUNCATE: the table's columns are zeroed;
--   * triggers are ENABLE ALWAYS: the seed loads with
--     session_replication_role = replica, which skips ordinary triggers.
-- `summit repair-aggregates` rebuilds the table from scratch.
CREATE TABLE "account_monthly_facts" (
	"account_id" bigint NOT NULL,
	"month" date NOT NULL,
	-- SHIPPED orders by order_date
	"revenue_minor" bigint NOT NULL DEFAULT 0,
	"margin_minor" bigint NOT NULL DEFAULT 0,
	"orders" integer NOT NULL DEFAULT 0,
	"first_order_on" date NULL,
	"last_order_on" date NULL,
	-- collections by received_on; late = received after due_on
	"collected_minor" bigint NOT NULL DEFAULT 0,
	"collected_late_minor" bigint NOT NULL DEFAULT 0,
	"collections" integer NOT NULL DEFAULT 0,
	"days_late_sum" bigint NOT NULL DEFAULT 0,
	-- satisfaction surveys by surveyed_on
	"survey_score_sum" bigint NOT NULL DEFAULT 0,
	"surveys" integer NOT NULL DEFAULT 0,
	-- complaints by opened_at (UTC month), by severity
	"complaints_low" integer NOT NULL DEFAULT 0,
	"complaints_medium" integer NOT NULL DEFAULT 0,
	"complaints_high" integer NOT NULL DEFAULT 0,
	-- touchpoints by occurred_at (UTC month)
	"touchpoints" integer NOT NULL DEFAULT 0,
	"last_touch_at" timestamptz NULL,
	PRIMARY KEY ("account_id", "month")
);


-- Deletes the rows among the keys that no longer hold any fact.
CREATE FUNCTION account_monthly_facts_prune(accounts bigint[], months date[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM account_monthly_facts f
USING unnest(accounts, months) AS k(account_id, month)
WHERE f.account_id = k.account_id AND f.month = k.month
  AND f.orders = 0 AND f.collections = 0 AND f.surveys = 0 AND f.touchpoints = 0
  AND f.complaints_low = 0 AND f.complaints_medium = 0 AND f.complaints_high = 0
$$;

-- ---- orders ----
CREATE FUNCTION account_monthly_facts_orders_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO account_monthly_facts AS f (account_id, month, revenue_minor, margin_minor, orders, first_order_on, last_order_on)
	SELECT n.account_id, date_trunc('month', n.order_date)::date, sum(n.amount_minor), sum(n.margin_minor), sum(1), min(n.order_date), max(n.order_date)
	FROM new_rows n WHERE n.status = 'SHIPPED'
	GROUP BY 1, 2 ORDER BY 1, 2
	ON CONFLICT (account_id, month) DO UPDATE SET revenue_minor = f.revenue_minor + excluded.revenue_minor,
		margin_minor = f.margin_minor + excluded.margin_minor,
		orders = f.orders + excluded.orders,
		first_order_on = least(f.first_order_on, excluded.first_order_on),
		last_order_on = greatest(f.last_order_on, excluded.last_order_on);
	RETURN NULL;
END $$;

-- Re-reads the first/last dates of the keys (a delete may have removed one)
-- and deletes the keys left without facts.
CREATE FUNCTION account_monthly_facts_orders_settle(accounts bigint[], months date[]) RETURNS void LANGUAGE sql AS $$
UPDATE account_monthly_facts f SET first_order_on = x.first_order_on, last_order_on = x.last_order_on
FROM unnest(accounts, months) AS k(account_id, month)
CROSS JOIN LATERAL (SELECT min(r.order_date) AS first_order_on, max(r.order_date) AS last_order_on FROM orders r WHERE r.account_id = k.account_id AND r.order_date >= k.month AND r.order_date < (k.month + interval '1 month')::date AND r.status = 'SHIPPED') x
WHERE f.account_id = k.account_id AND f.month = k.month;
SELECT account_monthly_facts_prune(accounts, months);
$$;

CREATE FUNCTION account_monthly_facts_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	accounts bigint[];
	months date[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		WITH d (account_id, month, revenue_minor, margin_minor, orders) AS (
			SELECT o.account_id, date_trunc('month', o.order_date)::date, -(o.amount_minor), -(o.margin_minor), -(1) FROM old_rows o WHERE o.status = 'SHIPPED'
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, revenue_minor, margin_minor, orders)
			SELECT account_id, month, sum(revenue_minor), sum(margin_minor), sum(orders) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET revenue_minor = f.revenue_minor + excluded.revenue_minor,
		margin_minor = f.margin_minor + excluded.margin_minor,
		orders = f.orders + excluded.orders
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	ELSE
		WITH c AS (
			SELECT o, n FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.account_id, o.order_date, o.amount_minor, o.margin_minor, o.status) IS DISTINCT FROM (n.account_id, n.order_date, n.amount_minor, n.margin_minor, n.status)
		), d (account_id, month, revenue_minor, margin_minor, orders) AS (
			SELECT (c.o).account_id, date_trunc('month', (c.o).order_date)::date, -((c.o).amount_minor), -((c.o).margin_minor), -(1) FROM c WHERE (c.o).status = 'SHIPPED'
			UNION ALL
			SELECT (c.n).account_id, date_trunc('month', (c.n).order_date)::date, (c.n).amount_minor, (c.n).margin_minor, 1 FROM c WHERE (c.n).status = 'SHIPPED'
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, revenue_minor, margin_minor, orders)
			SELECT account_id, month, sum(revenue_minor), sum(margin_minor), sum(orders) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET revenue_minor = f.revenue_minor + excluded.revenue_minor,
		margin_minor = f.margin_minor + excluded.margin_minor,
		orders = f.orders + excluded.orders
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	END IF;
	IF accounts IS NOT NULL THEN
		PERFORM account_monthly_facts_orders_settle(accounts, months);
	END IF;
	RETURN NULL;
END $$;

-- ---- collections ----
CREATE FUNCTION account_monthly_facts_collections_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO account_monthly_facts AS f (account_id, month, collected_minor, collected_late_minor, collections, days_late_sum)
	SELECT n.account_id, date_trunc('month', n.received_on)::date, sum(n.amount_minor), sum(CASE WHEN n.received_on > n.due_on THEN n.amount_minor ELSE 0 END), sum(1), sum(greatest(n.received_on - n.due_on, 0))
	FROM new_rows n
	GROUP BY 1, 2 ORDER BY 1, 2
	ON CONFLICT (account_id, month) DO UPDATE SET collected_minor = f.collected_minor + excluded.collected_minor,
		collected_late_minor = f.collected_late_minor + excluded.collected_late_minor,
		collections = f.collections + excluded.collections,
		days_late_sum = f.days_late_sum + excluded.days_late_sum;
	RETURN NULL;
END $$;

-- Re-reads the first/last dates of the keys (a delete may have removed one)
-- and deletes the keys left without facts.
CREATE FUNCTION account_monthly_facts_collections_settle(accounts bigint[], months date[]) RETURNS void LANGUAGE sql AS $$
SELECT account_monthly_facts_prune(accounts, months);
$$;

CREATE FUNCTION account_monthly_facts_collections_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	accounts bigint[];
	months date[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		WITH d (account_id, month, collected_minor, collected_late_minor, collections, days_late_sum) AS (
			SELECT o.account_id, date_trunc('month', o.received_on)::date, -(o.amount_minor), -(CASE WHEN o.received_on > o.due_on THEN o.amount_minor ELSE 0 END), -(1), -(greatest(o.received_on - o.due_on, 0)) FROM old_rows o
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, collected_minor, collected_late_minor, collections, days_late_sum)
			SELECT account_id, month, sum(collected_minor), sum(collected_late_minor), sum(collections), sum(days_late_sum) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET collected_minor = f.collected_minor + excluded.collected_minor,
		collected_late_minor = f.collected_late_minor + excluded.collected_late_minor,
		collections = f.collections + excluded.collections,
		days_late_sum = f.days_late_sum + excluded.days_late_sum
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	ELSE
		WITH c AS (
			SELECT o, n FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.account_id, o.received_on, o.due_on, o.amount_minor) IS DISTINCT FROM (n.account_id, n.received_on, n.due_on, n.amount_minor)
		), d (account_id, month, collected_minor, collected_late_minor, collections, days_late_sum) AS (
			SELECT (c.o).account_id, date_trunc('month', (c.o).received_on)::date, -((c.o).amount_minor), -(CASE WHEN (c.o).received_on > (c.o).due_on THEN (c.o).amount_minor ELSE 0 END), -(1), -(greatest((c.o).received_on - (c.o).due_on, 0)) FROM c
			UNION ALL
			SELECT (c.n).account_id, date_trunc('month', (c.n).received_on)::date, (c.n).amount_minor, CASE WHEN (c.n).received_on > (c.n).due_on THEN (c.n).amount_minor ELSE 0 END, 1, greatest((c.n).received_on - (c.n).due_on, 0) FROM c
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, collected_minor, collected_late_minor, collections, days_late_sum)
			SELECT account_id, month, sum(collected_minor), sum(collected_late_minor), sum(collections), sum(days_late_sum) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET collected_minor = f.collected_minor + excluded.collected_minor,
		collected_late_minor = f.collected_late_minor + excluded.collected_late_minor,
		collections = f.collections + excluded.collections,
		days_late_sum = f.days_late_sum + excluded.days_late_sum
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	END IF;
	IF accounts IS NOT NULL THEN
		PERFORM account_monthly_facts_collections_settle(accounts, months);
	END IF;
	RETURN NULL;
END $$;

-- ---- satisfaction_surveys ----
CREATE FUNCTION account_monthly_facts_surveys_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO account_monthly_facts AS f (account_id, month, survey_score_sum, surveys)
	SELECT n.account_id, date_trunc('month', n.surveyed_on)::date, sum(n.score), sum(1)
	FROM new_rows n
	GROUP BY 1, 2 ORDER BY 1, 2
	ON CONFLICT (account_id, month) DO UPDATE SET survey_score_sum = f.survey_score_sum + excluded.survey_score_sum,
		surveys = f.surveys + excluded.surveys;
	RETURN NULL;
END $$;

-- Re-reads the first/last dates of the keys (a delete may have removed one)
-- and deletes the keys left without facts.
CREATE FUNCTION account_monthly_facts_surveys_settle(accounts bigint[], months date[]) RETURNS void LANGUAGE sql AS $$
SELECT account_monthly_facts_prune(accounts, months);
$$;

CREATE FUNCTION account_monthly_facts_surveys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	accounts bigint[];
	months date[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		WITH d (account_id, month, survey_score_sum, surveys) AS (
			SELECT o.account_id, date_trunc('month', o.surveyed_on)::date, -(o.score), -(1) FROM old_rows o
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, survey_score_sum, surveys)
			SELECT account_id, month, sum(survey_score_sum), sum(surveys) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET survey_score_sum = f.survey_score_sum + excluded.survey_score_sum,
		surveys = f.surveys + excluded.surveys
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	ELSE
		WITH c AS (
			SELECT o, n FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.account_id, o.surveyed_on, o.score) IS DISTINCT FROM (n.account_id, n.surveyed_on, n.score)
		), d (account_id, month, survey_score_sum, surveys) AS (
			SELECT (c.o).account_id, date_trunc('month', (c.o).surveyed_on)::date, -((c.o).score), -(1) FROM c
			UNION ALL
			SELECT (c.n).account_id, date_trunc('month', (c.n).surveyed_on)::date, (c.n).score, 1 FROM c
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, survey_score_sum, surveys)
			SELECT account_id, month, sum(survey_score_sum), sum(surveys) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET survey_score_sum = f.survey_score_sum + excluded.survey_score_sum,
		surveys = f.surveys + excluded.surveys
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	END IF;
	IF accounts IS NOT NULL THEN
		PERFORM account_monthly_facts_surveys_settle(accounts, months);
	END IF;
	RETURN NULL;
END $$;

-- ---- complaints ----
CREATE FUNCTION account_monthly_facts_complaints_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO account_monthly_facts AS f (account_id, month, complaints_low, complaints_medium, complaints_high)
	SELECT n.account_id, date_trunc('month', n.opened_at AT TIME ZONE 'UTC')::date, sum((n.severity = 'LOW')::int), sum((n.severity = 'MEDIUM')::int), sum((n.severity = 'HIGH')::int)
	FROM new_rows n
	GROUP BY 1, 2 ORDER BY 1, 2
	ON CONFLICT (account_id, month) DO UPDATE SET complaints_low = f.complaints_low + excluded.complaints_low,
		complaints_medium = f.complaints_medium + excluded.complaints_medium,
		complaints_high = f.complaints_high + excluded.complaints_high;
	RETURN NULL;
END $$;

-- Re-reads the first/last dates of the keys (a delete may have removed one)
-- and deletes the keys left without facts.
CREATE FUNCTION account_monthly_facts_complaints_settle(accounts bigint[], months date[]) RETURNS void LANGUAGE sql AS $$
SELECT account_monthly_facts_prune(accounts, months);
$$;

CREATE FUNCTION account_monthly_facts_complaints_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	accounts bigint[];
	months date[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		WITH d (account_id, month, complaints_low, complaints_medium, complaints_high) AS (
			SELECT o.account_id, date_trunc('month', o.opened_at AT TIME ZONE 'UTC')::date, -((o.severity = 'LOW')::int), -((o.severity = 'MEDIUM')::int), -((o.severity = 'HIGH')::int) FROM old_rows o
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, complaints_low, complaints_medium, complaints_high)
			SELECT account_id, month, sum(complaints_low), sum(complaints_medium), sum(complaints_high) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET complaints_low = f.complaints_low + excluded.complaints_low,
		complaints_medium = f.complaints_medium + excluded.complaints_medium,
		complaints_high = f.complaints_high + excluded.complaints_high
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	ELSE
		WITH c AS (
			SELECT o, n FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.account_id, o.opened_at, o.severity) IS DISTINCT FROM (n.account_id, n.opened_at, n.severity)
		), d (account_id, month, complaints_low, complaints_medium, complaints_high) AS (
			SELECT (c.o).account_id, date_trunc('month', (c.o).opened_at AT TIME ZONE 'UTC')::date, -(((c.o).severity = 'LOW')::int), -(((c.o).severity = 'MEDIUM')::int), -(((c.o).severity = 'HIGH')::int) FROM c
			UNION ALL
			SELECT (c.n).account_id, date_trunc('month', (c.n).opened_at AT TIME ZONE 'UTC')::date, ((c.n).severity = 'LOW')::int, ((c.n).severity = 'MEDIUM')::int, ((c.n).severity = 'HIGH')::int FROM c
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, complaints_low, complaints_medium, complaints_high)
			SELECT account_id, month, sum(complaints_low), sum(complaints_medium), sum(complaints_high) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET complaints_low = f.complaints_low + excluded.complaints_low,
		complaints_medium = f.complaints_medium + excluded.complaints_medium,
		complaints_high = f.complaints_high + excluded.complaints_high
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	END IF;
	IF accounts IS NOT NULL THEN
		PERFORM account_monthly_facts_complaints_settle(accounts, months);
	END IF;
	RETURN NULL;
END $$;

-- ---- touchpoints ----
CREATE FUNCTION account_monthly_facts_touchpoints_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO account_monthly_facts AS f (account_id, month, touchpoints, last_touch_at)
	SELECT n.account_id, date_trunc('month', n.occurred_at AT TIME ZONE 'UTC')::date, sum(1), max(n.occurred_at)
	FROM new_rows n
	GROUP BY 1, 2 ORDER BY 1, 2
	ON CONFLICT (account_id, month) DO UPDATE SET touchpoints = f.touchpoints + excluded.touchpoints,
		last_touch_at = greatest(f.last_touch_at, excluded.last_touch_at);
	RETURN NULL;
END $$;

-- Re-reads the first/last dates of the keys (a delete may have removed one)
-- and deletes the keys left without facts.
CREATE FUNCTION account_monthly_facts_touchpoints_settle(accounts bigint[], months date[]) RETURNS void LANGUAGE sql AS $$
UPDATE account_monthly_facts f SET last_touch_at = x.last_touch_at
FROM unnest(accounts, months) AS k(account_id, month)
CROSS JOIN LATERAL (SELECT max(r.occurred_at) AS last_touch_at FROM touchpoints r WHERE r.account_id = k.account_id AND r.occurred_at >= (k.month::timestamp AT TIME ZONE 'UTC') AND r.occurred_at < ((k.month + interval '1 month') AT TIME ZONE 'UTC')) x
WHERE f.account_id = k.account_id AND f.month = k.month;
SELECT account_monthly_facts_prune(accounts, months);
$$;

CREATE FUNCTION account_monthly_facts_touchpoints_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	accounts bigint[];
	months date[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		WITH d (account_id, month, touchpoints) AS (
			SELECT o.account_id, date_trunc('month', o.occurred_at AT TIME ZONE 'UTC')::date, -(1) FROM old_rows o
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, touchpoints)
			SELECT account_id, month, sum(touchpoints) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET touchpoints = f.touchpoints + excluded.touchpoints
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	ELSE
		WITH c AS (
			SELECT o, n FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.account_id, o.occurred_at) IS DISTINCT FROM (n.account_id, n.occurred_at)
		), d (account_id, month, touchpoints) AS (
			SELECT (c.o).account_id, date_trunc('month', (c.o).occurred_at AT TIME ZONE 'UTC')::date, -(1) FROM c
			UNION ALL
			SELECT (c.n).account_id, date_trunc('month', (c.n).occurred_at AT TIME ZONE 'UTC')::date, 1 FROM c
		), up AS (
			INSERT INTO account_monthly_facts AS f (account_id, month, touchpoints)
			SELECT account_id, month, sum(touchpoints) FROM d GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (account_id, month) DO UPDATE SET touchpoints = f.touchpoints + excluded.touchpoints
			RETURNING account_id, month
		)
		SELECT array_agg(account_id), array_agg(month) INTO accounts, months FROM up;
	END IF;
	IF accounts IS NOT NULL THEN
		PERFORM account_monthly_facts_touchpoints_settle(accounts, months);
	END IF;
	RETURN NULL;
END $$;

-- TRUNCATE of a fact table empties its columns (no transition table exists
-- for TRUNCATE).
CREATE FUNCTION account_monthly_facts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	CASE TG_TABLE_NAME
	WHEN 'orders' THEN
		UPDATE account_monthly_facts SET revenue_minor = 0, margin_minor = 0, orders = 0, first_order_on = NULL, last_order_on = NULL WHERE orders <> 0;
	WHEN 'collections' THEN
		UPDATE account_monthly_facts SET collected_minor = 0, collected_late_minor = 0, collections = 0, days_late_sum = 0 WHERE collections <> 0;
	WHEN 'satisfaction_surveys' THEN
		UPDATE account_monthly_facts SET survey_score_sum = 0, surveys = 0 WHERE surveys <> 0;
	WHEN 'complaints' THEN
		UPDATE account_monthly_facts SET complaints_low = 0, complaints_medium = 0, complaints_high = 0
		WHERE complaints_low <> 0 OR complaints_medium <> 0 OR complaints_high <> 0;
	WHEN 'touchpoints' THEN
		UPDATE account_monthly_facts SET touchpoints = 0, last_touch_at = NULL WHERE touchpoints <> 0;
	END CASE;
	DELETE FROM account_monthly_facts
	WHERE orders = 0 AND collections = 0 AND surveys = 0 AND touchpoints = 0
	  AND complaints_low = 0 AND complaints_medium = 0 AND complaints_high = 0;
	RETURN NULL;
END $$;


CREATE TRIGGER account_monthly_facts_inserted AFTER INSERT ON "orders" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_orders_inserted();
CREATE TRIGGER account_monthly_facts_updated AFTER UPDATE ON "orders" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_orders_changed();
CREATE TRIGGER account_monthly_facts_deleted AFTER DELETE ON "orders" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_orders_changed();
CREATE TRIGGER account_monthly_facts_truncated AFTER TRUNCATE ON "orders"
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_truncated();
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER account_monthly_facts_inserted, ENABLE ALWAYS TRIGGER account_monthly_facts_updated,
	ENABLE ALWAYS TRIGGER account_monthly_facts_deleted, ENABLE ALWAYS TRIGGER account_monthly_facts_truncated;

CREATE TRIGGER account_monthly_facts_inserted AFTER INSERT ON "collections" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_collections_inserted();
CREATE TRIGGER account_monthly_facts_updated AFTER UPDATE ON "collections" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_collections_changed();
CREATE TRIGGER account_monthly_facts_deleted AFTER DELETE ON "collections" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_collections_changed();
CREATE TRIGGER account_monthly_facts_truncated AFTER TRUNCATE ON "collections"
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_truncated();
ALTER TABLE "collections" ENABLE ALWAYS TRIGGER account_monthly_facts_inserted, ENABLE ALWAYS TRIGGER account_monthly_facts_updated,
	ENABLE ALWAYS TRIGGER account_monthly_facts_deleted, ENABLE ALWAYS TRIGGER account_monthly_facts_truncated;

CREATE TRIGGER account_monthly_facts_inserted AFTER INSERT ON "satisfaction_surveys" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_surveys_inserted();
CREATE TRIGGER account_monthly_facts_updated AFTER UPDATE ON "satisfaction_surveys" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_surveys_changed();
CREATE TRIGGER account_monthly_facts_deleted AFTER DELETE ON "satisfaction_surveys" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_surveys_changed();
CREATE TRIGGER account_monthly_facts_truncated AFTER TRUNCATE ON "satisfaction_surveys"
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_truncated();
ALTER TABLE "satisfaction_surveys" ENABLE ALWAYS TRIGGER account_monthly_facts_inserted, ENABLE ALWAYS TRIGGER account_monthly_facts_updated,
	ENABLE ALWAYS TRIGGER account_monthly_facts_deleted, ENABLE ALWAYS TRIGGER account_monthly_facts_truncated;

CREATE TRIGGER account_monthly_facts_inserted AFTER INSERT ON "complaints" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_complaints_inserted();
CREATE TRIGGER account_monthly_facts_updated AFTER UPDATE ON "complaints" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_complaints_changed();
CREATE TRIGGER account_monthly_facts_deleted AFTER DELETE ON "complaints" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_complaints_changed();
CREATE TRIGGER account_monthly_facts_truncated AFTER TRUNCATE ON "complaints"
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_truncated();
ALTER TABLE "complaints" ENABLE ALWAYS TRIGGER account_monthly_facts_inserted, ENABLE ALWAYS TRIGGER account_monthly_facts_updated,
	ENABLE ALWAYS TRIGGER account_monthly_facts_deleted, ENABLE ALWAYS TRIGGER account_monthly_facts_truncated;

CREATE TRIGGER account_monthly_facts_inserted AFTER INSERT ON "touchpoints" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_touchpoints_inserted();
CREATE TRIGGER account_monthly_facts_updated AFTER UPDATE ON "touchpoints" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_touchpoints_changed();
CREATE TRIGGER account_monthly_facts_deleted AFTER DELETE ON "touchpoints" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_touchpoints_changed();
CREATE TRIGGER account_monthly_facts_truncated AFTER TRUNCATE ON "touchpoints"
	FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_facts_truncated();
ALTER TABLE "touchpoints" ENABLE ALWAYS TRIGGER account_monthly_facts_inserted, ENABLE ALWAYS TRIGGER account_monthly_facts_updated,
	ENABLE ALWAYS TRIGGER account_monthly_facts_deleted, ENABLE ALWAYS TRIGGER account_monthly_facts_truncated;

-- The facts already there.
INSERT INTO account_monthly_facts (account_id, month, revenue_minor, margin_minor, orders, first_order_on, last_order_on,
	collected_minor, collected_late_minor, collections, days_late_sum, survey_score_sum, surveys,
	complaints_low, complaints_medium, complaints_high, touchpoints, last_touch_at)
WITH o AS (
	SELECT account_id, date_trunc('month', order_date)::date AS month, sum(amount_minor)::bigint AS revenue_minor,
	       sum(margin_minor)::bigint AS margin_minor, count(*)::int AS orders, min(order_date) AS first_order_on,
	       max(order_date) AS last_order_on
	FROM orders WHERE status = 'SHIPPED' GROUP BY 1, 2
), c AS (
	SELECT account_id, date_trunc('month', received_on)::date AS month, sum(amount_minor)::bigint AS collected_minor,
	       coalesce(sum(amount_minor) FILTER (WHERE received_on > due_on), 0)::bigint AS collected_late_minor,
	       count(*)::int AS collections, sum(greatest(received_on - due_on, 0))::bigint AS days_late_sum
	FROM collections GROUP BY 1, 2
), s AS (
	SELECT account_id, date_trunc('month', surveyed_on)::date AS month, sum(score)::bigint AS survey_score_sum,
	       count(*)::int AS surveys
	FROM satisfaction_surveys GROUP BY 1, 2
), p AS (
	SELECT account_id, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date AS month,
	       (count(*) FILTER (WHERE severity = 'LOW'))::int AS complaints_low,
	       (count(*) FILTER (WHERE severity = 'MEDIUM'))::int AS complaints_medium,
	       (count(*) FILTER (WHERE severity = 'HIGH'))::int AS complaints_high
	FROM complaints GROUP BY 1, 2
), t AS (
	SELECT account_id, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS touchpoints,
	       max(occurred_at) AS last_touch_at
	FROM touchpoints GROUP BY 1, 2
)
SELECT account_id, month,
       coalesce(o.revenue_minor, 0), coalesce(o.margin_minor, 0), coalesce(o.orders, 0), o.first_order_on, o.last_order_on,
       coalesce(c.collected_minor, 0), coalesce(c.collected_late_minor, 0), coalesce(c.collections, 0), coalesce(c.days_late_sum, 0),
       coalesce(s.survey_score_sum, 0), coalesce(s.surveys, 0),
       coalesce(p.complaints_low, 0), coalesce(p.complaints_medium, 0), coalesce(p.complaints_high, 0),
       coalesce(t.touchpoints, 0), t.last_touch_at
FROM o FULL JOIN c USING (account_id, month) FULL JOIN s USING (account_id, month)
       FULL JOIN p USING (account_id, month) FULL JOIN t USING (account_id, month);
