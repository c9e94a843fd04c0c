package alerts

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/ent/predicate"
	"github.com/summitkam/summit/internal/refusal"
)

// Filter is the friendly filter of the churnAlerts connection (GraphQL
// ChurnAlertFilter). Every given field narrows the list; they combine with
// AND, and with the ent-generated where input.
type Filter struct {
	Severities []churnalert.Severity
	Statuses   []churnalert.Status
	// OpenOnly keeps OPEN, ACKNOWLEDGED and ESCALATED alerts.
	OpenOnly *bool
	// Classes are the account classes recorded on the alert (account_class).
	Classes    []churnalert.AccountClass
	AlertTypes []churnalert.AlertType
	OwnerID    *int
	AccountID  *int
	// OlderThanDays keeps alerts opened more than this many days ago.
	OlderThanDays *int
	// OpenedBefore keeps alerts opened before this instant.
	OpenedBefore *time.Time
	// OverdueOnly keeps alerts past their response deadline that nobody
	// acknowledged (see Overdue).
	OverdueOnly *bool
}

// Predicates returns f as ent predicates, evaluated at now.
func (f *Filter) Predicates(now time.Time) ([]predicate.ChurnAlert, error) {
	if f == nil {
		return nil, nil
	}
	var ps []predicate.ChurnAlert
	if len(f.Severities) > 0 {
		ps = append(ps, churnalert.SeverityIn(f.Severities...))
	}
	if len(f.Statuses) > 0 {
		ps = append(ps, churnalert.StatusIn(f.Statuses...))
	}
	if f.OpenOnly != nil && *f.OpenOnly {
		ps = append(ps, churnalert.StatusIn(entStatuses(OpenStatuses)...))
	}
	if len(f.Classes) > 0 {
		ps = append(ps, churnalert.AccountClassIn(f.Classes...))
	}
	if len(f.AlertTypes) > 0 {
		ps = append(ps, churnalert.AlertTypeIn(f.AlertTypes...))
	}
	if f.OwnerID != nil {
		ps = append(ps, churnalert.OwnerID(*f.OwnerID))
	}
	if f.AccountID != nil {
		ps = append(ps, churnalert.AccountID(*f.AccountID))
	}
	if f.OlderThanDays != nil {
		if *f.OlderThanDays < 0 {
			return nil, &refusal.Error{Kind: refusal.Invalid, Field: "filter.olderThanDays", Message: "must not be negative"}
		}
		ps = append(ps, churnalert.OpenedAtLT(now.AddDate(0, 0, -*f.OlderThanDays)))
	}
	if f.OpenedBefore != nil {
		ps = append(ps, churnalert.OpenedAtLT(*f.OpenedBefore))
	}
	if f.OverdueOnly != nil && *f.OverdueOnly {
		ps = append(ps,
			churnalert.StatusIn(churnalert.StatusOPEN, churnalert.StatusESCALATED),
			churnalert.AcknowledgedAtIsNil(),
			churnalert.ResponseDueAtLT(now))
	}
	return ps, nil
}

func entStatuses(ss []Status) []churnalert.Status {
	out := make([]churnalert.Status, len(ss))
	for i, s := range ss {
		out[i] = churnalert.Status(s)
	}
	return out
}

// Page is one page of the churnAlerts connection.
type Page struct {
	After, Before *ent.Cursor
	First, Last   *int
	OrderBy       []*ent.ChurnAlertOrder
	Where         *ent.ChurnAlertWhereInput
	Filter        *Filter
}

