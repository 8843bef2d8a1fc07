package graph

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// The node-and-edge formats carry the same attributes, named as the tools
// that read them expect: a node's label is the entity's name (Gephi, yEd
// and Cytoscape show "label"), an edge's label its predicate and its weight
// its confidence. Lists (aliases, titles, articles) are joined by "|" where
// the format has no list type (GraphML), GEXF's liststring form; signedOn
// is the ISO date of an agreement's signing.

// listSep joins a list in one attribute value.
const listSep = "|"

type attr struct {
	id, typ string // typ: GraphML's attr.type
}

var (
	nodeAttrs = []attr{{"label", "string"}, {"name", "string"}, {"type", "string"}, {"aliases", "string"},
		{"titles", "string"}, {"articles", "string"}, {"signedOn", "string"}, {"degree", "int"}}
	edgeAttrs = []attr{{"label", "string"}, {"predicate", "string"}, {"weight", "double"}, {"confidence", "double"},
		{"evidenceCount", "int"}, {"rule", "string"}, {"articles", "string"}, {"evidence", "string"}, {"evidenceArticle", "string"}}
)

// nodeValues are an entity's attributes in nodeAttrs' order; "" for none.
func (v view) nodeValues(e schema.Entity) []string {
	return []string{e.Name, e.Name, string(e.Type), strings.Join(e.Aliases, listSep), strings.Join(e.Titles, listSep),
		strings.Join(v.Articles[e.ID], listSep), v.firstSignedOn(e.ID), strconv.Itoa(v.Degree[e.ID])}
}

// firstSignedOn is the earliest signing date of an agreement, as the API's
// Agreement.signedOn gives it; "" for none.
func (v view) firstSignedOn(id string) string {
	if dates := v.SignedOn[id]; len(dates) > 0 {
		return dates[0]
	}
	return ""
}

