package auth_test

import (
	"fmt"

	"github.com/summitkam/summit/internal/auth"
)

// The groups claim becomes roles through SUMMIT_OIDC_ROLE_MAP; unknown
// groups give nothing, and a partner manager's grant may name a region.
func ExampleParseRoleMap() {
	roles, err := auth.ParseRoleMap("summit-admins=ADMIN,kam=KEY_ACCOUNT_MANAGER,pm-east=PARTNER_MANAGER:EAST")
	if err != nil {
		panic(err)
	}
	fmt.Println(roles.Grants([]string{"pm-east", "engineering", "kam"}))
	// Output: [KEY_ACCOUNT_MANAGER PARTNER_MANAGER:EAST]
}

// Service tokens live a number of days, or any Go duration.
func ExampleParseExpiry() {
	d, _ := auth.ParseExpiry("90d")
	fmt.Println(d)
	// Output: 2160h0m0s
}
