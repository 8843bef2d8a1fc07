package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// The attacks of issue 14 that the API must hold against, each sent as an
// attacker sent it.

// liveHeap is the heap in use after two collections.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestOperationNamesDoNotGrowMemory sends one query a thousand times,
// each with a new 60 KB operation name. A plan kept per name the client
// makes up held each name for good (8,000 such requests took the heap from
// 82 to 732 MB); only the document's own operations are planned now.
func TestOperationNamesDoNotGrowMemory(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	query := `{ stats { articles } }`
	pad := strings.Repeat("x", 60<<10)
	ts.post(t, query, nil) // cached before the heap is measured
	before := liveHeap()
	const n = 1000
	for i := range n {
		body, _ := json.Marshal(map[string]interface{}{"query": query, "operationName": fmt.Sprintf("op%d%s", i, pad)})
		if r := ts.do(t, http.MethodPost, "/graphql", body); r.Status != http.StatusOK {
			t.Fatalf("request %d: status %d %s", i, r.Status, r.Raw)
		}
	}
	grown := int64(liveHeap()) - int64(before)
	t.Logf("heap grew %.1f MB over %d requests with distinct 60 KB operation names", float64(grown)/(1<<20), n)
	if grown > 16<<20 {
		t.Errorf("heap grew %d MB; the names sent add up to %d MB and none should stay", grown>>20, n*len(pad)>>20)
	}
	ts.assertAlive(t)
}

// TestDocumentCacheBoundedInBytes sends 600 distinct valid documents of
// about 11 KB whose syntax trees are large (1,400 list items each). A
// cache of 512 documents, whatever their size, held some 180 MB of them;
// the cache's budget of bytes holds the heap well under that.
func TestDocumentCacheBoundedInBytes(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	items := strings.TrimSuffix(strings.Repeat("Person, ", 1400), ", ")
	before := liveHeap()
	const n = 600
	for i := range n {
		q := fmt.Sprintf(`query Q%d { search(query: "korea", types: [%s]) { nodes { score } } }`, i, items)
		if r := ts.post(t, q, nil); r.Status != http.StatusOK || r.firstError() != "" {
			t.Fatalf("document %d: status %d %s", i, r.Status, r.Raw)
		}
	}
	grown := int64(liveHeap()) - int64(before)
	t.Logf("heap grew %.1f MB over %d distinct documents", float64(grown)/(1<<20), n)
	if grown > 64<<20 {
		t.Errorf("heap grew %d MB after %d distinct documents; the cache's budget is 32 MB", grown>>20, n)
	}
	ts.assertAlive(t)
}

// gatedWriter is a real store whose writes wait at a gate the test opens.
type gatedWriter struct {
	*graph.Store
	inside atomic.Int32
	open   chan struct{}
}

func (g *gatedWriter) Ingest(ctx context.Context, docs []schema.Document) ([]schema.IngestResult, error) {
	g.inside.Add(1)
	<-g.open
	return g.Store.Ingest(ctx, docs)
}

// TestWritersDoNotStarveReads holds a writer inside the store while eight
// more queue, and sends reads: with one set of slots for both, 48 writers
// made 65% of reads fail with 503. Writers now queue behind their own
// slot, and every read is answered.
func TestWritersDoNotStarveReads(t *testing.T) {
	st := openStore(t, fixtureDocs(t))
	w := &gatedWriter{Store: st, open: make(chan struct{})}
	ts := serve(t, st, api.Config{Token: testToken, Writer: w, MaxConcurrent: 2, QueueWait: 200 * time.Millisecond})
	text, err := readFixtureText()
	if err != nil {
		t.Fatal(err)
	}
	const writers = 9
	var wg sync.WaitGroup
	errs := make(chan string, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := ts.post(t, `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { status } }`,
				map[string]interface{}{"in": map[string]interface{}{"id": fmt.Sprintf("gate-%d", i), "text": text}},
				"Authorization", "Bearer "+testToken)
			if r.Status != http.StatusOK || r.firstError() != "" {
				errs <- fmt.Sprintf("writer %d: %d %s", i, r.Status, r.Raw)
			}
		}()
	}
	for w.inside.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // the other writers are queued by now
	busy := 0
	for range 20 {
		r := ts.post(t, `{ entity(id: "country/KR") { name } }`, nil)
		if r.Status == http.StatusServiceUnavailable || r.firstError() != "" {
			busy++
		}
	}
	close(w.open)
	wg.Wait()
	close(errs)
	if busy > 0 {
		t.Errorf("%d of 20 reads refused while writers waited", busy)
	}
	for e := range errs {
		t.Error(e)
	}
}

