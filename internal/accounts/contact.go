package accounts

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/contact"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
)

// CreateContactInput is a new stakeholder at an account.
type CreateContactInput struct {
	AccountID  int
	Name       string
	Title      *string
	Department *string
	Email      *string
	Phone      *string
	BuyingRole *contact.BuyingRole
	Attitude   *contact.Attitude
	// RelationshipStrength is 1 (none) to 5 (trusted advisor); defaults to 3.
	RelationshipStrength *int
	// ReportsToID must be a contact of the same account.
	ReportsToID *int
}

// UpdateContactInput changes a contact: nil leaves a field alone.
type UpdateContactInput struct {
	Name                 *string
	Title                *string
	Department           *string
	Email                *string
	Phone                *string
	BuyingRole           *contact.BuyingRole
	ClearBuyingRole      bool
	Attitude             *contact.Attitude
	RelationshipStrength *int
	ReportsToID          *int
	ClearReportsTo       bool
}

func checkContactFields(name, title, department, email, phone *string, role *contact.BuyingRole,
	attitude *contact.Attitude, strength *int) error {
	if name != nil {
		if err := checkName("name", *name); err != nil {
			return err
		}
		if err := checkLen("name", *name, 200); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"title", title, 200}, {"department", department, 200}, {"email", email, 320}, {"phone", phone, 64}} {
		if f.v != nil {
			if err := checkLen(f.name, *f.v, f.max); err != nil {
				return err
			}
		}
	}
	if email != nil && *email != "" {
		if a, err := mail.ParseAddress(*email); err != nil || a.Address != *email {
			return refusal.Invalidf("email", "is not an email address")
		}
	}
	if role != nil && contact.BuyingRoleValidator(*role) != nil {
		return refusal.Invalidf("buyingRole", "unknown buying role %q", *role)
	}
	if attitude != nil && contact.AttitudeValidator(*attitude) != nil {
		return refusal.Invalidf("attitude", "unknown attitude %q", *attitude)
	}
	if strength != nil && (*strength < 1 || *strength > 5) {
		return refusal.Invalidf("relationshipStrength", "must be between 1 and 5")
	}
	return nil
}

// checkReportsTo validates a new manager for contact self (0 for a new
// contact) of account accountID: a contact of the same account, and not the
// contact itself or anyone who (indirectly) reports to it.
func checkReportsTo(ctx context.Context, client *ent.Client, self, accountID, managerID int) error {
	if managerID == self {
		return refusal.Invalidf("reportsToID", "a contact cannot report to itself")
	}
	m, err := client.Contact.Get(ctx, managerID)
	if ent.IsNotFound(err) {
		return refusal.Invalidf("reportsToID", "no such contact")
	}
	if err != nil {
		return fmt.Errorf("error loading contact %d: %w", managerID, err)
	}
	if m.AccountID != accountID {
		return refusal.Invalidf("reportsToID", "contact %d belongs to another account", managerID)
	}
	if self == 0 {
		return nil
	}
	cycle, err := client.Contact.Query().
		Where(contact.ID(self), func(s *sql.Selector) {
			s.Where(inChain(s.C(contact.FieldID), "contacts", "reports_to_id", managerID))
		}).Exist(ctx)
	if err != nil {
		return fmt.Errorf("error checking the reporting line above contact %d: %w", managerID, err)
	}
	if cycle {
		return refusal.Invalidf("reportsToID", "contact %d reports (indirectly) to this contact; the org chart would become a cycle", managerID)
	}
	return nil
}

// contactSnapshot is what the audit trail keeps of a contact.
func contactSnapshot(c *ent.Contact) map[string]any {
	m := map[string]any{
		"name": c.Name, "title": c.Title, "department": c.Department, "email": c.Email, "phone": c.Phone,
		"buyingRole": nil, "attitude": c.Attitude.String(), "relationshipStrength": c.RelationshipStrength,
		"reportsToID": nil, "active": c.Active, "leftAt": nil,
	}
	if c.BuyingRole != nil {
		m["buyingRole"] = c.BuyingRole.String()
	}
	if c.ReportsToID != nil {
		m["reportsToID"] = *c.ReportsToID
	}
	if c.LeftAt != nil {
		m["leftAt"] = c.LeftAt.UTC().Format(time.RFC3339)
	}
	return m
}

// CreateContact adds a stakeholder to an account, audited as
// "contact.create".
func CreateContact(ctx context.Context, client *ent.Client, in CreateContactInput) (*ent.Contact, error) {
	name := strings.TrimSpace(in.Name)
	in.Title, in.Department, in.Email, in.Phone = trimmed(in.Title), trimmed(in.Department), trimmed(in.Email), trimmed(in.Phone)
	if err := checkContactFields(&name, in.Title, in.Department, in.Email, in.Phone, in.BuyingRole, in.Attitude, in.RelationshipStrength); err != nil {
		return nil, err
	}
	if _, err := checkAccountEditable(ctx, client, in.AccountID); err != nil {
		return nil, err
	}
	if in.ReportsToID != nil {
		if err := checkReportsTo(ctx, client, 0, in.AccountID, *in.ReportsToID); err != nil {
			return nil, err
		}
	}
	c, err := client.Contact.Create().
		SetAccountID(in.AccountID).
		SetName(name).
		SetNillableTitle(in.Title).
		SetNillableDepartment(in.Department).
		SetNillableEmail(in.Email).
		SetNillablePhone(in.Phone).
		SetNillableBuyingRole(in.BuyingRole).
		SetNillableAttitude(in.Attitude).
		SetNillableRelationshipStrength(in.RelationshipStrength).
		SetNillableReportsToID(in.ReportsToID).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating a contact of account %d: %w", in.AccountID, err)
	}
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Contact", EntityID: c.ID, Action: "contact.create", After: contactSnapshot(c),
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// loadContactForChange loads contact id: not found when the viewer may not
// read it, forbidden when they may not change its account's data.
func loadContactForChange(ctx context.Context, client *ent.Client, id int) (*ent.Contact, error) {
	c, err := client.Contact.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("error loading contact %d: %w", id, err)
	}
	if _, err := checkAccountEditable(ctx, client, c.AccountID); err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateContact changes a contact, audited as "contact.update" with the
