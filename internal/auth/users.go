package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/viewer"
)

// identity is what a verified ID token says about the person.
type identity struct {
	Subject           string
	Email             string
	EmailVerified     *bool // nil when the provider does not say
	Name              string
	PreferredUsername string
	Groups            []string
}

// devSubjectPrefix marks subjects minted by the development identity
// provider for users that had none (see DevIdP).
const devSubjectPrefix = "dev:"

func (s *Service) identityFrom(t *oidc.IDToken) (identity, error) {
	var claims map[string]any
	if err := t.Claims(&claims); err != nil {
		return identity{}, fmt.Errorf("error decoding ID token claims: %w", err)
	}
	id := identity{Subject: t.Subject}
	if id.Subject == "" || len(id.Subject) > 255 {
		return identity{}, errors.New("ID token subject is empty or too long")
	}
	s.mergeClaims(&id, claims)
	return id, nil
}

// mergeClaims fills what id lacks from claims (of the ID token, then of
// UserInfo): the ID token wins where both say something. email_verified
// travels with the email it qualifies.
func (s *Service) mergeClaims(id *identity, claims map[string]any) {
	if id.Email == "" {
		email, _ := claims["email"].(string)
		id.Email = strings.ToLower(strings.TrimSpace(email))
		id.EmailVerified = nil
		if id.Email != "" {
			id.EmailVerified = verifiedClaim(claims["email_verified"])
		}
	}
	if id.Name == "" {
		name, _ := claims["name"].(string)
		id.Name = strings.TrimSpace(name)
	}
	if id.PreferredUsername == "" {
		id.PreferredUsername, _ = claims["preferred_username"].(string)
	}
	if id.Groups == nil {
		switch v := claims[s.cfg.GroupsClaim].(type) {
		case []any:
			id.Groups = []string{}
			for _, g := range v {
				if g, ok := g.(string); ok {
					id.Groups = append(id.Groups, g)
				}
			}
		case string:
			id.Groups = []string{v}
		}
	}
}

func verifiedClaim(v any) *bool {
	switch v := v.(type) {
	case bool:
		return &v
	case string: // some providers send "true"/"false"
		b := strings.EqualFold(v, "true")
		return &b
	}
	return nil
}

// checkAuthorizedParty: an ID token for several audiences must name Summit
// as its authorized party (OpenID Connect Core 3.1.3.7), so a token issued
// to another client that merely lists Summit is refused; an azp, when
// present, must be Summit's.
func (s *Service) checkAuthorizedParty(t *oidc.IDToken) error {
	var claims struct {
		AZP string `json:"azp"`
	}
	if err := t.Claims(&claims); err != nil {
		return fmt.Errorf("error decoding azp: %w", err)
	}
	if len(t.Audience) > 1 && claims.AZP == "" {
		return fmt.Errorf("ID token has %d audiences and no azp", len(t.Audience))
	}
	if claims.AZP != "" && claims.AZP != s.cfg.ClientID {
		return fmt.Errorf("ID token was issued to %q", truncate(claims.AZP, 100))
	}
	return nil
}

// completeFromUserInfo fetches the UserInfo endpoint when the ID token
// lacks email, name or groups (many certified providers return them only
// there for response_type=code) and merges what it says. Its subject must
// be the ID token's (OpenID Connect Core 5.3.2): otherwise the answer is
// about someone else and the login is refused.
func (s *Service) completeFromUserInfo(ctx context.Context, token *oauth2.Token, id *identity) error {
	if id.Email != "" && id.Name != "" && id.Groups != nil {
		return nil
	}
	if s.dev != nil || s.provider == nil || s.provider.UserInfoEndpoint() == "" {
		return nil
	}
	info, err := s.provider.UserInfo(s.idpContext(ctx), oauth2.StaticTokenSource(token))
	if err != nil {
		if id.Email != "" {
			// The login can go on with what the ID token said.
			s.logger.WarnContext(ctx, "auth: UserInfo unavailable; using the ID token's claims", "error", err)
			return nil
		}
		return fmt.Errorf("error fetching UserInfo: %w", err)
	}
	if info.Subject != id.Subject {
		return fmt.Errorf("UserInfo subject %q is not the ID token's", truncate(info.Subject, 100))
	}
	var claims map[string]any
	if err := info.Claims(&claims); err != nil {
		return fmt.Errorf("error decoding UserInfo claims: %w", err)
	}
	s.mergeClaims(id, claims)
	return nil
}

