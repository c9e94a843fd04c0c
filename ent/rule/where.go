package rule

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/ent/classassignment"
	"github.com/summitkam/summit/ent/collection"
	"github.com/summitkam/summit/ent/complaint"
	"github.com/summitkam/summit/ent/contact"
	"github.com/summitkam/summit/ent/dataimport"
	"github.com/summitkam/summit/ent/measure"
	"github.com/summitkam/summit/ent/notification"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/ent/order"
	"github.com/summitkam/summit/ent/partnerprofile"
	"github.com/summitkam/summit/ent/reviewresult"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/satisfactionsurvey"
	"github.com/summitkam/summit/ent/tierevaluation"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/viewer"
)

// ScopeWhereInput makes the edge filters of a GraphQL where input obey the
// row rules. The privacy policy filters the rows a query returns, but a
// filter through an edge (hasOwnedAccountsWith, hasChildrenWith,
// hasRoleAssignmentsWith …) is a subquery no policy sees: without this, a
// viewer could test conditions on rows they may not read and learn their
// contents one bisection at a time. ScopeWhereInput ANDs, into every
// element of every has…With list of in (a *ent.XWhereInput), the
// visibility predicate of that element's type, still in SQL, so counts and
// pages stay exact; a bare hasX: true/false becomes "has / has no X the
// viewer may read", which is what the edge itself lists.
//
// It handles one level: the GraphQL layer calls it for every where input it
// decodes (the @scopedFilter directive), nested ones first, so the rows at
// any depth are covered. It returns an error for a type without a
// visibility rule here, so a new entity fails closed (and
// TestRestrictWhereCoversEveryType fails) instead of leaking.
func ScopeWhereInput(v *viewer.Viewer, in any) error {
	ptr := reflect.ValueOf(in)
	if ptr.Kind() != reflect.Pointer || ptr.IsNil() || !isWhereInput(ptr.Type().Elem()) {
		return fmt.Errorf("rule: %T is not a where input", in)
	}
	s := ptr.Elem()
	edges := edgeFieldsOf(s.Type())
	for _, i := range edges.with {
		list := s.Field(i)
		for j := range list.Len() {
			if elem := list.Index(j); !elem.IsNil() {
				if _, err := addVisibility(v, elem.Interface()); err != nil {
					return err
				}
			}
		}
	}
	for _, i := range edges.has {
		if s.Field(i).IsNil() {
			continue
		}
		if err := restrictHasEdge(v, ptr, s.Type().Field(i).Name); err != nil {
			return err
		}
	}
	return nil
}

// HasEdgeFilters reports whether a where input (a struct or a pointer to
// one) filters through any edge, that is whether ScopeWhereInput has
// anything to do. It reads in place: most where arguments (statusIn: […])
// have no edge filter, and copying a where input of a hundred fields to
// scope nothing was a tenth of a list's allocations.
func HasEdgeFilters(in any) bool {
	s := reflect.ValueOf(in)
	if s.Kind() == reflect.Pointer {
		if s.IsNil() {
			return false
		}
		s = s.Elem()
	}
	if !isWhereInput(s.Type()) {
		return true // not ours to judge: let ScopeWhereInput refuse it
	}
	edges := edgeFieldsOf(s.Type())
	for _, i := range edges.with {
		if s.Field(i).Len() > 0 {
			return true
		}
	}
	for _, i := range edges.has {
		if !s.Field(i).IsNil() {
			return true
		}
	}
	return false
}

// edgeFields are the positions of a where input's edge filters: the
// has…With lists and the hasX flags.
type edgeFields struct{ with, has []int }

// edgeFieldsByType caches edgeFields per where input type: a where input
// has a hundred fields or more, and ScopeWhereInput runs for every where
// argument of every item of a list (a nested connection's filter is decoded
// once per parent), so scanning the field names each time was a sixth of a
// list's CPU.
var edgeFieldsByType sync.Map // reflect.Type → edgeFields

func edgeFieldsOf(t reflect.Type) edgeFields {
	if e, ok := edgeFieldsByType.Load(t); ok {
		return e.(edgeFields)
	}
	var e edgeFields
	for i := range t.NumField() {
		f := t.Field(i)
		switch name := f.Name; {
		case strings.HasPrefix(name, "Has") && strings.HasSuffix(name, "With"):
			e.with = append(e.with, i)
		case strings.HasPrefix(name, "Has") && f.Type == reflect.TypeOf((*bool)(nil)):
			e.has = append(e.has, i)
		}
	}
	edgeFieldsByType.Store(t, e)
	return e
}

var wherePkg = reflect.TypeOf(ent.AccountWhereInput{}).PkgPath()

func isWhereInput(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == wherePkg && strings.HasSuffix(t.Name(), "WhereInput")
}

// restrictHasEdge rewrites hasX: b into a predicate over readable X rows.
func restrictHasEdge(v *viewer.Viewer, ptr reflect.Value, name string) error {
	s := ptr.Elem()
	flag := s.FieldByName(name)
	if flag.IsNil() {
		return nil
	}
	with, ok := s.Type().FieldByName(name + "With")
	if !ok {
		return fmt.Errorf("rule: %s has %s but no %sWith", s.Type().Name(), name, name)
	}
	target := reflect.New(with.Type.Elem().Elem()) // *ent.YWhereInput
	restricted, err := addVisibility(v, target.Interface())
	if err != nil || !restricted {
		return err
	}
	has := reflect.New(s.Type())
	list := reflect.MakeSlice(with.Type, 1, 1)
	list.Index(0).Set(target)
	has.Elem().FieldByName(name + "With").Set(list)
	if !flag.Elem().Bool() {
		not := reflect.New(s.Type())
		not.Elem().FieldByName("Not").Set(has)
		has = not
	}
	out := has.MethodByName("P").Call(nil)
	if !out[1].IsNil() {
		return fmt.Errorf("rule: rewriting %s: %w", name, out[1].Interface().(error))
	}
	preds := s.FieldByName("Predicates")
	preds.Set(reflect.Append(preds, out[0]))
	flag.Set(reflect.Zero(flag.Type()))
	return nil
}

