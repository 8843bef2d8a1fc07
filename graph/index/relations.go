package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// Relations lists statements in (subject, predicate, object) order, each
// with the evidence of the articles that pass the filter. The filter is
// decided on the assertions alone; only the page asked for is rendered with
// its evidence, which matters for a well-known entity whose statements
// gather the sentences of thousands of articles.
func (ix *Index) Relations(ctx context.Context, f schema.RelationFilter, p schema.Page) (schema.RelationPage, error) {
	after, err := decodeCursor(p.After)
	if err != nil {
		return schema.RelationPage{}, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	// An assertion's article is visited only when the filter asks about it:
	// keptConfidence goes through every assertion of a statement, thousands
	// for a well-known one, and its confidence is in the assertion.
	keep := func(a assertion) bool {
		return (f.Article == "" || a.article() == f.Article) &&
			(f.Since == "" && f.Until == "" || inRange(a.doc.Article.published(), f.Since, f.Until))
	}
	var hits []*stmtAgg
	for i, st := range ix.candidates(f) {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return schema.RelationPage{}, fmt.Errorf("graph: relations: %w", err)
			}
		}
		if !ix.matches(st.key, f) {
			continue
		}
		if conf, ok := keptConfidence(st, keep); !ok || conf < f.MinConfidence {
			continue
		}
		hits = append(hits, st)
	}
	slices.SortFunc(hits, func(a, b *stmtAgg) int { return compareKeys(a.key, b.key) })
	page, info := paginate(hits, after, p.First, func(st *stmtAgg) string { return relationKey(st.key) })
	out := schema.RelationPage{PageInfo: info, Relations: make([]schema.Statement, 0, len(page))}
	for _, st := range page {
		stmt, _ := ix.statement(st, keep)
		out.Relations = append(out.Relations, stmt)
	}
	return out, nil
}

// Statements returns the statements it knows among ids, each with all its
// evidence.
func (ix *Index) Statements(ctx context.Context, ids []string) (map[string]schema.Statement, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("graph: statements: %w", err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make(map[string]schema.Statement, len(ids))
	for _, id := range ids {
		if st := ix.byID[id]; st != nil {
			out[id], _ = ix.statement(st, nil)
		}
	}
	return out, nil
}

// relationKey orders statements as compareKeys does (ids hold no NUL).
func relationKey(k stmtKey) string {
	return k.S + "\x00" + string(k.P) + "\x00" + k.O
}

// keptConfidence is the highest confidence among the assertions keep
// accepts; ok is false when it accepts none.
func keptConfidence(st *stmtAgg, keep func(assertion) bool) (conf float64, ok bool) {
	for _, a := range st.asrt {
		if !keep(a) {
			continue
		}
		if c := a.meta.Value().confidence(); !ok || c > conf {
			conf, ok = c, true
		}
	}
	return conf, ok
}

// candidates narrows the statements to scan by the entity the filter pins.
func (ix *Index) candidates(f schema.RelationFilter) []*stmtAgg {
	pin := cmp.Or(f.Subject, f.Entity)
	if pin == "" && ix.adj[f.Object] != nil {
		pin = f.Object // a date object has no adjacency: scan
	}
	if pin != "" {
		return ix.adj[pin] // read only, under the caller's read lock
	}
	out := make([]*stmtAgg, 0, len(ix.stmts))
	for _, st := range ix.stmts {
		out = append(out, st)
	}
	return out
}

func (ix *Index) matches(k stmtKey, f schema.RelationFilter) bool {
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
