package accounts

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// CreateInput is a new account. Optional fields are pointers; nil takes the
// schema default.
type CreateInput struct {
	Code   string
	Name   string
	NameEn *string
	Kind   account.Kind
	// CategoryID, ParentID and OwnerID must name existing rows; the parent
	// must be an account the viewer may read. OwnerID defaults to the viewer.
	CategoryID          *int
	GeoScope            *account.GeoScope
	Region              *string
	Province            *string
	City                *string
	Industry            *string
	ParentID            *int
	LifecycleStage      *account.LifecycleStage
	OwnerID             *int
	CreditRating        *account.CreditRating
	Currency            *string
	CreditLimitMinor    *int64
	PaymentTermsDays    *int
	PriceCoefficient    *float64
	InfluenceScore      *int
	PotentialValueMinor *int64
	ExpectedCloseOn     *time.Time
}

// UpdateInput changes an account: nil leaves a field alone, a Clear flag
// empties an optional field (setting and clearing the same field is an
// error).
type UpdateInput struct {
	Code                     *string
	Name                     *string
	NameEn                   *string
	Kind                     *account.Kind
	CategoryID               *int
	ClearCategory            bool
	GeoScope                 *account.GeoScope
	Region                   *string
	Province                 *string
	City                     *string
	Industry                 *string
	ParentID                 *int
	ClearParent              bool
	LifecycleStage           *account.LifecycleStage
	OwnerID                  *int
	ClearOwner               bool
	CreditRating             *account.CreditRating
	ClearCreditRating        bool
	Currency                 *string
	CreditLimitMinor         *int64
	PaymentTermsDays         *int
	PriceCoefficient         *float64
	InfluenceScore           *int
	ClearInfluenceScore      bool
	PotentialValueMinor      *int64
	ClearPotentialValueMinor bool
	ExpectedCloseOn          *time.Time
	ClearExpectedCloseOn     bool
}

// codePattern is what an external customer number may look like: letters,
// digits and a few separators, no spaces.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// maxBytes mirrors the schema's MaxLen, which counts bytes: a Chinese
// character takes three.
func checkLen(field, v string, limit int) error {
	if len(v) > limit {
		return refusal.Invalidf(field, "is too long: at most %d bytes (about %d Chinese characters), got %d", limit, limit/3, len(v))
	}
	if !utf8.ValidString(v) {
		return refusal.Invalidf(field, "is not valid UTF-8")
	}
	return nil
}

func checkCode(v string) error {
	switch {
	case v == "":
		return refusal.Invalidf("code", "must not be empty")
	case len(v) > 64:
		return refusal.Invalidf("code", "is too long: at most 64 characters")
	case !codePattern.MatchString(v):
		return refusal.Invalidf("code", "may contain letters, digits and . _ / - only, starting with a letter or digit")
	}
	return nil
}

func checkName(field, v string) error {
	if v == "" {
		return refusal.Invalidf(field, "must not be empty")
	}
	return checkLen(field, v, 300)
}

// checkCommon validates the fields create and update share; nil means
// "not given".
func checkCommon(nameEn, region, province, city, industry, currency *string, paymentTerms *int,
	price *float64, influence *int, potential, creditLimit *int64) error {
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"nameEn", nameEn, 300}, {"region", region, 64}, {"province", province, 64}, {"city", city, 64}, {"industry", industry, 128}} {
		if f.v != nil {
			if err := checkLen(f.name, *f.v, f.max); err != nil {
				return err
			}
		}
	}
	if currency != nil && !currencyPattern.MatchString(*currency) {
		return refusal.Invalidf("currency", "must be an ISO 4217 code such as CNY")
	}
	if paymentTerms != nil && (*paymentTerms < 0 || *paymentTerms > 3650) {
		return refusal.Invalidf("paymentTermsDays", "must be between 0 and 3650")
	}
	// numeric(6,4): at most 99.9999.
	if price != nil && (*price <= 0 || *price >= 100) {
		return refusal.Invalidf("priceCoefficient", "must be greater than 0 and less than 100")
	}
	if influence != nil && (*influence < 0 || *influence > 100) {
		return refusal.Invalidf("influenceScore", "must be between 0 and 100")
	}
	if potential != nil && *potential < 0 {
		return refusal.Invalidf("potentialValueMinor", "must not be negative")
	}
	if creditLimit != nil && *creditLimit < 0 {
		return refusal.Invalidf("creditLimitMinor", "must not be negative")
	}
	return nil
}

