package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// apiCounts is what the API says of the graph the exports come from.
type apiCounts struct {
	Articles, Entities, Relations int
	Evidence                      int      // sentences, summed over every relation
	Dated                         int      // relations with a date object (signedOn)
	Confident                     []string // ids of the relations asserted with confidence >= minConfidence
}

const minConfidence = 0.7

func countAPI(t *testing.T, s *liveServer) apiCounts {
	t.Helper()
	var st struct {
		Stats struct{ Articles, Entities, Relations int }
	}
	s.query(t, `{ stats { articles entities relations } }`, nil, &st)
	c := apiCounts{Articles: st.Stats.Articles, Entities: st.Stats.Entities, Relations: st.Stats.Relations}
	page := func(where map[string]any, each func(id string, evidence int, dated bool)) {
		after := ""
		for {
			var r struct {
				Relations struct {
					Nodes []struct {
						ID, Value     string
						EvidenceCount int
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}
			s.query(t, `query($w: RelationWhere, $after: String) { relations(first: 100, after: $after, where: $w) {
				nodes { id value evidenceCount } pageInfo { hasNextPage endCursor } } }`,
				map[string]any{"w": where, "after": after}, &r)
			for _, n := range r.Relations.Nodes {
				each(n.ID, n.EvidenceCount, n.Value != "")
			}
			if !r.Relations.PageInfo.HasNextPage {
				return
			}
			after = r.Relations.PageInfo.EndCursor
		}
	}
	page(map[string]any{}, func(_ string, ev int, dated bool) {
		c.Evidence += ev
		if dated {
			c.Dated++
		}
	})
	page(map[string]any{"minConfidence": minConfidence}, func(id string, _ int, _ bool) { c.Confident = append(c.Confident, id) })
	slices.Sort(c.Confident)
	return c
}

// export runs `newsgraph export` with args into a file of dir.
func export(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), append(append([]string{"export"}, args...), "-o", out), &stdout, &stderr); code != 0 {
		t.Fatalf("export %v exited %d: %s", args, code, stderr.String())
	}
	return out
}