// edgeValues are a statement's attributes in edgeAttrs' order.
func edgeValues(st schema.Statement) []string {
	ev := firstEvidence(st)
	conf := formatFloat(st.Confidence)
	return []string{string(st.Predicate), string(st.Predicate), conf, conf, strconv.Itoa(len(st.Evidence)), st.Rule,
		strings.Join(articlesOf(st), listSep), ev.Text, ev.Article}
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeGraphML writes GraphML, which Gephi, yEd, Cytoscape desktop and
// networkx read: a node per entity, an edge per statement (its id the
// statement's), parallel edges where two entities share several.
func (v view) writeGraphML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, a := range nodeAttrs {
		fmt.Fprintf(bw, `  <key id="n_%s" for="node" attr.name="%s" attr.type="%s"/>`+"\n", a.id, a.id, a.typ)
	}
	for _, a := range edgeAttrs {
		fmt.Fprintf(bw, `  <key id="e_%s" for="edge" attr.name="%s" attr.type="%s"/>`+"\n", a.id, a.id, a.typ)
	}
	bw.WriteString(`  <graph id="newsgraph" edgedefault="directed">` + "\n")
	for _, e := range v.Entities {
		fmt.Fprintf(bw, `    <node id="%s">`, xmlEscape(e.ID))
		for i, val := range v.nodeValues(e) {
			writeData(bw, "n_"+nodeAttrs[i].id, val)
		}
		bw.WriteString("</node>\n")
	}
	for _, st := range v.edges() {
		fmt.Fprintf(bw, `    <edge id="%s" source="%s" target="%s">`, st.ID, xmlEscape(st.Subject), xmlEscape(st.Object))
		for i, val := range edgeValues(st) {
			writeData(bw, "e_"+edgeAttrs[i].id, val)
		}
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

// typeColors colour a node by its entity type in GEXF's viz extension,
// the colours the explorer draws.
var typeColors = map[schema.EntityType][3]int{
	schema.Person: {31, 119, 180}, schema.Ministry: {255, 127, 14}, schema.Country: {44, 160, 44},
	schema.Agreement: {214, 39, 40}, schema.Sector: {148, 103, 189}, schema.Organization: {140, 86, 75},
	schema.Location: {227, 119, 194}, schema.Event: {188, 189, 34},
}

// writeGEXF writes GEXF 1.2, Gephi's own format: the attributes as
// GraphML's, nodes coloured by type.
func (v view) writeGEXF(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">` + "\n")
	bw.WriteString("  <meta><creator>newsgraph</creator><description>entities and the statements between them</description></meta>\n")
	bw.WriteString(`  <graph mode="static" defaultedgetype="directed">` + "\n")
	gexfType := func(a attr) string {
		switch {
		case a.typ == "int":
			return "integer"
		case a.id == "aliases" || a.id == "titles" || a.id == "articles":
			return "liststring"
		}
		return a.typ
	}
	for _, set := range []struct {
		class string
		attrs []attr
	}{{"node", nodeAttrs[1:]}, {"edge", edgeAttrs[1:]}} { // label is GEXF's own attribute
		fmt.Fprintf(bw, `    <attributes class="%s">`+"\n", set.class)
		for _, a := range set.attrs {
			fmt.Fprintf(bw, `      <attribute id="%s" title="%s" type="%s"/>`+"\n", a.id, a.id, gexfType(a))
		}
		bw.WriteString("    </attributes>\n")
	}
	bw.WriteString("    <nodes>\n")
	for _, e := range v.Entities {
		fmt.Fprintf(bw, `      <node id="%s" label="%s"><attvalues>`, xmlAttr(e.ID), xmlAttr(e.Name))
		for i, val := range v.nodeValues(e)[1:] {
			writeAttValue(bw, nodeAttrs[i+1].id, val)
		}
		c := typeColors[e.Type]
		fmt.Fprintf(bw, `</attvalues><viz:color r="%d" g="%d" b="%d"/></node>`+"\n", c[0], c[1], c[2])
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	for _, st := range v.edges() {
		vals := edgeValues(st)
		fmt.Fprintf(bw, `      <edge id="%s" source="%s" target="%s" label="%s" weight="%s"><attvalues>`,
			st.ID, xmlAttr(st.Subject), xmlAttr(st.Object), xmlAttr(vals[0]), formatFloat(st.Confidence))
		for i, val := range vals[1:] {
			writeAttValue(bw, edgeAttrs[i+1].id, val)
		}
		bw.WriteString("</attvalues></edge>\n")
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

func writeAttValue(w *bufio.Writer, key, val string) {
	if val != "" {
		fmt.Fprintf(w, `<attvalue for="%s" value="%s"/>`, key, xmlAttr(val))
	}
}

// xmlAttr escapes s for an attribute value, line breaks included.
func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // escapes quotes, tabs and line breaks too
	return b.String()
}

// writeCytoscape writes the JSON that cytoscape.js loads (cy.json, or its
// elements), with the keys networkx.cytoscape_graph reads besides: the
// graph's data, directed, multigraph, a node's value, an edge's key.
func (v view) writeCytoscape(w io.Writer) error {
	type element struct {
		Data map[string]any `json:"data"`
	}
	out := struct {
		Data       map[string]any `json:"data"`
		Directed   bool           `json:"directed"`
		Multigraph bool           `json:"multigraph"`
		Elements   struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}{Data: map[string]any{"name": "newsgraph"}, Directed: true, Multigraph: true}
	out.Elements.Nodes = []element{}
	out.Elements.Edges = []element{}
	list := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	for _, e := range v.Entities {
		d := map[string]any{"id": e.ID, "value": e.ID, "name": e.Name, "label": e.Name, "type": string(e.Type),
			"aliases": list(e.Aliases), "titles": list(e.Titles), "articles": list(v.Articles[e.ID]), "degree": v.Degree[e.ID]}
		if date := v.firstSignedOn(e.ID); date != "" {
			d["signedOn"] = date
		}
		out.Elements.Nodes = append(out.Elements.Nodes, element{d})
	}
	for _, st := range v.edges() {
		ev := firstEvidence(st)
		out.Elements.Edges = append(out.Elements.Edges, element{map[string]any{
			"id": st.ID, "key": st.ID, "source": st.Subject, "target": st.Object, "label": string(st.Predicate),
			"predicate": string(st.Predicate), "confidence": st.Confidence, "weight": st.Confidence,
			"evidenceCount": len(st.Evidence), "rule": st.Rule, "articles": list(articlesOf(st)),
			"evidence": ev.Text, "evidenceArticle": ev.Article}})
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return bw.Flush()
}
