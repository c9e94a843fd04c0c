package classes

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/classpolicy"
	"github.com/summitkam/summit/internal/refusal"
)

// TermsInput are the structured terms and service levels of a class (seed
// 000: a class decides delivery time, price, payment terms and credit
// limit; the hotline answers 90% of the top class within 20 seconds and
// 85% of the others, the top class has a green channel at the front of the
// queue, the middle class a callback within 24 hours, a blacklist waits at
// the back). nil fields stay as they are.
type TermsInput struct {
	CreditLimitMinor     *int64
	PaymentTermsDays     *int
	PriceCoefficient     *float64
	HotlineAnswerPercent *int
	HotlineAnswerSeconds *int
	CallbackWithinHours  *int
	QueuePriority        *string
	// LevelEntitlements are the benefits of each model level within the
	// class as a JSON object of string arrays, e.g. {"new": ["first-purchase
	// offer"], "regular": ["member price", "points"]} for class C of the
	// store ladder. nil: unchanged.
	LevelEntitlements json.RawMessage
}

// Bounds of the structured terms; beyond them a value is a typo.
const (
	maxPaymentTermsDays    = 365
	maxPriceCoefficient    = 10
	maxHotlineSeconds      = 3600
	maxCallbackHours       = 24 * 30
	maxLevelEntitlements   = 50
	maxLevelNameRunes      = 64
	maxEntitlementTextRune = 200
)

// applyTerms validates in and sets it on update; the first problem is a
// refusal naming the input field.
func applyTerms(update *ent.ClassPolicyUpdate, in TermsInput) error {
	if v := in.CreditLimitMinor; v != nil {
		if *v < 0 {
			return refusal.Invalidf("input.creditLimit", "must not be negative")
		}
		update.SetCreditLimitMinor(*v)
	}
	if v := in.PaymentTermsDays; v != nil {
		if *v < 0 || *v > maxPaymentTermsDays {
			return refusal.Invalidf("input.paymentTermsDays", "must be 0–%d days", maxPaymentTermsDays)
		}
		update.SetPaymentTermsDays(*v)
	}
	if v := in.PriceCoefficient; v != nil {
		scaled := *v * 10_000
		if math.IsNaN(*v) || *v <= 0 || *v > maxPriceCoefficient || math.Abs(scaled-math.Round(scaled)) > 1e-6 {
			return refusal.Invalidf("input.priceCoefficient", "must be greater than 0 and at most %d, with at most 4 decimals", maxPriceCoefficient)
		}
		update.SetPriceCoefficient(*v)
	}
	if v := in.HotlineAnswerPercent; v != nil {
		if *v < 1 || *v > 100 {
			return refusal.Invalidf("input.hotlineAnswerPercent", "must be 1–100")
		}
		update.SetHotlineAnswerPercent(*v)
	}
	if v := in.HotlineAnswerSeconds; v != nil {
		if *v < 1 || *v > maxHotlineSeconds {
			return refusal.Invalidf("input.hotlineAnswerSeconds", "must be 1–%d seconds", maxHotlineSeconds)
		}
		update.SetHotlineAnswerSeconds(*v)
	}
	if v := in.CallbackWithinHours; v != nil {
		if *v < 1 || *v > maxCallbackHours {
			return refusal.Invalidf("input.callbackWithinHours", "must be 1–%d hours", maxCallbackHours)
		}
		update.SetCallbackWithinHours(*v)
	}
	if v := in.QueuePriority; v != nil {
		if err := classpolicy.QueuePriorityValidator(classpolicy.QueuePriority(*v)); err != nil {
			return refusal.Invalidf("input.queuePriority", "unknown queue priority %q", *v)
		}
		update.SetQueuePriority(classpolicy.QueuePriority(*v))
	}
	if in.LevelEntitlements != nil {
		var levels map[string][]string
		if err := json.Unmarshal(in.LevelEntitlements, &levels); err != nil || levels == nil {
			return refusal.Invalidf("input.levelEntitlements", "must be an object of level name → list of benefits")
		}
		if err := validateLevelEntitlements(levels); err != nil {
			return err
		}
		canonical, err := json.Marshal(levels)
		if err != nil {
			return fmt.Errorf("error encoding level entitlements: %w", err)
		}
		update.SetLevelEntitlements(canonical)
	}
	return nil
}

func validateLevelEntitlements(levels map[string][]string) error {
	if len(levels) > maxLevelEntitlements {
		return refusal.Invalidf("input.levelEntitlements", "at most %d levels", maxLevelEntitlements)
	}
	for level, benefits := range levels {
		field := "input.levelEntitlements." + level
		if level == "" || strings.TrimSpace(level) != level || utf8.RuneCountInString(level) > maxLevelNameRunes {
			return refusal.Invalidf(field, "a level name is 1–%d characters without surrounding spaces", maxLevelNameRunes)
		}
		for i, benefit := range benefits {
			if strings.TrimSpace(benefit) == "" || utf8.RuneCountInString(benefit) > maxEntitlementTextRune {
				return refusal.Invalidf(fmt.Sprintf("%s[%d]", field, i), "a benefit is 1–%d characters", maxEntitlementTextRune)
			}
		}
	}
	return nil
}
