// Package workspace holds the small server pieces the app's own screens need
// that belong to no domain package: the viewer's language preference.
package workspace

import (
	"context"
	"fmt"
	"slices"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Locales are the languages the app and the mails are written in.
var Locales = []string{"zh-CN", "en"}

// SetMyLocale stores the viewer's language, so the app opens in it on every
// device and mails (internal/notify) are written in it. Users may not change
// other users (ent's UserPolicy lets only admins write users), so the write is
// allowed here for exactly one row: the viewer's own.
func SetMyLocale(ctx context.Context, client *ent.Client, locale string) (*ent.User, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.UserID == 0 {
		return nil, &refusal.Error{Kind: refusal.Forbidden, Message: "only a signed-in member of staff has a language preference"}
	}
	if !slices.Contains(Locales, locale) {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "locale", Message: fmt.Sprintf("locale must be one of %v", Locales)}
	}
	u, err := client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, fmt.Errorf("error loading user %d: %w", v.UserID, err)
	}
	if u.Locale == locale {
		return u, nil
	}
	before := u.Locale
	own := privacy.DecisionContext(ctx, privacy.Allow)
	u, err = client.User.UpdateOneID(v.UserID).SetLocale(locale).Save(own)
	if err != nil {
		return nil, fmt.Errorf("error saving the locale of user %d: %w", v.UserID, err)
	}
	err = audit.Record(own, client, audit.Event{
		EntityType: "User", EntityID: u.ID, Action: "user.locale",
		Before: map[string]string{"locale": before}, After: map[string]string{"locale": locale},
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
