package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/schema"
)

// evidenceFields selects everything an evidence has.
const evidenceFields = `evidence { article published text start end charStart charEnd confidence rule }`

// relationFields selects a relation whole, its evidence included.
const relationFields = `id predicate confidence rule evidenceCount value subject { id name type } object { id name type } ` + evidenceFields

// TestDocumentedMaximums: under the default limits, every list at its
// documented largest page answers with its items' relations and evidence
// selected, and the cost limit still turns down a query past them.
func TestDocumentedMaximums(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	var st struct{ ID string }
	r := ts.post(t, `{ relations(first: 1) { nodes { id } } }`, nil)
	nodes := r.Body["data"].(map[string]interface{})["relations"].(map[string]interface{})["nodes"].([]interface{})
	st.ID = nodes[0].(map[string]interface{})["id"].(string)
	l := api.DefaultLimits
	for _, q := range []struct{ name, query string }{
		{"relations", fmt.Sprintf(`{ relations(first: %d) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } nodes { %s } } }`, l.MaxFirst, relationFields)},
		{"neighborhood", fmt.Sprintf(`{ neighborhood(id: "country/KR", depth: %d, limit: %d) { truncated nodes { id name type degree aliases }
			edges { %s } } }`, l.MaxHops, l.MaxNodes, relationFields)},
		{"entity relations and articles", fmt.Sprintf(`{ entity(id: "country/KR") { id name degree relations(first: %d) { totalCount nodes { %s } }
			articles(first: %d) { totalCount nodes { id title published url } } } }`, l.MaxFirst, relationFields, l.MaxFirst)},
		{"article relations", fmt.Sprintf(`{ article(id: "korea-us-mou.txt") { id title relations(first: %d) { nodes { %s } } } }`, l.MaxFirst, relationFields)},
		{"search", fmt.Sprintf(`{ search(query: "korea", first: %d) { totalCount pageInfo { hasNextPage } nodes { score matched entity { id name type aliases degree } } } }`, l.MaxFirst)},
		{"entities", fmt.Sprintf(`{ entities(first: %d) { totalCount nodes { id name type aliases degree } } }`, l.MaxFirst)},
		{"articles", fmt.Sprintf(`{ articles(first: %d) { totalCount nodes { id title published url words } } }`, l.MaxFirst)},
		{"path", fmt.Sprintf(`{ path(from: "person/ha-jung-woo", to: "country/US", maxDepth: %d) { nodes { id name } edges { %s } } }`, l.MaxPathDepth, relationFields)},
		{"timeline", fmt.Sprintf(`{ timeline(entity: "country/KR") { date relation { %s } } }`, relationFields)},
		{"stats", fmt.Sprintf(`{ stats(top: %d) { articles entities relations byType { key count } byPredicate { key count } topEntities { degree entity { id name } } } }`, l.MaxFirst)},
		{"all of a relation's evidence", fmt.Sprintf(`{ node(id: %q) { ... on Relation { evidence(first: %d) { article text start end charStart charEnd } } } }`, st.ID, l.MaxFirst)},
	} {
		r := ts.post(t, q.query, nil)
		if e := r.firstError(); e != "" || r.Status != http.StatusOK {
			t.Errorf("%s at its documented maximum: %d %s", q.name, r.Status, e)
		}
	}
	past := fmt.Sprintf(`{ entities(first: %d) { nodes { relations(first: %d) { nodes { %s } } } } }`, l.MaxFirst, l.MaxFirst, relationFields)
	if e := ts.post(t, past, nil).firstError(); !strings.Contains(e, "cost exceeds") {
		t.Errorf("a list of lists of evidence at their maximums: %q, want the cost limit", e)
	}
	// a lower setting is the server's limit
	low := newServer(t, api.Config{Limits: api.Limits{MaxFirst: 10, MaxCost: 100}}, fixtureDocs(t))
	if e := low.post(t, `{ relations(first: 20) { totalCount } }`, nil).firstError(); !strings.Contains(e, "at most 10") {
		t.Errorf("first 20 under MaxFirst 10: %q", e)
	}
	if e := low.post(t, `{ relations(first: 10) { nodes { id predicate confidence rule evidenceCount value subject { id } object { id } } } }`, nil).firstError(); !strings.Contains(e, "cost exceeds 100") {
		t.Errorf("cost over MaxCost 100: %q", e)
	}
	if _, err := api.NewServer(openStore(t, nil), nil, api.Config{Limits: api.Limits{MaxNodes: 5000}}); err == nil {
		t.Errorf("MaxNodes 5000, past what the store serves, accepted")
	}
}