// trimmed returns a copy of *p without surrounding spaces, or nil.
func trimmed(p *string) *string {
	if p == nil {
		return nil
	}
	s := strings.TrimSpace(*p)
	return &s
}

// checkRefs validates the rows an account points at. parentID must be a
// live account the viewer may read and, for an existing account (self != 0),
// not the account itself or one of its descendants.
func checkRefs(ctx context.Context, client *ent.Client, self int, categoryID, parentID, ownerID *int) error {
	if categoryID != nil {
		_, err := client.Category.Get(ctx, *categoryID)
		if ent.IsNotFound(err) {
			return refusal.Invalidf("categoryID", "no such category")
		}
		if err != nil {
			return fmt.Errorf("error checking category %d: %w", *categoryID, err)
		}
	}
	if ownerID != nil {
		u, err := client.User.Get(ctx, *ownerID)
		if ent.IsNotFound(err) {
			return refusal.Invalidf("ownerID", "no such user")
		}
		if err != nil {
			return fmt.Errorf("error checking owner %d: %w", *ownerID, err)
		}
		if !u.Active {
			return refusal.Invalidf("ownerID", "user %d is not active", *ownerID)
		}
	}
	if parentID != nil {
		if *parentID == self {
			return refusal.Invalidf("parentID", "an account cannot be its own parent")
		}
		p, err := client.Account.Get(ctx, *parentID)
		if ent.IsNotFound(err) {
			return refusal.Invalidf("parentID", "no such account")
		}
		if err != nil {
			return fmt.Errorf("error checking parent %d: %w", *parentID, err)
		}
		if p.Archived {
			return refusal.Invalidf("parentID", "account %d is archived", *parentID)
		}
		if self != 0 {
			cycle, err := isAncestor(ctx, client, self, *parentID)
			if err != nil {
				return err
			}
			if cycle {
				return refusal.Invalidf("parentID", "account %d is below this account; the hierarchy would become a cycle", *parentID)
			}
		}
	}
	return nil
}

// isAncestor reports whether account anc is an ancestor of account id or id
// itself, walking parent links in one recursive query. The walk reads the
// raw hierarchy (a cycle through an account the viewer cannot read is still a
// cycle); only the answer, about an account the viewer edits, comes back.
func isAncestor(ctx context.Context, client *ent.Client, anc, id int) (bool, error) {
	ok, err := client.Account.Query().
		Where(account.ID(anc), func(s *sql.Selector) {
			s.Where(inChain(s.C(account.FieldID), "accounts", "parent_id", id))
		}).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("error checking the hierarchy above account %d: %w", id, err)
	}
	return ok, nil
}

// inChain is "col IN (start and every row above it)", following parentCol
// links in table with a recursive CTE.
func inChain(col, table, parentCol string, start int) *sql.Predicate {
	return sql.P(func(b *sql.Builder) {
		b.WriteString(col + ` IN (WITH RECURSIVE up(id, depth) AS (SELECT `).Arg(start).
			WriteString(`::bigint, 0 UNION ALL SELECT t.` + parentCol + `, up.depth + 1 FROM ` + table + ` t JOIN up ON t.id = up.id` +
				` WHERE t.` + parentCol + ` IS NOT NULL AND up.depth < `).Arg(maxDepth).WriteString(`) SELECT id FROM up)`)
	})
}

// maxDepth bounds hierarchy walks, so corrupt data cannot loop forever.
const maxDepth = 64

// editable reports whether the viewer may change account id (which they
// already may read).
func editable(ctx context.Context, client *ent.Client, id int) (bool, error) {
	p, restricted := rule.EditableAccounts(viewer.FromContext(ctx))
	if !restricted {
		return true, nil
	}
	ok, err := client.Account.Query().Where(account.ID(id), p).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("error checking edit rights on account %d: %w", id, err)
	}
	return ok, nil
}

// loadForChange loads an account the viewer wants to change: not found when
// they may not read it, forbidden when they may read but not change it, a
// conflict when version is not the current one.
func loadForChange(ctx context.Context, client *ent.Client, id, version int) (*ent.Account, error) {
	a, err := client.Account.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("error loading account %d: %w", id, err)
	}
	ok, err := editable(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errForbidden("account", id)
	}
	if a.Version != version {
		return nil, refusal.Conflictf("account %d is at version %d, not %d; reload and retry", id, a.Version, version).
			With("currentVersion", a.Version)
	}
	return a, nil
}

