package partners

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/summitkam/summit/ent"
)

// MaxChainDepth bounds the walk down a distribution chain. Profiles cannot
// form a cycle through the API (UpdateProfile refuses one), and the walk
// also stops at a partner it has already visited.
const MaxChainDepth = 32

// figuresSQL gathers the figures of the partners whose ids are in $1, with
// performance rolled up the chain: each partner's own trailing-12-month
// performance plus that of every partner below it, found by one recursive
// walk down parent_id per partner.
var figuresSQL = fmt.Sprintf(`
	WITH RECURSIVE chain AS (
		SELECT p.id AS root, p.id AS member, ARRAY[p.id] AS path
		FROM partner_profiles p WHERE p.id = ANY($1::bigint[])
		UNION ALL
		SELECT c.root, s.id, c.path || s.id
		FROM chain c JOIN partner_profiles s ON s.parent_id = c.member
		WHERE NOT s.id = ANY(c.path) AND cardinality(c.path) < %d
	), rolled AS (
		SELECT c.root, sum(m.annual_performance_minor)::bigint AS performance, count(*) - 1 AS subs
		FROM chain c JOIN partner_profiles m ON m.id = c.member
		GROUP BY c.root
	)
	SELECT p.id, p.registered_capital_minor, r.performance, p.annual_performance_minor, r.subs,
	       p.certified_staff, p.total_staff, p.sales_staff, coalesce(p.custom_values, '{}'::jsonb)::text,
	       p.tier_id, p.on_probation, p.probation_until
	FROM partner_profiles p JOIN rolled r ON r.root = p.id`, MaxChainDepth)

// partnerRow is a partner's figures and standing as stored.
type partnerRow struct {
	ID             int
	Figures        Figures
	TierID         *int
	OnProbation    bool
	ProbationUntil *time.Time
}

func scanPartnerRow(scan func(dest ...any) error) (partnerRow, error) {
	var r partnerRow
	var custom string
	var tierID sql.NullInt64
	var until sql.NullTime
	f := &r.Figures
	if err := scan(&r.ID, &f.RegisteredCapital, &f.Performance, &f.OwnPerformance, &f.SubPartners,
		&f.CertifiedStaff, &f.TotalStaff, &f.SalesStaff, &custom, &tierID, &r.OnProbation, &until); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(custom), &f.Custom); err != nil {
		return r, fmt.Errorf("error reading the custom values of partner %d: %w", r.ID, err)
	}
	if len(f.Custom) == 0 {
		f.Custom = nil
	}
	if tierID.Valid {
		id := int(tierID.Int64)
		r.TierID = &id
	}
	if until.Valid {
		u := Day(until.Time)
		r.ProbationUntil = &u
	}
	return r, nil
}

// loadPartnerRows reads the figures of profiles ids through client (the
// API's unit of work, or any client). The caller has checked the viewer may
// read these profiles; the roll-up counts their whole chains.
func loadPartnerRows(ctx context.Context, client *ent.Client, ids []int) (map[int]partnerRow, error) {
	out := make(map[int]partnerRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = int64(id)
	}
	rows, err := client.QueryContext(ctx, figuresSQL, keys)
	if err != nil {
		return nil, fmt.Errorf("error reading partner figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanPartnerRow(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("error reading partner figures: %w", err)
		}
		out[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("error reading partner figures: %w", err)
	}
	return out, nil
}

// FiguresOf returns the figures of the partner profiles ids (performance
// rolled up the chain), for profiles the caller has already read through
// the row-level rules.
func FiguresOf(ctx context.Context, client *ent.Client, ids []int) (map[int]Figures, error) {
	rows, err := loadPartnerRows(ctx, client, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int]Figures, len(rows))
	for id, r := range rows {
		out[id] = r.Figures
	}
	return out, nil
}