// TestIntrospectionStable: two servers, and two requests, introspect in
// the same order; every type, field, argument, input field and enum value
// of the schema says what it is.
func TestIntrospectionStable(t *testing.T) {
	a := newServer(t, api.Config{}, fixtureDocs(t))
	b := newServer(t, api.Config{}, fixtureDocs(t))
	first := a.post(t, introspectionQuery, nil)
	if first.firstError() != "" {
		t.Fatal(first.firstError())
	}
	for i, r := range []gqlResponse{a.post(t, introspectionQuery, nil), b.post(t, introspectionQuery, nil)} {
		if string(r.Raw) != string(first.Raw) {
			t.Errorf("introspection %d differs from the first", i+1)
		}
	}
	var in struct {
		Data struct {
			Schema struct {
				Types []struct {
					Name, Description string
					Fields            []struct {
						Name, Description string
						Args              []struct{ Name, Description string }
					}
					InputFields []struct{ Name, Description string }
					EnumValues  []struct{ Name, Description string }
				}
			} `json:"__schema"`
		}
	}
	if err := json.Unmarshal(first.Raw, &in); err != nil {
		t.Fatal(err)
	}
	missing, total := 0, 0
	check := func(what, desc string) {
		total++
		if strings.TrimSpace(desc) == "" {
			missing++
			t.Errorf("%s has no description", what)
		}
	}
	for _, ty := range in.Data.Schema.Types {
		if strings.HasPrefix(ty.Name, "__") {
			continue
		}
		check("type "+ty.Name, ty.Description)
		for _, f := range ty.Fields {
			check(ty.Name+"."+f.Name, f.Description)
			for _, arg := range f.Args {
				check(ty.Name+"."+f.Name+"("+arg.Name+")", arg.Description)
			}
		}
		for _, f := range ty.InputFields {
			check(ty.Name+"."+f.Name, f.Description)
		}
		for _, v := range ty.EnumValues {
			check(ty.Name+"."+v.Name, v.Description)
		}
	}
	t.Logf("%d of %d types, fields, arguments and values described", total-missing, total)
}

// textDoc is an article with its text, in which characters and bytes part
// ways: what a client's text[charStart:charEnd] needs.
func textDoc() schema.Document {
	text := "Funafuti — Tuvalu’s Prime Minister and Australia signed the “Falepili Union” on 9 November 2023."
	at := strings.Index(text, "Tuvalu’s")
	d := schema.Document{
		Article: schema.Article{ID: "falepili.txt", Title: "Falepili", Published: "2023-11-10", URL: "https://example.org/falepili",
			Hash: schema.TextHash(text)},
		Text: text,
		Entities: []schema.Entity{
			{ID: "country/TV", Type: schema.Country, Name: "Tuvalu", Mentions: []schema.Span{{Start: at, End: at + len("Tuvalu")}}},
			{ID: "agreement/falepili-union", Type: schema.Agreement, Name: "Falepili Union",
				Mentions: []schema.Span{{Start: strings.Index(text, "Falepili"), End: strings.Index(text, "Falepili") + len("Falepili Union")}}},
		},
		Relations: []schema.Relation{{Subject: "country/TV", Predicate: schema.Signed, Object: "agreement/falepili-union",
			Confidence: 0.8, Rule: "r", Evidence: schema.Evidence{Text: text[at:], Start: at, End: len(text)}}},
	}
	return d
}

