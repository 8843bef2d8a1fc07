package graph

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
)

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
		at      []int // the document of each write
		pending = map[string]bool{}
	)
	flush := func() {
		s.commit(ctx, writes, func(w int, r quadlog.Result) {
			i := at[w]
			id := docs[i].Article.ID
			switch {
			case r.Err != nil:
				results[i] = schema.IngestResult{Article: id, Status: schema.Failed, Err: r.Err}
			case r.Unchanged:
				results[i] = schema.IngestResult{Article: id, Status: schema.Unchanged}
			case writes[w].Prior != nil:
				results[i] = schema.IngestResult{Article: id, Status: schema.Replaced, Quads: r.Quads}
			default:
				results[i] = schema.IngestResult{Article: id, Status: schema.Added, Quads: r.Quads}
			}
		})
		writes, at = writes[:0], at[:0]
		clear(pending)
	}
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
		if pending[d.Article.ID] {
			flush() // a later version of an article is planned against the earlier one
		}
		old := s.ix.Doc(d.Article.ID)
		// the same text, unless the store lacks the text that d brings (an
		// article an earlier version stored)
		if old != nil && d.Article.Hash != "" && old.Hash() == d.Article.Hash && (old.HasText() || d.Text == "") {
			results[i] = schema.IngestResult{Article: d.Article.ID, Status: schema.Unchanged}
			continue
		}
		p, err := s.prior(ctx, d.Article.ID)
		if err != nil {
			results[i] = failed(d.Article.ID, err)
			continue
		}
		writes = append(writes, quadlog.Write{ID: d.Article.ID, Doc: d, Prior: p})
		at = append(at, i)
		pending[d.Article.ID] = true
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

// prior is what article id holds now, for the log to take out, with its
// text; nil when it holds nothing. The caller holds wmu.
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
// makes the committed ones visible to reads. The caller holds wmu.
func (s *Store) commit(ctx context.Context, writes []quadlog.Write, done func(w int, r quadlog.Result)) {
	results := s.log.Commit(ctx, writes)
	var changes []index.Change
	for w, r := range results {
		done(w, r)
		if r.Err != nil || r.Unchanged {
			continue
		}
		c := index.Change{ID: writes[w].ID}
		if d := writes[w].Doc; d != nil {
			kept := quadlog.Stored(d)
			c.Doc = index.Pack(&kept)
		}
		s.texts.drop(c.ID)
		if writes[w].Extras.Len() > 0 {
			s.extras[c.ID] = writes[w].Extras
		} else {
			delete(s.extras, c.ID)
		}
		changes = append(changes, c)
	}
	s.ix.Apply(changes)
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
	p, err := s.prior(ctx, id)
	if err != nil {
		return fmt.Errorf("graph: delete article %q: %w", id, err)
	}
	if p == nil {
		return fmt.Errorf("graph: article %q: %w", id, ErrNotFound)
	}
	s.commit(ctx, []quadlog.Write{{ID: id, Prior: p}}, func(_ int, r quadlog.Result) { err = r.Err })
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
		errs   []error
	)
	for i := range arts {
		a := &arts[i]
		p, err := s.prior(ctx, a.Doc.Article.ID)
		if err != nil {
			errs = append(errs, fmt.Errorf("graph: article %q: %w", a.Doc.Article.ID, err))
			continue
		}
		writes = append(writes, quadlog.Write{ID: a.Doc.Article.ID, Doc: &a.Doc, Extras: a.Extras, Prior: p})
	}
	s.commit(ctx, writes, func(_ int, r quadlog.Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	})
	if err := s.log.AddLoose(ctx, loose); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
