package graph

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/schema"
)

// conformance is run against every backend, as Cayley's graphtest is.
var conformance = []struct {
	name string
	run  func(t *testing.T, b backend)
}{
	{"IngestAndRead", testIngestAndRead},
	{"ReingestUnchanged", testReingestUnchanged},
	{"ReplaceChanged", testReplaceChanged},
	{"DeleteArticle", testDeleteArticle},
	{"InvalidDocument", testInvalidDocument},
	{"Search", testSearch},
	{"Entities", testEntities},
	{"Relations", testRelations},
	{"Articles", testArticles},
	{"Neighborhood", testNeighborhood},
	{"Path", testPath},
	{"Stats", testStats},
	{"ExportImport", testExportImport},
	{"Text", testText},
	{"Reopen", testReopen},
	{"Cancelled", testCancelled},
}

func runConformance(t *testing.T, b backend) {
	for _, c := range conformance {
		t.Run(c.name, func(t *testing.T) { c.run(t, b) })
	}
}

func TestMemory(t *testing.T) { runConformance(t, memoryBackend) }
func TestBBolt(t *testing.T)  { runConformance(t, boltBackend) }
func TestPostgres(t *testing.T) {
	havePostgres(t)
	runConformance(t, postgresBackend)
}

func testIngestAndRead(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	res := ingest(t, s, mou, followup, lisbon)
	if got, want := statuses(res), "new new new"; got != want {
		t.Fatalf("statuses = %q, want %q", got, want)
	}
	if res[0].Quads == 0 {
		t.Errorf("result %+v counts no quads", res[0])
	}
	kr, err := s.Entity(ctx, "country/KR")
	if err != nil {
		t.Fatal(err)
	}
	want := schema.Entity{ID: "country/KR", Type: schema.Country, Name: "South Korea",
		Aliases: []string{"Korea", "ROK", "Republic of Korea"}, Confidence: 0.98}
	if !reflect.DeepEqual(kr, want) {
		t.Errorf("Entity(country/KR) =\n%+v, want\n%+v", kr, want)
	}
	ha, _ := s.Entity(ctx, "person/ha-jung-woo")
	if got := len(ha.Titles); got != 2 { // the two spellings of one title count once
		t.Errorf("ha-jung-woo titles = %q, want 2 titles", ha.Titles)
	}
	if _, err := s.Entity(ctx, "person/nobody"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "person/nobody") {
		t.Errorf("Entity(unknown) error = %v, want ErrNotFound naming the id", err)
	}
	got, err := s.EntitiesByID(ctx, []string{"country/US", "person/nobody", "location/lisbon"})
	if err != nil || len(got) != 2 || got["location/lisbon"].Name != "Lisbon" {
		t.Errorf("EntitiesByID = %v, %v", got, err)
	}
	a, err := s.Article(ctx, "korea-us-mou.txt")
	wantArt := fixture(t, mou).Article
	wantArt.Source = "" // the ingesting machine's file path is not stored
	if err != nil || a != wantArt {
		t.Errorf("Article = %+v, %v; want %+v", a, err, wantArt)
	}
	if _, err := s.Article(ctx, "nope.txt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(unknown) error = %v", err)
	}
	ents, err := s.ArticleEntities(ctx, "korea-us-followup.txt", schema.Person)
	if err != nil || len(ents) != 2 || ents[0].ID != "person/bae-kyung-hoon" || len(ents[0].Mentions) != 1 {
		t.Errorf("ArticleEntities(followup, Person) = %+v, %v", ents, err)
	}
	all, _ := s.ArticleEntities(ctx, "korea-us-followup.txt", "")
	if len(all) != 7 {
		t.Errorf("ArticleEntities(followup) = %d entities, want 7", len(all))
	}
	deg, err := s.Degrees(ctx, []string{"country/KR", "sector/quantum", "person/nobody"})
	want2 := map[string]int{"country/KR": 3, "sector/quantum": 1}
	if err != nil || !reflect.DeepEqual(deg, want2) {
		t.Errorf("Degrees = %v, %v; want %v", deg, err, want2)
	}
}

