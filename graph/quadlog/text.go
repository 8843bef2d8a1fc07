package quadlog

import (
	"context"
	"fmt"
)

// Article texts are kept in Cayley only (schema:articleBody in the
// article's graph): a text is read when a reader asks for it.

// Text returns the text of an article, which every offset of its evidence
// refers to. An article stored without its text (by a version before texts
// were kept), or not stored, has none: ok is false.
func (l *Log) Text(ctx context.Context, id string) (text string, ok bool, err error) {
	if l.memory {
		l.mu.Lock() // memstore cannot be read while it is written
		defer l.mu.Unlock()
	}
	text, ok, err = l.readText(ctx, id)
	if err != nil {
		return "", false, fmt.Errorf("graph: text of article %q: %w", id, err)
	}
	return text, ok, nil
}

// readText looks the text of article id up in Cayley, through the index
// the store's layout keys by label (layout.go) or, in other stores, by
// subject. The caller holds mu for the memory store.
func (l *Log) readText(ctx context.Context, id string) (string, bool, error) {
	art := articleIRI(id)
	ref, err := l.qs.ValueOf(art)
	if err != nil || ref == nil {
		return "", false, err
	}
	it := l.qs.QuadIterator(l.articleDir, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := l.qs.Quad(it.Result())
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

// priorQuads is every quad an article contributed: those its document
// gives and its extras.
func (l *Log) priorQuads(p *Prior) quadSet {
	qs := encode(&p.Doc)
	for _, q := range p.Extras.quads {
		qs[quadKey(q)] = q
	}
	return qs
}