func readFixtureText() (string, error) {
	b, err := os.ReadFile("testdata/fixture/korea-us-followup.txt")
	return string(b), err
}

// TestSpecValidation: what the GraphQL specification refuses and
// graphql-go v0.8.1 accepted.
func TestSpecValidation(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	page := `query($n: Int) { entities(first: $n) { totalCount } }`
	cases := []struct {
		name string
		body string
		want string
	}{
		{"duplicate query key", `{"query":"{ stats { articles } }","query":"{ stats { entities } }"}`, `gives "query" twice`},
		{"duplicate variables key", `{"query":"{ stats { articles } }","variables":{},"variables":{"a":1}}`, `gives "variables" twice`},
		{"repeated @skip", body(`{ stats { articles`+strings.Repeat(" @skip(if: false)", 150)+` } }`, nil),
			`"@skip" can only be used once`},
		{"repeated @include on a fragment spread", body(`{ ...F @include(if: true) @include(if: true) } fragment F on Query { stats { articles } }`, nil),
			`"@include" can only be used once`},
		{"first 1.5 as a variable", body(page, map[string]interface{}{"n": 1.5}), `variable "$n" got invalid value 1.5: not a whole number`},
		{"first 1.5 as a literal", body(`{ entities(first: 1.5) { totalCount } }`, nil), `invalid value 1.5`},
		{"Int past 32 bits", body(`query($n: Int) { stats(top: $n) { articles } }`, map[string]interface{}{"n": 1 << 40}), `outside the 32-bit range`},
		{"String given a number", body(`query($q: String!) { search(query: $q) { nodes { score } } }`, map[string]interface{}{"q": 12}), `not a string`},
		{"Boolean given a number", body(`query($x: Boolean!) { stats { articles @include(if: $x) } }`, map[string]interface{}{"x": 1}), `not true or false`},
		{"enum given a number", body(`query($t: EntityType) { entities(type: $t) { totalCount } }`, map[string]interface{}{"t": 3}), `enum value must be given as a string`},
		{"inside an input object", body(`query($w: RelationWhere) { relations(where: $w) { totalCount } }`,
			map[string]interface{}{"w": map[string]interface{}{"minConfidence": "high"}}), `at .minConfidence: not a number`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, "/graphql", []byte(c.body), "Accept", "application/graphql-response+json")
			if r.Status != http.StatusBadRequest || !strings.Contains(r.firstError(), c.want) {
				t.Errorf("status %d, error %q; want 400 and %q", r.Status, r.firstError(), c.want)
			}
			if bytes.Contains(r.Raw, []byte(`"data"`)) {
				t.Errorf("refused request answered with data: %s", r.Raw)
			}
		})
	}
	get := ts.do(t, http.MethodGet, "/graphql?query="+url.QueryEscape("{ stats { articles } }")+"&query="+url.QueryEscape("{ stats { entities } }"), nil)
	if get.Status != http.StatusBadRequest || !strings.Contains(get.firstError(), `gives "query" 2 times`) {
		t.Errorf("query twice in the URL: %d %s", get.Status, get.Raw)
	}
	// the same queries with proper values still run
	for _, ok := range []struct {
		q    string
		vars map[string]interface{}
	}{
		{page, map[string]interface{}{"n": 2}},
		{page, map[string]interface{}{"n": 2.0}},
		{`query($id: ID!) { entity(id: $id) { id } }`, map[string]interface{}{"id": 7}},
		{`{ stats { articles @skip(if: false) @include(if: true) } }`, nil},
	} {
		if r := ts.post(t, ok.q, ok.vars); r.Status != http.StatusOK || r.firstError() != "" {
			t.Errorf("%s with %v: %d %s", ok.q, ok.vars, r.Status, r.Raw)
		}
	}
}

