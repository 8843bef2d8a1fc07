package gqlfast_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// The differential tests send each request to two servers over one store:
// one as served (the fast executor for what it can run), one that runs
// everything on graphql-go's executor (api.Config.ReferenceExecutor). The
// answers must be the same bytes. Through the variables they also hold
// values.go, the copy of graphql-go's unexported coercion rules, to
// graphql-go's own.

// pair is the two servers.
type pair struct {
	fast, ref http.Handler
}

func newPair(t testing.TB) *pair {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{DB: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Ingest(ctx, fixtureDocs(t)); err != nil {
		t.Fatal(err)
	}
	mk := func(reference bool) http.Handler {
		srv, err := api.NewServer(st, nil, api.Config{
			ReferenceExecutor: reference,
			Logger:            slog.New(slog.NewTextHandler(io.Discard, nil)),
			IsNotFound:        func(err error) bool { return errors.Is(err, graph.ErrNotFound) },
		})
		if err != nil {
			t.Fatal(err)
		}
		return srv.Handler()
	}
	return &pair{fast: mk(false), ref: mk(true)}
}

func fixtureDocs(t testing.TB) []schema.Document {
	t.Helper()
	files, err := filepath.Glob("../testdata/fixture/*.json")
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

// answer is one server's response.
type answer struct {
	status int
	body   []byte
}

func post(h http.Handler, body []byte) answer {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "differential") // the same in both answers' messages
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return answer{rec.Code, rec.Body.Bytes()}
}

var suggestions = regexp.MustCompile(` Did you mean [^?]*\?`)

var fastRuns = regexp.MustCompile(`(?m)^newsgraph_graphql_executions_total\{executor="fast"\} (\d+)`)

// fastCount reads how many operations the fast executor has run.
func fastCount(t testing.TB, h http.Handler) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	m := fastRuns.FindSubmatch(rec.Body.Bytes())
	if m == nil {
		t.Fatalf("no fast executions counter in /metrics")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// compare sends body to both servers and says how they differ ("" when
// they do not). graphql-go gathers a field's errors in the order it visits
// the fields of a map, and lists the suggestions of a validation error in
// a map's order too, so the errors are compared as a set without their
// suggestions; the data byte for byte.
func (p *pair) compare(body []byte) (fast answer, diff string) {
	fast, ref := post(p.fast, body), post(p.ref, body)
	if fast.status != ref.status {
		return fast, "status " + strconv.Itoa(fast.status) + " against " + strconv.Itoa(ref.status)
	}
	if bytes.Equal(fast.body, ref.body) {
		return fast, ""
	}
	if a, b := sortedErrors(fast.body), sortedErrors(ref.body); a != nil && bytes.Equal(a, b) {
		return fast, ""
	}
	return fast, "bodies differ"
}

// sortedErrors re-encodes a response with its errors sorted; nil when it
// is not a JSON object.
func sortedErrors(body []byte) []byte {
	var r struct {
		Data   json.RawMessage   `json:"data,omitempty"`
		Errors []json.RawMessage `json:"errors,omitempty"`
	}
	if json.Unmarshal(body, &r) != nil {
		return nil
	}
	for i, e := range r.Errors {
		r.Errors[i] = suggestions.ReplaceAll(e, nil)
	}
	slices.SortFunc(r.Errors, func(a, b json.RawMessage) int { return bytes.Compare(a, b) })
	out, _ := json.Marshal(r)
	return out
}

func requestBody(query, operation string, vars map[string]interface{}) []byte {
	b, _ := json.Marshal(map[string]interface{}{"query": query, "operationName": operation, "variables": vars})
	return b
}

// TestFastExecutorMatches runs every golden query, and queries that use
// what the golden ones do not (fragments, aliases, variables with
// defaults, input objects, lists, __typename), on both executors and wants
// the same bytes; the queries the fast executor must leave to graphql-go
// (mutations, introspection, directives, field errors) must reach it.
func TestFastExecutorMatches(t *testing.T) {
	type query struct {
		name, text, op string
		vars           map[string]interface{}
		fallback       bool // must go to graphql-go
	}
	var queries []query
	files, _ := filepath.Glob("../testdata/*.graphql")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		if strings.Contains(f, "suggestion_error") {
			continue // fails validation: never executed
		}
		golden, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		// mutations and queries with a field error are graphql-go's
		fallback := strings.Contains(text, "mutation") || bytes.Contains(golden, []byte(`"errors"`))
		queries = append(queries, query{name: filepath.Base(f), text: text, vars: goldenVariables(t, text), fallback: fallback})
	}
	const agreement = "agreement/korea-us-technology-prosperity-deal"
	queries = append(queries,
		query{name: "named and inline fragments on the interface and objects", text: `
			query Q($id: ID!) { entity(id: $id) { ...core ... on Agreement { signatories { ...core } sectors { name } }
				... on Country { isoCode } __typename } }
			fragment core on Entity { id name type __typename }`, op: "Q", vars: map[string]interface{}{"id": agreement}},
		query{name: "one key asked twice merges", text: `{ entity(id: "country/KR") { id name
			relations(first: 3) { nodes { subject { id } } } relations(first: 3) { nodes { object { name } } totalCount } } }`},
		query{name: "aliases with other arguments", text: `{ a: entity(id: "country/KR") { name } b: entity(id: "country/US") { name }
			missing: entity(id: "country/ZZ") { name } }`},
		query{name: "variables with defaults and enums", text: `query($first: Int = 2, $dir: Direction = OUT, $preds: [Predicate!]) {
			entity(id: "country/KR") { relations(first: $first, direction: $dir, predicates: $preds) { totalCount pageInfo { hasNextPage endCursor }
				edges { cursor node { predicate confidence rule evidenceCount evidence { article start end text } } } } } }`},
		query{name: "a list variable given one value", text: `query($preds: [Predicate!]) { entity(id: "country/KR") {
			relations(predicates: $preds) { totalCount } } }`, vars: map[string]interface{}{"preds": "signed"}},
		query{name: "input object with a variable inside", text: `query($p: Predicate, $min: Float) {
			relations(where: {predicate: $p, minConfidence: $min}, first: 5) { totalCount nodes { id subject { id } object { id } value } } }`,
			vars: map[string]interface{}{"p": "signed", "min": 0.5}},
		query{name: "input object variable", text: `query($w: EntityWhere) { entities(where: $w, first: 3) { totalCount nodes { id } } }`,
			vars: map[string]interface{}{"w": map[string]interface{}{"nameContains": "korea"}}},
		query{name: "neighbourhood with filters", text: `{ neighborhood(id: "country/KR", depth: 2, types: [Person, Ministry, Country]) {
			truncated nodes { id type name degree } edges { id predicate subject { id } object { id } evidenceCount } } }`},
		query{name: "search, stats, timeline, articles, path", text: `{ search(query: "kor", first: 3) { totalCount nodes { score matched entity { id __typename } } }
			stats(top: 3) { articles entities relations byType { key count } byPredicate { key count } topEntities { degree entity { id } } }
			timeline(entity: "country/KR") { __typename } articles(first: 2) { nodes { id title entities(type: Country) { id } } }
			path(from: "country/KR", to: "country/US") { nodes { id } edges { predicate } } }`},
		query{name: "two operations, one named", text: `query A { stats { articles } } query B { stats { entities } }`, op: "B"},
		query{name: "mutation", text: `mutation { deleteArticle(id: "nope") { deleted } }`, fallback: true},
		query{name: "introspection", text: `{ __schema { queryType { name } } }`, fallback: true},
		query{name: "directive", text: `query($x: Boolean!) { entity(id: "country/KR") { id name @include(if: $x) } }`,
			vars: map[string]interface{}{"x": false}, fallback: true},
		query{name: "a resolver error", text: `{ search(query: " ") { totalCount } }`, fallback: true},
		query{name: "a variable that does not coerce", text: `query($n: Int) { entities(first: $n) { totalCount } }`,
			vars: map[string]interface{}{"n": "many"}, fallback: true},
		query{name: "two operations, none named", text: `query A { stats { articles } } query B { stats { entities } }`, fallback: true},
		query{name: "an operation name the document lacks", text: `query A { stats { articles } }`, op: "Nope", fallback: true},
	)
	p := newPair(t)
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			before := fastCount(t, p.fast)
			got, diff := p.compare(requestBody(q.text, q.op, q.vars))
			ranFast := fastCount(t, p.fast) > before
			switch {
			case diff != "":
				t.Errorf("%s\nfast:       %s\ngraphql-go: %s", diff, got.body, post(p.ref, requestBody(q.text, q.op, q.vars)).body)
			case q.fallback && ranFast:
				t.Errorf("the fast executor ran it; want graphql-go's:\n%s", got.body)
			case !q.fallback && !ranFast:
				t.Errorf("went to graphql-go's executor; want the fast one (it says %s)", got.body)
			}
			if !q.fallback && bytes.Contains(got.body, []byte(`"errors"`)) {
				t.Errorf("a query meant to succeed failed: %s", got.body)
			}
		})
	}
}

