package api

import (
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
	name := ""
	if r.URL.Path != "/" {
		name = strings.TrimPrefix(r.URL.Path, "/explorer/")
	}
	// the page loads nothing from elsewhere; its worker comes from here
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self'")
	serveBuilt(w, r, "web/dist/explorer", name, explorerNotBuilt)
}
