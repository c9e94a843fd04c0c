package auth

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	c := Config{PublicURL: "https://summit.example.com/"}.WithDefaults()
	require.Equal(t, "https://summit.example.com", c.PublicURL)
	require.Equal(t, "https://summit.example.com/auth/callback", c.RedirectURL)
	require.Equal(t, "https://summit.example.com/", c.PostLogoutRedirectURL)
	require.Equal(t, []string{"openid", "profile", "email", "groups"}, c.Scopes)
	require.Equal(t, "groups", c.GroupsClaim)
	require.Equal(t, 2*time.Hour, c.IdleTimeout)
	require.Equal(t, 12*time.Hour, c.MaxAge)
	require.Equal(t, 10*time.Minute, c.LoginTimeout)
	require.NotNil(t, c.HTTPClient)
	require.NotNil(t, c.Logger)
	require.NotNil(t, c.Now)
	require.ErrorIs(t, c.validate(), ErrIssuerRequired, "production needs an issuer")

	c.Issuer = "https://idp.example.com"
	require.ErrorContains(t, c.validate(), "SUMMIT_OIDC_CLIENT_ID")
	c.ClientID = "summit"
	require.NoError(t, c.validate())
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Development: true}, "SUMMIT_PUBLIC_URL"},
		{Config{Development: true, PublicURL: "summit.example.com"}, "SUMMIT_PUBLIC_URL"},
		{Config{Development: true, PublicURL: "https://summit.example.com/app"}, "without path"},
		{Config{Issuer: "https://idp", ClientID: "c", PublicURL: "http://summit.example.com"}, "must be https in production"},
		{Config{Development: true, PublicURL: "http://127.0.0.1:8080", RedirectURL: "/auth/callback"}, "SUMMIT_OIDC_REDIRECT_URL"},
		{Config{Development: true, PublicURL: "http://127.0.0.1:8080", IdleTimeout: -time.Second}, "positive"},
	} {
		require.ErrorContains(t, tc.cfg.WithDefaults().validate(), tc.want)
	}
	require.NoError(t, Config{Development: true, PublicURL: "http://127.0.0.1:8080"}.WithDefaults().validate(), "development may use the embedded provider")
}
