package api_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/api"
)

// TestSchemaSnapshot keeps api/schema.graphql equal to the live schema.
func TestSchemaSnapshot(t *testing.T) {
	srv, err := api.NewServer(openStore(t, nil), nil, api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.SDL()
	if *update {
		if err := os.WriteFile("schema.graphql", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("schema.graphql")
	if err != nil {
		t.Fatalf("%v (go test ./api -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("api/schema.graphql is stale: run go test ./api -update and review the diff")
	}
}

func TestHTTPEndpoints(t *testing.T) {
	ts := newServer(t, api.Config{CORSOrigin: "https://notebook.example"}, fixtureDocs(t))
	if r := ts.do(t, http.MethodGet, "/healthz", nil); r.Status != 200 || string(r.Raw) != "ok\n" {
		t.Errorf("/healthz: %d %q", r.Status, r.Raw)
	}
	r := ts.do(t, http.MethodGet, "/graphql?query=%7B%20entity(id%3A%20%22country%2FUS%22)%20%7B%20name%20%7D%20%7D", nil,
		"Accept", "application/graphql-response+json")
	if r.Status != 200 || !strings.Contains(string(r.Raw), "United States") ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/graphql-response+json") {
		t.Errorf("GET /graphql: %d %s %s", r.Status, r.Header.Get("Content-Type"), r.Raw)
	}
	if got := r.Header.Get("Access-Control-Allow-Origin"); got != "https://notebook.example" {
		t.Errorf("CORS origin header = %q", got)
	}
	pre := ts.do(t, http.MethodOptions, "/graphql", nil, "Origin", "https://notebook.example", "Access-Control-Request-Method", "POST")
	if pre.Status != http.StatusNoContent || !strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("CORS preflight: %d %v", pre.Status, pre.Header)
	}
	m := ts.do(t, http.MethodGet, "/metrics", nil)
	for _, want := range []string{"newsgraph_http_requests_total", "newsgraph_http_request_duration_seconds_bucket", "newsgraph_graphql_rejected_total"} {
		if !strings.Contains(string(m.Raw), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if !strings.Contains(ts.logs.String(), `"request_id"`) || !strings.Contains(ts.logs.String(), `"duration"`) {
		t.Errorf("request log lacks request_id or duration:\n%s", ts.logs.String())
	}
}

// TestGraphiQL: the page is served when built, a clear 503 otherwise.
func TestGraphiQL(t *testing.T) {
	ts := newServer(t, api.Config{}, nil)
	r := ts.do(t, http.MethodGet, "/graphiql", nil)
	if _, err := os.Stat("web/dist/index.html"); err != nil {
		if r.Status != http.StatusServiceUnavailable || !strings.Contains(string(r.Raw), "GraphiQL assets not built: run make build") {
			t.Errorf("unbuilt /graphiql: %d %s", r.Status, r.Raw)
		}
		return
	}
	if r.Status != 200 || !strings.Contains(string(r.Raw), "graphiql.js") {
		t.Errorf("/graphiql: %d %.200s", r.Status, r.Raw)
	}
	if js := ts.do(t, http.MethodGet, "/graphiql/graphiql.js", nil); js.Status != 200 || len(js.Raw) < 1000 {
		t.Errorf("/graphiql/graphiql.js: %d, %d bytes", js.Status, len(js.Raw))
	}
}
