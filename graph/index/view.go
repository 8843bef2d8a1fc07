package index

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// View is the merged graph (entities and statements), or a neighbourhood
// of it, in a fixed order: the material of the exports that draw nodes and
// edges.
type View struct {
	Entities   []schema.Entity    // by id
	Statements []schema.Statement // by subject, predicate, object; with all their evidence
	Articles   map[string][]string
	Degree     map[string]int
	SignedOn   map[string][]string // an entity's date statements' dates, sorted
}

// MaxViewNodes bounds a neighbourhood view: one that would hold more
// entities is refused, rather than cut at an arbitrary edge.
const MaxViewNodes = maxNodeLimit

// MaxDepth bounds the depth of a neighbourhood.
const MaxDepth = maxDepth

// View reads, under one read lock, the whole graph (entity "") or the
// neighbourhood of entity within depth hops.
func (ix *Index) View(ctx context.Context, entity string, depth int) (View, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ids, err := ix.viewEntities(ctx, entity, depth)
	if err != nil {
		return View{}, err
	}
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	v := View{Articles: map[string][]string{}, Degree: map[string]int{}, SignedOn: map[string][]string{}}
	var keys []stmtKey
	for _, id := range ids {
		agg := ix.ents[id]
		v.Entities = append(v.Entities, cloneEntity(agg.merged))
		v.Degree[id] = ix.degree(id)
		for _, sd := range agg.by {
			v.Articles[id] = append(v.Articles[id], sd.Article.id())
		}
		for _, st := range ix.adj[id] {
			// each statement once: listed under its subject, or under its
			// object when that is the entity and the subject is in view too
			if st.key.S == id && (isDateEdge(st.key.P) || in[st.key.O]) {
				keys = append(keys, st.key)
			}
		}
	}
	slices.SortFunc(keys, compareKeys)
	for i, k := range keys {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return View{}, err
			}
		}
		st, _ := ix.statement(ix.stmts[k], nil)
		v.Statements = append(v.Statements, st)
		if isDateEdge(k.P) {
			v.SignedOn[k.S] = append(v.SignedOn[k.S], k.O)
		}
	}
	return v, nil
}

// viewEntities lists the ids of the entities in view, sorted. The caller
// holds the read lock.
func (ix *Index) viewEntities(ctx context.Context, entity string, depth int) ([]string, error) {
	if entity == "" {
		return slices.Sorted(maps.Keys(ix.ents)), nil
	}
	depth = max(depth, 1)
	sg, err := ix.neighborhood(ctx, schema.NeighborhoodQuery{ID: entity, Depth: depth, Limit: MaxViewNodes})
	if err != nil {
		return nil, err
	}
	if sg.Truncated {
		return nil, fmt.Errorf("more than %d entities lie within %d hops: export a smaller depth, or the whole graph", MaxViewNodes, depth)
	}
	ids := make([]string, len(sg.Nodes))
	for i, e := range sg.Nodes {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	return ids, nil
}
