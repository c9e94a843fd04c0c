package auth

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/servicetoken"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/viewer"
)

// TokenPrefix starts every service token, so that a leaked one is easy to
// recognise (secret scanners, logs) and a session id is never mistaken for
// one.
const TokenPrefix = "smt_"

// TokenStore creates, lists, revokes and checks service tokens: bearer
// credentials for scripts and integrations. A token is 32 random bytes,
// shown once at creation; only its SHA-256 hash is stored.
type TokenStore struct {
	// Client is the database. Required.
	Client *ent.Client
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time

	// revoked, when set (the Service's own store), is told the hash of a
	// token this store revoked, so its credential cache drops it at once.
	revoked func(tokenHash string)
}

func (s *TokenStore) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// NewToken describes a token to create.
type NewToken struct {
	// Name identifies the token (unique), e.g. "erp-sync".
	Name string
	// Role is the one role the token grants.
	Role viewer.Role
	// UserEmail, when set, makes the token act for that (active) user, who
	// must hold Role: a token never grants more than its user has.
	UserEmail string
	// Region, when set, narrows a PARTNER_MANAGER token to that region (one
	// of its user's regions, when it acts for a region-limited user).
	Region string
	// ExpiresIn, when positive, ends the token after that long.
	ExpiresIn time.Duration
	// CreatedBy says who created it (an email or "cli:<os user>").
	CreatedBy string
}

var tokenNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// Errors of the token store.
var (
	ErrTokenExists   = errors.New("a token with this name already exists")
	ErrTokenNotFound = errors.New("no token with this name")
)

