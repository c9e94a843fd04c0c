package imports

import (
	"context"
)

// metricValuesWriter upserts custom metric values by (account, metric, day
// the value holds from). The value is read against the metric's type in
// SQL: numbers as people write them (commas, %, 万), an option of the
// metric (its position is the value), or yes/no.
type metricValuesWriter struct{}

func (metricValuesWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	steps := []struct{ what, query string }{
		{"resolving metrics", `UPDATE ` + s + ` s SET category_id = m.id FROM custom_metrics m
			WHERE m.active AND (m.key = lower(s.metric) OR m.name = s.metric OR lower(m.name_en) = lower(s.metric))`},
		{"dating values", `UPDATE ` + s + ` SET valid_from = current_date WHERE valid_from IS NULL`},
	}
	for _, st := range steps {
		if err := b.exec(ctx, st.what, st.query); err != nil {
			return err
		}
	}
	if err := b.refuseWhere(ctx, "metric", `SELECT row_no, format('no active custom metric is named %s', metric) FROM `+s+` WHERE category_id IS NULL`); err != nil {
		return err
	}
	// The staged value converted per type; NULL when it does not fit.
	const converted = `CASE m.value_type
		WHEN 'NUMBER' THEN CASE WHEN replace(s.value, ',', '') ~ '^-?[0-9]+(\.[0-9]+)?(%|万|亿)?$' THEN
			(regexp_replace(replace(s.value, ',', ''), '(%|万|亿)$', ''))::float8 *
			CASE WHEN s.value LIKE '%\%' THEN 0.01 WHEN s.value LIKE '%万' THEN 10000 WHEN s.value LIKE '%亿' THEN 100000000 ELSE 1 END END
		WHEN 'ENUM' THEN (SELECT o.ord::float8 FROM jsonb_array_elements_text(coalesce(m.options, '[]'::jsonb)) WITH ORDINALITY o(v, ord)
			WHERE lower(o.v) = lower(s.value) LIMIT 1)
		WHEN 'BOOL' THEN CASE WHEN lower(s.value) IN ('1', 'y', 'yes', 'true', '是', '有', '√') THEN 1
			WHEN lower(s.value) IN ('0', 'n', 'no', 'false', '否', '无', '×') THEN 0 END
	END`
	if err := b.refuseWhere(ctx, "value", `
		SELECT s.row_no, CASE m.value_type
			WHEN 'NUMBER' THEN format('%s is not a number', s.value)
			WHEN 'ENUM' THEN format('%s is not an option of %s (%s)', s.value, m.name, array_to_string(ARRAY(SELECT jsonb_array_elements_text(coalesce(m.options, '[]'::jsonb))), ', '))
			ELSE format('%s is not yes or no (是/否)', s.value) END
		FROM `+s+` s JOIN custom_metrics m ON m.id = s.category_id
		WHERE (`+converted+`) IS NULL`); err != nil {
		return err
	}
	source := `SELECT s.account_code AS k, s.account_id, s.category_id AS metric_id, s.valid_from, (` + converted + `) AS value,
		CASE WHEN m.value_type = 'NUMBER' THEN NULL ELSE s.value END AS text, s.row_no
		FROM ` + s + ` s JOIN custom_metrics m ON m.id = s.category_id`
	if err := b.exec(ctx, "updating metric values", `
		WITH src AS (`+source+`), done AS (
			UPDATE custom_metric_values v SET value = src.value, text = src.text, updated_at = now()
			FROM src WHERE v.account_id = src.account_id AND v.metric_id = src.metric_id AND v.valid_from = src.valid_from
			  AND (v.value, v.text) IS DISTINCT FROM (src.value, src.text)
			RETURNING src.row_no AS k)
		UPDATE `+s+` s SET outcome = coalesce(s.outcome, 'U') FROM done WHERE s.row_no = done.k`); err != nil {
		return err
	}
	return b.exec(ctx, "creating metric values", `
		WITH src AS (`+source+`), done AS (
			INSERT INTO custom_metric_values (created_at, updated_at, account_id, metric_id, valid_from, value, text)
			SELECT now(), now(), src.account_id, src.metric_id, src.valid_from, src.value, src.text FROM src
			WHERE NOT EXISTS (SELECT 1 FROM custom_metric_values v
				WHERE v.account_id = src.account_id AND v.metric_id = src.metric_id AND v.valid_from = src.valid_from)
			RETURNING account_id, metric_id, valid_from)
		UPDATE `+s+` s SET outcome = 'C' FROM done WHERE s.account_id = done.account_id AND s.category_id = done.metric_id AND s.valid_from = done.valid_from`)
}
