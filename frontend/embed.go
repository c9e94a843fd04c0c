// Package frontend serves the single-page app. Until the SPA issue lands,
// it serves a placeholder page; the build output will live in dist/.
package frontend

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed placeholder
var placeholder embed.FS

// Handler serves the app's static files.
func Handler() http.Handler {
	sub, err := fs.Sub(placeholder, "placeholder")
	if err != nil {
		panic(err) // the embedded folder is part of the binary; its absence is a build bug
	}
	return http.FileServerFS(sub)
}