var accountConstraints = map[string]string{"account_code": "an account with this code already exists"}

// Create validates in and creates the account, audited as "account.create".
// client should be a transaction's client.
func Create(ctx context.Context, client *ent.Client, in CreateInput) (*ent.Account, error) {
	code := strings.TrimSpace(in.Code)
	name := strings.TrimSpace(in.Name)
	if err := checkCode(code); err != nil {
		return nil, err
	}
	if err := checkName("name", name); err != nil {
		return nil, err
	}
	if account.KindValidator(in.Kind) != nil {
		return nil, refusal.Invalidf("kind", "unknown kind %q", in.Kind)
	}
	in.NameEn, in.Region, in.Province, in.City, in.Industry = trimmed(in.NameEn), trimmed(in.Region), trimmed(in.Province), trimmed(in.City), trimmed(in.Industry)
	if err := checkCommon(in.NameEn, in.Region, in.Province, in.City, in.Industry, in.Currency, in.PaymentTermsDays,
		in.PriceCoefficient, in.InfluenceScore, in.PotentialValueMinor, in.CreditLimitMinor); err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if in.OwnerID == nil && v != nil && v.UserID != 0 {
		in.OwnerID = &v.UserID
	}
	// Whoever does not read every account (a key-account manager) creates
	// accounts they own, or they would lose sight of them at once; handing
	// one to someone else is an update.
	if !v.ReadsEverything() && (in.OwnerID == nil || *in.OwnerID != v.UserID) {
		return nil, errCreateForOthers
	}
	c := client.Account.Create().
		SetCode(code).
		SetName(name).
		SetKind(in.Kind).
		SetNillableNameEn(in.NameEn).
		SetNillableCategoryID(in.CategoryID).
		SetNillableGeoScope(in.GeoScope).
		SetNillableRegion(in.Region).
		SetNillableProvince(in.Province).
		SetNillableCity(in.City).
		SetNillableIndustry(in.Industry).
		SetNillableParentID(in.ParentID).
		SetNillableLifecycleStage(in.LifecycleStage).
		SetNillableOwnerID(in.OwnerID).
		SetNillableCreditRating(in.CreditRating).
		SetNillableCurrency(in.Currency).
		SetNillableCreditLimitMinor(in.CreditLimitMinor).
		SetNillablePaymentTermsDays(in.PaymentTermsDays).
		SetNillablePriceCoefficient(in.PriceCoefficient).
		SetNillableInfluenceScore(in.InfluenceScore).
		SetNillablePotentialValueMinor(in.PotentialValueMinor).
		SetNillableExpectedCloseOn(in.ExpectedCloseOn)
	// Ask the access rules first, so a viewer who may not create accounts
	// learns that rather than which referenced rows they cannot see.
	if err := rule.AccountPolicy().EvalMutation(ctx, c.Mutation()); err != nil && !errors.Is(err, privacy.Allow) {
		return nil, err
	}
	if err := checkRefs(ctx, client, 0, in.CategoryID, in.ParentID, in.OwnerID); err != nil {
		return nil, err
	}
	a, err := c.Save(ctx)
	if err != nil {
		return nil, constraintConflict(fmt.Errorf("error creating account %s: %w", code, err), accountConstraints)
	}
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: a.ID, Action: "account.create",
		After: snapshot(a),
	})
	if err != nil {
		return nil, err
	}
	// The owner leads the account team: without this row the new account
	// would start with a coverage gap and the owner's team-based rights
	// (and the one-account-manager rule) would not hold.
	if a.OwnerID != nil {
		tm, err := client.AccountTeamMember.Create().
			SetAccountID(a.ID).SetUserID(*a.OwnerID).
			SetRole(accountteammember.RoleACCOUNT_MANAGER).
			SetAccessLevel(accountteammember.AccessLevelEDIT).
			Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("error adding the owner to the team of account %s: %w", code, err)
		}
		err = audit.Record(ctx, client, audit.Event{
			EntityType: "Account", EntityID: a.ID, Action: "team.add",
			After:  map[string]any{"teamMemberID": tm.ID, "userID": tm.UserID, "role": tm.Role, "accessLevel": tm.AccessLevel},
			Reason: "owner of a new account",
		})
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Update applies in to account id at version and increments the version,
// audited as "account.update" with the before and after of the fields that
// changed. A stale version is a conflict and changes nothing.
func Update(ctx context.Context, client *ent.Client, id, version int, in UpdateInput) (*ent.Account, error) {
	if in.Code != nil {
		in.Code = trimmed(in.Code)
		if err := checkCode(*in.Code); err != nil {
			return nil, err
		}
	}
	if in.Name != nil {
		in.Name = trimmed(in.Name)
		if err := checkName("name", *in.Name); err != nil {
			return nil, err
		}
	}
	if in.Kind != nil && account.KindValidator(*in.Kind) != nil {
		return nil, refusal.Invalidf("kind", "unknown kind %q", *in.Kind)
	}
	for _, c := range []struct {
		set   bool
		clear bool
		field string
	}{
		{in.CategoryID != nil, in.ClearCategory, "clearCategory"},
		{in.ParentID != nil, in.ClearParent, "clearParent"},
		{in.OwnerID != nil, in.ClearOwner, "clearOwner"},
		{in.CreditRating != nil, in.ClearCreditRating, "clearCreditRating"},
		{in.InfluenceScore != nil, in.ClearInfluenceScore, "clearInfluenceScore"},
		{in.PotentialValueMinor != nil, in.ClearPotentialValueMinor, "clearPotentialValueMinor"},
		{in.ExpectedCloseOn != nil, in.ClearExpectedCloseOn, "clearExpectedCloseOn"},
	} {
		if c.set && c.clear {
			return nil, refusal.Invalidf(c.field, "cannot set and clear the same field")
		}
	}
	in.NameEn, in.Region, in.Province, in.City, in.Industry = trimmed(in.NameEn), trimmed(in.Region), trimmed(in.Province), trimmed(in.City), trimmed(in.Industry)
	if err := checkCommon(in.NameEn, in.Region, in.Province, in.City, in.Industry, in.Currency, in.PaymentTermsDays,
		in.PriceCoefficient, in.InfluenceScore, in.PotentialValueMinor, in.CreditLimitMinor); err != nil {
		return nil, err
	}
	before, err := loadForChange(ctx, client, id, version)
	if err != nil {
		return nil, err
	}
	if before.Archived {
		return nil, refusal.Conflictf("account %d is archived; unarchive it before editing", id)
	}
	if err := checkRefs(ctx, client, id, in.CategoryID, in.ParentID, in.OwnerID); err != nil {
		return nil, err
	}
	u := client.Account.UpdateOneID(id).
		Where(account.Version(version)).
		AddVersion(1).
		SetNillableCode(in.Code).
		SetNillableName(in.Name).
		SetNillableNameEn(in.NameEn).
		SetNillableKind(in.Kind).
		SetNillableCategoryID(in.CategoryID).
		SetNillableGeoScope(in.GeoScope).
		SetNillableRegion(in.Region).
		SetNillableProvince(in.Province).
		SetNillableCity(in.City).
		SetNillableIndustry(in.Industry).
		SetNillableParentID(in.ParentID).
		SetNillableLifecycleStage(in.LifecycleStage).
		SetNillableOwnerID(in.OwnerID).
		SetNillableCreditRating(in.CreditRating).
		SetNillableCurrency(in.Currency).
		SetNillableCreditLimitMinor(in.CreditLimitMinor).
		SetNillablePaymentTermsDays(in.PaymentTermsDays).
		SetNillablePriceCoefficient(in.PriceCoefficient).
		SetNillableInfluenceScore(in.InfluenceScore).
		SetNillablePotentialValueMinor(in.PotentialValueMinor).
		SetNillableExpectedCloseOn(in.ExpectedCloseOn)
	if in.ClearCategory {
		u.ClearCategoryID()
	}
	if in.ClearParent {
		u.ClearParentID()
	}
	if in.ClearOwner {
		u.ClearOwnerID()
	}
	if in.ClearCreditRating {
		u.ClearCreditRating()
	}
	if in.ClearInfluenceScore {
		u.ClearInfluenceScore()
	}
	if in.ClearPotentialValueMinor {
		u.ClearPotentialValueMinor()
	}
	if in.ClearExpectedCloseOn {
		u.ClearExpectedCloseOn()
	}
	after, err := save(ctx, u, id, version)
	if err != nil {
		return nil, err
	}
	b, a := diff(snapshot(before), snapshot(after))
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: id, Action: "account.update",
		Before: b, After: a,
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// save runs a version-guarded update: no row means another writer moved the
// version on between our read and our write.
func save(ctx context.Context, u *ent.AccountUpdateOne, id, version int) (*ent.Account, error) {
	a, err := u.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Conflictf("account %d changed while saving version %d; reload and retry", id, version)
	}
	if err != nil {
		return nil, constraintConflict(fmt.Errorf("error updating account %d: %w", id, err), accountConstraints)
	}
	return a, nil
}

