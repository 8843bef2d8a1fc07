package api_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// countingStore counts the store round trips the resolvers make.
type countingStore struct {
	*graph.Store
	byID, degrees, relations, statements atomic.Int32
}

func (c *countingStore) Statements(ctx context.Context, ids []string) (map[string]schema.Statement, error) {
	c.statements.Add(1)
	return c.Store.Statements(ctx, ids)
}

func (c *countingStore) EntitiesByID(ctx context.Context, ids []string) (map[string]schema.Entity, error) {
	c.byID.Add(1)
	return c.Store.EntitiesByID(ctx, ids)
}

func (c *countingStore) Degrees(ctx context.Context, ids []string) (map[string]int, error) {
	c.degrees.Add(1)
	return c.Store.Degrees(ctx, ids)
}

func (c *countingStore) Relations(ctx context.Context, f schema.RelationFilter, p schema.Page) (schema.RelationPage, error) {
	c.relations.Add(1)
	return c.Store.Relations(ctx, f, p)
}

// TestNoNPlusOne: a list of entities with typed fields and degrees costs a
// fixed number of round trips, however many entities the list has.
func TestNoNPlusOne(t *testing.T) {
	cs := &countingStore{Store: openStore(t, fixtureDocs(t))}
	ts := serve(t, cs, api.Config{})
	r := ts.post(t, `{ entities(type: Person, first: 10) { nodes { name degree
		... on Person { memberOf { name degree } represents { name degree } } } } }`, nil)
	if r.firstError() != "" {
		t.Fatal(r.firstError())
	}
	if n := cs.degrees.Load(); n != 2 {
		t.Errorf("Degrees called %d times, want 2 (one per level)", n)
	}
	if n := cs.byID.Load(); n != 1 {
		t.Errorf("EntitiesByID called %d times, want 1", n)
	}
	if n := cs.relations.Load(); n > 2 {
		t.Errorf("Relations called %d times, want at most 2 (one per predicate)", n)
	}
	r = ts.post(t, `{ relations(first: 20) { nodes { subject { name } object { name } } } }`, nil)
	if r.firstError() != "" {
		t.Fatal(r.firstError())
	}
	if n := cs.byID.Load(); n != 2 {
		t.Errorf("relation ends: EntitiesByID called %d times in all, want 2", n)
	}
	// A neighbourhood's edges come without evidence; asking for it reads
	// every edge's in one round trip.
	r = ts.post(t, `{ neighborhood(id: "country/KR", depth: 2, limit: 50) { edges { evidenceCount evidence { text } } } }`, nil)
	if r.firstError() != "" {
		t.Fatal(r.firstError())
	}
	if n := cs.statements.Load(); n != 1 {
		t.Errorf("edge evidence: Statements called %d times, want 1", n)
	}
	edges := r.Body["data"].(map[string]any)["neighborhood"].(map[string]any)["edges"].([]any)
	if len(edges) < 2 {
		t.Fatalf("neighbourhood has %d edges, want several", len(edges))
	}
	for _, e := range edges {
		e := e.(map[string]any)
		if n, evs := e["evidenceCount"].(float64), e["evidence"].([]any); n < 1 || int(n) != len(evs) {
			t.Errorf("edge has evidenceCount %v and %d evidence", n, len(evs))
		}
	}
}
