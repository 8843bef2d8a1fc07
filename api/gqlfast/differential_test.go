package api_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
)

// TestFastExecutorMatches runs every golden query, and queries that use
// what the golden ones do not (fragments, aliases, variables with
// defaults, input objects, lists, __typename), on the fast executor and on
// graphql-go's, and wants the same bytes; the queries the fast executor
// must leave to graphql-go (mutations, introspection, directives, field
// errors) must reach it.
func TestFastExecutorMatches(t *testing.T) {
	ctx := context.Background()
	srv, err := api.NewServer(openStore(t, fixtureDocs(t)), fixtureExtractor{t}, api.Config{
		IsNotFound: func(err error) bool { return errors.Is(err, graph.ErrNotFound) }})
	if err != nil {
		t.Fatal(err)
	}
	type query struct {
		name, text, op string
		vars           map[string]interface{}
		fallback       bool // must go to graphql-go
	}
	var queries []query
	files, _ := filepath.Glob("testdata/*.graphql")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		vars, _ := goldenHeader(t, string(src))
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
		queries = append(queries, query{name: filepath.Base(f), text: text, vars: vars, fallback: fallback})
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
		query{name: "search, stats, timeline, articles, path", text: `{ search(query: "kor", first: 3) { score matched entity { id __typename } }
			stats(top: 3) { articles entities relations byType { key count } byPredicate { key count } topEntities { degree entity { id } } }
			timeline(entity: "country/KR") { __typename } articles(first: 2) { nodes { id title entities(type: Country) { id } } }
			path(from: "country/KR", to: "country/US") { nodes { id } edges { predicate } } }`},

		query{name: "mutation", text: `mutation { deleteArticle(id: "nope") { deleted } }`, fallback: true},
		query{name: "introspection", text: `{ __schema { queryType { name } } }`, fallback: true},
		query{name: "directive", text: `query($x: Boolean!) { entity(id: "country/KR") { id name @include(if: $x) } }`,
			vars: map[string]interface{}{"x": false}, fallback: true},
		query{name: "a resolver error", text: `{ search(query: " ") { score } }`, fallback: true},
		query{name: "a variable that does not coerce", text: `query($n: Int) { entities(first: $n) { totalCount } }`,
			vars: map[string]interface{}{"n": "many"}, fallback: true},
		query{name: "two operations, none named", text: `query A { stats { articles } } query B { stats { entities } }`, fallback: true},
	)
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			fast, ref, err := srv.ExecuteBoth(ctx, q.text, q.op, q.vars)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case q.fallback && fast != nil:
				t.Errorf("the fast executor ran it; want graphql-go's:\n%s", fast)
			case !q.fallback && fast == nil:
				t.Errorf("went to graphql-go's executor; want the fast one (graphql-go says %s)", ref)
			case !q.fallback && !bytes.Equal(fast, ref):
				t.Errorf("responses differ\nfast:       %s\ngraphql-go: %s", fast, ref)
			}
			if !q.fallback && bytes.Contains(ref, []byte(`"errors"`)) {
				t.Errorf("a query meant to succeed failed: %s", ref)
			}
		})
	}
}