func TestNodeAndArticleText(t *testing.T) {
	ts := newServer(t, api.Config{}, append(fixtureDocs(t), textDoc()))
	d := textDoc()
	r := ts.post(t, `{ relations(where: {subject: "country/TV"}) { nodes { id evidence { text start end charStart charEnd } } } }`, nil)
	var rel struct {
		Data struct {
			Relations struct {
				Nodes []struct {
					ID       string
					Evidence []struct {
						Text                           string
						Start, End, CharStart, CharEnd int
					}
				}
			}
		}
	}
	json.Unmarshal(r.Raw, &rel)
	if len(rel.Data.Relations.Nodes) != 1 {
		t.Fatalf("relations of country/TV: %s", r.Raw)
	}
	st := rel.Data.Relations.Nodes[0]
	ev := st.Evidence[0]
	if got := string([]rune(d.Text)[ev.CharStart:ev.CharEnd]); got != ev.Text || ev.CharStart == ev.Start || d.Text[ev.Start:ev.End] != ev.Text {
		t.Errorf("evidence [%d:%d] bytes, [%d:%d] code points: %q, want %q", ev.Start, ev.End, ev.CharStart, ev.CharEnd, got, ev.Text)
	}
	if want := schema.StatementID("country/TV", schema.Signed, "agreement/falepili-union"); st.ID != want {
		t.Errorf("relation id %s, want %s", st.ID, want)
	}
	// node(id:) finds each kind by its id or its export IRI
	for _, c := range []struct{ id, want string }{
		{"country/TV", `"__typename":"Country"`},
		{"https://newsgraph.dev/entity/country/TV", `"__typename":"Country"`},
		{st.ID, `"__typename":"Relation"`},
		{"https://newsgraph.dev/statement/" + st.ID, `"__typename":"Relation"`},
		{"falepili.txt", `"__typename":"Article"`},
		{"https://newsgraph.dev/article/falepili.txt", `"__typename":"Article"`},
		{"st-00000000000000000000", `"node":null`},
		{"person/nobody", `"node":null`},
	} {
		r := ts.post(t, `query($id: ID!) { node(id: $id) { __typename id } }`, map[string]interface{}{"id": c.id})
		if !strings.Contains(string(r.Raw), c.want) || r.firstError() != "" {
			t.Errorf("node(%q) = %s, want %s", c.id, r.Raw, c.want)
		}
	}
	// the article's text, a window around the evidence, its mentions
	r = ts.post(t, `query($s: Int!, $e: Int!) { article(id: "falepili.txt") { url source text
		window(charStart: $s, charEnd: $e, context: 3) { text charStart charEnd start end }
		mentions { text charStart charEnd start end entity { id } } } }`,
		map[string]interface{}{"s": ev.CharStart, "e": ev.CharStart + 6})
	var art struct {
		Data struct {
			Article struct {
				URL    string
				Source *string
				Text   string
				Window struct {
					Text                           string
					CharStart, CharEnd, Start, End int
				}
				Mentions []struct {
					Text                           string
					CharStart, CharEnd, Start, End int
					Entity                         struct{ ID string }
				}
			}
		}
	}
	if err := json.Unmarshal(r.Raw, &art); err != nil || r.firstError() != "" {
		t.Fatalf("article: %s", r.Raw)
	}
	a := art.Data.Article
	if a.Text != d.Text || a.URL != "https://example.org/falepili" || a.Source != nil {
		t.Errorf("article text %q, url %q, source %v", a.Text, a.URL, a.Source)
	}
	runes := []rune(d.Text)
	w := a.Window
	if w.Text != string(runes[ev.CharStart-3:ev.CharStart+9]) || w.Text != d.Text[w.Start:w.End] || w.CharStart != ev.CharStart-3 {
		t.Errorf("window %+v", w)
	}
	if len(a.Mentions) != 2 || a.Mentions[0].Text != "Tuvalu" || string(runes[a.Mentions[0].CharStart:a.Mentions[0].CharEnd]) != "Tuvalu" ||
		a.Mentions[1].Entity.ID != "agreement/falepili-union" || a.Mentions[1].Text != "Falepili Union" {
		t.Errorf("mentions %+v", a.Mentions)
	}
	if utf8.RuneCountInString(d.Text) == len(d.Text) {
		t.Fatal("the test text has no character of more than one byte")
	}
	// an article stored without its text (the fixture's) has none, and
	// its evidence no code point offsets
	r = ts.post(t, `{ article(id: "korea-us-mou.txt") { text relations(first: 1) { nodes { evidence { start charStart } } } } }`, nil)
	if !strings.Contains(string(r.Raw), `"text":null`) || !strings.Contains(string(r.Raw), `"charStart":null`) {
		t.Errorf("an article stored without its text: %s", r.Raw)
	}
}

