package index

import (
	"cmp"
	"context"
	"fmt"
	"maps"
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
// left out. Edges carry their evidence count, not the evidence: a
// neighbourhood of well-known entities gathers the sentences of thousands of
// articles, which Statements reads for the edges that want them.
func (ix *Index) Neighborhood(ctx context.Context, q schema.NeighborhoodQuery) (schema.Subgraph, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.neighborhood(ctx, q)
}

// neighborhood is Neighborhood for a caller that holds the read lock.
func (ix *Index) neighborhood(ctx context.Context, q schema.NeighborhoodQuery) (schema.Subgraph, error) {
	depth := clamp(q.Depth, defaultDepth, maxDepth)
	limit := clamp(q.Limit, defaultNodeLimit, maxNodeLimit)
	if ix.ents[q.ID] == nil {
		return schema.Subgraph{}, fmt.Errorf("graph: entity %q: %w", q.ID, ErrNotFound)
	}
	follow := func(k stmtKey) bool {
		return !isDateEdge(k.P) && (len(q.Predicates) == 0 || slices.Contains(q.Predicates, k.P))
	}
	keepNode := func(id string) bool {
		agg := ix.ents[id]
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
			for _, nb := range ix.neighbours(id, follow) {
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
		sg.Nodes = append(sg.Nodes, cloneEntity(ix.ents[id].merged))
	}
	sg.Edges = ix.edgesAmong(seen, follow)
	return sg, nil
}

// neighbours lists, sorted, the entities one followed edge away from id.
func (ix *Index) neighbours(id string, follow func(stmtKey) bool) []string {
	set := map[string]bool{}
	for _, st := range ix.adj[id] {
		k := st.key
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
	return slices.Sorted(maps.Keys(set))
}

// edgesAmong returns the followed statements with both ends in nodes,
// without their evidence.
func (ix *Index) edgesAmong(nodes map[string]bool, follow func(stmtKey) bool) []schema.Statement {
	var sts []*stmtAgg
	for id := range nodes {
		for _, st := range ix.adj[id] {
			if k := st.key; k.S == id && nodes[k.O] && follow(k) {
				sts = append(sts, st)
			}
		}
	}
	slices.SortFunc(sts, byKey)
	out := make([]schema.Statement, 0, len(sts))
	for _, st := range sts {
		out = append(out, edge(st))
	}
	return out
}

func compareKeys(a, b stmtKey) int {
	return cmp.Or(cmp.Compare(a.S, b.S), cmp.Compare(a.P, b.P), cmp.Compare(a.O, b.O))
}

func byKey(a, b *stmtAgg) int { return compareKeys(a.key, b.key) }

// Path returns a shortest path from one entity to another, edges taken in
// either direction, as its nodes in path order and the edge between each
// consecutive pair (without evidence, as in Neighborhood). Cayley has no shortest path, so this is a breadth-first
// search, run from both ends at once (each round grows the smaller
// frontier by a level), which on a graph with hubs visits a small fraction
// of what a search from one end does. Neighbours are taken in id order and,
// of the shortest paths, the one through the smallest meeting id is
// returned, so the answer does not vary between calls. No path within
// maxHops gives an empty Subgraph.
func (ix *Index) Path(ctx context.Context, from, to string, maxHops int) (schema.Subgraph, error) {
	depth := clamp(maxHops, defaultPathDepth, maxPathDepth)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, id := range []string{from, to} {
		if ix.ents[id] == nil {
			return schema.Subgraph{}, fmt.Errorf("graph: entity %q: %w", id, ErrNotFound)
		}
	}
	follow := func(k stmtKey) bool { return !isDateEdge(k.P) }
	fwd, bwd := newSearchSide(from), newSearchSide(to)
	meet := ""
	if from == to {
		meet = from
	}
	for meet == "" && fwd.depth+bwd.depth < depth && len(fwd.frontier) > 0 && len(bwd.frontier) > 0 {
		grow, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			grow, other = bwd, fwd
		}
		var err error
		if meet, err = grow.expand(ctx, ix, follow, other); err != nil {
			return schema.Subgraph{}, fmt.Errorf("graph: path %q to %q: %w", from, to, err)
		}
	}
	if meet == "" {
		return schema.Subgraph{}, nil
	}
	ids := fwd.chain(meet)
	slices.Reverse(ids)
	ids = append(ids, bwd.chain(meet)[1:]...)
	var sg schema.Subgraph
	for i, id := range ids {
		sg.Nodes = append(sg.Nodes, cloneEntity(ix.ents[id].merged))
		if i > 0 {
			sg.Edges = append(sg.Edges, ix.edgeBetween(ids[i-1], id))
		}
	}
	return sg, nil
}

// searchSide is one end of a two-ended breadth-first search.
type searchSide struct {
	parent   map[string]string // node -> the node it was reached from ("" at the end)
	dist     map[string]int
	frontier []string
	depth    int // levels expanded
}

func newSearchSide(start string) *searchSide {
	return &searchSide{parent: map[string]string{start: ""}, dist: map[string]int{start: 0}, frontier: []string{start}}
}

// expand grows the side by one level and returns, among the nodes the other
// side has reached, the one closing the shortest path (smallest id on a tie),
// or "".
func (sd *searchSide) expand(ctx context.Context, ix *Index, follow func(stmtKey) bool, other *searchSide) (string, error) {
	sd.depth++
	var next []string
	meet, best := "", 0
	for _, id := range sd.frontier {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		for _, nb := range ix.neighbours(id, follow) {
			if _, ok := sd.parent[nb]; ok {
				continue
			}
			sd.parent[nb], sd.dist[nb] = id, sd.depth
			next = append(next, nb)
			if d, ok := other.dist[nb]; ok && (meet == "" || d < best || (d == best && nb < meet)) {
				meet, best = nb, d
			}
		}
	}
	sd.frontier = next
	return meet, nil
}

// chain is the path from id back to the side's start.
func (sd *searchSide) chain(id string) []string {
	var out []string
	for ; id != ""; id = sd.parent[id] {
		out = append(out, id)
	}
	return out
}

// edgeBetween returns the first statement, in key order, linking a and b,
// without its evidence.
func (ix *Index) edgeBetween(a, b string) schema.Statement {
	var sts []*stmtAgg
	for _, st := range ix.adj[a] {
		if k := st.key; (k.S == a && k.O == b) || (k.S == b && k.O == a) {
			sts = append(sts, st)
		}
	}
	return edge(slices.MinFunc(sts, byKey))
}
