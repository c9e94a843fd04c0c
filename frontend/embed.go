// Package frontend serves the single-page app built into dist/app by
// `make build` (Vite). go build does not need Node: when dist/app is missing
// (a Go-only checkout), the binary serves the placeholder page instead.
package frontend

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed all:dist
var dist embed.FS

//go:embed placeholder
var placeholder embed.FS

// Handler serves the app's static files: hashed assets under /assets/ are
// cached forever, every other path that is not a file gets index.html (the
// app's router decides), which is never cached, so a new build is picked up
// at the next navigation.
func Handler() http.Handler {
	app, err := fs.Sub(dist, "dist/app")
	if err == nil {
		if _, statErr := fs.Stat(app, "index.html"); statErr != nil {
			err = statErr
		}
	}
	if err != nil {
		sub, subErr := fs.Sub(placeholder, "placeholder")
		if subErr != nil {
			panic(subErr) // the embedded folder is part of the binary; its absence is a build bug
		}
		return http.FileServerFS(sub)
	}
	return spa(app)
}

// Built reports whether the binary embeds a built app (not the placeholder).
func Built() bool {
	_, err := fs.Stat(dist, "dist/app/index.html")
	return err == nil
}

func spa(app fs.FS) http.Handler {
	files := http.FileServerFS(app)
	index, _ := fs.ReadFile(app, "index.html")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(app, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					// Vite puts a content hash in every name under assets/.
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					w.Header().Set("Cache-Control", "no-cache")
				}
				files.ServeHTTP(w, r)
				return
			}
			if name == "assets" || strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
				// A missing asset must not turn into the HTML page: the
				// browser would try to run it as a script.
				http.NotFound(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		if r.Method == http.MethodHead {
			return
		}
		_, _ = w.Write(index)
	})
}
