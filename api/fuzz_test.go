package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/api"
)

// pathological are the hostile queries of issue 14 and before: fragment
// cycles, depth, width, aliases, directives, costs, variables of the wrong
// kind.
var pathological = []struct{ query, vars, op string }{
	{`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, ``, ``},
	{`{ entity(id: "x") { ...E } } fragment E on Entity { id ...E }`, ``, ``},
	{strings.Repeat("{", 65) + strings.Repeat("}", 65), ``, ``},
	{`{ entity(id: "country/KR") { ` + strings.Repeat("relations(first: 1) { nodes { subject { ", 5) + "id" + strings.Repeat("} } }", 5) + ` } }`, ``, ``},
	{`{ entities(first: 100) { nodes { relations(first: 100) { totalCount } } } }`, ``, ``},
	{`{ stats { articles` + strings.Repeat(" @skip(if: false)", 150) + ` } }`, ``, ``},
	{`query($n: Int) { entities(first: $n) { totalCount } }`, `{"n": 1.5}`, ``},
	{`query($n: Int) { entities(first: $n) { totalCount } }`, `{"n": 1e300}`, ``},
	{`query($w: RelationWhere) { relations(where: $w) { totalCount } }`, `{"w": {"minConfidence": "x", "nope": 1}}`, ``},
	{`query A { stats { articles } } query B { stats { entities } }`, ``, strings.Repeat("B", 200)},
	{`{ a: entity(id: "country/KR") { name } b: entity(id: "country/US") { name } }`, ``, ``},
	{`{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }`, ``, ``},
	{`mutation { deleteArticle(id: "a\u0000b") { deleted } }`, ``, ``},
	{`{ search(query: "` + strings.Repeat("ka", 200) + `") { nodes { score entity { id } } } }`, ``, ``},
	{`{ neighborhood(id: "country/KR", depth: 3, limit: 500) { nodes { id degree } edges { evidence { text } } } }`, ``, ``},
	{`{ path(from: "country/KR", to: "country/US", maxDepth: 6) { nodes { id } } }`, ``, ``},
	{`{ entities(first: 2, after: "bm9wZQ") { totalCount } }`, ``, ``},
	{`{ timeline(entity: "country/KR") { date relation { id } } }`, ``, ``},
}

// FuzzGraphQLHandler sends anything as a GraphQL request through the whole
// handler (decoding, the limits, parsing, validation, execution, encoding),
// over the fixture graph: whatever the request, the answer is JSON with a
// status the protocol allows, never a panic (500), and the server answers
// the next request.
//
//	go test -run '^$' -fuzz '^FuzzGraphQLHandler$' -fuzztime 60s ./api/
func FuzzGraphQLHandler(f *testing.F) {
	for _, p := range pathological {
		f.Add(p.query, p.vars, p.op)
	}
	files, _ := filepath.Glob("testdata/*.graphql")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "", "")
	}
	st := openStore(f, fixtureDocs(f))
	srv, err := api.NewServer(st, nil, api.Config{Token: testToken,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, query, vars, op string) {
		fields := map[string]interface{}{"query": query, "operationName": op}
		if json.Valid([]byte(vars)) {
			fields["variables"] = json.RawMessage(vars)
		}
		body, err := json.Marshal(fields)
		if err != nil {
			return // not UTF-8 JSON can carry
		}
		for _, accept := range []string{"application/json", "application/graphql-response+json"} {
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", accept)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			switch rec.Code {
			case http.StatusOK, http.StatusBadRequest, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge,
				http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			default:
				t.Fatalf("status %d for %s:\n%s", rec.Code, body, rec.Body.Bytes())
			}
			var out map[string]json.RawMessage
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("answer is not a JSON object (%v): %s", err, rec.Body.Bytes())
			}
			if _, ok := out["data"]; !ok && out["errors"] == nil {
				t.Fatalf("answer with neither data nor errors: %s", rec.Body.Bytes())
			}
		}
	})
}
