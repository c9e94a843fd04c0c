package imports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/summitkam/summit/ent/complaint"
	"github.com/summitkam/summit/ent/order"
	"github.com/summitkam/summit/ent/satisfactionsurvey"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// One fact recorded from another system (the GraphQL mutations recordOrder,
// recordCollection, recordSurvey, recordComplaint). It goes through the
// engine of a file import — a one-row feed — so the row rules, the checks
// and the upsert by order number or external id are exactly an import's, and
// it is audited as one. Unlike a feed, a refused fact is an error: the
// caller sent one thing and gets a refusal with a code and a field.

// OrderFact is one order (shipment), optionally with its collection.
type OrderFact struct {
	AccountCode    string
	OrderNo        string
	OrderDate      time.Time
	Amount         int64 // minor units (fen)
	Margin         *int64
	Currency       *string
	ProductLine    *string
	Status         *order.Status
	DueOn          *time.Time
	ReceivedOn     *time.Time
	ReceivedAmount *int64
}

// CollectionFact is one payment received.
type CollectionFact struct {
	AccountCode string
	ExternalID  string
	OrderNo     *string
	DueOn       *time.Time
	ReceivedOn  time.Time
	Amount      int64
	Currency    *string
}

// SurveyFact is one satisfaction survey answer.
type SurveyFact struct {
	AccountCode    string
	ExternalID     string
	SurveyedOn     time.Time
	Score          int
	RecommendScore *int
	Channel        *satisfactionsurvey.Channel
	Comment        *string
}

// ComplaintFact is one complaint.
type ComplaintFact struct {
	AccountCode string
	ExternalID  string
	OpenedAt    time.Time
	Severity    *complaint.Severity
	Topic       *string
	Description *string
	Status      *complaint.Status
	ResolvedAt  *time.Time
}

// Outcome says what recording a fact did.
type Outcome string

// Outcomes of recording a fact.
const (
	OutcomeCreated   Outcome = "CREATED"
	OutcomeUpdated   Outcome = "UPDATED"
	OutcomeUnchanged Outcome = "UNCHANGED"
)

// Recorded is a recorded fact: its id, what happened, and the import that
// recorded (and audited) it.
type Recorded struct {
	FactID   int
	Outcome  Outcome
	ImportID int
}

// factRow is one fact as the field keys of its kind, in text.
type factRow map[string]string

func (r factRow) date(key string, t *time.Time, loc *time.Location) {
	if t != nil {
		r[key] = t.In(loc).Format("2006-01-02")
	}
}

func (r factRow) moment(key string, t *time.Time) {
	if t != nil {
		r[key] = t.Format(time.RFC3339)
	}
}