func testReingestUnchanged(t *testing.T, b backend) {
	s := open(t, b.config(t))
	ingest(t, s, mou, followup)
	before := dump(t, s)
	res := ingest(t, s, mou, followup)
	if got, want := statuses(res), "unchanged unchanged"; got != want {
		t.Errorf("statuses = %q, want %q", got, want)
	}
	// Without a hash, the quads decide.
	d := fixture(t, mou)
	d.Article.Hash = ""
	s2 := open(t, b.config(t))
	s2.Ingest(context.Background(), []schema.Document{d})
	if res, _ := s2.Ingest(context.Background(), []schema.Document{d}); res[0].Status != schema.Unchanged {
		t.Errorf("re-ingest without hash: %q, want unchanged", res[0].Status)
	}
	if after := dump(t, s); after != before {
		t.Errorf("re-ingest changed the quads")
	}
}

// changed returns the mou article as a later edit: new hash, a title
// fixed, one relation dropped, one entity gone.
func changed(t *testing.T) schema.Document {
	d := fixture(t, mou)
	d.Article.Hash = strings.Repeat("1", 64)
	d.Article.Title = "Korea, U.S. sign tech prosperity deal"
	d.Relations = slices.DeleteFunc(d.Relations, func(r schema.Relation) bool { return r.Object == "sector/quantum" })
	d.Entities = slices.DeleteFunc(d.Entities, func(e schema.Entity) bool { return e.ID == "sector/quantum" })
	return d
}

func testReplaceChanged(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup)
	res, err := s.Ingest(ctx, []schema.Document{changed(t)})
	if err != nil || res[0].Status != schema.Replaced {
		t.Fatalf("Ingest(changed) = %+v, %v; want replaced", res, err)
	}
	ref := open(t, b.config(t))
	ref.Ingest(ctx, []schema.Document{changed(t), fixture(t, followup)})
	if got, want := dump(t, s), dump(t, ref); got != want {
		t.Errorf("replaced store differs from one loaded with the new version:\n%s", lineDiff(got, want))
	}
	if _, err := s.Entity(ctx, "sector/quantum"); !errors.Is(err, ErrNotFound) {
		t.Errorf("entity only the old version had: %v, want ErrNotFound", err)
	}
	// Two versions of one article in one call: the last wins.
	res, _ = s.Ingest(ctx, []schema.Document{fixture(t, mou), changed(t)})
	if got := statuses(res); got != "replaced replaced" {
		t.Errorf("two versions in one call: %q", got)
	}
	if got, want := dump(t, s), dump(t, ref); got != want {
		t.Errorf("last version did not win:\n%s", lineDiff(got, want))
	}
}

