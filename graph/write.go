package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
	"golang.org/x/sync/errgroup"
)

// A write goes one way: the document becomes its quads in the log, and the
// document as the store keeps it (quadlog.Stored) becomes its record, which
// the log writes into its catalog in the same transaction and the index
// takes once the write commits. What an article held before comes from the
// store (its catalog entry), not from the index, which may be behind the
// store in a process that follows it.

// Ingest stores documents, one article each, all or nothing per article. An
// article with the same hash as the stored one is left alone; a changed one
// replaces what it contributed. A document that fails validation is reported
// Failed and the others still go in; the error joins all failures.
func (s *Store) Ingest(ctx context.Context, docs []schema.Document) ([]schema.IngestResult, error) {
	results := make([]schema.IngestResult, len(docs))
	if s.log.ReadOnly() {
		for i := range docs {
			results[i] = failed(docs[i].Article.ID, ErrReadOnly)
		}
		return results, fmt.Errorf("graph: ingest into %s: %w", s.log.Name(), ErrReadOnly)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var (
		writes  []quadlog.Write
		recs    []*index.Doc // the record of each write
		at      []int        // the document of each write
		pending = map[string]bool{}
	)
	flush := func() {
		s.commit(ctx, writes, recs, func(w int, r quadlog.Result) {
			i := at[w]
			id := docs[i].Article.ID
			switch {
			case r.Err != nil:
				results[i] = schema.IngestResult{Article: id, Status: schema.Failed, Err: r.Err}
			case r.Unchanged:
				results[i] = schema.IngestResult{Article: id, Status: schema.Unchanged}
			case r.Replaced:
				results[i] = schema.IngestResult{Article: id, Status: schema.Replaced, Quads: r.Quads}
			default:
				results[i] = schema.IngestResult{Article: id, Status: schema.Added, Quads: r.Quads}
			}
		})
		writes, recs, at = writes[:0], recs[:0], at[:0]
		clear(pending)
	}
	held, err := s.held(ctx, docs)
	var ready []prepared
	if err == nil {
		ready = s.prepare(docs, held)
	}
	for i := range docs {
		d := &docs[i]
		if err != nil {
			results[i] = failed(d.Article.ID, err)
			continue
		}
		if err := ctx.Err(); err != nil {
			results[i] = failed(d.Article.ID, err)
			continue
		}
		if err := ready[i].err; err != nil {
			results[i] = failed(d.Article.ID, err)
			continue
		}
		id := d.Article.ID
		if pending[id] {
			flush() // a later version of an article is planned against the earlier one
			now, err := s.held(ctx, docs[i:i+1])
			if err != nil {
				results[i] = failed(id, err)
				continue
			}
			delete(held, id)
			if h, ok := now[id]; ok {
				held[id] = h
			}
		}
		if h, ok := held[id]; ok && h.holds(d) {
			results[i] = schema.IngestResult{Article: id, Status: schema.Unchanged}
			continue
		}
		w, rec, err := s.write(ctx, d, quadlog.Extras{}, ready[i].rec)
		if err != nil {
			results[i] = failed(id, err)
			continue
		}
		writes, recs, at = append(writes, w), append(recs, rec), append(at, i)
		pending[id] = true
	}
	flush()
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	return results, errors.Join(errs...)
}

// prepared is a document made ready for its write: validated, and its
// record, unless the store holds it already.
type prepared struct {
	err error
	rec *index.Doc
}

// prepare validates docs, in order (validation fills in their offsets, and
// two documents may share them), then makes the records of those the store
// does not hold as they are (held) on every core: records only read the
// documents, need nothing of the store, and are most of what a write does
// besides encoding and Cayley's own work.
func (s *Store) prepare(docs []schema.Document, held map[string]heldArticle) []prepared {
	out := make([]prepared, len(docs))
	for i := range docs {
		out[i].err = checkText(&docs[i])
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range docs {
		d := &docs[i]
		if h, ok := held[d.Article.ID]; out[i].err == nil && (!ok || !h.holds(d)) {
			g.Go(func() error {
				out[i].rec = record(d)
				return nil
			})
		}
	}
	g.Wait()
	return out
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

// heldArticle is what the store says of an article it holds.
type heldArticle struct {
	hash    string
	hasText bool
}

// holds reports whether the store holds d as it is: the same text, unless
// the store lacks the text that d brings (an article an earlier version
// stored).
func (h heldArticle) holds(d *schema.Document) bool {
	return d.Article.Hash != "" && h.hash == d.Article.Hash && (h.hasText || d.Text == "")
}

// held says which of docs' articles the store holds, and their hashes:
// the catalog says, or the index in a store without one.
func (s *Store) held(ctx context.Context, docs []schema.Document) (map[string]heldArticle, error) {
	out := make(map[string]heldArticle, len(docs))
	if !s.log.HasCatalog() {
		for i := range docs {
			if d := s.ix.Doc(docs[i].Article.ID); d != nil {
				out[d.ID()] = heldArticle{d.Hash(), d.HasText()}
			}
		}
		return out, nil
	}
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].Article.ID
	}
	entries, err := s.log.Lookup(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, e := range entries {
		if !e.Gone() {
			out[id] = heldArticle{e.Hash, e.HasText}
		}
	}
	return out, nil
}

// record is the index's record of d as the store keeps it.
func record(d *schema.Document) *index.Doc {
	kept := quadlog.Stored(d)
	return index.Pack(&kept)
}

// write is the write of d with its record (the index's, and its bytes for
// the catalog), rec when the caller made it already; in a store without a
// catalog, with what the article held before, from the index.
func (s *Store) write(ctx context.Context, d *schema.Document, extras quadlog.Extras, rec *index.Doc) (quadlog.Write, *index.Doc, error) {
	if rec == nil {
		rec = record(d)
	}
	w := quadlog.Write{ID: d.Article.ID, Doc: d, Extras: extras, Record: rec.Record()}
	if !s.log.HasCatalog() {
		var err error
		if w.Prior, err = s.prior(ctx, w.ID); err != nil {
			return quadlog.Write{}, nil, err
		}
	}
	return w, rec, nil
}

// prior is what article id holds now, as the index has it, with its text;
// nil when it holds nothing: for a store without a catalog, whose index is
// the only record of what an article holds. The caller holds wmu.
func (s *Store) prior(ctx context.Context, id string) (*quadlog.Prior, error) {
	old := s.ix.Doc(id)
	if old == nil {
		return nil, nil
	}
	text := ""
	if old.HasText() {
		t, ok, err := s.log.Text(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			text = t
		}
	}
	d := old.Document(text)
	d.Text = text
	return &quadlog.Prior{Doc: d, Extras: s.extras[id]}, nil
}

// commit writes through the log, reports each write's result to done and
// makes the committed ones, whose records recs holds (nil for a removal),
// visible to reads. The caller holds wmu.
func (s *Store) commit(ctx context.Context, writes []quadlog.Write, recs []*index.Doc, done func(w int, r quadlog.Result)) {
	if len(writes) == 0 {
		return
	}
	results := s.log.Commit(ctx, writes)
	var changes []index.Change
	for w, r := range results {
		done(w, r)
		if r.Err != nil || r.Unchanged {
			continue
		}
		c := index.Change{ID: writes[w].ID, Doc: recs[w], Version: r.Version}
		s.texts.drop(c.ID)
		if !s.log.HasCatalog() {
			if writes[w].Extras.Len() > 0 {
				s.extras[c.ID] = writes[w].Extras
			} else {
				delete(s.extras, c.ID)
			}
		}
		changes = append(changes, c)
	}
	if len(changes) > 0 {
		// The index takes the changes on another core while the caller
		// goes on (to the next call's encoding and bbolt's commit); reads
		// wait for them.
		s.applied = s.ix.ApplyBehind(changes)
	}
}

// DeleteArticle removes exactly the quads the article contributed; entities
// other articles still mention stay.
func (s *Store) DeleteArticle(ctx context.Context, id string) error {
	if s.log.ReadOnly() {
		return fmt.Errorf("graph: delete article %q: %w", id, ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("graph: delete article %q: %w", id, err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	held, err := s.held(ctx, []schema.Document{{Article: schema.Article{ID: id}}})
	if err != nil {
		return fmt.Errorf("graph: delete article %q: %w", id, err)
	}
	if _, ok := held[id]; !ok {
		return fmt.Errorf("graph: article %q: %w", id, ErrNotFound)
	}
	w := quadlog.Write{ID: id}
	if !s.log.HasCatalog() {
		if w.Prior, err = s.prior(ctx, id); err != nil {
			return fmt.Errorf("graph: delete article %q: %w", id, err)
		}
	}
	s.commit(ctx, []quadlog.Write{w}, []*index.Doc{nil}, func(_ int, r quadlog.Result) { err = r.Err })
	if err != nil {
		return fmt.Errorf("graph: delete article %q: %w", id, err)
	}
	return nil
}

// Import loads N-Quads (an Export) into the store. Quads are grouped by
// their article label and each article is replaced all or nothing; quads
// with no article label are added as they are.
func (s *Store) Import(ctx context.Context, r io.Reader) error {
	if s.log.ReadOnly() {
		return fmt.Errorf("graph: import into %s: %w", s.log.Name(), ErrReadOnly)
	}
	arts, loose, err := quadlog.ReadNQuads(ctx, r)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var (
		writes []quadlog.Write
		recs   []*index.Doc
		errs   []error
	)
	for i := range arts {
		a := &arts[i]
		w, rec, err := s.write(ctx, &a.Doc, a.Extras, nil)
		if err != nil {
			errs = append(errs, fmt.Errorf("graph: article %q: %w", a.Doc.Article.ID, err))
			continue
		}
		writes, recs = append(writes, w), append(recs, rec)
	}
	s.commit(ctx, writes, recs, func(_ int, r quadlog.Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	})
	if err := s.log.AddLoose(ctx, loose); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
