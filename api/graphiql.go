package api

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

// GraphiQL is built from the npm registry's graphiql, react and react-dom
// by `npm run build` in api/web (esbuild) into api/web/dist, which is not
// committed. The committed dist/README keeps this pattern matching on a
// fresh clone, so the package compiles before the build and serves a 503
// page that says how to build instead.
//
//go:embed all:web/dist
var webDist embed.FS

const notBuiltPage = `<!doctype html>
<meta charset="utf-8"><title>GraphiQL not built</title>
<h1>GraphiQL assets not built: run make build</h1>
<p>The GraphQL endpoint itself works: POST /graphql.</p>
`

func (s *Server) serveGraphiQL(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/graphiql"), "/")
	if name == "README" {
		http.NotFound(w, r)
		return
	}
	serveBuilt(w, r, "web/dist", name, notBuiltPage)
}

// serveBuilt serves file name ("" for index.html) of the built assets in
// dir, or, when they are not built, a 503 page that says how to build them.
func serveBuilt(w http.ResponseWriter, r *http.Request, dir, name, notBuilt string) {
	dist, _ := fs.Sub(webDist, dir)
	if name == "" {
		name = "index.html"
	}
	if _, err := fs.Stat(dist, "index.html"); err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(notBuilt))
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, dist, name)
}
