package api

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/graphql-go/graphql"

	"github.com/newsgraph/newsgraph/schema"
)

// Resolvers of the whole-graph views: neighborhood, path, stats, timeline.

func (s *Server) resolveNeighborhood(p graphql.ResolveParams) (interface{}, error) {
	q := schema.NeighborhoodQuery{
		Predicates: predicates(p.Args["predicates"]),
		Types:      entityTypes(p.Args["types"]),
	}
	q.ID, _ = p.Args["id"].(string)
	q.Depth, _ = p.Args["depth"].(int)
	q.Limit, _ = p.Args["limit"].(int)
	if q.Depth < 1 || q.Depth > s.limits.MaxHops {
		return nil, fmt.Errorf("api: neighborhood: depth must be between 1 and %d, got %d", s.limits.MaxHops, q.Depth)
	}
	if q.Limit < 1 || q.Limit > s.limits.MaxNodes {
		return nil, fmt.Errorf("api: neighborhood: limit must be between 1 and %d, got %d", s.limits.MaxNodes, q.Limit)
	}
	g, err := s.store.Neighborhood(p.Context, q)
	if s.notFound(err) {
		return nil, fmt.Errorf("api: neighborhood: no entity %q", q.ID)
	}
	if err != nil {
		return nil, fmt.Errorf("api: neighborhood of %q: %w", q.ID, err)
	}
	loaderFrom(p.Context, s.store).prime(g.Nodes)
	return g, nil
}

// resolveEvidence gives a relation's supporting sentences. Edges of a
// neighbourhood or a path come with their count only; their evidence is read
// here, for the edges whose evidence the query asks for, in one batch. The
// store leaves out the sentences it does not hold in memory: they are read
// for the evidence given here only.
func (s *Server) resolveEvidence(p graphql.ResolveParams) (interface{}, error) {
	st := stmtOf(p)
	first, err := s.firstArg(p.Args, "first")
	if err != nil {
		return nil, err
	}
	if len(st.Evidence) > 0 || st.EvidenceCount == 0 {
		return s.sentences(p.Context, st.Evidence[:min(first, len(st.Evidence))])
	}
	load := loaderFrom(p.Context, s.store).statement(p.Context, st.ID)
	return func() (interface{}, error) {
		full, err := load()
		if err != nil {
			return nil, err
		}
		return s.sentences(p.Context, full.Evidence[:min(first, len(full.Evidence))])
	}, nil
}

// sentences gives a copy of evs with the sentences the store left out.
func (s *Server) sentences(ctx context.Context, evs []schema.Evidence) (interface{}, error) {
	evs = slices.Clone(evs)
	if err := s.store.EvidenceText(ctx, evs); err != nil {
		return nil, fmt.Errorf("api: evidence: %w", err)
	}
	return evidenceList(evs), nil
}

func (s *Server) resolvePath(p graphql.ResolveParams) (interface{}, error) {
	from, _ := p.Args["from"].(string)
	to, _ := p.Args["to"].(string)
	depth, _ := p.Args["maxDepth"].(int)
	if depth < 1 || depth > s.limits.MaxPathDepth {
		return nil, fmt.Errorf("api: path: maxDepth must be between 1 and %d, got %d", s.limits.MaxPathDepth, depth)
	}
	g, err := s.store.Path(p.Context, from, to, depth)
	if s.notFound(err) {
		return schema.Subgraph{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("api: path %q -> %q: %w", from, to, err)
	}
	loaderFrom(p.Context, s.store).prime(g.Nodes)
	return g, nil
}

func (s *Server) resolveStats(p graphql.ResolveParams) (interface{}, error) {
	top, _ := p.Args["top"].(int)
	if top < 0 || top > s.limits.MaxFirst {
		return nil, fmt.Errorf("api: stats: top must be between 0 and %d, got %d", s.limits.MaxFirst, top)
	}
	st, err := s.store.Stats(p.Context, top)
	if err != nil {
		return nil, fmt.Errorf("api: stats: %w", err)
	}
	byType := []interface{}{}
	for _, t := range schema.EntityTypes {
		byType = append(byType, map[string]interface{}{"key": t, "count": st.ByType[t]})
	}
	byPred := []interface{}{}
	for _, ps := range schema.Predicates {
		byPred = append(byPred, map[string]interface{}{"key": ps.Name, "count": st.ByPredicate[ps.Name]})
	}
	tops := []interface{}{}
	l := loaderFrom(p.Context, s.store)
	for i := range st.TopEntities {
		ec := &st.TopEntities[i]
		l.primeOne(&ec.Entity)
		tops = append(tops, map[string]interface{}{"entity": &ec.Entity, "degree": ec.Degree})
	}
	return map[string]interface{}{
		"articles": st.Articles, "entities": st.Entities, "relations": st.Relations,
		"byType": byType, "byPredicate": byPred, "topEntities": tops,
	}, nil
}

// timelineCap bounds the relations one timeline reads.
const timelineCap = 500

// resolveTimeline lists the entity's relations that carry a date: their
// own (signedOn) or else the earliest published date of the articles that
// assert them; oldest first.
func (s *Server) resolveTimeline(p graphql.ResolveParams) (interface{}, error) {
	id, _ := p.Args["entity"].(string)
	f := schema.RelationFilter{Entity: id, Direction: schema.Both}
	var sts []schema.Statement
	for page := (schema.Page{First: s.limits.MaxFirst}); len(sts) < timelineCap; {
		got, err := s.store.Relations(p.Context, f, page)
		if err != nil {
			return nil, fmt.Errorf("api: timeline of %q: %w", id, err)
		}
		sts = append(sts, got.Relations...)
		if !got.HasNextPage || len(got.Relations) == 0 {
			break
		}
		page.After = got.EndCursor
	}
	type entry struct {
		date string
		st   schema.Statement
	}
	var entries []entry
	for _, st := range sts {
		if d := statementDate(st); d != "" {
			entries = append(entries, entry{d, st})
		}
	}
	// the store lists by subject, predicate, object: keep that within a day
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].date < entries[j].date })
	out := make([]interface{}, len(entries))
	for i, e := range entries {
		out[i] = map[string]interface{}{"date": e.date, "relation": e.st}
	}
	return out, nil
}

func statementDate(st schema.Statement) string {
	if isDatePredicate(st.Predicate) {
		return st.Object
	}
	date := ""
	for _, ev := range st.Evidence {
		if ev.Published != "" && (date == "" || ev.Published < date) {
			date = ev.Published
		}
	}
	return date
}
