package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/schema"
)

// ExportFormats lists the formats Export writes, in the order the help
// texts give them.
var ExportFormats = schema.ExportFormats

// ExportOptions says what Export writes (see schema.ExportQuery). A
// neighbourhood holds the entities within Depth hops of Entity and the
// statements among them, with their evidence, and of the articles that
// mention them their metadata. Neo4j's CSV headers are id:ID, :LABEL,
// :START_ID, :END_ID, :TYPE and typed columns; Gephi's are Id, Label,
// Source, Target, Type and Weight.
type ExportOptions = schema.ExportQuery

// MaxExportDepth bounds ExportOptions.Depth.
const MaxExportDepth = maxDepth

// Export writes the whole graph in format; see ExportWith.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	return s.ExportWith(ctx, w, ExportOptions{Format: format})
}

// ExportWith writes the graph, or an entity's neighbourhood, as the options
// say:
//
//   - "nquads" and "jsonld" are the store's own quads, one named graph per
//     article, numbers and dates typed with their XML Schema IRIs; N-Quads
//     loads back into a store as the same graph (Import), and the JSON-LD
//     carries an @context that keeps it readable.
//   - "graphml", "gexf" and "cytoscape" (cytoscape.js elements JSON, which
//     networkx.cytoscape_graph reads too) are the merged graph: an entity a
//     node, a statement between entities an edge; a date statement
//     (signedOn) is an attribute of its subject.
//   - "csv" is a zip of three tables, nodes.csv, edges.csv and
//     evidence.csv (one row per sentence that supports a statement), which
//     "csv-nodes", "csv-edges" and "csv-evidence" write one at a time.
//
// The output is sorted, so that the same graph always exports the same
// bytes, and consistent: it is read while no write can change the graph.
func (s *Store) ExportWith(ctx context.Context, w io.Writer, opt ExportOptions) error {
	if !slices.Contains(ExportFormats, opt.Format) {
		return fmt.Errorf("graph: export: unknown format %q (want one of %s)", opt.Format, strings.Join(ExportFormats, ", "))
	}
	if opt.Depth < 0 || opt.Depth > MaxExportDepth {
		return fmt.Errorf("graph: export: depth %d: want 1 to %d", opt.Depth, MaxExportDepth)
	}
	var err error
	switch opt.Format {
	case "nquads", "jsonld":
		err = s.exportRDF(ctx, w, opt)
	default:
		var v view
		if v, err = s.view(ctx, opt); err == nil {
			err = v.write(w, opt)
		}
	}
	if err != nil {
		what := "the graph"
		if opt.Entity != "" {
			what = fmt.Sprintf("the neighbourhood of %q", opt.Entity)
		}
		return fmt.Errorf("graph: export %s of %s as %s: %w", what, s.name, opt.Format, err)
	}
	return nil
}

// exportRDF writes the quads, typed (see typed), sorted by their N-Quads
// line: all of them, or those of a neighbourhood.
func (s *Store) exportRDF(ctx context.Context, w io.Writer, opt ExportOptions) error {
	qs, err := s.sortedQuads(ctx)
	if err != nil {
		return err
	}
	if opt.Entity != "" {
		v, err := s.view(ctx, opt)
		if err != nil {
			return err
		}
		qs = v.quadsOf(qs)
	}
	for i := range qs {
		qs[i] = typed(qs[i])
	}
	if opt.Format == "jsonld" {
		return writeJSONLD(w, qs)
	}
	nw := nquads.NewWriter(w)
	if _, err := nw.WriteQuads(qs); err != nil {
		return err
	}
	return nw.Close()
}

// sortedQuads reads every quad from Cayley, sorted by their N-Quads line.
// Writes wait while it reads.
func (s *Store) sortedQuads(ctx context.Context) ([]quad.Quad, error) {
	s.wmu.Lock()
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

// quadsOf keeps the quads that describe the view: its entities, its
// statements and their evidence, and of the articles that mention its
// entities, their metadata and those mentions (not their text).
func (v view) quadsOf(qs []quad.Quad) []quad.Quad {
	ents := map[quad.Value]bool{}
	for _, e := range v.entities {
		ents[entityIRI(e.ID)] = true
	}
	stmts := map[quad.Value]bool{}
	for _, st := range v.statements {
		stmts[statementIRI(st.ID)] = true
	}
	arts := map[quad.Value]bool{}
	for _, e := range v.entities {
		for _, a := range v.articles[e.ID] {
			arts[articleIRI(a)] = true
		}
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