// addVisibility adds to a where input the predicate of the rows of its type
// that v may read, restating each schema's query policy as a predicate.
// It reports false when v reads every row of the type.
func addVisibility(v *viewer.Viewer, in any) (bool, error) {
	acc, accRestricted := ReadableAccounts(v)
	own := v == nil || !v.ReadsEverything()
	var userID int
	if v != nil {
		userID = v.UserID
	}
	switch w := in.(type) {
	// Reference data every member of staff reads (ReferencePolicy,
	// ReviewCyclePolicy).
	case *ent.UserWhereInput, *ent.CategoryWhereInput, *ent.GradingModelWhereInput,
		*ent.GradingModelVersionWhereInput, *ent.ClassPolicyWhereInput, *ent.PartnerTierWhereInput,
		*ent.TierRequirementWhereInput, *ent.TierBenefitWhereInput, *ent.ReviewCycleWhereInput,
		*ent.CustomMetricWhereInput:
		if v == nil {
			return false, fmt.Errorf("rule: no viewer")
		}
		return false, nil
	// Personal rows.
	case *ent.RoleAssignmentWhereInput:
		if own {
			w.AddPredicates(roleassignment.UserID(userID))
		}
		return own, nil
	case *ent.AuditEventWhereInput:
		if own {
			w.AddPredicates(auditevent.ActorID(userID))
		}
		return own, nil
	case *ent.NotificationWhereInput:
		w.AddPredicates(notification.RecipientID(userID))
		return true, nil
	case *ent.DataImportWhereInput:
		// DataImportPolicy: a person's own imports, all for those who read everything.
		if own {
			w.AddPredicates(dataimport.CreatedByID(userID))
		}
		return own, nil
	}
	if !accRestricted {
		switch in.(type) {
		case *ent.AccountWhereInput, *ent.ContactWhereInput, *ent.TouchpointWhereInput, *ent.OrderWhereInput,
			*ent.CollectionWhereInput, *ent.SatisfactionSurveyWhereInput, *ent.ComplaintWhereInput,
			*ent.AccountTeamMemberWhereInput, *ent.ActionWhereInput, *ent.AccountPlanWhereInput,
			*ent.ObjectiveWhereInput, *ent.MeasureWhereInput, *ent.ClassAssignmentWhereInput,
			*ent.ReviewResultWhereInput, *ent.ChurnAlertWhereInput, *ent.PartnerProfileWhereInput,
			*ent.TierEvaluationWhereInput:
			return false, nil
		}
		return false, fmt.Errorf("rule: no visibility rule for %T", in)
	}
	// Rows that follow their account (AccountPolicy, accountScoped).
	switch w := in.(type) {
	case *ent.AccountWhereInput:
		w.AddPredicates(acc)
	case *ent.ContactWhereInput:
		w.AddPredicates(contact.HasAccountWith(acc))
	case *ent.TouchpointWhereInput:
		w.AddPredicates(touchpoint.HasAccountWith(acc))
	case *ent.OrderWhereInput:
		w.AddPredicates(order.HasAccountWith(acc))
	case *ent.CollectionWhereInput:
		w.AddPredicates(collection.HasAccountWith(acc))
	case *ent.SatisfactionSurveyWhereInput:
		w.AddPredicates(satisfactionsurvey.HasAccountWith(acc))
	case *ent.ComplaintWhereInput:
		w.AddPredicates(complaint.HasAccountWith(acc))
	case *ent.AccountTeamMemberWhereInput:
		w.AddPredicates(accountteammember.HasAccountWith(acc))
	case *ent.ActionWhereInput:
		w.AddPredicates(action.HasAccountWith(acc))
	case *ent.AccountPlanWhereInput:
		w.AddPredicates(accountplan.HasAccountWith(acc))
	case *ent.ObjectiveWhereInput:
		w.AddPredicates(objective.HasPlanWith(accountplan.HasAccountWith(acc)))
	case *ent.MeasureWhereInput:
		w.AddPredicates(measure.HasObjectiveWith(objective.HasPlanWith(accountplan.HasAccountWith(acc))))
	case *ent.ClassAssignmentWhereInput:
		w.AddPredicates(classassignment.HasAccountWith(acc))
	case *ent.ReviewResultWhereInput:
		w.AddPredicates(reviewresult.HasAccountWith(acc))
	case *ent.ChurnAlertWhereInput:
		w.AddPredicates(churnalert.HasAccountWith(acc))
	case *ent.PartnerProfileWhereInput:
		w.AddPredicates(partnerprofile.HasAccountWith(acc))
	case *ent.TierEvaluationWhereInput:
		w.AddPredicates(tierevaluation.HasPartnerProfileWith(partnerprofile.HasAccountWith(acc)))
	default:
		return false, fmt.Errorf("rule: no visibility rule for %T", in)
	}
	return true, nil
}
