package index

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// TestPathIsShortest checks the two-ended search against a plain
// breadth-first search from one end, on a generated graph with hubs: same
// length for every pair, no path where there is none, and every step an
// edge of the graph.
func TestPathIsShortest(t *testing.T) {
	ctx := context.Background()
	s := build(corpusDocs(3, 0, 120))
	ids := slices.Sorted(maps.Keys(s.ents))
	rng := rand.New(rand.NewPCG(1, 2))
	follow := func(k stmtKey) bool { return !isDateEdge(k.P) }
	for range 300 {
		from, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		const hops = 4
		want := bfsDistance(s, from, to, hops, follow)
		sg, err := s.Path(ctx, from, to, hops)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(sg.Nodes) - 1; got != want {
			t.Fatalf("Path(%s, %s) has %d hops, breadth-first search %d", from, to, got, want)
		}
		if want < 0 {
			continue
		}
		if sg.Nodes[0].ID != from || sg.Nodes[len(sg.Nodes)-1].ID != to || len(sg.Edges) != want {
			t.Fatalf("Path(%s, %s) = %v", from, to, nodeIDs(sg))
		}
		for i, e := range sg.Edges {
			a, b := sg.Nodes[i].ID, sg.Nodes[i+1].ID
			if !(e.Subject == a && e.Object == b) && !(e.Subject == b && e.Object == a) {
				t.Fatalf("Path(%s, %s): edge %d %s-%s does not link %s and %s", from, to, i, e.Subject, e.Object, a, b)
			}
		}
		again, _ := s.Path(ctx, from, to, hops)
		if len(again.Nodes) != len(sg.Nodes) || nodeIDs(again)[len(again.Nodes)/2] != nodeIDs(sg)[len(sg.Nodes)/2] {
			t.Fatalf("Path(%s, %s) differs between calls: %v, %v", from, to, nodeIDs(sg), nodeIDs(again))
		}
	}
}

// bfsDistance is the hop count of a shortest path within limit hops, or -1.
func bfsDistance(ix *Index, from, to string, limit int, follow func(stmtKey) bool) int {
	dist := map[string]int{from: 0}
	frontier := []string{from}
	for d := 0; len(frontier) > 0; d++ {
		if _, ok := dist[to]; ok {
			return dist[to]
		}
		if d == limit {
			break
		}
		var next []string
		for _, id := range frontier {
			for _, nb := range ix.neighbours(id, follow) {
				if _, ok := dist[nb]; !ok {
					dist[nb] = d + 1
					next = append(next, nb)
				}
			}
		}
		frontier = next
	}
	return -1
}

func nodeIDs(sg schema.Subgraph) []string {
	var ids []string
	for _, n := range sg.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}
