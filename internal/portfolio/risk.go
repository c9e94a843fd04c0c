package portfolio

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/refusal"
)

// Severities of churn alerts, most severe first.
var Severities = []churnalert.Severity{churnalert.SeverityCRITICAL, churnalert.SeverityHIGH, churnalert.SeverityMEDIUM, churnalert.SeverityLOW}

// RiskItem is one open churn alert on an S/A account.
type RiskItem struct {
	AlertID       int
	AccountID     int
	AccountName   string
	Class         Class
	Severity      churnalert.Severity
	Status        churnalert.Status
	OpenedAt      time.Time
	ResponseDueAt *time.Time
	// Overdue: past its response deadline and not acknowledged.
	Overdue      bool
	RevenueMinor int64
}

// SeverityFigures count the open S/A alerts of one severity.
type SeverityFigures struct {
	Severity     churnalert.Severity
	Alerts       int
	Accounts     int
	RevenueMinor int64
}

// Risk is the S/A accounts at risk: open churn alerts (OPEN, ACKNOWLEDGED,
// ESCALATED) on accounts of class S or A, with the trailing-12-month revenue
// at stake (each account counted once).
type Risk struct {
	Alerts              int
	Accounts            int
	RevenueAtStakeMinor int64
	BySeverity          []SeverityFigures
	// Items are the most severe first, then the most revenue, at most first.
	Items []RiskItem
	// AccountsWhere lists the accounts at risk with the accounts query.
	AccountsWhere json.RawMessage
}

// RiskOf reads the open S/A alerts of the scope with their accounts'
// revenue in one statement (the revenue is summed for those accounts only)
// and totals them.
func RiskOf(ctx context.Context, q database.Querier, s Scope, asOf, now time.Time, first int) (Risk, error) {
	if first < 0 || first > 200 {
		return Risk{}, &refusal.Error{Kind: refusal.Invalid, Field: "first", Message: fmt.Sprintf("must be 0–200, got %d", first)}
	}
	st := s.statement()
	st.add(`, al AS (
		SELECT c.id, c.account_id, c.severity::text AS severity, c.status::text AS status, c.opened_at, c.response_due_at, s.current_class::text AS class
		FROM churn_alerts c JOIN scoped s ON s.id = c.account_id
		WHERE s.current_class IN ('S', 'A') AND c.status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED'))`)
	st.revenueCTE("SELECT account_id FROM al", st.arg(asOf.Format(time.DateOnly)))
	st.add(`
		SELECT al.id, al.account_id, a.name, al.class, al.severity, al.status, al.opened_at, al.response_due_at,
		       al.response_due_at < ` + st.arg(now) + ` AND al.status IN ('OPEN', 'ESCALATED'),
		       coalesce(r.revenue, 0)
		FROM al JOIN accounts a ON a.id = al.account_id LEFT JOIN rev r ON r.account_id = al.account_id
		ORDER BY CASE al.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END,
		         coalesce(r.revenue, 0) DESC, al.id`)
	risk := Risk{AccountsWhere: s.where(map[string]any{
		"currentClassIn":     []string{"S", "A"},
		"hasChurnAlertsWith": []map[string]any{{"statusIn": []string{"OPEN", "ACKNOWLEDGED", "ESCALATED"}}},
	})}
	bySeverity := map[churnalert.Severity]*SeverityFigures{}
	for _, sev := range Severities {
		bySeverity[sev] = &SeverityFigures{Severity: sev}
	}
	seen := map[int]bool{}
	seenBySeverity := map[churnalert.Severity]map[int]bool{}
	err := st.each(ctx, q, func(rows pgx.Rows) error {
		var it RiskItem
		var class string
		if err := rows.Scan(&it.AlertID, &it.AccountID, &it.AccountName, &class, &it.Severity, &it.Status, &it.OpenedAt, &it.ResponseDueAt, &it.Overdue, &it.RevenueMinor); err != nil {
			return err
		}
		it.Class = Class(class)
		risk.Alerts++
		if !seen[it.AccountID] {
			seen[it.AccountID] = true
			risk.Accounts++
			risk.RevenueAtStakeMinor += it.RevenueMinor
		}
		f := bySeverity[it.Severity]
		if f == nil {
			f = &SeverityFigures{Severity: it.Severity}
			bySeverity[it.Severity] = f
		}
		f.Alerts++
		if seenBySeverity[it.Severity] == nil {
			seenBySeverity[it.Severity] = map[int]bool{}
		}
		if !seenBySeverity[it.Severity][it.AccountID] {
			seenBySeverity[it.Severity][it.AccountID] = true
			f.Accounts++
			f.RevenueMinor += it.RevenueMinor
		}
		if len(risk.Items) < first {
			risk.Items = append(risk.Items, it)
		}
		return nil
	})
	if err != nil {
		return Risk{}, fmt.Errorf("error reading S/A accounts at risk: %w", err)
	}
	for _, sev := range Severities {
		risk.BySeverity = append(risk.BySeverity, *bySeverity[sev])
	}
	return risk, nil
}