// Create stores a new token and returns its secret, the only time it is
// available. The creation is audited (token.create), attributed to the
// viewer in ctx (the CLI passes viewer.System(ctx, "cli:token")), or to
// system:auth when there is none.
func (s *TokenStore) Create(ctx context.Context, nt NewToken) (string, *ent.ServiceToken, error) {
	if !tokenNamePattern.MatchString(nt.Name) {
		return "", nil, fmt.Errorf("token name %q: use 1–100 letters, digits, '.', '_' or '-'", nt.Name)
	}
	if !nt.Role.Valid() {
		return "", nil, fmt.Errorf("unknown role %q (want one of %v)", nt.Role, viewer.AllRoles)
	}
	if nt.ExpiresIn < 0 {
		return "", nil, errors.New("expiry must be positive")
	}
	nt.Region = strings.TrimSpace(nt.Region)
	if nt.Region != "" && nt.Role != viewer.RolePartnerManager {
		return "", nil, fmt.Errorf("a region narrows only a %s token", viewer.RolePartnerManager)
	}
	if len(nt.Region) > 64 {
		return "", nil, errors.New("region: at most 64 characters")
	}
	if nt.CreatedBy == "" {
		nt.CreatedBy = "unknown"
	}
	ctx = actor(ctx)
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("error starting transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	secret := TokenPrefix + randomToken(32)
	now := s.now()
	create := tx.ServiceToken.Create().
		SetName(nt.Name).
		SetTokenHash(hashSecret(secret)).
		SetRole(servicetoken.Role(nt.Role)).
		SetCreatedBy(truncate(nt.CreatedBy, 320)).
		SetCreatedAt(now)
	if nt.UserEmail != "" {
		u, err := tx.User.Query().Where(user.EmailEqualFold(nt.UserEmail)).WithRoleAssignments().Only(ctx)
		if ent.IsNotFound(err) {
			return "", nil, fmt.Errorf("no user with email %q", nt.UserEmail)
		}
		if err != nil {
			return "", nil, fmt.Errorf("error finding user %q: %w", nt.UserEmail, err)
		}
		if !u.Active {
			return "", nil, fmt.Errorf("user %q is deactivated", nt.UserEmail)
		}
		// Refuse a token wider than its user (it would be cut back at every
		// request anyway; refusing says so at once).
		roles, regions := rolesOf(u.Edges.RoleAssignments)
		if !slices.Contains(roles, nt.Role) {
			return "", nil, fmt.Errorf("user %q does not hold role %s; a token acting for a user cannot grant more than the user has", nt.UserEmail, nt.Role)
		}
		if nt.Region != "" && len(regions) > 0 && !slices.Contains(regions, nt.Region) {
			return "", nil, fmt.Errorf("user %q is not a partner manager for region %q (only %s)", nt.UserEmail, nt.Region, strings.Join(regions, ", "))
		}
		create.SetUserID(u.ID)
	}
	if nt.Region != "" {
		create.SetRegion(nt.Region)
	}
	if nt.ExpiresIn > 0 {
		create.SetExpiresAt(now.Add(nt.ExpiresIn))
	}
	// Token rows are the system's alone (SystemOnlyPolicy); the viewer in
	// ctx (an admin in the app, the CLI's system label) is who the audit
	// event names.
	tok, err := create.Save(system(ctx))
	if ent.IsConstraintError(err) {
		return "", nil, fmt.Errorf("token %q: %w", nt.Name, ErrTokenExists)
	}
	if err != nil {
		return "", nil, fmt.Errorf("error creating token %q: %w", nt.Name, err)
	}
	if err := audit.Record(ctx, tx.Client(), audit.Event{
		EntityType: "ServiceToken", EntityID: tok.ID, Action: "token.create",
		After:  map[string]any{"name": tok.Name, "role": tok.Role, "region": tok.Region, "user_id": tok.UserID, "expires_at": tok.ExpiresAt, "created_by": tok.CreatedBy},
		Reason: "created by " + tok.CreatedBy,
	}); err != nil {
		return "", nil, err
	}
	if err := tx.Commit(); err != nil {
		return "", nil, fmt.Errorf("error committing token %q: %w", nt.Name, err)
	}
	return secret, tok, nil
}

// Revoke ends the token with the given name; it stays listed as revoked.
// Revoking a revoked token changes nothing. The audit event is attributed
// like Create's.
func (s *TokenStore) Revoke(ctx context.Context, name, by string) error {
	ctx = actor(ctx)
	tok, err := s.Client.ServiceToken.Query().Where(servicetoken.Name(name)).Only(system(ctx))
	if ent.IsNotFound(err) {
		return fmt.Errorf("token %q: %w", name, ErrTokenNotFound)
	}
	if err != nil {
		return fmt.Errorf("error finding token %q: %w", name, err)
	}
	if tok.RevokedAt != nil {
		return nil
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("error starting transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	now := s.now()
	if err := tx.ServiceToken.UpdateOneID(tok.ID).SetRevokedAt(now).Exec(system(ctx)); err != nil {
		return fmt.Errorf("error revoking token %q: %w", name, err)
	}
	if err := audit.Record(ctx, tx.Client(), audit.Event{
		EntityType: "ServiceToken", EntityID: tok.ID, Action: "token.revoke",
		Before: map[string]any{"revoked_at": nil}, After: map[string]any{"revoked_at": now},
		Reason: "revoked by " + by,
	}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("error committing revocation of token %q: %w", name, err)
	}
	if s.revoked != nil {
		s.revoked(tok.TokenHash)
	}
	return nil
}

// List returns every token, newest first, with the user it acts for. No
// secrets: only hashes are stored, and those are not exposed.
func (s *TokenStore) List(ctx context.Context) ([]*ent.ServiceToken, error) {
	toks, err := s.Client.ServiceToken.Query().
		WithUser().
		Order(servicetoken.ByCreatedAt(sql.OrderDesc()), servicetoken.ByID(sql.OrderDesc())).
		All(system(ctx))
	if err != nil {
		return nil, fmt.Errorf("error listing tokens: %w", err)
	}
	return toks, nil
}

// Authenticate returns the viewer of a service token (Kind SERVICE_TOKEN,
// the token's role, and the user it acts for), or nil when the token is
// unknown, revoked, expired or its user deactivated. A token acting for a
// user is limited, at every request, by that user's current roles and
// regions (a role revoked from the user is gone from the token too), and
// further by the token's own region. It records use at most once per
// touchInterval.
func (s *TokenStore) Authenticate(ctx context.Context, secret string) (*viewer.Viewer, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return nil, nil
	}
	ctx = system(ctx)
	tok, err := s.Client.ServiceToken.Query().Where(servicetoken.TokenHash(hashSecret(secret))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error loading service token: %w", err)
	}
	now := s.now()
	if tok.RevokedAt != nil || (tok.ExpiresAt != nil && !now.Before(*tok.ExpiresAt)) {
		return nil, nil
	}
	v := &viewer.Viewer{
		Kind:    viewer.KindServiceToken,
		Label:   "token:" + tok.Name,
		Roles:   []viewer.Role{viewer.Role(tok.Role)},
		TokenID: tok.ID,
	}
	if tok.Region != "" {
		v.Regions = []string{tok.Region}
	}
	if tok.UserID != nil {
		u, err := s.Client.User.Query().Where(user.ID(*tok.UserID)).WithRoleAssignments().Only(ctx)
		if ent.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("error loading user of token %d: %w", tok.ID, err)
		}
		if !u.Active {
			return nil, nil
		}
		v.UserID = u.ID
		v.Roles, v.Regions = tokenScope(viewer.Role(tok.Role), tok.Region, u.Edges.RoleAssignments)
	}
	if tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) >= touchInterval {
		err := s.Client.ServiceToken.Update().
			Where(servicetoken.ID(tok.ID), servicetoken.Or(servicetoken.LastUsedAtIsNil(), servicetoken.LastUsedAtLT(now.Add(-touchInterval)))).
			SetLastUsedAt(now).
			Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("error recording use of token %d: %w", tok.ID, err)
		}
	}
	return v, nil
}

// ParseExpiry reads a token lifetime: days as "90d", or a Go duration such
// as "12h". Empty means no expiry (0).
func ParseExpiry(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("expiry %q: want a positive number of days such as 90d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("expiry %q: want e.g. 90d or 12h", s)
	}
	return d, nil
}

// actor keeps the viewer of ctx for changes someone asked for, and uses the
// system identity when there is none.
func actor(ctx context.Context) context.Context {
	if viewer.FromContext(ctx) == nil {
		return system(ctx)
	}
	return ctx
}

// tokenScope is what a token of role and region acting for a user with
// assignments may do: the role only while the user holds it, and for a
// partner manager the user's regions, narrowed to the token's region. A
// region the user no longer covers leaves the token without the role
// (an empty region list would mean every region).
func tokenScope(role viewer.Role, region string, assignments []*ent.RoleAssignment) ([]viewer.Role, []string) {
	roles, regions := rolesOf(assignments)
	if !slices.Contains(roles, role) {
		return nil, nil
	}
	if role != viewer.RolePartnerManager {
		return []viewer.Role{role}, nil
	}
	switch {
	case region == "":
		return []viewer.Role{role}, regions
	case len(regions) == 0 || slices.Contains(regions, region):
		return []viewer.Role{role}, []string{region}
	}
	return nil, nil
}
