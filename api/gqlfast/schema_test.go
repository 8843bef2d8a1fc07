package gqlfast_test

import (
	"bytes"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
)

// TestPrepareKeepsEveryAnswer holds Prepare to graphql-go: a schema built
// afresh from the same types, asked nothing before, answers IsPossibleType
// as a copy of the prepared one does, for every type against every object.
func TestPrepareKeepsEveryAnswer(t *testing.T) {
	st, err := graph.Open(t.Context(), graph.Config{DB: "memory"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := api.NewServer(st, nil, api.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	prepared := srv.Schema()
	var types []graphql.Type
	for _, ty := range prepared.TypeMap() {
		types = append(types, ty)
	}
	fresh, err := graphql.NewSchema(graphql.SchemaConfig{Query: prepared.QueryType(), Mutation: prepared.MutationType(), Types: types})
	if err != nil {
		t.Fatal(err)
	}
	abstract := 0
	for _, a := range types {
		for _, o := range types {
			obj, ok := o.(*graphql.Object)
			if !ok {
				continue
			}
			c := prepared // a request's copy
			if got, want := c.IsPossibleType(a, obj), fresh.IsPossibleType(a, obj); got != want {
				t.Errorf("IsPossibleType(%s, %s) = %v on the prepared schema, %v on graphql-go's own", a.Name(), obj.Name(), got, want)
			} else if got {
				abstract++
			}
		}
	}
	if abstract == 0 {
		t.Fatal("no type has a possible type: the schema has no interface or union to test with")
	}
}

// TestConcurrentRequestsShareTheSchema sends queries that meet interfaces
// through fragments, on both executors, from several goroutines at once:
// validation and execution both ask graphql-go whether a type is possible,
// which writes into the Schema asked. Under the race detector (make race)
// a schema shared between requests fails here; the answers must also be
// the ones a lone request gets.
func TestConcurrentRequestsShareTheSchema(t *testing.T) {
	p := newPair(t)
	bodies := [][]byte{
		requestBody(`query Q($id: ID!) { entity(id: $id) { ...core ... on Agreement { signatories { ...core } }
			... on Country { isoCode } } } fragment core on Entity { id name __typename }`,
			"Q", map[string]interface{}{"id": "agreement/korea-us-technology-prosperity-deal"}),
		requestBody(`{ node(id: "country/KR") { id ... on Entity { name relations(first: 2) { nodes { object { ... on Node { id } } } } } } }`, "", nil),
	}
	want := make([][]byte, len(bodies))
	for i, b := range bodies {
		fast, diff := p.compare(b)
		if diff != "" || fast.status != 200 {
			t.Fatalf("query %d: status %d, %s: %s", i, fast.status, diff, fast.body)
		}
		want[i] = fast.body
	}
	// a fresh pair, so that the first requests to meet each abstract type
	// are the concurrent ones
	p = newPair(t)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				k := (g + i) % len(bodies)
				h := p.fast
				if g%2 == 1 {
					h = p.ref
				}
				if a := post(h, bodies[k]); !bytes.Equal(a.body, want[k]) {
					select {
					case errs <- string(a.body):
					default:
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("a concurrent answer differs from the lone one: %s", e)
	}
}
