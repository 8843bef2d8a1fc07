package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// Relations lists statements in (subject, predicate, object) order, each
// with the evidence of the articles that pass the filter.
func (s *Store) Relations(ctx context.Context, f schema.RelationFilter, p schema.Page) (schema.RelationPage, error) {
	after, err := decodeCursor(p.After)
	if err != nil {
		return schema.RelationPage{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	keep := func(a assertion) bool {
		return (f.Article == "" || a.article() == f.Article) &&
			inRange(a.doc.doc.Article.Published, f.Since, f.Until)
	}
	var out []schema.Statement
	for i, st := range s.idx.candidates(f) {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return schema.RelationPage{}, fmt.Errorf("graph: relations: %w", err)
			}
		}
		if !s.idx.matches(st.key, f) {
			continue
		}
		stmt, ok := s.idx.statement(st, keep)
		if !ok || stmt.Confidence < f.MinConfidence {
			continue
		}
		out = append(out, stmt)
	}
	slices.SortFunc(out, func(a, b schema.Statement) int { return cmp.Compare(relationKey(a), relationKey(b)) })
	page, info := paginate(out, after, p.First, relationKey)
	return schema.RelationPage{Relations: page, PageInfo: info}, nil
}

func relationKey(st schema.Statement) string {
	return st.Subject + "\x00" + string(st.Predicate) + "\x00" + st.Object
}

// candidates narrows the statements to scan by the entity the filter pins.
func (ix *index) candidates(f schema.RelationFilter) []*stmtAgg {
	pin := cmp.Or(f.Subject, f.Entity)
	if pin == "" && ix.adj[f.Object] != nil {
		pin = f.Object // a date object has no adjacency: scan
	}
	var out []*stmtAgg
	if pin == "" {
		out = make([]*stmtAgg, 0, len(ix.stmts))
		for _, st := range ix.stmts {
			out = append(out, st)
		}
		return out
	}
	for k := range ix.adj[pin] {
		out = append(out, ix.stmts[k])
	}
	return out
}

func (ix *index) matches(k stmtKey, f schema.RelationFilter) bool {
	if len(f.Predicates) > 0 && !slices.Contains(f.Predicates, k.P) {
		return false
	}
	if (f.Subject != "" && k.S != f.Subject) || (f.Object != "" && k.O != f.Object) {
		return false
	}
	if f.Entity == "" {
		return true
	}
	switch f.Direction {
	case schema.Out:
		return k.S == f.Entity
	case schema.In:
		return k.O == f.Entity
	}
	return k.S == f.Entity || k.O == f.Entity
}