func body(query string, vars map[string]interface{}) string {
	b, _ := json.Marshal(map[string]interface{}{"query": query, "variables": vars})
	return string(b)
}

// TestNoIntrospectionHidesTypes: with introspection off, no error names a
// type of the schema, whatever part of graphql-go wrote it.
func TestNoIntrospectionHidesTypes(t *testing.T) {
	ts := newServer(t, api.Config{NoIntrospection: true}, fixtureDocs(t))
	open := newServer(t, api.Config{}, fixtureDocs(t))
	srv, err := api.NewServer(ts.store, nil, api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	sch := srv.Schema()
	for name := range sch.TypeMap() {
		names = append(names, regexp.QuoteMeta(name))
	}
	typeName := regexp.MustCompile(`\b(?:` + strings.Join(names, "|") + `)\b`)
	queries := []struct {
		q    string
		vars map[string]interface{}
	}{
		{`{ entity(id: 1.5) { id } }`, nil},
		{`query($id: Int) { entity(id: $id) { id } }`, nil},
		{`{ entity(id: "x") { nope } }`, nil},
		{`{ entity(id: "x") }`, nil},
		{`{ stats { articles { x } } }`, nil},
		{`{ entity(id: "x") { id(arg: 1) } }`, nil},
		{`{ entity(id: "x") { ... on Nope { id } } }`, nil},
		{`{ entity(id: "x") { ... on Person { id } ... on SearchHit { score } } }`, nil},
		{`query($id: ID!) { entity(id: $id) { id } }`, nil},
		{`query($id: ID!) { entity(id: $id) { id } }`, map[string]interface{}{"id": []interface{}{1, 2}}},
		{`query($w: EntityWhere) { entities(where: $w) { totalCount } }`, map[string]interface{}{"w": map[string]interface{}{"nope": 1}}},
		{`query($t: [EntityType!]) { search(query: "k", types: $t) { nodes { score } } }`, map[string]interface{}{"t": []interface{}{"Planet"}}},
		{`{ relations(where: {predicate: nope}) { totalCount } }`, nil},
	}
	for _, q := range queries {
		r := ts.post(t, q.q, q.vars)
		if r.firstError() == "" {
			t.Errorf("%s: no error", q.q)
			continue
		}
		for _, e := range r.Body["errors"].([]interface{}) {
			msg := e.(map[string]interface{})["message"].(string)
			if m := typeName.FindString(msg); m != "" {
				t.Errorf("%s: error names type %s: %q", q.q, m, msg)
			}
		}
		// with introspection on, the same query still says which types
		if o := open.post(t, q.q, q.vars); o.firstError() == "" {
			t.Errorf("%s: no error with introspection on", q.q)
		}
	}
}

// TestMetricsAccess: /metrics can be kept to holders of the token, or off
// the API's address for a listener of its own.
func TestMetricsAccess(t *testing.T) {
	docs := fixtureDocs(t)
	open := newServer(t, api.Config{Token: testToken}, docs)
	if r := open.do(t, http.MethodGet, "/metrics", nil); r.Status != http.StatusOK {
		t.Errorf("open metrics: status %d", r.Status)
	}
	guarded := newServer(t, api.Config{Token: testToken, Metrics: api.MetricsToken}, docs)
	if r := guarded.do(t, http.MethodGet, "/metrics", nil); r.Status != http.StatusUnauthorized {
		t.Errorf("metrics without the token: status %d, want 401", r.Status)
	}
	if r := guarded.do(t, http.MethodGet, "/metrics", nil, "Authorization", "Bearer wrong"); r.Status != http.StatusUnauthorized {
		t.Errorf("metrics with a wrong token: status %d, want 401", r.Status)
	}
	r := guarded.do(t, http.MethodGet, "/metrics", nil, "Authorization", "Bearer "+testToken)
	if r.Status != http.StatusOK || !bytes.Contains(r.Raw, []byte("newsgraph_http_requests_total")) {
		t.Errorf("metrics with the token: status %d", r.Status)
	}
	off := newServer(t, api.Config{Metrics: api.MetricsOff}, docs)
	if r := off.do(t, http.MethodGet, "/metrics", nil); r.Status != http.StatusNotFound {
		t.Errorf("metrics served elsewhere: status %d on the API's address, want 404", r.Status)
	}
	if _, err := api.NewServer(off.store, nil, api.Config{Metrics: "public"}); err == nil {
		t.Error("an unknown Metrics setting was accepted")
	}
}

// TestArticleIDsValidated: ids that would hide or forge text, and urls
// that are no http or https links, are refused by name, and nothing is
// stored.
func TestArticleIDsValidated(t *testing.T) {
	ts := newServer(t, api.Config{Token: testToken}, fixtureDocs(t))
	text, err := readFixtureText()
	if err != nil {
		t.Fatal(err)
	}
	before := ts.post(t, `{ stats { articles } }`, nil)
	for _, c := range []struct{ name, id, want string }{
		{"NUL", "a\x00b", "does not print"},
		{"newline", "forged\nINFO ok", "does not print"},
		{"5,000 characters", strings.Repeat("a", 5000), "5000 bytes, at most 255"},
		{"bidi override", "report\u202etxt.exe", "does not print"},
		{"zero-width space", "a\u200bb", "does not print"},
	} {
		r := ts.post(t, `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { status } }`,
			map[string]interface{}{"in": map[string]interface{}{"id": c.id, "text": text}}, "Authorization", "Bearer "+testToken)
		if !strings.Contains(r.firstError(), "article id") || !strings.Contains(r.firstError(), c.want) {
			t.Errorf("%s: error %q, want one about the article id: %q", c.name, r.firstError(), c.want)
		}
	}
	for _, u := range []string{"0", "javascript:alert(1)", "ftp://news.example/a"} {
		r := ts.post(t, `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { status } }`,
			map[string]interface{}{"in": map[string]interface{}{"id": "linked", "url": u, "text": text}}, "Authorization", "Bearer "+testToken)
		if !strings.Contains(r.firstError(), "url") || !strings.Contains(r.firstError(), "not an http or https URL") {
			t.Errorf("url %q: error %q, want one about the url", u, r.firstError())
		}
	}
	if after := ts.post(t, `{ stats { articles } }`, nil); !bytes.Equal(after.Raw, before.Raw) {
		t.Errorf("articles stored: before %s, after %s", before.Raw, after.Raw)
	}
}

// TestFeedMetrics: a server given a Follower reports the feed's series
// from the first scrape, the lag only once the store has caught up (a
// memstore, which has no feed, never has); a server given none has none.
func TestFeedMetrics(t *testing.T) {
	docs := fixtureDocs(t)
	plain := newServer(t, api.Config{}, docs)
	if r := plain.do(t, http.MethodGet, "/metrics", nil); bytes.Contains(r.Raw, []byte("newsgraph_feed_")) {
		t.Errorf("a server without a feed reports one:\n%s", r.Raw)
	}
	st := openStore(t, docs)
	following := serve(t, st, api.Config{Feed: st})
	r := following.do(t, http.MethodGet, "/metrics", nil)
	for _, want := range []string{"newsgraph_feed_position 0\n", "newsgraph_feed_changes_applied_total 0\n",
		"newsgraph_feed_reads_failed_total 0\n", "newsgraph_feed_delay_seconds_count 0\n"} {
		if !bytes.Contains(r.Raw, []byte(want)) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if bytes.Contains(r.Raw, []byte("newsgraph_feed_lag_seconds ")) {
		t.Error("a store that never caught up reports a lag")
	}
}
