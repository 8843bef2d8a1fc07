package graph

import (
	"context"
	"fmt"
)

// Article texts are kept in Cayley only (schema:articleBody in the
// article's graph), not in the index: a text is read when a client asks
// for it, and held by nothing in between.

// ArticleText returns the text of an article, which every offset of its
// evidence refers to. An article stored without its text (by a version
// before texts were kept) has none: ok is false.
func (s *Store) ArticleText(ctx context.Context, id string) (text string, ok bool, err error) {
	s.mu.RLock()
	sd := s.idx.docs[id]
	s.mu.RUnlock()
	if sd == nil {
		return "", false, fmt.Errorf("graph: article %q: %w", id, ErrNotFound)
	}
	if !sd.doc.Article.hasText {
		return "", false, nil
	}
	if s.name == "memory" {
		s.wmu.Lock() // memstore cannot be read while it is written
		defer s.wmu.Unlock()
	}
	text, ok, err = s.readText(ctx, id)
	if err != nil {
		return "", false, fmt.Errorf("graph: text of article %q: %w", id, err)
	}
	return text, ok, nil
}

// readText looks the text of article id up in Cayley, through the index
// the store's layout keys by label (layout.go) or, in other stores, by
// subject. The caller holds wmu for the memory store.
func (s *Store) readText(ctx context.Context, id string) (string, bool, error) {
	art := articleIRI(id)
	ref, err := s.qs.ValueOf(art)
	if err != nil || ref == nil {
		return "", false, err
	}
	it := s.qs.QuadIterator(s.articleDir, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return "", false, err
		}
		if q.Predicate == pBody && q.Subject == art {
			text, ok := literalString(q.Object)
			return text, ok, nil
		}
	}
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	return "", false, it.Err()
}

// articleQuads is every quad the article contributed: those its document
// gives with its text, read back from Cayley, and its extras. The caller
// holds wmu.
func (s *Store) articleQuads(sd *storedDoc) quadSet {
	if !sd.doc.Article.hasText {
		return sd.quads()
	}
	d := sd.document()
	// Without the text the removal misses the quads that need it (the
	// text, the code point offsets), which a later ingest of the article
	// replaces; the rest of the article still goes.
	if text, ok, err := s.readText(context.Background(), d.Article.ID); err == nil && ok {
		d.Text = text
	}
	qs := encode(&d)
	for _, q := range sd.extras {
		qs[quadKey(q)] = q
	}
	return qs
}
