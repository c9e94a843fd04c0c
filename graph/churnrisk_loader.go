package graph

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/txn"
)

// Account.churnRisk and ChurnRisk.openAlert are pageLoaders keyed by account
// id, so a page of accounts costs one facts statement (and one alerts
// statement) whatever its size. The loaders hold facts, not assessments:
// facts do not depend on the model, which the resolver applies.
var (
	churnFactsLoader = &pageLoader[int, churn.Facts]{
		siblings: acctSiblings(1),
		fetch:    churnFactsOf,
	}
	churnOpenAlertLoader = &pageLoader[int, *ent.ChurnAlert]{
		siblings: acctSiblings(1),
		fetch:    churnOpenAlertsOf,
	}
)

// errChurnRiskUnavailable: the facts are gathered in SQL on the pool, which
// a handler built without one does not have.
var errChurnRiskUnavailable = errors.New("churn risk is not available on this server (no database pool configured)")

// churnFactsOf gathers the churn facts of the in-scope accounts among ids as
// of the current UTC day; accounts out of the scan's scope are left out.
func churnFactsOf(ctx context.Context, client *ent.Client, ids []int) (map[int]churn.Facts, error) {
	runner := txn.FromContext(ctx)
	if runner == nil {
		return nil, errChurnRiskUnavailable
	}
	// The facts statement is raw SQL, which the privacy rules do not
	// filter: keep only the accounts the viewer may read, asked through the
	// privacy-filtered client.
	readable, err := client.Account.Query().Where(account.IDIn(ids...)).IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("error checking which accounts the viewer may read: %w", err)
	}
	facts, _, err := churnscan.GatherFactsOf(ctx, runner.Pool(), time.Now(), readable)
	if err != nil {
		return nil, err
	}
	out := make(map[int]churn.Facts, len(facts))
	for _, f := range facts {
		id, err := strconv.Atoi(f.AccountID)
		if err != nil {
			return nil, fmt.Errorf("error reading churn facts: account id %q: %w", f.AccountID, err)
		}
		out[id] = f
	}
	return out, nil
}

// churnOpenAlertsOf returns the open CHURN_RISK alert of each account among
// ids that has one the viewer may read.
func churnOpenAlertsOf(ctx context.Context, client *ent.Client, ids []int) (map[int]*ent.ChurnAlert, error) {
	open, err := client.ChurnAlert.Query().
		Where(churnalert.AccountIDIn(ids...), churnalert.AlertTypeEQ(churnalert.AlertTypeCHURN_RISK),
			churnalert.StatusIn(churnalert.StatusOPEN, churnalert.StatusACKNOWLEDGED, churnalert.StatusESCALATED)).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("error loading open churn alerts: %w", err)
	}
	out := make(map[int]*ent.ChurnAlert, len(open))
	for _, a := range open {
		out[a.AccountID] = a
	}
	return out, nil
}
