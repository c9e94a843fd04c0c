package auth

import (
	"encoding/json"
	"html/template"
	"net/http"
)

// Error codes in GraphQL-style error responses (extensions.code), the same
// codes the GraphQL endpoint uses.
const (
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeInternal        = "INTERNAL_SERVER_ERROR"
)

// writeError answers with {"errors":[{"message":…,"extensions":{"code":…}}]},
// so that API clients handle an auth refusal like any GraphQL error.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]any{"code": code}}},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// A failed login lands on a page, not JSON: the browser navigated there.
var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Summit — 登录失败 / Sign-in failed</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}a{color:#0b5fff}</style>
</head><body>
<h1>登录失败 <small>Sign-in failed</small></h1>
<p>{{.ZH}}</p>
<p lang="en">{{.EN}}</p>
<p><a href="/auth/login">重新登录 / Sign in again</a></p>
</body></html>
`))

// pageError is a failed login: its status, and what to tell the person in
// both languages. The details go to the log only.
type pageError struct {
	Status int
	ZH, EN string
}

var (
	errBadState = pageError{http.StatusBadRequest,
		"登录请求无效、已使用或已过期，请重新登录。",
		"The sign-in request is unknown, already used or expired. Please sign in again."}
	errIdPRefused = pageError{http.StatusUnauthorized,
		"身份提供方拒绝了此次登录。",
		"The identity provider refused the sign-in."}
	errBadIDToken = pageError{http.StatusUnauthorized,
		"无法验证身份提供方返回的身份令牌。",
		"The identity token from the identity provider could not be verified."}
	errInactiveUser = pageError{http.StatusForbidden,
		"您的账号已停用，请联系管理员。",
		"Your account is deactivated. Please contact an administrator."}
	errIdentityConflict = pageError{http.StatusForbidden,
		"此邮箱已关联到另一个身份，请联系管理员。",
		"This email address is linked to another identity. Please contact an administrator."}
	errNoEmail = pageError{http.StatusForbidden,
		"身份提供方未提供可用的邮箱地址。",
		"The identity provider did not provide a usable email address."}
	errUnknownUser = pageError{http.StatusBadRequest,
		"没有此用户，或该用户已停用。",
		"No such user, or the user is deactivated."}
	errForm = pageError{http.StatusForbidden,
		"登录页已过期或不是由本站提供，请重新打开登录页。",
		"The sign-in page expired or did not come from this site. Please open it again."}
	errInternal = pageError{http.StatusInternalServerError,
		"服务器内部错误，请稍后重试。",
		"Internal server error. Please try again later."}
)

// Error makes a pageError an error, so sign-in can return one.
func (e pageError) Error() string { return e.EN }

func (e pageError) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(e.Status)
	_ = errorPage.Execute(w, e)
}