// Archive archives account id at version: it leaves lists and search but
// keeps its history. Audited as "account.archive" with the reason.
func Archive(ctx context.Context, client *ent.Client, id, version int, reason string) (*ent.Account, error) {
	return setArchived(ctx, client, id, version, reason, true)
}

// Unarchive brings an archived account back, audited as "account.unarchive".
func Unarchive(ctx context.Context, client *ent.Client, id, version int, reason string) (*ent.Account, error) {
	return setArchived(ctx, client, id, version, reason, false)
}

func setArchived(ctx context.Context, client *ent.Client, id, version int, reason string, archived bool) (*ent.Account, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, refusal.Invalidf("reason", "a reason is required")
	}
	before, err := loadForChange(ctx, client, id, version)
	if err != nil {
		return nil, err
	}
	action := "account.archive"
	if !archived {
		action = "account.unarchive"
	}
	if before.Archived == archived {
		state := "archived"
		if !archived {
			state = "not archived"
		}
		return nil, refusal.Conflictf("account %d is already %s", id, state)
	}
	u := client.Account.UpdateOneID(id).Where(account.Version(version)).AddVersion(1).SetArchived(archived)
	if archived {
		u.SetArchivedAt(time.Now())
	} else {
		u.ClearArchivedAt()
	}
	after, err := save(ctx, u, id, version)
	if err != nil {
		return nil, err
	}
	b, a := diff(snapshot(before), snapshot(after))
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: id, Action: action,
		Before: b, After: a, Reason: strings.TrimSpace(reason),
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// snapshot is what the audit trail keeps of an account: the editable
// fields, named as in the API.
func snapshot(a *ent.Account) map[string]any {
	m := map[string]any{
		"code": a.Code, "name": a.Name, "nameEn": a.NameEn, "kind": a.Kind,
		"categoryID": a.CategoryID, "geoScope": a.GeoScope, "region": a.Region,
		"province": a.Province, "city": a.City, "industry": a.Industry,
		"parentID": a.ParentID, "lifecycleStage": a.LifecycleStage, "ownerID": a.OwnerID,
		"creditRating": a.CreditRating, "currency": a.Currency, "creditLimitMinor": a.CreditLimitMinor,
		"paymentTermsDays": a.PaymentTermsDays, "priceCoefficient": a.PriceCoefficient,
		"influenceScore": a.InfluenceScore, "potentialValueMinor": a.PotentialValueMinor,
		"expectedCloseOn": nil, "archived": a.Archived, "version": a.Version,
	}
	if a.ExpectedCloseOn != nil {
		m["expectedCloseOn"] = a.ExpectedCloseOn.Format(time.DateOnly)
	}
	for k, v := range m {
		m[k] = deref(v)
	}
	return m
}

// deref turns typed nil pointers into nil and other pointers into values, so
// snapshots compare and marshal by value.
func deref(v any) any {
	switch p := v.(type) {
	case *int:
		if p == nil {
			return nil
		}
		return *p
	case *int64:
		if p == nil {
			return nil
		}
		return *p
	case *account.CreditRating:
		if p == nil {
			return nil
		}
		return string(*p)
	case fmt.Stringer:
		return p.String()
	}
	return v
}

// diff keeps the keys whose values differ.
func diff(before, after map[string]any) (b, a map[string]any) {
	b, a = map[string]any{}, map[string]any{}
	keys := maps.Keys(after)
	for k := range keys {
		if before[k] != after[k] {
			b[k], a[k] = before[k], after[k]
		}
	}
	return b, a
}
