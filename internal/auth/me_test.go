package auth

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMe(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{roleMap: "pm-east=PARTNER_MANAGER:EAST,pm-north=PARTNER_MANAGER:NORTH"})
	br := b.browser()
	p := br.get("/auth/me")
	require.Equal(t, http.StatusUnauthorized, p.status)
	require.JSONEq(t, unauthenticated, p.body)
	require.Equal(t, "no-store", p.header.Get("Cache-Control"))

	require.Equal(t, http.StatusOK, br.login(testUser{Subject: "s", Email: "pm@summit.example", Name: "渠道经理", Groups: []string{"pm-north", "pm-east"}}).status)
	p = br.get("/auth/me")
	require.Equal(t, http.StatusOK, p.status)
	id := b.client.User.Query().OnlyIDX(b.ctx)
	require.JSONEq(t, `{"id":`+itoa(id)+`,"kind":"USER","email":"pm@summit.example","name":"渠道经理","locale":"zh-CN","roles":["PARTNER_MANAGER"],"regions":["EAST","NORTH"]}`, p.body)
}
