package staff

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/auth"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// TokenInfo is what the settings screen shows of a service token: never its
// secret (only a hash is stored) nor the hash.
type TokenInfo struct {
	ID         int
	Name       string
	Role       string
	UserEmail  *string
	Region     *string
	CreatedBy  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	ExpiresAt  *time.Time
}

// CreatedToken is a new token with its secret, shown this once.
type CreatedToken struct {
	Token  *TokenInfo
	Secret string
}

// NewTokenInput is an admin's request for a token.
type NewTokenInput struct {
	Name      string
	Role      string
	UserEmail *string
	Region    *string
	// ExpiresInDays, when positive, ends the token after that many days.
	ExpiresInDays *int
}

func requireAdmin(ctx context.Context, what string) error {
	if !viewer.FromContext(ctx).Has(viewer.RoleAdmin) {
		return refusal.Forbiddenf("only admins %s", what)
	}
	return nil
}

// tokenStore is the auth service's store. It opens its own transaction (the
// token and its audit event commit together), so it takes the root client,
// not a mutation's.
func tokenStore(root *ent.Client) *auth.TokenStore { return &auth.TokenStore{Client: root} }

// ListTokens returns every service token, newest first. Admins only.
func ListTokens(ctx context.Context, root *ent.Client) ([]*TokenInfo, error) {
	if err := requireAdmin(ctx, "list service tokens"); err != nil {
		return nil, err
	}
	toks, err := tokenStore(root).List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*TokenInfo, len(toks))
	for i, t := range toks {
		out[i] = tokenInfo(t)
	}
	return out, nil
}

// CreateToken creates a service token and returns its secret, the only time
// it is available. Admins only; audited as token.create by the auth store.
func CreateToken(ctx context.Context, root *ent.Client, in NewTokenInput) (*CreatedToken, error) {
	if err := requireAdmin(ctx, "create service tokens"); err != nil {
		return nil, err
	}
	nt := auth.NewToken{Name: in.Name, Role: viewer.Role(in.Role), CreatedBy: viewer.FromContext(ctx).Label}
	if in.UserEmail != nil {
		nt.UserEmail = *in.UserEmail
	}
	if in.Region != nil {
		nt.Region = *in.Region
	}
	if in.ExpiresInDays != nil {
		if *in.ExpiresInDays < 0 || *in.ExpiresInDays > 3650 {
			return nil, refusal.Invalidf("expiresInDays", "expiry: between 1 and 3650 days, or none")
		}
		nt.ExpiresIn = time.Duration(*in.ExpiresInDays) * 24 * time.Hour
	}
	secret, tok, err := tokenStore(root).Create(ctx, nt)
	if errors.Is(err, auth.ErrTokenExists) {
		return nil, refusal.Conflictf("a token named %q already exists", in.Name).At("name")
	}
	if err != nil {
		// The store's other refusals are about the input (name, role,
		// region, user): its sentence says which.
		return nil, refusal.Invalidf("", "%s", err.Error())
	}
	info := tokenInfo(tok)
	if tok.UserID != nil {
		info.UserEmail = in.UserEmail
	}
	return &CreatedToken{Token: info, Secret: secret}, nil
}

// RevokeToken ends a token; it stays listed as revoked. Admins only; audited
// as token.revoke.
func RevokeToken(ctx context.Context, root *ent.Client, name string) (*TokenInfo, error) {
	if err := requireAdmin(ctx, "revoke service tokens"); err != nil {
		return nil, err
	}
	store := tokenStore(root)
	err := store.Revoke(ctx, name, viewer.FromContext(ctx).Label)
	if errors.Is(err, auth.ErrTokenNotFound) {
		return nil, refusal.NotFoundf("name", "no service token named %q", name)
	}
	if err != nil {
		return nil, err
	}
	toks, err := store.List(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range toks {
		if t.Name == name {
			return tokenInfo(t), nil
		}
	}
	return nil, fmt.Errorf("token %q vanished after revoking it", name)
}

func tokenInfo(t *ent.ServiceToken) *TokenInfo {
	info := &TokenInfo{
		ID: t.ID, Name: t.Name, Role: string(t.Role), CreatedBy: t.CreatedBy, CreatedAt: t.CreatedAt,
		LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt, ExpiresAt: t.ExpiresAt,
	}
	if t.Region != "" {
		info.Region = &t.Region
	}
	if u := t.Edges.User; u != nil {
		info.UserEmail = &u.Email
	}
	return info
}