func testDeleteArticle(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	if err := s.DeleteArticle(ctx, "korea-us-followup.txt"); err != nil {
		t.Fatal(err)
	}
	ref := open(t, b.config(t))
	ingest(t, ref, mou, lisbon)
	if got, want := dump(t, s), dump(t, ref); got != want {
		t.Errorf("after delete, store differs from one without the article:\n%s", lineDiff(got, want))
	}
	if strings.Contains(dump(t, s), "korea-us-followup") {
		t.Errorf("a quad of the deleted article is left")
	}
	kr, err := s.Entity(ctx, "country/KR")
	if err != nil || slices.Contains(kr.Aliases, "ROK") {
		t.Errorf("shared entity after delete = %+v, %v; want it kept without the deleted alias", kr, err)
	}
	if _, err := s.Entity(ctx, "person/bae-kyung-hoon"); !errors.Is(err, ErrNotFound) {
		t.Errorf("entity only the deleted article had: %v", err)
	}
	if err := s.DeleteArticle(ctx, "korea-us-followup.txt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

func testInvalidDocument(t *testing.T, b backend) {
	s := open(t, b.config(t))
	docs := []schema.Document{fixture(t, mou), fixture(t, invalid), fixture(t, lisbon)}
	res, err := s.Ingest(context.Background(), docs)
	if got, want := statuses(res), "new failed new"; got != want {
		t.Errorf("statuses = %q, want %q", got, want)
	}
	if err == nil || res[1].Err == nil || !strings.Contains(err.Error(), "invalid-predicate.txt") {
		t.Errorf("error = %v, result error = %v; want one naming the article", err, res[1].Err)
	}
	if strings.Contains(dump(t, s), "invalid-predicate") {
		t.Errorf("the invalid article left quads")
	}
	if _, err := s.Entity(context.Background(), "person/yoon-mi-ra"); !errors.Is(err, ErrNotFound) {
		t.Errorf("entity of the invalid article: %v", err)
	}
}

func testSearch(t *testing.T, b backend) {
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	for _, tc := range []struct {
		text  string
		types []schema.EntityType
		first string
	}{
		{"korea", nil, "country/KR"},
		{"KOREA", []schema.EntityType{schema.Agreement}, "agreement/korea-us-technology-prosperity-deal"},
		{"Antonio", nil, "person/antonio-costa"},
		{"antónio cos", nil, "person/antonio-costa"},
		{"kratsio", nil, "person/michael-kratsios"},
		{"Kratsois", nil, "person/michael-kratsios"}, // fuzzy
		{"Gyeongjoo", nil, "location/gyeongju"},      // fuzzy
		{"ostp", nil, "ministry/white-house-office-of-science-and-technology-policy"},
		{"lisboa", nil, "location/lisbon"},
		{"prosperity", nil, "agreement/korea-us-technology-prosperity-deal"},
	} {
		page, err := s.Search(context.Background(), schema.SearchQuery{Text: tc.text, Types: tc.types})
		if err != nil || len(page.Hits) == 0 || page.Hits[0].Entity.ID != tc.first || page.Total < len(page.Hits) {
			t.Errorf("Search(%q) = %v (of %d), %v; want %s first", tc.text, hitIDs(page.Hits), page.Total, err, tc.first)
		}
	}
	page, _ := s.Search(context.Background(), schema.SearchQuery{Text: "zzzzqqq"})
	if len(page.Hits) != 0 || page.Total != 0 {
		t.Errorf("Search(nonsense) = %v, total %d", hitIDs(page.Hits), page.Total)
	}
	// pages of one query add up to its total, in the order of one long page
	all, _ := s.Search(context.Background(), schema.SearchQuery{Text: "a", Limit: 100})
	var paged []schema.SearchHit
	for off := 0; off < all.Total+2; off += 2 {
		p, err := s.Search(context.Background(), schema.SearchQuery{Text: "a", Limit: 2, Offset: off})
		if err != nil || len(p.Hits) > 2 || p.Total != all.Total {
			t.Fatalf("page at %d: %d hits of %d, %v; want at most 2 of %d", off, len(p.Hits), p.Total, err, all.Total)
		}
		paged = append(paged, p.Hits...)
	}
	if all.Total < 3 || !slices.Equal(hitIDs(paged), hitIDs(all.Hits)) {
		t.Errorf("pages of 2 give %v, one page %v (total %d)", hitIDs(paged), hitIDs(all.Hits), all.Total)
	}
}

func hitIDs(hits []schema.SearchHit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.Entity.ID)
	}
	return ids
}

func testEntities(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	var ids []string
	p := schema.Page{First: 2}
	for pages := 0; ; pages++ {
		page, err := s.Entities(ctx, schema.EntityFilter{Type: schema.Person}, p)
		if err != nil || pages > 5 {
			t.Fatal(err, pages)
		}
		if page.TotalCount != 4 {
			t.Errorf("TotalCount = %d, want 4", page.TotalCount)
		}
		for _, e := range page.Entities {
			ids = append(ids, e.ID)
		}
		if !page.HasNextPage {
			break
		}
		p.After = page.EndCursor
	}
	want := []string{"person/antonio-costa", "person/bae-kyung-hoon", "person/ha-jung-woo", "person/michael-kratsios"}
	if !slices.Equal(ids, want) {
		t.Errorf("persons paged by 2 = %v, want %v", ids, want)
	}
	for _, tc := range []struct {
		f    schema.EntityFilter
		want int
	}{
		{schema.EntityFilter{}, 18},
		{schema.EntityFilter{NameContains: "science"}, 2},
		{schema.EntityFilter{MentionedIn: "lisbon-web-summit.txt"}, 5},
		{schema.EntityFilter{Since: "2025-11-01", Until: "2025-11-05"}, 7},
		{schema.EntityFilter{Type: schema.Country, Since: "2025-11-10"}, 1},
	} {
		page, err := s.Entities(ctx, tc.f, schema.Page{})
		if err != nil || len(page.Entities) != tc.want {
			t.Errorf("Entities(%+v) = %d, %v; want %d", tc.f, len(page.Entities), err, tc.want)
		}
	}
	if _, err := s.Entities(ctx, schema.EntityFilter{}, schema.Page{After: "!!"}); err == nil {
		t.Errorf("bad cursor accepted")
	}
}

