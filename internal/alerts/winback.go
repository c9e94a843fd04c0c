package alerts

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/refusal"
)

// WinBackInput is what startWinBack is given (GraphQL StartWinBackInput).
type WinBackInput struct {
	// PlanID names the plan to put the actions on; it must belong to the
	// alert's account and not be CLOSED. Defaults to the account's ACTIVE
	// plan, else a win-back DRAFT plan (see WinBackPeriod).
	PlanID *int
	// Actions replace the template (WinBackTemplate) when given.
	Actions []WinBackActionInput
}

// WinBackActionInput is one action of an overriding list.
type WinBackActionInput struct {
	Title       string
	Description *string
	// OwnerID defaults to the alert's owner.
	OwnerID *int
	// DueOn and DueInDays (days from today) are alternatives; neither means
	// DefaultDueInDays.
	DueOn     *time.Time
	DueInDays *int
}

// ActionDraft is a win-back action to create.
type ActionDraft struct {
	Title       string
	Description string
	DueOn       time.Time
	// OwnerID is nil for "the alert's owner", filled in by the caller.
	OwnerID *int
}

// Limits of an overriding action list.
const (
	MaxWinBackActions = 20
	MaxDueInDays      = 365
	DefaultDueInDays  = 7
	// maxTitleBytes is actions.title's size in the database.
	maxTitleBytes = 300
)

// TemplateFacts is what the win-back template adapts to.
type TemplateFacts struct {
	AlertID int
	// Class is the account's class ("S", "A", "B", "C" or "").
	Class string
	// Signals are the codes of the alert's fired signals.
	Signals []string
	// Today is the UTC day the win-back starts.
	Today time.Time
}

// WinBackTemplate returns the standard win-back actions (挽回行动) for an
// alert, due counted from today:
//
//   - call the decision maker within 2 days;
//   - an executive visit for S (7 days) and A (14 days) accounts;
//   - meet the new decision maker when a key contact left (5 days);
//   - resolve complaints when complaints came in or satisfaction fell (5 days);
//   - review pricing, payment and credit terms (7 days);
//   - agree a recovery objective with the customer (14 days).
//
// Titles are zh-CN / English; descriptions name the alert and its signals.
func WinBackTemplate(f TemplateFacts) []ActionDraft {
	today := planning.Day(f.Today)
	reason := fmt.Sprintf("流失预警 #%d 挽回行动 / Win-back for churn alert #%d", f.AlertID, f.AlertID)
	if labels := signalLabels(f.Signals); labels != "" {
		reason += ": " + labels
	}
	add := func(out []ActionDraft, days int, title, detail string) []ActionDraft {
		return append(out, ActionDraft{Title: title, Description: reason + ". " + detail, DueOn: today.AddDate(0, 0, days)})
	}
	var out []ActionDraft
	out = add(out, 2, "致电决策人，了解流失原因 / Call the decision maker about the churn risk",
		"Hear the customer's side of the signals and agree next steps.")
	switch f.Class {
	case "S":
		out = add(out, 7, "高管拜访 / Executive visit", "A strategic account: the executive sponsor visits the customer's leadership.")
	case "A":
		out = add(out, 14, "高管拜访 / Executive visit", "A partner account: an executive visits to reaffirm the partnership.")
	}
	if slices.Contains(f.Signals, string(churn.SignalKeyContactLeft)) {
		out = add(out, 5, "拜会新任决策人 / Meet the new decision maker", "A key contact left: map the new buying centre and meet its decision maker.")
	}
	if slices.Contains(f.Signals, string(churn.SignalNewComplaints)) || slices.Contains(f.Signals, string(churn.SignalSatisfactionFalling)) {
		out = add(out, 5, "处理投诉并回访 / Resolve complaints and follow up", "Close the open complaints and confirm satisfaction with the customer.")
	}
	out = add(out, 7, "复核价格与信用条款 / Review pricing and credit terms",
		"Check price coefficient, payment terms and credit limit against the competition and the account's value.")
	out = add(out, 14, "与客户约定挽回目标 / Agree a recovery objective with the customer",
		"Agree what recovery means (orders, volume, collections) and by when.")
	return out
}

func signalLabels(codes []string) string {
	labels := make([]string, 0, len(codes))
	for _, c := range codes {
		code := churn.SignalCode(c)
		labels = append(labels, code.LabelZH()+" / "+code.Label())
	}
	return strings.Join(labels, "; ")
}

// CheckActions turns an overriding action list into drafts, refusing the
// first problem with the input path of the offending field
// ("input.actions[1].title").
func CheckActions(in []WinBackActionInput, today time.Time) ([]ActionDraft, error) {
	today = planning.Day(today)
	switch {
	case len(in) == 0:
		return nil, invalid("input.actions", "give at least one action, or leave actions out to use the win-back template")
	case len(in) > MaxWinBackActions:
		return nil, invalid("input.actions", fmt.Sprintf("at most %d actions", MaxWinBackActions))
	}
	out := make([]ActionDraft, len(in))
	for i, a := range in {
		path := fmt.Sprintf("input.actions[%d].", i)
		title := strings.TrimSpace(a.Title)
		switch {
		case title == "":
			return nil, invalid(path+"title", "a title is required")
		case len(title) > maxTitleBytes:
			return nil, invalid(path+"title", fmt.Sprintf("at most %d bytes (about 100 Chinese characters)", maxTitleBytes))
		}
		due := today.AddDate(0, 0, DefaultDueInDays)
		switch {
		case a.DueOn != nil && a.DueInDays != nil:
			return nil, invalid(path+"dueOn", "give dueOn or dueInDays, not both")
		case a.DueInDays != nil:
			if *a.DueInDays < 0 || *a.DueInDays > MaxDueInDays {
				return nil, invalid(path+"dueInDays", fmt.Sprintf("must be between 0 and %d", MaxDueInDays))
			}
			due = today.AddDate(0, 0, *a.DueInDays)
		case a.DueOn != nil:
			due = planning.Day(*a.DueOn)
			if due.Before(today) {
				return nil, invalid(path+"dueOn", fmt.Sprintf("%s is in the past", due.Format(time.DateOnly)))
			}
		}
		d := ActionDraft{Title: title, DueOn: due, OwnerID: a.OwnerID}
		if a.Description != nil {
			d.Description = strings.TrimSpace(*a.Description)
		}
		out[i] = d
	}
	return out, nil
}

// WinBackPeriodPrefix starts the period name of every win-back plan, so a
// later win-back on the same account finds the draft an earlier one made.
const WinBackPeriodPrefix = "挽回 Win-back"

// WinBackPeriod is the period of a new win-back plan: named after its
// first day, a quarter long (a win-back that takes longer is a new plan).
func WinBackPeriod(today time.Time) planning.Period {
	start := planning.Day(today)
	return planning.Period{Name: WinBackPeriodPrefix + " " + start.Format(time.DateOnly), Start: start, End: start.AddDate(0, 3, -1)}
}

// WinBackStrategy is the strategy statement of a new win-back plan.
func WinBackStrategy(alertID int, signals []string) string {
	s := fmt.Sprintf("挽回计划：应对流失预警 #%d。Win-back plan for churn alert #%d.", alertID, alertID)
	if labels := signalLabels(signals); labels != "" {
		s += " 信号 / Signals: " + labels + "."
	}
	return s
}

func invalid(field, message string) error {
	return &refusal.Error{Kind: refusal.Invalid, Field: field, Message: message}
}
