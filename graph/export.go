package graph

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/graph/quadlog"
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
const MaxExportDepth = index.MaxDepth

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
		return fmt.Errorf("graph: export %s of %s as %s: %w", what, s.log.Name(), opt.Format, err)
	}
	return nil
}

// exportRDF writes the quads (see quadlog.Log.ExportRDF): all of them, or
// those of a neighbourhood.
func (s *Store) exportRDF(ctx context.Context, w io.Writer, opt ExportOptions) error {
	var sel *quadlog.Selection
	if opt.Entity != "" {
		v, err := s.ix.View(ctx, opt.Entity, opt.Depth) // the ids are enough: no sentences
		if err != nil {
			return err
		}
		sel = view(v).selection()
	}
	return s.log.ExportRDF(ctx, w, opt.Format, sel)
}

// view reads the whole graph or the neighbourhood opt names, with every
// evidence sentence.
func (s *Store) view(ctx context.Context, opt ExportOptions) (view, error) {
	v, err := s.ix.View(ctx, opt.Entity, opt.Depth)
	if err != nil {
		return view{}, err
	}
	if err := s.ix.FillStatements(ctx, v.Statements, storeTexts{s}); err != nil {
		return view{}, err
	}
	return view(v), nil
}

// selection names the view's entities, statements and articles.
func (v view) selection() *quadlog.Selection {
	sel := &quadlog.Selection{Entities: map[string]bool{}, Statements: map[string]bool{}, Articles: map[string]bool{}}
	for _, e := range v.Entities {
		sel.Entities[e.ID] = true
		for _, a := range v.Articles[e.ID] {
			sel.Articles[a] = true
		}
	}
	for _, st := range v.Statements {
		sel.Statements[st.ID] = true
	}
	return sel
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
