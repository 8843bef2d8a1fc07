package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Formats Export writes.
var ExportFormats = []string{"nquads", "jsonld", "graphml", "cytoscape", "csv"}

// Export writes the whole graph to w in format: the raw quads as "nquads"
// or "jsonld" (expanded, one named graph per article), or the merged
// entities and statements as "graphml", "cytoscape" (elements JSON) or
// "csv" (one row per statement and evidence). Output is sorted, so the same
// graph always exports the same bytes.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	var err error
	switch format {
	case "nquads", "nq":
		err = s.exportNQuads(ctx, w)
	case "jsonld", "json-ld":
		err = s.exportJSONLD(ctx, w)
	case "graphml":
		err = s.exportGraphML(ctx, w)
	case "cytoscape":
		err = s.exportCytoscape(ctx, w)
	case "csv":
		err = s.exportCSV(ctx, w)
	default:
		return fmt.Errorf("graph: export: unknown format %q (want one of %s)", format, strings.Join(ExportFormats, ", "))
	}
	if err != nil {
		return fmt.Errorf("graph: export %s of %s: %w", format, s.name, err)
	}
	return nil
}

// sortedQuads reads every quad from Cayley, sorted by their N-Quads line.
func (s *Store) sortedQuads(ctx context.Context) ([]quad.Quad, error) {
	s.wmu.Lock() // memstore cannot be read while it is written
	defer s.wmu.Unlock()
	byLine := map[string]quad.Quad{}
	err := s.scan(ctx, func(q quad.Quad) error {
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
	for _, k := range sortedKeys(byLine) {
		out = append(out, byLine[k])
	}
	return out, nil
}

func (s *Store) exportNQuads(ctx context.Context, w io.Writer) error {
	qs, err := s.sortedQuads(ctx)
	if err != nil {
		return err
	}
	nw := nquads.NewWriter(w)
	if _, err := nw.WriteQuads(qs); err != nil {
		return err
	}
	return nw.Close()
}

// exportJSONLD writes expanded JSON-LD: one named graph per label, its
// nodes and their properties in sorted order.
func (s *Store) exportJSONLD(ctx context.Context, w io.Writer) error {
	qs, err := s.sortedQuads(ctx)
	if err != nil {
		return err
	}
	type node = map[string]any
	graphs := map[string]map[string]node{}
	for _, q := range qs {
		g := ""
		if q.Label != nil {
			g = jsonldID(q.Label)
		}
		nodes := graphs[g]
		if nodes == nil {
			nodes = map[string]node{}
			graphs[g] = nodes
		}
		id := jsonldID(q.Subject)
		n := nodes[id]
		if n == nil {
			n = node{"@id": id}
			nodes[id] = n
		}
		p := jsonldID(q.Predicate)
		if q.Predicate == rdfType {
			p = "@type"
			n[p] = append(asSlice(n[p]), jsonldID(q.Object))
			continue
		}
		n[p] = append(asSlice(n[p]), jsonldValue(q.Object))
	}
	var top []any
	for _, g := range sortedKeys(graphs) {
		var nodes []any
		for _, id := range sortedKeys(graphs[g]) {
			nodes = append(nodes, graphs[g][id])
		}
		if g == "" {
			top = append(top, nodes...)
			continue
		}
		top = append(top, node{"@id": g, "@graph": nodes})
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", " ")
	if err := enc.Encode(top); err != nil { // maps encode with sorted keys
		return err
	}
	return bw.Flush()
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func jsonldID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	}
	return quad.StringOf(v)
}

func jsonldValue(v quad.Value) any {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return map[string]any{"@id": jsonldID(v)}
	case quad.String:
		return map[string]any{"@value": string(v)}
	case quad.LangString:
		return map[string]any{"@value": string(v.Value), "@language": v.Lang}
	case quad.TypedString:
		return map[string]any{"@value": string(v.Value), "@type": string(v.Type)}
	case quad.Int:
		return jsonldValue(v.TypedString())
	case quad.Float:
		return jsonldValue(v.TypedString())
	}
	return map[string]any{"@value": quad.StringOf(v)}
}

// Import loads N-Quads (an Export) into the store. Quads are grouped by
// their article label and each article is replaced all or nothing; quads
// with no article label are added as they are.
func (s *Store) Import(ctx context.Context, r io.Reader) error {
	if s.readOnly {
		return fmt.Errorf("graph: import into %s: %w", s.name, ErrReadOnly)
	}
	groups := map[string]quadSet{}
	var loose []quad.Quad
	qr := nquads.NewReader(r, false)
	for n := 1; ; n++ {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("graph: import: quad %d: %w", n, err)
		}
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("graph: import: %w", err)
			}
		}
		q = normalize(q)
		id, ok := iriSuffix(q.Label, articleBase)
		if !ok {
			loose = append(loose, q)
			continue
		}
		if groups[id] == nil {
			groups[id] = quadSet{}
		}
		groups[id][quadKey(q)] = q
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.replaceLabels(groups, loose)
}

// sortedStrings is a helper for deterministic output of sets.
func sortedStrings(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