func testRelations(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	page, err := s.Relations(ctx, schema.RelationFilter{Predicates: []schema.Predicate{schema.Signed}}, schema.Page{})
	if err != nil || len(page.Relations) != 2 {
		t.Fatalf("signed relations = %+v, %v", page, err)
	}
	kr := page.Relations[0]
	if kr.Subject != "country/KR" || len(kr.Evidence) != 2 || kr.Confidence != 0.95 || kr.Rule != "party-to" || kr.ID == "" {
		t.Errorf("KR signed = %+v; want two evidences, best confidence 0.95 by party-to", kr)
	}
	for _, ev := range kr.Evidence {
		if ev.Article == "" || ev.Published == "" || ev.Text == "" {
			t.Errorf("evidence without provenance: %+v", ev)
		}
	}
	for _, tc := range []struct {
		name string
		f    schema.RelationFilter
		want int
	}{
		{"all", schema.RelationFilter{}, 18},
		{"subject", schema.RelationFilter{Subject: "agreement/korea-us-technology-prosperity-deal"}, 5},
		{"object", schema.RelationFilter{Object: "country/KR"}, 2},
		{"entity out", schema.RelationFilter{Entity: "country/KR", Direction: schema.Out}, 1},
		{"entity in", schema.RelationFilter{Entity: "country/KR", Direction: schema.In}, 2},
		{"entity both", schema.RelationFilter{Entity: "country/KR"}, 3},
		{"article", schema.RelationFilter{Article: "korea-us-followup.txt"}, 5},
		{"since", schema.RelationFilter{Since: "2025-11-01"}, 9},
		{"until", schema.RelationFilter{Until: "2025-10-30"}, 11},
		{"min confidence", schema.RelationFilter{MinConfidence: 0.85}, 7},
		{"date object", schema.RelationFilter{Object: "2025-10-29"}, 1},
	} {
		page, err := s.Relations(ctx, tc.f, schema.Page{First: 100})
		if err != nil || len(page.Relations) != tc.want || page.TotalCount != tc.want {
			t.Errorf("%s: %d relations (total %d), %v; want %d", tc.name, len(page.Relations), page.TotalCount, err, tc.want)
		}
	}
	page, _ = s.Relations(ctx, schema.RelationFilter{Article: "korea-us-followup.txt", Entity: "country/KR"}, schema.Page{})
	if len(page.Relations) != 2 || len(page.Relations[0].Evidence) != 1 {
		t.Errorf("article filter keeps other articles' evidence: %+v", page.Relations)
	}
	var got []string
	p := schema.Page{First: 7}
	for {
		page, err := s.Relations(ctx, schema.RelationFilter{}, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Relations {
			got = append(got, r.ID)
		}
		if !page.HasNextPage {
			break
		}
		p.After = page.EndCursor
	}
	if len(got) != 18 || len(slices.Compact(slices.Sorted(slices.Values(got)))) != 18 {
		t.Errorf("paging by 7 gave %d relations, want 18 distinct", len(got))
	}
}

func testArticles(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	page, err := s.Articles(ctx, schema.ArticleFilter{}, schema.Page{First: 2})
	if err != nil || len(page.Articles) != 2 || !page.HasNextPage || page.TotalCount != 3 {
		t.Fatalf("Articles first 2 = %+v, %v", page, err)
	}
	next, _ := s.Articles(ctx, schema.ArticleFilter{}, schema.Page{After: page.EndCursor})
	got := []string{page.Articles[0].ID, page.Articles[1].ID, next.Articles[0].ID}
	want := []string{"lisbon-web-summit.txt", "korea-us-followup.txt", "korea-us-mou.txt"}
	if !slices.Equal(got, want) || next.HasNextPage {
		t.Errorf("articles = %v, want newest first %v", got, want)
	}
	m, _ := s.Articles(ctx, schema.ArticleFilter{Mentions: "country/US"}, schema.Page{})
	r, _ := s.Articles(ctx, schema.ArticleFilter{Since: "2025-11-01", Until: "2025-11-10"}, schema.Page{})
	if len(m.Articles) != 2 || len(r.Articles) != 1 || r.Articles[0].ID != "korea-us-followup.txt" {
		t.Errorf("mentions filter %d articles, range filter %+v", len(m.Articles), r.Articles)
	}
}

func testNeighborhood(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	agr := "agreement/korea-us-technology-prosperity-deal"
	sg, err := s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: agr, Depth: 1})
	if err != nil || len(sg.Nodes) != 8 || sg.Nodes[0].ID != agr || sg.Truncated {
		t.Fatalf("depth 1 = %d nodes %v, %v; want 8, the agreement first", len(sg.Nodes), nodeIDs(sg), err)
	}
	for _, e := range sg.Edges {
		if e.Predicate == schema.SignedOn {
			t.Errorf("date edge in a subgraph: %+v", e)
		}
	}
	if len(sg.Edges) != 8 {
		t.Errorf("depth 1 has %d edges, want 8", len(sg.Edges))
	}
	// Edges come with a count; Statements gives the evidence, the same as
	// Relations does.
	var ids []string
	for _, e := range sg.Edges {
		ids = append(ids, e.ID)
		if e.EvidenceCount == 0 || len(e.Evidence) != 0 {
			t.Errorf("edge %s: %d evidence, count %d; want none and a count", e.ID, len(e.Evidence), e.EvidenceCount)
		}
	}
	full, err := s.Statements(ctx, append(ids, "st-nonesuch"))
	if err != nil || len(full) != len(ids) {
		t.Fatalf("Statements = %d, %v; want %d", len(full), err, len(ids))
	}
	for _, e := range sg.Edges {
		rel, err := s.Relations(ctx, schema.RelationFilter{Subject: e.Subject, Object: e.Object, Predicates: []schema.Predicate{e.Predicate}}, schema.Page{})
		if err != nil || len(rel.Relations) != 1 {
			t.Fatalf("Relations of edge %s: %v, %v", e.ID, rel.Relations, err)
		}
		if got := full[e.ID]; !reflect.DeepEqual(got, rel.Relations[0]) || len(got.Evidence) != e.EvidenceCount {
			t.Errorf("Statements(%s) = %+v, Relations gives %+v (count %d)", e.ID, got, rel.Relations[0], e.EvidenceCount)
		}
	}
	sg, _ = s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: agr, Depth: 2, Types: []schema.EntityType{schema.Person, schema.Event}})
	if got := nodeIDs(sg); !slices.Equal(got, []string{agr, "event/apec-summit-2025", "person/michael-kratsios"}) {
		t.Errorf("depth 2 persons and events = %v", got)
	}
	sg, _ = s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: agr, Depth: 2, Predicates: []schema.Predicate{schema.Signed}})
	if len(sg.Nodes) != 3 {
		t.Errorf("signed only = %v", nodeIDs(sg))
	}
	sg, _ = s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: agr, Depth: 3, Limit: 4})
	if len(sg.Nodes) != 4 || !sg.Truncated {
		t.Errorf("limit 4 = %d nodes, truncated %v", len(sg.Nodes), sg.Truncated)
	}
	if _, err := s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: "person/nobody"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown centre: %v", err)
	}
}

