package churnscan

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/churn"
)

// alertTypeChurn is the churn_alerts.alert_type of scan-raised alerts.
const alertTypeChurn = "CHURN_RISK"

// openStatuses are the statuses of an open alert; the unique index
// "churnalert_one_open_per_type" allows one per account and type.
const openStatusesSQL = `('OPEN', 'ACKNOWLEDGED', 'ESCALATED')`

// actor is how scans appear in the audit trail.
const (
	actorKind  = "SYSTEM"
	actorLabel = "system:worker:churn"
)

// lockOpenAlerts returns the open churn alerts of accounts with ids in
// [fromID, toID], locked FOR UPDATE until the transaction ends.
func lockOpenAlerts(ctx context.Context, tx pgx.Tx, fromID, toID int) ([]churn.OpenAlert, error) {
	rows, err := tx.Query(ctx, `
		SELECT id, account_id, severity, coalesce(jsonb_path_query_array(signals, '$[*].code'), '[]'::jsonb), opened_at
		FROM churn_alerts
		WHERE account_id BETWEEN $1 AND $2 AND alert_type = $3 AND status IN `+openStatusesSQL+`
		ORDER BY id
		FOR UPDATE`, fromID, toID, alertTypeChurn)
	if err != nil {
		return nil, fmt.Errorf("error locking open churn alerts of accounts %d–%d: %w", fromID, toID, err)
	}
	alerts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (churn.OpenAlert, error) {
		var (
			id, accountID int
			severity      string
			codes         []string
			a             churn.OpenAlert
		)
		if err := row.Scan(&id, &accountID, &severity, &codes, &a.OpenedAt); err != nil {
			return a, err
		}
		a.AlertID, a.AccountID, a.Type = strconv.Itoa(id), strconv.Itoa(accountID), churn.AlertTypeChurn
		a.Level = churn.Level(strings.ToLower(severity))
		for _, c := range codes {
			a.SignalCodes = append(a.SignalCodes, churn.SignalCode(c))
		}
		return a, nil
	})
	if err != nil {
		return nil, fmt.Errorf("error reading open churn alerts of accounts %d–%d: %w", fromID, toID, err)
	}
	return alerts, nil
}

// writer applies one chunk's decisions with a handful of set-based
// statements, whatever the number of accounts.
type writer struct {
	tx   pgx.Tx
	asOf time.Time
	// model is the scan's model with the class policies' response days.
	model    churn.Config
	accounts map[int]Account
}

// alertRow is the state an open or updated alert is written with.
type alertRow struct {
	alertID, accountID int
	severity           string
	score              float64
	signals            []byte
	explanation        []byte
	class              *string
	ownerID            *int
	due                time.Time
}

func (w *writer) row(d churn.Decision) (alertRow, error) {
	a := d.Assessment
	accountID, _ := strconv.Atoi(d.AccountID)
	r := alertRow{accountID: accountID, severity: strings.ToUpper(string(a.Level)), score: float64(a.Score)}
	if d.AlertID != "" {
		r.alertID, _ = strconv.Atoi(d.AlertID)
	}
	var err error
	if r.signals, err = json.Marshal(a.Fired); err != nil {
		return r, fmt.Errorf("error encoding signals of account %s: %w", d.AccountID, err)
	}
	if r.explanation, err = json.Marshal(a.Explanation()); err != nil {
		return r, fmt.Errorf("error encoding explanation of account %s: %w", d.AccountID, err)
	}
	if a.Class != churn.ClassUngraded {
		c := string(a.Class)
		r.class = &c
	}
	r.ownerID = w.accounts[accountID].OwnerID
	r.due = churn.Deadline(w.model, a.Class, w.asOf)
	return r, nil
}

func (w *writer) apply(ctx context.Context, decisions []churn.Decision, res *ChunkResult) error {
	var (
		opens, updates []alertRow
		raised         []int // alert ids whose level went up
		resolveIDs     []int
		resolveNotes   []string
		decline        []int
		changed        int
		checked        []int
	)
	for _, d := range decisions {
		switch d.Action {
		case churn.ActionOpen:
			r, err := w.row(d)
			if err != nil {
				return err
			}
			opens = append(opens, r)
		case churn.ActionNoop:
			if d.AlertID != "" && d.Assessment != nil {
				// Same level, same signals: only record that it was
				// checked. The explanation keeps the evaluation that set
				// the alert's state (Account.churnRisk shows today's).
				id, _ := strconv.Atoi(d.AlertID)
				checked = append(checked, id)
			}
		case churn.ActionUpdate:
			if d.AlertID == "" || d.Assessment == nil {
				continue
			}
			r, err := w.row(d)
			if err != nil {
				return err
			}
			updates = append(updates, r)
			changed++
			if d.Reason == churn.ReasonLevelRaised {
				raised = append(raised, r.alertID)
			}
		case churn.ActionResolve:
			id, _ := strconv.Atoi(d.AlertID)
			resolveIDs = append(resolveIDs, id)
			note := fmt.Sprintf("信号已消除 / Signals cleared as of %s", w.asOf.UTC().Format(time.DateOnly))
			switch d.Reason {
			case churn.ReasonBelowMinLevel:
				note = fmt.Sprintf("风险降至 %s / Risk fell to %s as of %s", d.Assessment.Level, d.Assessment.Level, w.asOf.UTC().Format(time.DateOnly))
			case churn.ReasonDuplicate:
				note = "重复预警 / Duplicate of the account's older open alert"
			}
			resolveNotes = append(resolveNotes, note)
		}
		if d.Assessment != nil && churn.ShouldMoveToDecline(*d.Assessment) {
			id, _ := strconv.Atoi(d.AccountID)
			decline = append(decline, id)
		}
	}
	var err error
	if res.Opened, err = w.open(ctx, opens); err != nil {
		return err
	}
	if err := w.update(ctx, updates, raised); err != nil {
		return err
	}
	if len(checked) > 0 {
		if _, err := w.tx.Exec(ctx, `UPDATE churn_alerts SET last_evaluated_at = $2 WHERE id = ANY($1) AND last_evaluated_at < $2`,
			checked, w.asOf); err != nil {
			return fmt.Errorf("error recording churn alerts as checked: %w", err)
		}
	}
	res.Updated = changed
	if res.Resolved, err = w.resolve(ctx, resolveIDs, resolveNotes); err != nil {
		return err
	}
	if res.Declined, err = w.moveToDecline(ctx, decline); err != nil {
		return err
	}
	return nil
}