func TestExportEndpoint(t *testing.T) {
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	for _, c := range []struct {
		method, path string
		status       int
		ctype, has   string
	}{
		{"GET", "/export", 200, "application/n-quads", "<https://newsgraph.dev/statement/st-"},
		{"GET", "/export?format=graphml", 200, "application/graphml+xml", `<node id="country/KR">`},
		{"GET", "/export?format=gexf&entity=person/ha-jung-woo&depth=2", 200, "application/gexf+xml", `id="person/ha-jung-woo"`},
		{"GET", "/export?format=csv-edges&neo4j=true", 200, "text/csv; charset=utf-8", ":START_ID,:END_ID,:TYPE"},
		{"GET", "/export?format=xml", 400, "text/plain; charset=utf-8", "want one of nquads"},
		{"GET", "/export?format=graphml&entity=person/nobody", 404, "text/plain; charset=utf-8", "no entity"},
		{"GET", "/export?format=graphml&depth=2", 400, "text/plain; charset=utf-8", "with entity"},
		{"GET", "/export?format=csv-nodes&neo4j=maybe", 400, "text/plain; charset=utf-8", "true or false"},
		{"POST", "/export", 405, "text/plain; charset=utf-8", "use GET"},
	} {
		r := ts.do(t, c.method, c.path, nil)
		if r.Status != c.status || r.Header.Get("Content-Type") != c.ctype || !strings.Contains(string(r.Raw), c.has) {
			t.Errorf("%s %s: %d %q %.200s; want %d %q with %q", c.method, c.path, r.Status, r.Header.Get("Content-Type"), r.Raw, c.status, c.ctype, c.has)
		}
	}
	if cd := ts.do(t, "GET", "/export?format=graphml&entity=country/KR", nil).Header.Get("Content-Disposition"); cd != `attachment; filename="newsgraph-country-KR.graphml"` {
		t.Errorf("Content-Disposition %q", cd)
	}
}

func TestExplorerServed(t *testing.T) {
	requireAssets(t)
	ts := newServer(t, api.Config{}, fixtureDocs(t))
	for _, c := range []struct{ path, ctype, has string }{
		{"/", "text/html; charset=utf-8", `<script type="module" src="/explorer/explorer.js">`},
		{"/explorer/explorer.js", "text/javascript; charset=utf-8", "cytoscape"},
		{"/explorer/layout-worker.js", "text/javascript; charset=utf-8", "postMessage"},
		{"/explorer/explorer.css", "text/css; charset=utf-8", "#cy"},
	} {
		r := ts.do(t, http.MethodGet, c.path, nil)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != c.ctype || !strings.Contains(string(r.Raw), c.has) {
			t.Errorf("GET %s: %d %q, has %q: %v", c.path, r.Status, r.Header.Get("Content-Type"), c.has, strings.Contains(string(r.Raw), c.has))
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", c.path, csp)
		}
	}
	if r := ts.do(t, http.MethodGet, "/explorer/nope.js", nil); r.Status != http.StatusNotFound {
		t.Errorf("GET a file the explorer lacks: %d", r.Status)
	}
}