// fields that changed.
func UpdateContact(ctx context.Context, client *ent.Client, id int, in UpdateContactInput) (*ent.Contact, error) {
	in.Name, in.Title, in.Department, in.Email, in.Phone = trimmed(in.Name), trimmed(in.Title), trimmed(in.Department), trimmed(in.Email), trimmed(in.Phone)
	if err := checkContactFields(in.Name, in.Title, in.Department, in.Email, in.Phone, in.BuyingRole, in.Attitude, in.RelationshipStrength); err != nil {
		return nil, err
	}
	if in.BuyingRole != nil && in.ClearBuyingRole {
		return nil, refusal.Invalidf("clearBuyingRole", "cannot set and clear the same field")
	}
	if in.ReportsToID != nil && in.ClearReportsTo {
		return nil, refusal.Invalidf("clearReportsTo", "cannot set and clear the same field")
	}
	before, err := loadContactForChange(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if in.ReportsToID != nil {
		if err := checkReportsTo(ctx, client, id, before.AccountID, *in.ReportsToID); err != nil {
			return nil, err
		}
	}
	u := client.Contact.UpdateOneID(id).
		SetNillableName(in.Name).
		SetNillableTitle(in.Title).
		SetNillableDepartment(in.Department).
		SetNillableEmail(in.Email).
		SetNillablePhone(in.Phone).
		SetNillableBuyingRole(in.BuyingRole).
		SetNillableAttitude(in.Attitude).
		SetNillableRelationshipStrength(in.RelationshipStrength).
		SetNillableReportsToID(in.ReportsToID)
	if in.ClearBuyingRole {
		u.ClearBuyingRole()
	}
	if in.ClearReportsTo {
		u.ClearReportsToID()
	}
	after, err := u.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error updating contact %d: %w", id, err)
	}
	b, a := diff(contactSnapshot(before), contactSnapshot(after))
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Contact", EntityID: id, Action: "contact.update", Before: b, After: a,
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// MarkContactLeft records that a contact left the account (at leftAt, now
// when nil): the contact turns inactive and, for a decision maker, feeds
// the churn signal "key contact left". Audited as "contact.left".
func MarkContactLeft(ctx context.Context, client *ent.Client, id int, leftAt *time.Time, now time.Time) (*ent.Contact, error) {
	at := now
	if leftAt != nil {
		at = *leftAt
	}
	if at.After(now.Add(time.Minute)) {
		return nil, refusal.Invalidf("leftAt", "must not be in the future")
	}
	before, err := loadContactForChange(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if !before.Active {
		return nil, refusal.Conflictf("contact %d has already left", id)
	}
	after, err := client.Contact.UpdateOneID(id).SetActive(false).SetLeftAt(at).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error marking contact %d as left: %w", id, err)
	}
	b, a := diff(contactSnapshot(before), contactSnapshot(after))
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Contact", EntityID: id, Action: "contact.left", Before: b, After: a,
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// LastTouched returns, for each of the accounts, when each contact took part
// in the latest of the account's touchpoints (account id → contact id →
// time), in one SQL statement over the touchpoints the viewer may read. It
// starts from the touchpoints index (account_id, occurred_at) because the
// join table touchpoint_contacts has no index on contact_id alone. Contacts
// never touched are missing from the result.
func LastTouched(ctx context.Context, client *ent.Client, accountIDs []int) (map[int]map[int]time.Time, error) {
	out := make(map[int]map[int]time.Time, len(accountIDs))
	if len(accountIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		AccountID int       `sql:"account_id"`
		ContactID int       `sql:"contact_id"`
		Last      time.Time `sql:"last_touched_at"`
	}
	err := client.Touchpoint.Query().
		Where(func(s *sql.Selector) {
			s.Where(sql.P(func(b *sql.Builder) {
				b.WriteString(s.C(touchpoint.FieldAccountID) + " = ANY(").Arg(accountIDs).WriteString(")")
			}))
		}).
		Modify(func(s *sql.Selector) {
			tc := sql.Table(touchpoint.ContactsTable)
			s.Join(tc).On(s.C(touchpoint.FieldID), tc.C(touchpoint.ContactsPrimaryKey[0]))
			contactID := tc.C(touchpoint.ContactsPrimaryKey[1]) // after Join, which aliases tc
			s.Select(sql.As(s.C(touchpoint.FieldAccountID), "account_id"), sql.As(contactID, "contact_id"))
			s.AppendSelectExprAs(sql.Raw("max("+s.C(touchpoint.FieldOccurredAt)+")"), "last_touched_at")
			s.GroupBy(s.C(touchpoint.FieldAccountID), contactID)
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("error loading when the contacts of %d accounts were last touched: %w", len(accountIDs), err)
	}
	for _, r := range rows {
		if out[r.AccountID] == nil {
			out[r.AccountID] = map[int]time.Time{}
		}
		out[r.AccountID][r.ContactID] = r.Last
	}
	return out, nil
}
