package api

import (
	"io/fs"
	"net/http"
	"strings"
)

// The explorer (api/web/src/explorer) is built with GraphiQL into
// web/dist/explorer and served at / (its page) and /explorer/ (its script,
// style sheet and layout worker). It talks only to /graphql.

const explorerNotBuilt = `<!doctype html>
<meta charset="utf-8"><title>explorer not built</title>
<h1>The explorer's assets are not built: run make build</h1>
<p>The GraphQL endpoint itself works: POST /graphql.</p>
`

func (s *Server) serveExplorer(w http.ResponseWriter, r *http.Request) {
	dist, _ := fs.Sub(webDist, "web/dist/explorer")
	name := strings.TrimPrefix(r.URL.Path, "/explorer/")
	if r.URL.Path == "/" || name == "" {
		name = "index.html"
	}
	if _, err := fs.Stat(dist, "index.html"); err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(explorerNotBuilt))
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	// the page loads nothing from elsewhere; its worker comes from here
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self'")
	http.ServeFileFS(w, r, dist, name)
}
