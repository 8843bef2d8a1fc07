package quadlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/schema"
)

// Selection names a part of the graph by its ids: entities, statements
// and the articles that mention the entities.
type Selection struct {
	Entities, Statements, Articles map[string]bool
}

// ExportRDF writes the store's quads, typed (see typed), sorted by their
// N-Quads line, as "nquads" or "jsonld": all of them, or with sel those
// that describe its part of the graph (see selected). Writes wait while it
// reads, so the output is one state of the store.
func (l *Log) ExportRDF(ctx context.Context, w io.Writer, format string, sel *Selection) error {
	qs, err := l.sortedQuads(ctx)
	if err != nil {
		return err
	}
	if sel != nil {
		qs = sel.quadsOf(qs)
	}
	for i := range qs {
		qs[i] = typed(qs[i])
	}
	if format == "jsonld" {
		return writeJSONLD(w, qs)
	}
	nw := nquads.NewWriter(w)
	if _, err := nw.WriteQuads(qs); err != nil {
		return err
	}
	return nw.Close()
}

// sortedQuads reads every quad from Cayley, sorted by their N-Quads line.
func (l *Log) sortedQuads(ctx context.Context) ([]quad.Quad, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	byLine := map[string]quad.Quad{}
	err := l.scan(ctx, func(q quad.Quad) error {
		if !q.IsValid() {
			return fmt.Errorf("invalid quad in store: %#v", q)
		}
		q = normalize(q)
		byLine[quadKey(q)] = q
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(byLine))
	for _, k := range slices.Sorted(maps.Keys(byLine)) {
		out = append(out, byLine[k])
	}
	return out, nil
}

// quadsOf keeps the quads that describe the selection: its entities, its
// statements and their evidence, and of its articles, their metadata and
// their mentions of its entities (not their text).
func (sel *Selection) quadsOf(qs []quad.Quad) []quad.Quad {
	ents := map[quad.Value]bool{}
	for id := range sel.Entities {
		ents[entityIRI(id)] = true
	}
	stmts := map[quad.Value]bool{}
	for id := range sel.Statements {
		stmts[statementIRI(id)] = true
	}
	arts := map[quad.Value]bool{}
	for id := range sel.Articles {
		arts[articleIRI(id)] = true
	}
	evs := map[quad.Value]bool{}
	for _, q := range qs {
		if q.Predicate == pSupports && stmts[q.Object] {
			evs[q.Subject] = true
		}
	}
	var out []quad.Quad
	for _, q := range qs {
		keep := false
		switch {
		case ents[q.Subject]:
			_, toEntity := iriSuffix(q.Object, entityBase)
			keep = !toEntity || ents[q.Object] // a direct edge to an entity left out goes too
		case stmts[q.Subject], evs[q.Subject]:
			keep = true
		case arts[q.Subject]:
			keep = q.Predicate != pBody && (q.Predicate != pMentions || ents[q.Object])
		}
		if keep && (q.Label == nil || arts[q.Label]) {
			out = append(out, q)
		}
	}
	return out
}

// Imported is one article read from N-Quads: its document and the quads of
// its graph the model does not read.
type Imported struct {
	Doc    schema.Document
	Extras Extras
}

// ReadNQuads reads N-Quads (an export), grouped by article label, in
// article id order; the quads that carry no article label are returned
// apart, as they are.
func ReadNQuads(ctx context.Context, r io.Reader) ([]Imported, Extras, error) {
	groups := map[string]quadSet{}
	var loose Extras
	qr := nquads.NewReader(r, false)
	for n := 1; ; n++ {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, Extras{}, fmt.Errorf("graph: import: quad %d: %w", n, err)
		}
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, Extras{}, fmt.Errorf("graph: import: %w", err)
			}
		}
		q = normalize(q)
		id, ok := iriSuffix(q.Label, articleBase)
		if !ok {
			loose.quads = append(loose.quads, q)
			continue
		}
		if groups[id] == nil {
			groups[id] = quadSet{}
		}
		groups[id][quadKey(q)] = q
	}
	out := make([]Imported, 0, len(groups))
	for _, id := range slices.Sorted(maps.Keys(groups)) {
		d, extras := decode(id, groups[id])
		out = append(out, Imported{Doc: d, Extras: extras})
	}
	return out, loose, nil
}

// AddLoose adds quads that belong to no article as they are.
func (l *Log) AddLoose(ctx context.Context, loose Extras) error {
	if len(loose.quads) == 0 {
		return nil
	}
	if l.readOnly {
		return fmt.Errorf("graph: import into %s: %w", l.name, ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	ds := make([]graph.Delta, len(loose.quads))
	for i, q := range loose.quads {
		ds[i] = graph.Delta{Quad: q, Action: graph.Add}
	}
	if _, err := l.apply(ds, nil); err != nil {
		return fmt.Errorf("graph: quads without an article label: %w", err)
	}
	return nil
}
