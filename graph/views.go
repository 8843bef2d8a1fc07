package graph

import (
	"fmt"
	"io"

	"github.com/newsgraph/newsgraph/graph/index"
	"github.com/newsgraph/newsgraph/schema"
)

// view is the merged graph (entities and statements), or a neighbourhood
// of it, in a fixed order (see index.View): the material of the exports
// that draw nodes and edges (views_write.go, export_csv.go).
type view index.View

// edges are the statements between two entities, the edges of a drawing;
// the others (signedOn) are attributes of their subject.
func (v view) edges() []schema.Statement {
	var out []schema.Statement
	for _, st := range v.Statements {
		if !isDateEdge(st.Predicate) {
			out = append(out, st)
		}
	}
	return out
}

// articlesOf lists, sorted, the articles whose sentences support st.
func articlesOf(st schema.Statement) []string {
	set := map[string]bool{}
	for _, ev := range st.Evidence {
		set[ev.Article] = true
	}
	return sortedStrings(set)
}

// firstEvidence is the sentence that a one-line summary of st shows: the
// first (by article, then offset) of its evidence.
func firstEvidence(st schema.Statement) schema.Evidence {
	if len(st.Evidence) == 0 {
		return schema.Evidence{}
	}
	return st.Evidence[0]
}

// write writes the view in one of the node-and-edge formats.
func (v view) write(w io.Writer, opt ExportOptions) error {
	switch opt.Format {
	case "graphml":
		return v.writeGraphML(w)
	case "gexf":
		return v.writeGEXF(w)
	case "cytoscape":
		return v.writeCytoscape(w)
	case "csv":
		return v.writeCSVZip(w, opt.Neo4j)
	case "csv-nodes":
		return v.writeNodesCSV(w, opt.Neo4j)
	case "csv-edges":
		return v.writeEdgesCSV(w, opt.Neo4j)
	case "csv-evidence":
		return v.writeEvidenceCSV(w, opt.Neo4j)
	}
	return fmt.Errorf("no writer for %q", opt.Format)
}

func isDateEdge(p schema.Predicate) bool {
	spec, _ := schema.Spec(p)
	return spec.ObjectIsDate
}