// goldenVariables reads a golden query's "# variables: {...}" line.
func goldenVariables(t testing.TB, src string) map[string]interface{} {
	var vars map[string]interface{}
	for _, line := range strings.Split(src, "\n") {
		if v, ok := strings.CutPrefix(line, "# variables:"); ok {
			if err := json.Unmarshal([]byte(v), &vars); err != nil && t != nil {
				t.Fatalf("bad variables line: %v", err)
			}
		}
	}
	return vars
}

// FuzzExecutorMatches sends any query and variables to both servers and
// wants the same answer, byte for byte; the seeds are the queries of
// TestFastExecutorMatches and the golden queries. Most mutations of a
// valid query stay valid and run on the fast executor, which is what this
// holds to graphql-go's: completion, merging, fragments on abstract types,
// and the coercion of variables of every kind.
//
//	go test -run '^$' -fuzz '^FuzzExecutorMatches$' -fuzztime 60s ./api/gqlfast/
func FuzzExecutorMatches(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*.graphql")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		vars, _ := json.Marshal(goldenVariables(nil, string(b)))
		f.Add(string(b), string(vars), "")
	}
	for _, s := range []struct{ q, vars, op string }{
		{`query Q($id: ID!) { entity(id: $id) { ...core ... on Agreement { signatories { ...core } sectors { name } } ... on Country { isoCode } __typename } } fragment core on Entity { id name type __typename }`,
			`{"id": "agreement/korea-us-technology-prosperity-deal"}`, "Q"},
		{`query($first: Int = 2, $dir: Direction = OUT, $preds: [Predicate!]) { entity(id: "country/KR") { relations(first: $first, direction: $dir, predicates: $preds) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { predicate confidence rule evidenceCount evidence { article start end text } } } } } }`,
			`{"preds": "signed", "first": 3}`, ""},
		{`query($p: Predicate, $min: Float) { relations(where: {predicate: $p, minConfidence: $min}, first: 5) { totalCount nodes { id subject { id } object { id } value } } }`,
			`{"p": "signed", "min": 0.5}`, ""},
		{`query($w: EntityWhere) { entities(where: $w, first: 3) { totalCount nodes { id ... on Person { memberOf { name } represents { isoCode } } } } }`,
			`{"w": {"nameContains": "korea", "since": "2020-01-01"}}`, ""},
		{`{ neighborhood(id: "country/KR", depth: 2, types: [Person, Ministry, Country]) { truncated nodes { id type name degree } edges { id predicate subject { id } object { id } evidenceCount } } }`, `{}`, ""},
		{`{ search(query: "kor", first: 3) { totalCount nodes { score matched entity { id __typename } } } stats(top: 3) { articles byType { key count } topEntities { degree entity { id } } } }`, `{}`, ""},
		{`query($t: [EntityType!], $q: String!) { search(query: $q, types: $t) { nodes { entity { id name } } } }`, `{"t": ["Country", "Person"], "q": "s"}`, ""},
	} {
		f.Add(s.q, s.vars, s.op)
	}
	p := newPair(f)
	f.Fuzz(func(t *testing.T, query, vars, op string) {
		fields := map[string]interface{}{"query": query, "operationName": op}
		if json.Valid([]byte(vars)) {
			fields["variables"] = json.RawMessage(vars)
		}
		body, err := json.Marshal(fields)
		if err != nil {
			return
		}
		if got, diff := p.compare(body); diff != "" {
			t.Fatalf("%s for %s\nfast:       %s\ngraphql-go: %s", diff, body, got.body, post(p.ref, body).body)
		}
	})
}
