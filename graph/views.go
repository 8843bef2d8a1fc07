package graph

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// view is the merged graph (entities and statements), or a neighbourhood
// of it, in a fixed order: the material of the exports that draw nodes and
// edges (views_write.go, export_csv.go).
type view struct {
	entities   []schema.Entity    // by id
	statements []schema.Statement // by subject, predicate, object; with all their evidence
	articles   map[string][]string
	degree     map[string]int
	signedOn   map[string][]string // an entity's date statements' dates, sorted
}

// maxExportNodes bounds a neighbourhood export: one that would hold more
// entities is refused, rather than cut at an arbitrary edge.
const maxExportNodes = maxNodeLimit

// view reads, under one read lock, the whole graph or the neighbourhood
// opt names.
func (s *Store) view(ctx context.Context, opt ExportOptions) (view, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids, err := s.viewEntities(ctx, opt)
	if err != nil {
		return view{}, err
	}
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	v := view{articles: map[string][]string{}, degree: map[string]int{}, signedOn: map[string][]string{}}
	var keys []stmtKey
	for _, id := range ids {
		agg := s.idx.ents[id]
		v.entities = append(v.entities, cloneEntity(agg.merged))
		v.degree[id] = s.idx.degree(id)
		for _, sd := range agg.by {
			v.articles[id] = append(v.articles[id], sd.doc.Article.id())
		}
		for _, st := range s.idx.adj[id] {
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
				return view{}, err
			}
		}
		st, _ := s.idx.statement(s.idx.stmts[k], nil)
		v.statements = append(v.statements, st)
		if isDateEdge(k.P) {
			v.signedOn[k.S] = append(v.signedOn[k.S], k.O)
		}
	}
	return v, nil
}

// viewEntities lists the ids of the entities in view, sorted. The caller
// holds the read lock.
func (s *Store) viewEntities(ctx context.Context, opt ExportOptions) ([]string, error) {
	if opt.Entity == "" {
		return sortedKeys(s.idx.ents), nil
	}
	depth := max(opt.Depth, 1)
	sg, err := s.neighborhood(ctx, schema.NeighborhoodQuery{ID: opt.Entity, Depth: depth, Limit: maxExportNodes})
	if err != nil {
		return nil, err
	}
	if sg.Truncated {
		return nil, fmt.Errorf("more than %d entities lie within %d hops: export a smaller depth, or the whole graph", maxExportNodes, depth)
	}
	ids := make([]string, len(sg.Nodes))
	for i, e := range sg.Nodes {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	return ids, nil
}

// edges are the statements between two entities, the edges of a drawing;
// the others (signedOn) are attributes of their subject.
func (v view) edges() []schema.Statement {
	var out []schema.Statement
	for _, st := range v.statements {
		if !isDateEdge(st.Predicate) {
			out = append(out, st)
		}
	}
	return out
}

// articlesOf lists, sorted, the articles whose sentences support st.
func articlesOf(st schema.Statement) []string {
	set := map[string]bool{}
	for _, ev := range st.Evidence {
		set[ev.Article] = true
	}
	return sortedStrings(set)
}

// firstEvidence is the sentence that a one-line summary of st shows: the
// first (by article, then offset) of its evidence.
func firstEvidence(st schema.Statement) schema.Evidence {
	if len(st.Evidence) == 0 {
		return schema.Evidence{}
	}
	return st.Evidence[0]
}

// write writes the view in one of the node-and-edge formats.
func (v view) write(w io.Writer, opt ExportOptions) error {
	switch opt.Format {
	case "graphml":
		return v.writeGraphML(w)
	case "gexf":
		return v.writeGEXF(w)
	case "cytoscape":
		return v.writeCytoscape(w)
	case "csv":
		return v.writeCSVZip(w, opt.Neo4j)
	case "csv-nodes":
		return v.writeNodesCSV(w, opt.Neo4j)
	case "csv-edges":
		return v.writeEdgesCSV(w, opt.Neo4j)
	case "csv-evidence":
		return v.writeEvidenceCSV(w, opt.Neo4j)
	}
	return fmt.Errorf("no writer for %q", opt.Format)
}
