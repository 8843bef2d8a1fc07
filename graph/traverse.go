package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

const (
	defaultDepth     = 1
	maxDepth         = 5
	defaultNodeLimit = 50
	maxNodeLimit     = 1000
	defaultPathDepth = 6
	maxPathDepth     = 12
)

// Neighborhood returns the entities within q.Depth hops of q.ID, following
// edges of q.Predicates in either direction and keeping nodes of q.Types
// (the centre is always kept), at most q.Limit nodes nearest first, with the
// edges among them. Date-valued statements (signedOn) have no node and are
// left out.
func (s *Store) Neighborhood(ctx context.Context, q schema.NeighborhoodQuery) (schema.Subgraph, error) {
	depth := clamp(q.Depth, defaultDepth, maxDepth)
	limit := clamp(q.Limit, defaultNodeLimit, maxNodeLimit)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx.ents[q.ID] == nil {
		return schema.Subgraph{}, fmt.Errorf("graph: entity %q: %w", q.ID, ErrNotFound)
	}
	follow := func(k stmtKey) bool {
		return !isDateEdge(k.P) && (len(q.Predicates) == 0 || slices.Contains(q.Predicates, k.P))
	}
	keepNode := func(id string) bool {
		agg := s.idx.ents[id]
		return agg != nil && (len(q.Types) == 0 || slices.Contains(q.Types, agg.merged.Type))
	}
	var sg schema.Subgraph
	seen := map[string]bool{q.ID: true}
	order := []string{q.ID}
	frontier := []string{q.ID}
	for d := 0; d < depth && len(frontier) > 0 && !sg.Truncated; d++ {
		var next []string
	level:
		for _, id := range frontier {
			if err := ctx.Err(); err != nil {
				return schema.Subgraph{}, fmt.Errorf("graph: neighborhood of %q: %w", q.ID, err)
			}
			for _, nb := range s.idx.neighbours(id, follow) {
				if seen[nb] || !keepNode(nb) {
					continue
				}
				if len(order) >= limit {
					// full: the rest of the frontier (hubs among it) is not read
					sg.Truncated = true
					break level
				}
				seen[nb] = true
				order = append(order, nb)
				next = append(next, nb)
			}
		}
		frontier = next
	}
	for _, id := range order {
		sg.Nodes = append(sg.Nodes, cloneEntity(s.idx.ents[id].merged))
	}
	sg.Edges = s.idx.edgesAmong(seen, follow)
	return sg, nil
}

// neighbours lists, sorted, the entities one followed edge away from id.
func (ix *index) neighbours(id string, follow func(stmtKey) bool) []string {
	set := map[string]bool{}
	for k := range ix.adj[id] {
		if !follow(k) {
			continue
		}
		if k.S == id {
			set[k.O] = true
		} else {
			set[k.S] = true
		}
	}
	delete(set, id)
	return sortedKeys(set)
}

// edgesAmong returns the followed statements with both ends in nodes.
func (ix *index) edgesAmong(nodes map[string]bool, follow func(stmtKey) bool) []schema.Statement {
	var keys []stmtKey
	for id := range nodes {
		for k := range ix.adj[id] {
			if k.S == id && nodes[k.O] && follow(k) {
				keys = append(keys, k)
			}
		}
	}
	slices.SortFunc(keys, compareKeys)
	out := make([]schema.Statement, 0, len(keys))
	for _, k := range keys {
		st, _ := ix.statement(ix.stmts[k], nil)
		out = append(out, st)
	}
	return out
}

func compareKeys(a, b stmtKey) int {
	return cmp.Or(cmp.Compare(a.S, b.S), cmp.Compare(a.P, b.P), cmp.Compare(a.O, b.O))
}

// Path returns a shortest path from one entity to another, edges taken in
// either direction, as its nodes in path order and the edge between each
// consecutive pair. Cayley has no shortest path, so this is a breadth-first
// search. No path within maxDepth hops gives an empty Subgraph.
func (s *Store) Path(ctx context.Context, from, to string, maxHops int) (schema.Subgraph, error) {
	depth := clamp(maxHops, defaultPathDepth, maxPathDepth)
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range []string{from, to} {
		if s.idx.ents[id] == nil {
			return schema.Subgraph{}, fmt.Errorf("graph: entity %q: %w", id, ErrNotFound)
		}
	}
	follow := func(k stmtKey) bool { return !isDateEdge(k.P) }
	parent := map[string]string{from: ""}
	frontier := []string{from}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		if _, ok := parent[to]; ok {
			break
		}
		var next []string
		for _, id := range frontier {
			if err := ctx.Err(); err != nil {
				return schema.Subgraph{}, fmt.Errorf("graph: path %q to %q: %w", from, to, err)
			}
			for _, nb := range s.idx.neighbours(id, follow) {
				if _, ok := parent[nb]; !ok {
					parent[nb] = id
					next = append(next, nb)
				}
			}
		}
		frontier = next
	}
	if _, ok := parent[to]; !ok {
		return schema.Subgraph{}, nil
	}
	var ids []string
	for id := to; id != ""; id = parent[id] {
		ids = append(ids, id)
	}
	slices.Reverse(ids)
	var sg schema.Subgraph
	for i, id := range ids {
		sg.Nodes = append(sg.Nodes, cloneEntity(s.idx.ents[id].merged))
		if i > 0 {
			sg.Edges = append(sg.Edges, s.idx.edgeBetween(ids[i-1], id))
		}
	}
	return sg, nil
}

// edgeBetween returns the first statement, in key order, linking a and b.
func (ix *index) edgeBetween(a, b string) schema.Statement {
	var keys []stmtKey
	for k := range ix.adj[a] {
		if (k.S == a && k.O == b) || (k.S == b && k.O == a) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	st, _ := ix.statement(ix.stmts[keys[0]], nil)
	return st
}
