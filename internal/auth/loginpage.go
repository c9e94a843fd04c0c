package auth

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/viewer"
)

// demoUsersPerRole is how many users of each role the development login
// page lists (the first ones by id); more key-account managers, since most
// demo staff are.
var demoUsersPerRole = map[viewer.Role]int{
	viewer.RoleAdmin:             2,
	viewer.RoleExecutive:         3,
	viewer.RoleKeyAccountManager: 6,
	viewer.RolePartnerManager:    3,
	viewer.RoleMember:            3,
	viewer.RoleViewer:            2,
}

var roleLabels = map[viewer.Role]string{
	viewer.RoleAdmin:             "系统管理员 Admin",
	viewer.RoleExecutive:         "高管 Executive",
	viewer.RoleKeyAccountManager: "客户经理 Key-account manager",
	viewer.RolePartnerManager:    "渠道经理 Partner manager",
	viewer.RoleMember:            "团队成员 Team member",
	viewer.RoleViewer:            "只读 Viewer",
}

type demoUser struct {
	Email, Name string
	Roles       []string
}

var devLoginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Summit — 开发环境登录 / Development sign-in</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
button{cursor:pointer}.en{color:#555}.note{background:#fff7e0;border:1px solid #f0d890;padding:.6rem .8rem}
</style></head><body>
<h1>Summit 开发环境登录 <small class="en">Development sign-in</small></h1>
<p class="note">这是开发环境：内置的身份提供方（mockoidc）以所选用户登录，走与生产环境相同的授权码 + PKCE 流程。生产环境使用公司的单点登录。<br>
<span class="en" lang="en">Development only: the embedded identity provider (mockoidc) signs you in as the user you pick, through the same authorization-code + PKCE flow as production. Production uses the company's single sign-on.</span></p>
<form method="post" action="/auth/login">
<input type="hidden" name="state" value="{{.State}}">
{{if .Users}}
<table><thead><tr><th></th><th>邮箱 <span class="en">Email</span></th><th>姓名 <span class="en">Name</span></th><th>角色 <span class="en">Roles</span></th></tr></thead><tbody>
{{range .Users}}<tr><td><button type="submit" name="email" value="{{.Email}}">登录 <span class="en">Sign in</span></button></td><td>{{.Email}}</td><td>{{.Name}}</td><td>{{range .Roles}}{{.}}<br>{{end}}</td></tr>
{{end}}</tbody></table>
{{else}}
<p>还没有用户。请用 <code>summit serve --demo-accounts 300</code>（或 <code>make run</code>）启动，或运行 <code>summit seed</code>。<br>
<span class="en" lang="en">No users yet. Start with <code>summit serve --demo-accounts 300</code> (or <code>make run</code>), or run <code>summit seed</code>.</span></p>
{{end}}
</form>
<form method="post" action="/auth/login">
<input type="hidden" name="state" value="{{.State}}">
<p><label>其他用户的邮箱 <span class="en">Another user's email</span>
<input type="email" name="email" required size="32" placeholder="name@summit.example"></label>
<button type="submit">登录 <span class="en">Sign in</span></button></p>
</form>
</body></html>
`))

func (s *Service) renderDevLoginPage(w http.ResponseWriter, r *http.Request, state string) {
	users, err := s.demoUsers(r.Context())
	if err != nil {
		s.logger.ErrorContext(r.Context(), "auth: error listing demo users", "error", err)
		errInternal.write(w)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	w.Header().Set("Referrer-Policy", "same-origin")
	_ = devLoginPage.Execute(w, map[string]any{"State": state, "Users": users})
}

// demoUsers lists the first active users of each role (local assignments).
func (s *Service) demoUsers(ctx context.Context) ([]demoUser, error) {
	ctx = system(ctx)
	var out []demoUser
	seen := map[int]bool{}
	for _, role := range viewer.AllRoles {
		users, err := s.client.User.Query().
			Where(user.Active(true), user.HasRoleAssignmentsWith(
				roleassignment.RoleEQ(roleassignment.Role(role)), roleassignment.SourceEQ(roleassignment.SourceLOCAL))).
			WithRoleAssignments(func(q *ent.RoleAssignmentQuery) {
				q.Where(roleassignment.SourceEQ(roleassignment.SourceLOCAL))
			}).
			Order(user.ByID()).
			Limit(demoUsersPerRole[role]).
			All(ctx)
		if err != nil {
			return nil, fmt.Errorf("error listing users with role %s: %w", role, err)
		}
		for _, u := range users {
			if seen[u.ID] {
				continue
			}
			seen[u.ID] = true
			du := demoUser{Email: u.Email, Name: u.Name}
			for _, g := range localGrants(u) {
				label := roleLabels[g.Role]
				if g.Region != "" {
					label += " · " + g.Region
				}
				du.Roles = append(du.Roles, label)
			}
			out = append(out, du)
		}
	}
	return out, nil
}

func localGrants(u *ent.User) []Grant {
	var gs []Grant
	for _, ra := range u.Edges.RoleAssignments {
		if ra.Source != roleassignment.SourceLOCAL {
			continue
		}
		g := Grant{Role: viewer.Role(ra.Role), Region: ra.Region}
		if !slices.Contains(gs, g) {
			gs = append(gs, g)
		}
	}
	sortGrants(gs)
	return gs
}

// handleDevLogin takes the login page's choice: it checks the form belongs
// to this browser's login (the state in the form equals the login cookie,
// which another site can neither read nor set), tells the development
// provider whom to sign in, and sends the browser on to the authorization
// endpoint like a production login.
func (s *Service) handleDevLogin(w http.ResponseWriter, r *http.Request) {
	if s.dev == nil {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(ctx, w, errForm, "unreadable login form", err)
		return
	}
	state := r.PostForm.Get("state")
	c, _ := r.Cookie(s.cookieName(loginCookieBase))
	if state == "" || c == nil || !equalSecrets(c.Value, state) {
		s.fail(ctx, w, errForm, "login form not from this browser's login page", nil)
		return
	}
	if origin := r.Header.Get("Origin"); origin != "" && origin != s.origin.String() {
		s.fail(ctx, w, errForm, "login form posted from another origin", nil)
		return
	}
	ls, err := s.pendingLogin(ctx, state)
	if err != nil {
		s.fail(ctx, w, errInternal, "error loading login state", err)
		return
	}
	if ls == nil {
		s.fail(ctx, w, errBadState, "unknown or expired state", nil)
		return
	}
	mu, err := s.devUser(ctx, r.PostForm.Get("email"))
	if err != nil {
		s.fail(ctx, w, errInternal, "error loading demo user", err)
		return
	}
	if mu == nil {
		s.fail(ctx, w, errUnknownUser, "no such active user", nil)
		return
	}
	s.dev.expect(state, mu)
	http.Redirect(w, r, s.authCodeURL(state, ls), http.StatusSeeOther)
}

// devUser is how the development provider presents an active user: their
// subject (or a "dev:" one if they have none yet), email, and local roles as
// groups in IdentityRoleMap's spelling, so the production mapping runs.
func (s *Service) devUser(ctx context.Context, email string) (*mockoidc.MockUser, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil, nil
	}
	u, err := s.client.User.Query().
		Where(user.EmailEqualFold(email), user.Active(true)).
		WithRoleAssignments().
		Only(system(ctx))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	mu := &mockoidc.MockUser{
		Subject:           devSubjectPrefix + u.Email,
		Email:             u.Email,
		EmailVerified:     true,
		PreferredUsername: strings.SplitN(u.Email, "@", 2)[0],
	}
	if u.Subject != nil {
		mu.Subject = *u.Subject
	}
	for _, g := range localGrants(u) {
		mu.Groups = append(mu.Groups, g.String())
	}
	return mu, nil
}
