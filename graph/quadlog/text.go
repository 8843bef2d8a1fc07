package quadlog

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
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

// priorQuads is every quad an article holds, as its entry says: read from
// Cayley by the article's label where the layout keys quads by label
// first, or else made again from its record, its text and its extras. The
// caller holds mu.
func (l *Log) priorQuads(ctx context.Context, old Entry) (quadSet, error) {
	if l.articleDir == quad.Label {
		return l.labelQuads(ctx, old.ID)
	}
	if l.decode == nil {
		return nil, fmt.Errorf("no decoder for the records of %s", l.name)
	}
	text := ""
	if old.HasText {
		t, ok, err := l.readText(ctx, old.ID)
		if err != nil {
			return nil, err
		}
		if ok {
			text = t
		}
	}
	d, err := l.decode(old.Record, text)
	if err != nil {
		return nil, fmt.Errorf("the record of what it held: %w", err)
	}
	d.Text = text
	qs := toSet(encode(&d))
	for _, q := range old.extras.quads {
		qs[quadKey(q)] = q
	}
	return qs, nil
}

// labelQuads reads every quad labelled with article id. The caller holds
// mu.
func (l *Log) labelQuads(ctx context.Context, id string) (quadSet, error) {
	ref, err := l.qs.ValueOf(articleIRI(id))
	if err != nil || ref == nil {
		return nil, err
	}
	var refs [][4]graph.Ref
	seen := map[any]bool{}
	var nodes []graph.Ref
	it := l.qs.QuadIterator(quad.Label, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		var r [4]graph.Ref
		for d, dir := range quad.Directions {
			n, err := l.qs.QuadDirection(it.Result(), dir)
			if err != nil {
				return nil, err
			}
			r[d] = n
			if n != nil && !seen[n.Key()] {
				seen[n.Key()] = true
				nodes = append(nodes, n)
			}
		}
		refs = append(refs, r)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	vals, err := graph.ValuesOf(ctx, l.qs, nodes)
	if err != nil {
		return nil, err
	}
	byKey := make(map[any]quad.Value, len(nodes))
	for i, n := range nodes {
		byKey[n.Key()] = vals[i]
	}
	qs := make(quadSet, len(refs))
	for _, r := range refs {
		var q quad.Quad
		for d, n := range r {
			if n != nil {
				q.Set(quad.Directions[d], byKey[n.Key()])
			}
		}
		q = normalize(q)
		qs[quadKey(q)] = q
	}
	return qs, nil
}