func (r factRow) money(key string, minor *int64) {
	if minor == nil {
		return
	}
	v := *minor
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	r[key] = fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

func (r factRow) text(key string, s *string) {
	if s != nil {
		r[key] = *s
	}
}

// RecordOrder records (or updates) an order by its number.
func (s *Service) RecordOrder(ctx context.Context, v *viewer.Viewer, in OrderFact) (*Recorded, error) {
	row := factRow{"account_code": in.AccountCode, "order_no": in.OrderNo}
	row.date("order_date", &in.OrderDate, s.Location)
	row.money("amount", &in.Amount)
	row.money("margin", in.Margin)
	row.text("currency", in.Currency)
	row.text("product_line", in.ProductLine)
	if in.Status != nil {
		row["status"] = string(*in.Status)
	}
	row.date("due_on", in.DueOn, s.Location)
	row.date("received_on", in.ReceivedOn, s.Location)
	row.money("received_amount", in.ReceivedAmount)
	return s.recordFact(ctx, v, "orders", row, `SELECT id FROM orders WHERE order_no = $1`, in.OrderNo)
}

// RecordCollection records (or updates) a collection by its external id.
func (s *Service) RecordCollection(ctx context.Context, v *viewer.Viewer, in CollectionFact) (*Recorded, error) {
	row := factRow{"account_code": in.AccountCode, "external_id": in.ExternalID}
	row.text("order_no", in.OrderNo)
	row.date("due_on", in.DueOn, s.Location)
	row.date("received_on", &in.ReceivedOn, s.Location)
	row.money("amount", &in.Amount)
	row.text("currency", in.Currency)
	return s.recordFact(ctx, v, "collections", row, `SELECT id FROM collections WHERE external_id = $1`, in.ExternalID)
}

// RecordSurvey records (or updates) a survey answer by its external id.
func (s *Service) RecordSurvey(ctx context.Context, v *viewer.Viewer, in SurveyFact) (*Recorded, error) {
	row := factRow{"account_code": in.AccountCode, "external_id": in.ExternalID, "score": strconv.Itoa(in.Score)}
	row.date("surveyed_on", &in.SurveyedOn, s.Location)
	if in.RecommendScore != nil {
		row["recommend_score"] = strconv.Itoa(*in.RecommendScore)
	}
	if in.Channel != nil {
		row["channel"] = string(*in.Channel)
	}
	row.text("comment", in.Comment)
	return s.recordFact(ctx, v, "surveys", row, `SELECT id FROM satisfaction_surveys WHERE external_id = $1`, in.ExternalID)
}

// RecordComplaint records (or updates) a complaint by its external id.
func (s *Service) RecordComplaint(ctx context.Context, v *viewer.Viewer, in ComplaintFact) (*Recorded, error) {
	row := factRow{"account_code": in.AccountCode, "external_id": in.ExternalID}
	row.moment("opened_at", &in.OpenedAt)
	if in.Severity != nil {
		row["severity"] = string(*in.Severity)
	}
	row.text("topic", in.Topic)
	row.text("description", in.Description)
	if in.Status != nil {
		row["status"] = string(*in.Status)
	}
	row.moment("resolved_at", in.ResolvedAt)
	return s.recordFact(ctx, v, "complaints", row, `SELECT id FROM complaints WHERE external_id = $1`, in.ExternalID)
}

// recordFact records row as a one-line feed of kind and finds the fact by
// key afterwards (lookup is a query taking key as $1).
func (s *Service) recordFact(ctx context.Context, v *viewer.Viewer, kind string, row factRow, lookup, key string) (*Recorded, error) {
	if strings.TrimSpace(key) == "" {
		field := "externalID"
		if kind == "orders" {
			field = "orderNo"
		}
		return nil, refusal.Invalidf(field, "is required: facts are recorded idempotently by it")
	}
	line, err := json.Marshal(row)
	if err != nil {
		return nil, fmt.Errorf("error encoding a %s fact: %w", kind, err)
	}
	res, err := s.Feed(ctx, v, kind, "record-"+kind+".ndjson", bytes.NewReader(line), true)
	if err != nil {
		return nil, err
	}
	if len(res.Refused) > 0 {
		return nil, factRefusal(res.Refused[0])
	}
	if res.Error != "" {
		return nil, fmt.Errorf("error recording a %s fact: %s", kind, res.Error)
	}
	out := &Recorded{ImportID: res.ImportID, Outcome: OutcomeUnchanged}
	switch {
	case res.Counts.Created > 0:
		out.Outcome = OutcomeCreated
	case res.Counts.Updated > 0:
		out.Outcome = OutcomeUpdated
	}
	if err := s.Pool.QueryRow(ctx, lookup, strings.TrimSpace(key)).Scan(&out.FactID); err != nil {
		return nil, fmt.Errorf("error finding the recorded %s fact %s: %w", kind, key, err)
	}
	return out, nil
}

// factRefusal turns the refused row of a one-fact feed into a refusal on
// the input field named like the column (order_date → orderDate). The
// engine's row rules and cross-account checks word their messages as
// below; anything else is a value the caller got wrong.
func factRefusal(is Issue) error {
	field := inputField(is.Column)
	switch {
	case strings.HasPrefix(is.Message, "you may not"):
		return &refusal.Error{Kind: refusal.Forbidden, Field: field, Message: is.Message}
	case strings.HasPrefix(is.Message, "no account has the code"):
		return &refusal.Error{Kind: refusal.NotFound, Field: field, Message: is.Message}
	case strings.Contains(is.Message, " is recorded for account "):
		return &refusal.Error{Kind: refusal.Conflict, Field: field, Message: is.Message}
	}
	return &refusal.Error{Kind: refusal.Invalid, Field: field, Message: is.Message}
}

// inputField names a field key as the GraphQL input does: order_date →
// orderDate, external_id → externalID.
func inputField(key string) string {
	parts := strings.Split(key, "_")
	for i, p := range parts {
		switch {
		case i == 0:
		case p == "id":
			parts[i] = "ID"
		case p != "":
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}