func nodeIDs(sg schema.Subgraph) []string {
	var ids []string
	for _, n := range sg.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func testPath(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	sg, err := s.Path(ctx, "person/bae-kyung-hoon", "location/gyeongju", 6)
	want := []string{"person/bae-kyung-hoon", "ministry/ministry-of-science-and-ict",
		"agreement/korea-us-technology-prosperity-deal", "event/apec-summit-2025", "location/gyeongju"}
	if err != nil || !slices.Equal(nodeIDs(sg), want) || len(sg.Edges) != 4 {
		t.Fatalf("Path = %v (%d edges), %v; want %v", nodeIDs(sg), len(sg.Edges), err, want)
	}
	if sg.Edges[1].Predicate != schema.Announced {
		t.Errorf("second edge = %+v, want announced", sg.Edges[1])
	}
	if sg, err := s.Path(ctx, "person/bae-kyung-hoon", "location/gyeongju", 3); err != nil || len(sg.Nodes) != 0 {
		t.Errorf("path longer than maxDepth = %v, %v; want empty", nodeIDs(sg), err)
	}
	if sg, err := s.Path(ctx, "country/KR", "location/lisbon", 10); err != nil || len(sg.Nodes) != 0 {
		t.Errorf("path between components = %v, %v", nodeIDs(sg), err)
	}
	if _, err := s.Path(ctx, "country/KR", "person/nobody", 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown end: %v", err)
	}
}

func testStats(t *testing.T, b backend) {
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	st, err := s.Stats(context.Background(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Entities != 18 || st.Relations != 18 || st.ByType[schema.Person] != 4 ||
		st.ByPredicate[schema.Signed] != 2 || len(st.TopEntities) != 3 {
		t.Errorf("Stats = %+v", st)
	}
	if top := st.TopEntities[0]; top.Entity.ID != "agreement/korea-us-technology-prosperity-deal" || top.Degree != 8 {
		t.Errorf("top entity = %+v", top)
	}
}

func testExportImport(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	ingest(t, s, mou, followup, lisbon)
	first := dump(t, s)
	if _, err := nquads.NewReader(strings.NewReader(first), false).ReadQuad(); err != nil {
		t.Fatal(err)
	}
	dst := open(t, b.config(t))
	if err := dst.Import(ctx, strings.NewReader(first)); err != nil {
		t.Fatal(err)
	}
	if second := dump(t, dst); second != first {
		t.Errorf("export -> import -> export differs:\n%s", lineDiff(second, first))
	}
	for _, f := range ExportFormats {
		var x, y bytes.Buffer
		if err := s.Export(ctx, &x, f); err != nil {
			t.Fatalf("Export(%s): %v", f, err)
		}
		dst.Export(ctx, &y, f)
		if x.Len() == 0 || x.String() != y.String() {
			t.Errorf("Export(%s): %d bytes, same after import: %v", f, x.Len(), x.String() == y.String())
		}
	}
	a, _ := dst.Entity(ctx, "country/KR")
	if want, _ := s.Entity(ctx, "country/KR"); !reflect.DeepEqual(a, want) {
		t.Errorf("imported entity = %+v, want %+v", a, want)
	}
	if err := s.Export(ctx, &bytes.Buffer{}, "xml"); err == nil {
		t.Errorf("unknown format accepted")
	}
}

func testReopen(t *testing.T, b backend) {
	if !b.persistent {
		t.Skip("memory store does not outlive Close")
	}
	ctx := context.Background()
	cfg := b.config(t)
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, s, mou, followup, lisbon)
	before := dump(t, s)
	beforeKR, _ := s.Entity(ctx, "country/KR")
	s.Close()
	s = open(t, cfg)
	kr, _ := s.Entity(ctx, "country/KR")
	if dump(t, s) != before || !reflect.DeepEqual(kr, beforeKR) {
		t.Errorf("reopened store differs")
	}
	if res := ingest(t, s, followup); res[0].Status != schema.Unchanged {
		t.Errorf("re-ingest after reopen: %q", res[0].Status)
	}
	if err := s.DeleteArticle(ctx, "korea-us-mou.txt"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(dump(t, s), "korea-us-mou.txt") {
		t.Errorf("delete after reopen left quads")
	}
}

func testCancelled(t *testing.T, b backend) {
	s := open(t, b.config(t))
	ingest(t, s, mou)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Relations(ctx, schema.RelationFilter{}, schema.Page{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Relations on a cancelled context: %v", err)
	}
	if _, err := s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: "country/KR"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Neighborhood on a cancelled context: %v", err)
	}
	if err := s.Export(ctx, &bytes.Buffer{}, "nquads"); !errors.Is(err, context.Canceled) {
		t.Errorf("Export on a cancelled context: %v", err)
	}
}

// lineDiff lists the lines only one of two dumps has.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}
