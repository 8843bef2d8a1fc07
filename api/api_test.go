package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files and the schema snapshot")

const testToken = "s3cret-token"

// fixtureDocs reads the documents of testdata/fixture.
func fixtureDocs(t testing.TB) []schema.Document {
	t.Helper()
	files, err := filepath.Glob("testdata/fixture/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture documents: %v", err)
	}
	var docs []schema.Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d schema.Document
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// fixtureExtractor "extracts" the fixture document whose text file holds
// exactly the text given, under the article the mutation made.
type fixtureExtractor struct{ t testing.TB }

func (x fixtureExtractor) Extract(ctx context.Context, a schema.Article, text []byte) (schema.Document, error) {
	files, _ := filepath.Glob("testdata/fixture/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || !bytes.Equal(bytes.TrimSpace(b), bytes.TrimSpace(text)) {
			continue
		}
		var d schema.Document
		jb, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json")
		if err != nil {
			return d, err
		}
		if err := json.Unmarshal(jb, &d); err != nil {
			return d, err
		}
		d.Article = a
		return d, nil
	}
	return schema.Document{Article: a}, nil
}

type testServer struct {
	*httptest.Server
	store *graph.Store
	logs  *bytes.Buffer
}

// openStore opens a fresh in-memory store loaded with docs.
func openStore(t testing.TB, docs []schema.Document) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{DB: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if len(docs) > 0 {
		if res, err := st.Ingest(ctx, docs); err != nil {
			t.Fatalf("ingest fixture: %v (%v)", err, res)
		}
	}
	return st
}

// newServer starts a server over a fresh in-memory store loaded with docs.
func newServer(t testing.TB, cfg api.Config, docs []schema.Document) *testServer {
	st := openStore(t, docs)
	if cfg.Writer == nil {
		cfg.Writer = st
	}
	ts := serve(t, st, cfg)
	ts.store = st
	return ts
}

// serve starts a server over store, logging into the returned buffer.
func serve(t testing.TB, store api.Store, cfg api.Config) *testServer {
	t.Helper()
	logs := &bytes.Buffer{}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, nil))
	}
	cfg.IsNotFound = func(err error) bool { return errors.Is(err, graph.ErrNotFound) }
	srv, err := api.NewServer(store, fixtureExtractor{t}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, logs: logs}
}

// gqlResponse is a decoded GraphQL response with its HTTP status.
type gqlResponse struct {
	Status int
	Header http.Header
	Body   map[string]interface{}
	Raw    []byte
}

func (r gqlResponse) firstError() string {
	errs, _ := r.Body["errors"].([]interface{})
	if len(errs) == 0 {
		return ""
	}
	m, _ := errs[0].(map[string]interface{})
	s, _ := m["message"].(string)
	return s
}

// post sends a GraphQL request as JSON.
func (ts *testServer) post(t testing.TB, query string, vars map[string]interface{}, headers ...string) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]interface{}{"query": query, "variables": vars})
	return ts.do(t, http.MethodPost, "/graphql", body, headers...)
}

func (ts *testServer) do(t testing.TB, method, path string, body []byte, headers ...string) gqlResponse {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := gqlResponse{Status: res.StatusCode, Header: res.Header, Raw: raw}
	_ = json.Unmarshal(raw, &out.Body)
	return out
}

// assertAlive checks that the server still answers a plain query.
func (ts *testServer) assertAlive(t testing.TB) {
	t.Helper()
	r := ts.post(t, `{ entity(id: "country/KR") { name } }`, nil)
	if r.Status != 200 || r.firstError() != "" || !strings.Contains(string(r.Raw), "South Korea") {
		t.Fatalf("server did not answer the next query: %d %s", r.Status, r.Raw)
	}
}

// goldenHeader reads the "# variables: {...}" and "# token: yes" lines
// at the top of a .graphql file.
func goldenHeader(t *testing.T, src string) (vars map[string]interface{}, token bool) {
	for _, line := range strings.Split(src, "\n") {
		if v, ok := strings.CutPrefix(line, "# variables:"); ok {
			if err := json.Unmarshal([]byte(v), &vars); err != nil {
				t.Fatalf("bad variables line: %v", err)
			}
		}
		if strings.TrimSpace(line) == "# token: yes" {
			token = true
		}
	}
	return vars, token
}

// TestGolden runs every testdata/*.graphql over HTTP against a fresh server
// loaded with the fixture and compares the response with the .json beside it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden queries: %v", err)
	}
	docs := fixtureDocs(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			vars, token := goldenHeader(t, string(src))
			ts := newServer(t, api.Config{Token: testToken}, docs)
			var headers []string
			if token {
				headers = []string{"Authorization", "Bearer " + testToken}
			}
			r := ts.post(t, string(src), vars, headers...)
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, r.Raw, "", "  "); err != nil {
				t.Fatalf("response is not JSON: %s", r.Raw)
			}
			got := fmt.Sprintf("%s\n", pretty.String())
			golden := strings.TrimSuffix(f, ".graphql") + ".json"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./api -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s: response differs from %s (go test ./api -update, then review the diff)\ngot:\n%s", f, golden, got)
			}
		})
	}
}
