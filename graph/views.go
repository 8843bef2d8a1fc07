package graph

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// view is the merged graph (entities and statements) in a fixed order, the
// material of the visual exports.
type view struct {
	entities   []schema.Entity
	statements []schema.Statement
}

func (s *Store) view(ctx context.Context) (view, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var v view
	for _, id := range sortedKeys(s.idx.ents) {
		v.entities = append(v.entities, cloneEntity(s.idx.ents[id].merged))
	}
	keys := make([]stmtKey, 0, len(s.idx.stmts))
	for k := range s.idx.stmts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareKeys)
	for i, k := range keys {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return view{}, err
			}
		}
		st, _ := s.idx.statement(s.idx.stmts[k], nil)
		v.statements = append(v.statements, st)
	}
	return v, nil
}

// exportGraphML writes entities as nodes and entity-to-entity statements as
// edges; date-valued statements are left out, as an edge needs two nodes.
func (s *Store) exportGraphML(ctx context.Context, w io.Writer) error {
	v, err := s.view(ctx)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">` + "\n")
	for _, k := range [][3]string{
		{"name", "node", "string"}, {"type", "node", "string"}, {"aliases", "node", "string"}, {"titles", "node", "string"},
		{"predicate", "edge", "string"}, {"confidence", "edge", "double"}, {"rule", "edge", "string"}, {"articles", "edge", "string"},
	} {
		fmt.Fprintf(bw, `  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k[0], k[1], k[0], k[2])
	}
	bw.WriteString(`  <graph id="newsgraph" edgedefault="directed">` + "\n")
	for _, e := range v.entities {
		fmt.Fprintf(bw, `    <node id="%s">`, xmlEscape(e.ID))
		writeData(bw, "name", e.Name)
		writeData(bw, "type", string(e.Type))
		writeData(bw, "aliases", strings.Join(e.Aliases, "|"))
		writeData(bw, "titles", strings.Join(e.Titles, "|"))
		bw.WriteString("</node>\n")
	}
	for _, st := range v.statements {
		if isDateEdge(st.Predicate) {
			continue
		}
		fmt.Fprintf(bw, `    <edge id="%s" source="%s" target="%s">`, st.ID, xmlEscape(st.Subject), xmlEscape(st.Object))
		writeData(bw, "predicate", string(st.Predicate))
		writeData(bw, "confidence", formatFloat(st.Confidence))
		writeData(bw, "rule", st.Rule)
		writeData(bw, "articles", strings.Join(articlesOf(st), "|"))
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func writeData(w *bufio.Writer, key, val string) {
	if val != "" {
		fmt.Fprintf(w, `<data key="%s">%s</data>`, key, xmlEscape(val))
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func articlesOf(st schema.Statement) []string {
	set := map[string]bool{}
	for _, ev := range st.Evidence {
		set[ev.Article] = true
	}
	return sortedStrings(set)
}

// exportCytoscape writes the elements JSON that cytoscape.js loads.
func (s *Store) exportCytoscape(ctx context.Context, w io.Writer) error {
	v, err := s.view(ctx)
	if err != nil {
		return err
	}
	type data = map[string]any
	type element struct {
		Data data `json:"data"`
	}
	var out struct {
		Elements struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}
	out.Elements.Nodes = []element{}
	out.Elements.Edges = []element{}
	for _, e := range v.entities {
		out.Elements.Nodes = append(out.Elements.Nodes, element{data{
			"id": e.ID, "label": e.Name, "type": string(e.Type), "aliases": e.Aliases, "titles": e.Titles}})
	}
	for _, st := range v.statements {
		if isDateEdge(st.Predicate) {
			continue
		}
		out.Elements.Edges = append(out.Elements.Edges, element{data{
			"id": st.ID, "source": st.Subject, "target": st.Object, "label": string(st.Predicate),
			"confidence": st.Confidence, "rule": st.Rule, "articles": articlesOf(st)}})
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return bw.Flush()
}

// exportCSV writes one row per statement and supporting article.
func (s *Store) exportCSV(ctx context.Context, w io.Writer) error {
	v, err := s.view(ctx)
	if err != nil {
		return err
	}
	names := make(map[string]string, len(v.entities))
	for _, e := range v.entities {
		names[e.ID] = e.Name
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"statement", "subject", "subject_name", "predicate", "object", "object_name",
		"confidence", "rule", "article", "published", "evidence_start", "evidence_end", "evidence"})
	for _, st := range v.statements {
		for _, ev := range st.Evidence {
			cw.Write([]string{st.ID, st.Subject, names[st.Subject], string(st.Predicate), st.Object, names[st.Object],
				formatFloat(st.Confidence), st.Rule, ev.Article, ev.Published,
				strconv.Itoa(ev.Start), strconv.Itoa(ev.End), ev.Text})
		}
	}
	cw.Flush()
	return cw.Error()
}