// signIn finds, links or creates the user of id, updates email and name,
// replaces the user's IDP role assignments with those the groups map to,
// and returns the user. Refusals are pageErrors. Two first logins of one
// person racing each other both succeed: the loser of the insert retries.
func (s *Service) signIn(ctx context.Context, id identity) (*ent.User, error) {
	ctx = system(ctx)
	for attempt := 0; ; attempt++ {
		u, err := s.signInOnce(ctx, id)
		if attempt == 0 && ent.IsConstraintError(err) {
			continue
		}
		return u, err
	}
}

func (s *Service) signInOnce(ctx context.Context, id identity) (*ent.User, error) {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("error starting sign-in transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	u, err := s.upsertUser(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, errInactiveUser
	}
	if err := s.syncRoles(ctx, tx, u.ID, s.cfg.RoleMap.Grants(id.Groups)); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("error committing sign-in of user %d: %w", u.ID, err)
	}
	// The user's other sessions see the roles this sign-in synced at once.
	s.creds.forgetUser(u.ID)
	return u, nil
}

func (s *Service) upsertUser(ctx context.Context, tx *ent.Tx, id identity) (*ent.User, error) {
	now := s.now()
	u, err := tx.User.Query().Where(user.Subject(id.Subject)).ForUpdate().Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("error finding user by subject: %w", err)
	}
	if u == nil {
		// Link a user known by email (seeded or admin-created staff) on
		// their first login, unless the provider says the email is not
		// verified: then anyone could claim anyone's account.
		if id.Email == "" || len(id.Email) > 320 {
			return nil, errNoEmail
		}
		u, err = tx.User.Query().Where(user.EmailEqualFold(id.Email)).ForUpdate().Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, fmt.Errorf("error finding user by email: %w", err)
		}
		if u != nil {
			linked := u.Subject != nil && !(s.dev == nil && strings.HasPrefix(*u.Subject, devSubjectPrefix))
			// Only a verified email proves the person owns the account:
			// email_verified true, or a provider configured as trusted
			// (TrustEmail) that does not send the claim.
			verified := (id.EmailVerified != nil && *id.EmailVerified) || (id.EmailVerified == nil && s.cfg.TrustEmail)
			if linked || !verified {
				return nil, errIdentityConflict
			}
			upd := tx.User.UpdateOne(u).SetSubject(id.Subject).SetLastLoginAt(now)
			if id.Name != "" {
				upd.SetName(truncate(id.Name, 200))
			}
			return upd.Save(ctx)
		}
		u, err := tx.User.Create().
			SetSubject(id.Subject).
			SetEmail(id.Email).
			SetName(truncate(displayName(id), 200)).
			SetLastLoginAt(now).
			Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("error creating user: %w", err)
		}
		return u, nil
	}
	upd := tx.User.UpdateOne(u).SetLastLoginAt(now)
	if id.Email != "" && len(id.Email) <= 320 && id.Email != u.Email {
		taken, err := tx.User.Query().Where(user.EmailEqualFold(id.Email), user.IDNEQ(u.ID)).Exist(ctx)
		if err != nil {
			return nil, fmt.Errorf("error checking email of user %d: %w", u.ID, err)
		}
		if taken {
			return nil, errIdentityConflict
		}
		upd.SetEmail(id.Email)
	}
	if id.Name != "" {
		upd.SetName(truncate(id.Name, 200))
	}
	u, err = upd.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error updating user: %w", err)
	}
	return u, nil
}