// TestExportsReadByTools exports the seed graph (and the evaluation
// articles, when they are there) in every format and reads each with the
// tool analysts use: networkx reads GraphML, GEXF, the Cytoscape JSON and
// the CSV tables; rdflib loads N-Quads and JSON-LD and answers a numeric
// SPARQL filter with the statements the API gives for it; cytoscape.js
// loads the Cytoscape JSON; the N-Quads load back into an empty store as the
// same graph. Every count equals the API's.
func TestExportsReadByTools(t *testing.T) {
	py := python(t, "networkx", "rdflib")
	db := seedStore(t, true)
	dir := t.TempDir()
	for _, f := range []struct{ name, format string }{
		{"graph.graphml", "graphml"}, {"graph.gexf", "gexf"}, {"graph.cyjs", "cytoscape"}, {"graph.nq", "nquads"},
		{"graph.jsonld", "jsonld"}, {"nodes.csv", "csv-nodes"}, {"edges.csv", "csv-edges"}, {"evidence.csv", "csv-evidence"},
	} {
		export(t, dir, f.name, "--db", db, "--format", f.format)
	}
	export(t, dir, "neo4j-nodes.csv", "--db", db, "--format", "csv-nodes", "--neo4j")
	export(t, dir, "neo4j-edges.csv", "--db", db, "--format", "csv-edges", "--neo4j")
	export(t, dir, "graph.zip", "--db", db, "--format", "csv")
	nq, _ := os.ReadFile(filepath.Join(dir, "graph.nq"))

	s := startServer(t, db)
	want := countAPI(t, s)
	t.Logf("API: %d articles, %d entities, %d relations (%d dated), %d sentences, %d relations at confidence >= %v",
		want.Articles, want.Entities, want.Relations, want.Dated, want.Evidence, len(want.Confident), minConfidence)
	if len(want.Confident) == 0 || len(want.Confident) == want.Relations {
		t.Fatalf("the filter at %v keeps %d of %d relations: it tells nothing apart", minConfidence, len(want.Confident), want.Relations)
	}
	edges := want.Relations - want.Dated

	// while the server holds the bbolt store, the CLI asks it
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"export", "--db", db, "--format", "nquads"}, &stdout, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), "--server") {
		t.Errorf("export of a store a server holds: exit %d, %q; want a pointer to --server", code, stderr.String())
	}
	online := export(t, dir, "online.nq", "--server", s.URL, "--format", "nquads")
	if got, _ := os.ReadFile(online); !bytes.Equal(got, nq) {
		t.Errorf("export --server gives %d bytes, the store's own export %d", len(got), len(nq))
	}
	resp, err := http.Get(s.URL + "/export?format=graphml&entity=person/michael-kratsios&depth=2")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/graphml+xml" ||
		!bytes.Contains(body, []byte(`<node id="person/michael-kratsios">`)) {
		t.Errorf("GET /export of a neighbourhood: %s %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
	}
	s.stop()

	out, err := exec.Command(py, "testdata/readers.py", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("readers.py: %v\n%s", err, out)
	}
	type drawing struct {
		SignedOn []string `json:"signed_on"`
	}
	var got struct {
		GraphML   drawing
		GEXF      drawing
		Cytoscape struct {
			Nodes, Edges int
			NullLists    int `json:"null_lists"`
		}
		CSV struct {
			NodeHeader []string `json:"node_header"`
			EdgeHeader []string `json:"edge_header"`
		}
		Neo4j struct {
			Nodes, Edges int
			NodeHeader   []string `json:"node_header"`
			EdgeHeader   []string `json:"edge_header"`
		}
		RDF struct {
			Same           bool
			DatesTyped     bool `json:"dates_typed"`
			Datatypes      map[string]int
			FilteredNQuads []string `json:"filtered_nquads"`
			FilteredJSONLD []string `json:"filtered_jsonld"`
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("readers.py: %v\n%s", err, out)
	}
	// the counts, by section and name
	var raw map[string]map[string]any
	json.Unmarshal(out, &raw)
	num := func(sec, key string) int { f, _ := raw[sec][key].(float64); return int(f) }

	for _, g := range []struct {
		name string
		sec  string
	}{{"GraphML", "graphml"}, {"GEXF", "gexf"}} {
		if n, e := num(g.sec, "nodes"), num(g.sec, "edges"); n != want.Entities || e != edges {
			t.Errorf("networkx reads %d nodes and %d edges from %s, the API has %d entities and %d relations between entities",
				n, e, g.name, want.Entities, edges)
		}
		if num(g.sec, "labels_missing") != 0 {
			t.Errorf("%s: %d nodes without a label", g.name, num(g.sec, "labels_missing"))
		}
	}
	if len(got.GraphML.SignedOn) == 0 || !slices.Equal(got.GraphML.SignedOn, got.GEXF.SignedOn) {
		t.Errorf("signedOn dates: GraphML %v, GEXF %v", got.GraphML.SignedOn, got.GEXF.SignedOn)
	}
	if got.Cytoscape.Nodes != want.Entities || got.Cytoscape.Edges != edges || got.Cytoscape.NullLists != 0 {
		t.Errorf("networkx.cytoscape_graph: %+v, want %d nodes, %d edges, no null lists", got.Cytoscape, want.Entities, edges)
	}
	if num("csv", "nodes") != want.Entities || num("csv", "edges") != edges || num("csv", "evidence_rows") != want.Evidence ||
		num("csv", "statements") != want.Relations || num("csv", "date_statements") != want.Dated {
		t.Errorf("CSV tables: %v; want %d nodes, %d edges, %d evidence rows of %d statements (%d dated)",
			raw["csv"], want.Entities, edges, want.Evidence, want.Relations, want.Dated)
	}
	for _, h := range []struct {
		got  []string
		want []string
	}{
		{got.CSV.NodeHeader[:2], []string{"Id", "Label"}}, {got.CSV.EdgeHeader[:6], []string{"Source", "Target", "Type", "Id", "Label", "Weight"}},
		{got.Neo4j.NodeHeader[:3], []string{"entityId:ID", "name", ":LABEL"}}, {got.Neo4j.EdgeHeader[:3], []string{":START_ID", ":END_ID", ":TYPE"}},
	} {
		if !slices.Equal(h.got, h.want) {
			t.Errorf("CSV header starts %q, want %q", h.got, h.want)
		}
	}
	if got.Neo4j.Nodes != want.Entities || got.Neo4j.Edges != edges {
		t.Errorf("Neo4j tables: %d nodes, %d edges", got.Neo4j.Nodes, got.Neo4j.Edges)
	}
	rdf := raw["rdf"]
	if !got.RDF.Same || num("rdf", "nquads") != bytes.Count(nq, []byte("\n")) || num("rdf", "jsonld") != num("rdf", "nquads") {
		t.Errorf("rdflib: %v quads from N-Quads (%d lines), %v from JSON-LD, the same: %v", rdf["nquads"], bytes.Count(nq, []byte("\n")), rdf["jsonld"], rdf["same"])
	}
	if num("rdf", "statements") != want.Relations || num("rdf", "entities") != want.Entities || num("rdf", "articles") != want.Articles {
		t.Errorf("rdflib counts %v statements, %v entities, %v articles; the API %d, %d, %d",
			rdf["statements"], rdf["entities"], rdf["articles"], want.Relations, want.Entities, want.Articles)
	}
	for dt := range got.RDF.Datatypes {
		if !strings.HasPrefix(dt, "http://www.w3.org/2001/XMLSchema#") {
			t.Errorf("a number typed %q, not an XML Schema IRI", dt)
		}
	}
	if !got.RDF.DatesTyped {
		t.Errorf("signedOn dates are not xsd:date")
	}
	if !slices.Equal(got.RDF.FilteredNQuads, want.Confident) || !slices.Equal(got.RDF.FilteredJSONLD, want.Confident) {
		t.Errorf("SPARQL FILTER(?confidence >= %v) keeps %d statements from N-Quads and %d from JSON-LD; the API's minConfidence keeps %d",
			minConfidence, len(got.RDF.FilteredNQuads), len(got.RDF.FilteredJSONLD), len(want.Confident))
	} else {
		t.Logf("SPARQL FILTER(?confidence >= %v): %d statements from each, the API's %d", minConfidence, len(got.RDF.FilteredNQuads), len(want.Confident))
	}
	t.Logf("networkx: GraphML %d nodes %d edges, GEXF %d/%d, Cytoscape %d/%d, CSV %d/%d and %d evidence rows",
		num("graphml", "nodes"), num("graphml", "edges"), num("gexf", "nodes"), num("gexf", "edges"),
		got.Cytoscape.Nodes, got.Cytoscape.Edges, num("csv", "nodes"), num("csv", "edges"), num("csv", "evidence_rows"))

	checkCytoscapeJS(t, filepath.Join(dir, "graph.cyjs"), want.Entities, edges)
	checkRoundTrip(t, nq, want)
}

// checkCytoscapeJS loads the Cytoscape JSON into cytoscape.js under Node.js.
func checkCytoscapeJS(t *testing.T, file string, nodes, edges int) {
	t.Helper()
	node, err := exec.LookPath("node")
	_, modErr := os.Stat("../../api/web/node_modules/cytoscape/package.json")
	require(t, err == nil && modErr == nil, "Node.js with cytoscape.js", "install Node.js and run `npm ci` in api/web")
	out, err := exec.Command(node, "testdata/cytoscape.cjs", file, "../../api/web").CombinedOutput()
	if err != nil {
		t.Fatalf("cytoscape.js: %v\n%s", err, out)
	}
	var got struct{ Nodes, Edges, Dangling, ElementsNodes, ElementsEdges, Weighted int }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("cytoscape.js: %v\n%s", err, out)
	}
	if got.Nodes != nodes || got.Edges != edges || got.Dangling != 0 || got.ElementsNodes != nodes || got.ElementsEdges != edges || got.Weighted != edges {
		t.Errorf("cytoscape.js loads %+v, want %d nodes and %d edges, every edge weighted", got, nodes, edges)
	}
}

// checkRoundTrip imports the N-Quads into an empty store and exports them
// again: the same bytes, the same counts.
func checkRoundTrip(t *testing.T, nq []byte, want apiCounts) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.nq")
	os.WriteFile(in, nq, 0o644)
	db := filepath.Join(dir, "empty.db")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"import", "--db", db, in}, &stdout, &stderr); code != 0 {
		t.Fatalf("import exited %d: %s", code, stderr.String())
	}
	again, _ := os.ReadFile(export(t, dir, "again.nq", "--db", db, "--format", "nquads"))
	if !bytes.Equal(again, nq) {
		t.Errorf("N-Quads -> empty store -> N-Quads: %d bytes, first %d", len(again), len(nq))
	}
	s := startServer(t, db)
	if got := countAPI(t, s); got.Entities != want.Entities || got.Relations != want.Relations ||
		got.Articles != want.Articles || got.Evidence != want.Evidence || !slices.Equal(got.Confident, want.Confident) {
		t.Errorf("the imported store counts %+v, the first %+v", got, want)
	}
}
