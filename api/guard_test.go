package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

func repeat(format string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// TestGuards sends each attack and checks the clear error, then that the
// server still answers the next query.
func TestGuards(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	deep := `{ entity(id: "country/KR") { ` + strings.Repeat("relations(first: 1) { nodes { subject { ", 3) + "id"
	deep += strings.Repeat("}", strings.Count(deep, "{"))
	cases := []struct {
		name, query string
		want        string
	}{
		{"query chars", "{ __typename }" + strings.Repeat(" ", 15000), "at most 15000 allowed"},
		{"tokens", "{ " + strings.Repeat("a ", 2001) + "}", "more than 2000 tokens"},
		{"nesting", strings.Repeat("{", 65) + strings.Repeat("}", 65), "nests brackets 65 deep"},
		{"fragment cycle", `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, "fragment cycle"},
		{"self spread", `{ entity(id: "x") { ...E } } fragment E on Entity { id ...E }`, "fragment cycle: E -> E"},
		{"depth", deep, "nested more than 10 fields deep"},
		{"fields", `{ entities(first: 1) { nodes { ` + strings.Repeat("...F ", 120) + `} } } fragment F on Entity { id name type aliases degree }`, "more than 500 fields"},
		{"aliases", `{ entity(id: "country/KR") { ` + repeat("a%d: id ", 31) + `} }`, "more than 30 aliases"},
		{"root fields", "{ " + strings.Repeat("__typename ", 21) + "}", "more than 20 root fields"},
		{"cost", `{ entities(first: 100) { nodes { relations(first: 100) { nodes { id predicate confidence rule evidenceCount value } } } } }`, "cost exceeds 60000"},
		{"first", `{ entities(first: 101) { totalCount } }`, "first must be at most 100"},
		{"neighborhood depth", `{ neighborhood(id: "country/KR", depth: 4) { truncated } }`, "depth must be between 1 and 3"},
		{"neighborhood limit", `{ neighborhood(id: "country/KR", limit: 501) { truncated } }`, "limit must be between 1 and 500"},
		{"parse error", `{ entity(id: "x") `, "Syntax Error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ts.post(t, c.query, nil, "Accept", "application/graphql-response+json")
			if !strings.Contains(r.firstError(), c.want) {
				t.Errorf("error = %q (status %d), want it to contain %q", r.firstError(), r.Status, c.want)
			}
			ts.assertAlive(t)
		})
	}
}

func TestGuardFirstFromVariable(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	r := ts.post(t, `query($n: Int) { entities(first: $n) { totalCount } }`, map[string]interface{}{"n": 1000})
	if !strings.Contains(r.firstError(), "first must be at most 100") {
		t.Errorf("error = %q", r.firstError())
	}
	ts.assertAlive(t)
}

func TestBodyTooLarge(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	body := []byte(`{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", 70<<10) + `"}}`)
	r := ts.do(t, http.MethodPost, "/graphql", body)
	if r.Status != http.StatusRequestEntityTooLarge || !strings.Contains(r.firstError(), "exceeds 65536 bytes") {
		t.Errorf("status %d, error %q", r.Status, r.firstError())
	}
	ts.assertAlive(t)
}

// TestIntrospection: the standard introspection query is exempt from the
// depth limit; NoIntrospection refuses it and drops suggestions.
func TestIntrospection(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	r := ts.post(t, introspectionQuery, nil)
	if r.Status != 200 || r.firstError() != "" || !strings.Contains(string(r.Raw), `"Agreement"`) {
		t.Fatalf("introspection: %d %.300s", r.Status, r.Raw)
	}
	closed := newServer(t, api.Config{NoIntrospection: true}, fixtureDocs(t))
	r = closed.post(t, introspectionQuery, nil)
	if !strings.Contains(r.firstError(), "introspection is disabled") {
		t.Errorf("NoIntrospection: error %q", r.firstError())
	}
	r = closed.post(t, `{ entity(id: "country/KR") { nmae } }`, nil)
	if msg := r.firstError(); !strings.Contains(msg, `Cannot query field "nmae"`) || strings.Contains(msg, "Did you mean") {
		t.Errorf("NoIntrospection: suggestion error %q", msg)
	}
	closed.assertAlive(t)
}

func TestDeadline(t *testing.T) {
	ts := newServer(t, api.Config{Timeout: time.Nanosecond}, fixtureDocs(t))
	r := ts.post(t, `{ stats { articles } }`, nil)
	if !strings.Contains(r.firstError(), "exceeded the 1ns deadline") {
		t.Errorf("error = %q", r.firstError())
	}
}

// blockingStore holds Stats until released, to fill the execution slots.
type blockingStore struct {
	*graph.Store
	entered chan struct{}
	release chan struct{}
}

func (b *blockingStore) Stats(ctx context.Context, top int) (schema.Stats, error) {
	b.entered <- struct{}{}
	<-b.release
	return b.Store.Stats(ctx, top)
}

func (b *blockingStore) Search(ctx context.Context, q schema.SearchQuery) (schema.SearchPage, error) {
	if q.Text == "panic" {
		panic("boom in the store")
	}
	return b.Store.Search(ctx, q)
}

func TestConcurrencyLimit(t *testing.T) {
	bs := &blockingStore{Store: openStore(t, fixtureDocs(t)), entered: make(chan struct{}), release: make(chan struct{})}
	base := serve(t, bs, api.Config{MaxConcurrent: 1, QueueWait: 50 * time.Millisecond})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		base.post(t, `{ stats { articles } }`, nil)
	}()
	<-bs.entered
	r := base.post(t, `{ __typename }`, nil)
	if r.Status != http.StatusServiceUnavailable || !strings.Contains(r.firstError(), "server busy") {
		t.Errorf("second query: status %d, error %q", r.Status, r.firstError())
	}
	close(bs.release)
	wg.Wait()
	base.assertAlive(t)
}

func TestPanicRecovered(t *testing.T) {
	base := serve(t, &blockingStore{Store: openStore(t, fixtureDocs(t))}, api.Config{})
	r := base.post(t, `{ search(query: "panic") { totalCount } }`, nil)
	id := r.Header.Get("X-Request-Id")
	want := "api: internal error (request id " + id + ")"
	if id == "" || r.firstError() != want {
		t.Errorf("error %q, want %q", r.firstError(), want)
	}
	if strings.Contains(string(r.Raw), "boom") {
		t.Errorf("panic text leaked to the client: %s", r.Raw)
	}
	if logs := base.logs.String(); !strings.Contains(logs, "boom in the store") || !strings.Contains(logs, id) {
		t.Errorf("panic not logged with the request id %s:\n%s", id, logs)
	} else if n := strings.Count(logs, `"msg":"panic recovered"`); n != 1 {
		t.Errorf("panic logged %d times, want once (the fast executor's failed pass does not count):\n%s", n, logs)
	}
	base.assertAlive(t)
}

func TestMutationRules(t *testing.T) {
	docs := fixtureDocs(t)
	readOnly := newServer(t, api.Config{}, docs)
	r := readOnly.post(t, `mutation { deleteArticle(id: "korea-us-mou.txt") { deleted } }`, nil)
	if !strings.Contains(r.firstError(), "read-only") {
		t.Errorf("read-only server: %q", r.firstError())
	}
	ts := newServer(t, api.Config{Token: testToken}, docs)
	r = ts.post(t, `mutation { deleteArticle(id: "korea-us-mou.txt") { deleted } }`, nil, "Authorization", "Bearer wrong")
	if !strings.Contains(r.firstError(), "valid bearer token") {
		t.Errorf("wrong token: %q", r.firstError())
	}
	get := ts.do(t, http.MethodGet, "/graphql?query="+url.QueryEscape(`mutation { deleteArticle(id: "korea-us-mou.txt") { deleted } }`), nil,
		"Authorization", "Bearer "+testToken)
	if get.Status != http.StatusMethodNotAllowed {
		t.Errorf("mutation over GET: status %d", get.Status)
	}
	ts.assertAlive(t)
}