func displayName(id identity) string {
	switch {
	case id.Name != "":
		return id.Name
	case id.PreferredUsername != "":
		return id.PreferredUsername
	default:
		return id.Email
	}
}

// syncRoles makes the user's IDP role assignments equal grants, leaving
// LOCAL (admin-assigned) ones alone; a grant a LOCAL assignment already
// gives is not duplicated. A change is audited as role.sync.
func (s *Service) syncRoles(ctx context.Context, tx *ent.Tx, userID int, grants []Grant) error {
	existing, err := tx.RoleAssignment.Query().Where(roleassignment.UserID(userID)).All(ctx)
	if err != nil {
		return fmt.Errorf("error loading roles of user %d: %w", userID, err)
	}
	var local, before []Grant
	for _, ra := range existing {
		g := Grant{Role: viewer.Role(ra.Role), Region: ra.Region}
		if ra.Source == roleassignment.SourceLOCAL {
			local = append(local, g)
		} else {
			before = append(before, g)
		}
	}
	var after []Grant
	for _, g := range grants {
		if !slices.Contains(local, g) {
			after = append(after, g)
		}
	}
	sortGrants(before)
	sortGrants(after)
	if slices.Equal(before, after) {
		return nil
	}
	if _, err := tx.RoleAssignment.Delete().
		Where(roleassignment.UserID(userID), roleassignment.SourceEQ(roleassignment.SourceIDP)).
		Exec(ctx); err != nil {
		return fmt.Errorf("error removing IDP roles of user %d: %w", userID, err)
	}
	for _, g := range after {
		c := tx.RoleAssignment.Create().
			SetUserID(userID).
			SetRole(roleassignment.Role(g.Role)).
			SetSource(roleassignment.SourceIDP)
		if g.Region != "" {
			c.SetRegion(g.Region)
		}
		if err := c.Exec(ctx); err != nil {
			return fmt.Errorf("error granting %s to user %d: %w", g, userID, err)
		}
	}
	return audit.Record(ctx, tx.Client(), audit.Event{
		EntityType: "User",
		EntityID:   userID,
		Action:     "role.sync",
		Before:     nonNil(before),
		After:      nonNil(after),
		Reason:     "roles from the identity provider's groups at login",
		RequestID:  s.cfg.RequestID(ctx),
	})
}

func nonNil(gs []Grant) []Grant {
	if gs == nil {
		return []Grant{}
	}
	return gs
}

// userViewer returns the viewer of an active user with the roles of all
// their assignments, or nil for a missing or deactivated user.
func (s *Service) userViewer(ctx context.Context, userID int) (*viewer.Viewer, error) {
	u, err := s.client.User.Query().Where(user.ID(userID)).WithRoleAssignments().Only(system(ctx))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error loading user %d: %w", userID, err)
	}
	if !u.Active {
		return nil, nil
	}
	v := &viewer.Viewer{Kind: viewer.KindUser, UserID: u.ID, Label: u.Email}
	v.Roles, v.Regions = rolesOf(u.Edges.RoleAssignments)
	return v, nil
}

// rolesOf returns the distinct roles of assignments, most powerful first,
// and a partner manager's regions: nil (every region) when any partner
// manager assignment has no region.
func rolesOf(assignments []*ent.RoleAssignment) ([]viewer.Role, []string) {
	var roles []viewer.Role
	var regions []string
	allRegions := false
	for _, ra := range assignments {
		r := viewer.Role(ra.Role)
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
		if r == viewer.RolePartnerManager {
			if ra.Region == "" {
				allRegions = true
			} else if !slices.Contains(regions, ra.Region) {
				regions = append(regions, ra.Region)
			}
		}
	}
	slices.SortFunc(roles, func(a, b viewer.Role) int { return roleRank(a) - roleRank(b) })
	if allRegions {
		regions = nil
	}
	slices.Sort(regions)
	return roles, regions
}
