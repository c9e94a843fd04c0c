package graph

import (
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/classes"
)

// classPolicyInput is the service's input of a class policy's fields.
func classPolicyInput(input model.UpdateClassPolicyInput) classes.PolicyInput {
	in := classes.PolicyInput{
		Label: input.Label, LabelEn: input.LabelEn, Coverage: input.Coverage,
		ReviewCadenceDays: input.ReviewCadenceDays, ContactCadenceDays: input.ContactCadenceDays, AlertResponseDays: input.AlertResponseDays,
		ServiceLevel: input.ServiceLevel, Entitlements: input.Entitlements, StrategyTemplate: input.StrategyTemplate,
		ObjectiveTemplates: input.ObjectiveTemplates, NotifyCustomer: input.NotifyCustomer,
		Terms: classes.TermsInput{
			CreditLimitMinor: input.CreditLimit, PaymentTermsDays: input.PaymentTermsDays, PriceCoefficient: input.PriceCoefficient,
			HotlineAnswerPercent: input.HotlineAnswerPercent, HotlineAnswerSeconds: input.HotlineAnswerSeconds,
			CallbackWithinHours: input.CallbackWithinHours, QueuePriority: (*string)(input.QueuePriority),
			LevelEntitlements: input.LevelEntitlements,
		},
	}
	if input.RequiredTeamRoles != nil {
		in.RequiredTeamRoles = make([]string, len(input.RequiredTeamRoles))
		for i, role := range input.RequiredTeamRoles {
			in.RequiredTeamRoles[i] = string(role)
		}
	}
	return in
}
