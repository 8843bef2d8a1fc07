package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/schema"
)

// DefaultTxDeltas is how many quad changes go into one Cayley transaction
// unless Config.TxDeltas says otherwise. A transaction holds whole articles
// only, so a crash leaves each article fully present or absent.
const DefaultTxDeltas = 100000

// change is what one write does to one article.
type change struct {
	id     string
	result int // index into the results, -1 for none
	deltas []graph.Delta
	next   *storedDoc // nil when the article goes away
}

// batch gathers the changes of many articles for one transaction.
type batch struct {
	changes []change
	ids     map[string]bool
	n       int
}

func (b *batch) add(c change) {
	if b.ids == nil {
		b.ids = map[string]bool{}
	}
	b.changes = append(b.changes, c)
	b.ids[c.id] = true
	b.n += len(c.deltas)
}

// Ingest stores documents, one article each, all or nothing per article. An
// article with the same hash as the stored one is left alone; a changed one
// replaces what it contributed. A document that fails validation is reported
// Failed and the others still go in; the error joins all failures.
func (s *Store) Ingest(ctx context.Context, docs []schema.Document) ([]schema.IngestResult, error) {
	results := make([]schema.IngestResult, len(docs))
	if s.readOnly {
		for i := range docs {
			results[i] = failed(docs[i].Article.ID, ErrReadOnly)
		}
		return results, fmt.Errorf("graph: ingest into %s: %w", s.name, ErrReadOnly)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var b batch
	for i := range docs {
		d := &docs[i]
		if err := ctx.Err(); err != nil {
			results[i] = failed(d.Article.ID, err)
			continue
		}
		if err := checkText(d); err != nil {
			results[i] = failed(d.Article.ID, err)
			continue
		}
		if b.ids[d.Article.ID] || b.n >= s.tx.deltas() {
			s.commit(&b, results)
		}
		c, status := s.plan(d)
		results[i] = schema.IngestResult{Article: d.Article.ID, Status: status, Quads: countAdds(c.deltas)}
		if status == schema.Unchanged {
			continue
		}
		c.result = i
		b.add(c)
	}
	s.commit(&b, results)
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	return results, errors.Join(errs...)
}

// checkText validates d, its spans against its text when it has one, and
// fills the code point offsets of its evidence from the text.
func checkText(d *schema.Document) error {
	textLen := -1
	if d.Text != "" {
		textLen = len(d.Text)
	}
	if err := d.Validate(textLen); err != nil {
		return err
	}
	return d.SetText(d.Text)
}

func failed(id string, err error) schema.IngestResult {
	return schema.IngestResult{Article: id, Status: schema.Failed, Err: fmt.Errorf("graph: article %q: %w", id, err)}
}

func countAdds(ds []graph.Delta) int {
	n := 0
	for _, d := range ds {
		if d.Action == graph.Add {
			n++
		}
	}
	return n
}

// plan works out the deltas that turn the stored article into d.
func (s *Store) plan(d *schema.Document) (change, schema.IngestStatus) {
	id := d.Article.ID
	s.mu.RLock()
	old := s.idx.docs[id]
	s.mu.RUnlock()
	// the same text, unless the store lacks the text that d brings (an
	// article an earlier version stored)
	if old != nil && d.Article.Hash != "" && old.doc.Article.hash() == d.Article.Hash && (old.doc.Article.hasText || d.Text == "") {
		return change{id: id, next: old}, schema.Unchanged
	}
	next := encode(d)
	var prev quadSet
	if old != nil {
		prev = s.articleQuads(old)
	}
	c := change{id: id, deltas: diff(prev, next), next: decodeKnown(id, next)}
	switch {
	case old == nil:
		return c, schema.Added
	case len(c.deltas) == 0:
		return c, schema.Unchanged
	}
	// A changed article is taken out whole and written whole: commit puts
	// deletions and additions in two transactions, and writing only the
	// difference would leave, after a crash between them, the quads the two
	// versions share — a third version that no article ever was.
	c.deltas = replacement(prev, next)
	return c, schema.Replaced
}

// replacement deletes every quad of prev and adds every quad of next.
func replacement(prev, next quadSet) []graph.Delta {
	ds := make([]graph.Delta, 0, len(prev)+len(next))
	for _, q := range prev {
		ds = append(ds, graph.Delta{Quad: q, Action: graph.Delete})
	}
	for _, q := range next {
		ds = append(ds, graph.Delta{Quad: q, Action: graph.Add})
	}
	return ds
}

// diff lists the deletions then the additions that turn prev into next.
func diff(prev, next quadSet) []graph.Delta {
	ds := make([]graph.Delta, 0, len(next))
	for k, q := range prev {
		if _, ok := next[k]; !ok {
			ds = append(ds, graph.Delta{Quad: q, Action: graph.Delete})
		}
	}
	for k, q := range next {
		if _, ok := prev[k]; !ok {
			ds = append(ds, graph.Delta{Quad: q, Action: graph.Add})
		}
	}
	return ds
}

// commit writes a batch: first every deletion in one transaction, then
// every addition in another. Cayley's key-value stores (bbolt) net node
// reference counts over a transaction and lose the nodes of added quads whose
// count drops overall, so removals and additions never share one. A crash
// between the two leaves a replaced article absent, never half there. If a
// transaction fails, each article is retried alone so that one bad article
// cannot sink the others.
func (s *Store) commit(b *batch, results []schema.IngestResult) {
	defer func() { *b = batch{} }()
	if len(b.changes) == 0 {
		return
	}
	var dels, adds []graph.Delta
	for _, c := range b.changes {
		d, a := split(c.deltas)
		dels, adds = append(dels, d...), append(adds, a...)
	}
	w := s.tx.watch()
	ok := s.apply(dels) == nil && s.apply(adds) == nil
	s.tx.done(w, b.n)
	if ok {
		s.publish(b.changes)
		return
	}
	for _, c := range b.changes {
		if err := s.applyOne(c.deltas); err != nil {
			if c.result >= 0 {
				results[c.result] = failed(c.id, err)
			}
			continue
		}
		s.publish([]change{c})
	}
}

func split(ds []graph.Delta) (dels, adds []graph.Delta) {
	for i, d := range ds {
		if d.Action == graph.Add {
			return ds[:i], ds[i:]
		}
	}
	return ds, nil
}

// applyOne writes one article's change; if its additions fail after its
// deletions went in, the deletions are undone.
func (s *Store) applyOne(ds []graph.Delta) error {
	dels, adds := split(ds)
	if err := s.apply(dels); err != nil {
		return err
	}
	if err := s.apply(adds); err != nil {
		undo := make([]graph.Delta, len(dels))
		for i, d := range dels {
			undo[i] = graph.Delta{Quad: d.Quad, Action: graph.Add}
		}
		return errors.Join(err, s.apply(undo))
	}
	return nil
}

func (s *Store) apply(ds []graph.Delta) error {
	if len(ds) == 0 {
		return nil
	}
	return s.qs.ApplyDeltas(ds, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}

// publish makes committed changes visible to reads.
func (s *Store) publish(cs []change) {
	s.mu.Lock()
	defer s.mu.Unlock()
	touched := map[string]bool{}
	for _, c := range cs {
		s.idx.stage(c.id, c.next, touched)
	}
	s.idx.remerge(touched)
}

// DeleteArticle removes exactly the quads the article contributed; entities
// other articles still mention stay.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	if s.readOnly {
		return fmt.Errorf("graph: delete article %q: %w", id, ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("graph: delete article %q: %w", id, err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.RLock()
	old := s.idx.docs[id]
	s.mu.RUnlock()
	if old == nil {
		return fmt.Errorf("graph: article %q: %w", id, ErrNotFound)
	}
	if err := s.apply(diff(s.articleQuads(old), nil)); err != nil {
		return fmt.Errorf("graph: delete article %q: %w", id, err)
	}
	s.publish([]change{{id: id}})
	return nil
}

// replaceLabels writes imported quads, grouped by article label, each
// article all or nothing, replacing what the article had contributed.
func (s *Store) replaceLabels(groups map[string]quadSet, loose []quad.Quad) error {
	var b batch
	results := make([]schema.IngestResult, len(groups))
	i := 0
	for _, id := range sortedKeys(groups) {
		next := groups[id]
		if b.n >= s.tx.deltas() {
			s.commit(&b, results)
		}
		s.mu.RLock()
		old := s.idx.docs[id]
		s.mu.RUnlock()
		var prev quadSet
		if old != nil {
			prev = s.articleQuads(old)
		}
		ds := diff(prev, next)
		if len(ds) > 0 && len(prev) > 0 {
			ds = replacement(prev, next) // whole out, whole in: see plan
		}
		b.add(change{id: id, result: i, deltas: ds, next: decode(id, next)})
		results[i] = schema.IngestResult{Article: id}
		i++
	}
	s.commit(&b, results)
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	if len(loose) > 0 {
		ds := make([]graph.Delta, len(loose))
		for i, q := range loose {
			ds[i] = graph.Delta{Quad: q, Action: graph.Add}
		}
		if err := s.apply(ds); err != nil {
			errs = append(errs, fmt.Errorf("graph: quads without an article label: %w", err))
		}
	}
	return errors.Join(errs...)
}