// List returns a page of the alerts the viewer in ctx may read. Without
// orderBy the most severe come first, the oldest first within a severity,
// then by id: what needs an answer first. Severity names do not sort by
// severity, so that order is a rank expression with keyset cursors of its
// own (see severityKeyset).
func List(ctx context.Context, client *ent.Client, p Page, now time.Time) (*ent.ChurnAlertConnection, error) {
	extra, err := p.Filter.Predicates(now)
	if err != nil {
		return nil, err
	}
	if len(p.OrderBy) > 0 {
		return client.ChurnAlert.Query().Where(extra...).
			Paginate(ctx, p.After, p.First, p.Before, p.Last,
				ent.WithChurnAlertOrder(p.OrderBy),
				ent.WithChurnAlertFilter(p.Where.Filter))
	}

	reverse := p.Last != nil
	var keyset []predicate.ChurnAlert
	for _, c := range []struct {
		field string
		cur   *ent.Cursor
		after bool
	}{{"after", p.After, true}, {"before", p.Before, false}} {
		if c.cur == nil {
			continue
		}
		key, err := cursorKey(ctx, client, c.field, c.cur.ID)
		if err != nil {
			return nil, err
		}
		keyset = append(keyset, key.beyond(c.after))
	}
	filter := func(q *ent.ChurnAlertQuery) (*ent.ChurnAlertQuery, error) {
		q, err := p.Where.Filter(q)
		if err != nil {
			return nil, err
		}
		// entgql appends "id ASC" (DESC for last) as the final tie-breaker.
		return q.Order(bySeverityRank(!reverse), churnalert.ByOpenedAt(direction(reverse))), nil
	}
	// The cursors are predicates on the severity order (keyset); given to
	// Paginate they would be read as positions in id order.
	conn, err := client.ChurnAlert.Query().Where(append(extra, keyset...)...).
		Paginate(ctx, nil, p.First, nil, p.Last, ent.WithChurnAlertFilter(filter))
	if err != nil {
		return nil, err
	}
	if len(keyset) > 0 {
		// Paginate counted the rows beyond the cursor; totalCount is the
		// whole list's. One more statement, on pages after the first only.
		all, err := p.Where.Filter(client.ChurnAlert.Query().Where(extra...))
		if err != nil {
			return nil, err
		}
		if conn.TotalCount, err = all.Count(ctx); err != nil {
			return nil, fmt.Errorf("error counting churn alerts: %w", err)
		}
	}
	if p.After != nil {
		conn.PageInfo.HasPreviousPage = true
	}
	if p.Before != nil {
		conn.PageInfo.HasNextPage = true
	}
	return conn, nil
}

func direction(desc bool) sql.OrderTermOption {
	if desc {
		return sql.OrderDesc()
	}
	return sql.OrderAsc()
}

// severityRankSQL ranks a severity column: CRITICAL 4 … LOW 1.
func severityRankSQL(column string) string {
	return fmt.Sprintf("(CASE %s WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END)", column)
}

// SeverityRank is severityRankSQL's order in Go.
func SeverityRank(s churnalert.Severity) int {
	switch s {
	case churnalert.SeverityCRITICAL:
		return 4
	case churnalert.SeverityHIGH:
		return 3
	case churnalert.SeverityMEDIUM:
		return 2
	}
	return 1
}

func bySeverityRank(desc bool) churnalert.OrderOption {
	return func(s *sql.Selector) {
		expr := severityRankSQL(s.C(churnalert.FieldSeverity))
		if desc {
			expr += " DESC"
		}
		s.OrderBy(expr)
	}
}

// severityKeyset is a row's position in the default order: severity rank
// descending, opened_at ascending, id ascending. Negating the rank makes all
// three ascending, so "after" is one row comparison PostgreSQL can evaluate.
type severityKeyset struct {
	rank     int
	openedAt time.Time
	id       int
}

// cursorKey loads the position of the alert a cursor names, through the
// row-level rules: a cursor cannot locate an alert the viewer may not read.
func cursorKey(ctx context.Context, client *ent.Client, field string, id int) (severityKeyset, error) {
	a, err := client.ChurnAlert.Query().Where(churnalert.ID(id)).
		Select(churnalert.FieldID, churnalert.FieldSeverity, churnalert.FieldOpenedAt).Only(ctx)
	if ent.IsNotFound(err) {
		return severityKeyset{}, &refusal.Error{Kind: refusal.Invalid, Field: field,
			Message: fmt.Sprintf("the cursor names churn alert %d, which no longer exists or is not visible; start from the first page", id)}
	}
	if err != nil {
		return severityKeyset{}, fmt.Errorf("error loading the cursor's churn alert %d: %w", id, err)
	}
	return severityKeyset{rank: SeverityRank(a.Severity), openedAt: a.OpenedAt, id: a.ID}, nil
}

// beyond is "comes after k" (after) or "comes before k" (!after) in the
// default order.
func (k severityKeyset) beyond(after bool) predicate.ChurnAlert {
	op := " < "
	if after {
		op = " > "
	}
	return func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("(-" + severityRankSQL(s.C(churnalert.FieldSeverity)) + ", ")
			b.WriteString(s.C(churnalert.FieldOpenedAt) + ", " + s.C(churnalert.FieldID) + ")")
			b.WriteString(op + "(")
			b.Arg(-k.rank).Comma().Arg(k.openedAt).Comma().Arg(k.id)
			b.WriteString(")")
		}))
	}
}
