package graph

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// textDoc is an article with its text, in which code points and bytes part
// ways before the evidence: what a notebook's text[start:end] needs.
func textDoc(t testing.TB) schema.Document {
	t.Helper()
	text := "Funafuti — Tuvalu’s Prime Minister Feleti Teo and Australia signed the “Falepili Union” treaty on 9 November 2023."
	sentence := text[strings.Index(text, "Tuvalu’s"):]
	start := strings.Index(text, sentence)
	d := schema.Document{
		Article: schema.Article{ID: "falepili.txt", Title: "Falepili", Published: "2023-11-10", Hash: schema.TextHash(text)},
		Entities: []schema.Entity{
			{ID: "country/TV", Type: schema.Country, Name: "Tuvalu", Mentions: []schema.Span{{Start: start, End: start + len("Tuvalu")}}},
			{ID: "country/AU", Type: schema.Country, Name: "Australia"},
			{ID: "agreement/falepili-union", Type: schema.Agreement, Name: "Falepili Union"},
		},
		Relations: []schema.Relation{
			{Subject: "country/TV", Predicate: schema.Signed, Object: "agreement/falepili-union", Confidence: 0.8, Rule: "r",
				Evidence: schema.Evidence{Text: sentence, Start: start, End: len(text)}},
			{Subject: "country/AU", Predicate: schema.Signed, Object: "agreement/falepili-union", Confidence: 0.7, Rule: "r",
				Evidence: schema.Evidence{Text: sentence, Start: start, End: len(text)}},
			{Subject: "agreement/falepili-union", Predicate: schema.SignedOn, Object: "2023-11-09", Confidence: 0.9, Rule: "d",
				Evidence: schema.Evidence{Text: sentence, Start: start, End: len(text)}},
		},
		Text: text,
	}
	return d
}

func testText(t *testing.T, b backend) {
	ctx := context.Background()
	s := open(t, b.config(t))
	d := textDoc(t)
	if _, err := s.Ingest(ctx, []schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	text, ok, err := s.ArticleText(ctx, "falepili.txt")
	if err != nil || !ok || text != d.Text {
		t.Fatalf("ArticleText = %q, %v, %v; want the ingested text", text, ok, err)
	}
	page, err := s.Relations(ctx, schema.RelationFilter{Predicates: []schema.Predicate{schema.Signed}}, schema.Page{})
	if err != nil || len(page.Relations) != 2 {
		t.Fatalf("Relations = %+v, %v", page, err)
	}
	evs := page.Relations[0].Evidence
	if evs[0].Text != "" {
		t.Errorf("a sentence of the stored text is held in memory: %q", evs[0].Text)
	}
	if err := s.EvidenceText(ctx, evs); err != nil {
		t.Fatal(err)
	}
	ev := evs[0]
	if got := string([]rune(text)[ev.CharStart:ev.CharEnd]); got != ev.Text || ev.Text == "" || ev.CharStart == ev.Start {
		t.Errorf("code points [%d,%d) give %q, want the sentence %q (bytes [%d,%d))", ev.CharStart, ev.CharEnd, got, ev.Text, ev.Start, ev.End)
	}
	if ev.CharEnd != utf8.RuneCountInString(text) || ev.Confidence != 0.7 || ev.Rule != "r" {
		t.Errorf("evidence %+v", ev)
	}
	// the text and the offsets go through an export and back
	first := dump(t, s)
	for _, want := range []string{`<http://schema.org/articleBody> "Funafuti`, `"^^<http://www.w3.org/2001/XMLSchema#integer>`,
		`"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal>`, `"2023-11-09"^^<http://www.w3.org/2001/XMLSchema#date>`,
		`<https://newsgraph.dev/statement/` + page.Relations[0].ID + `>`} {
		if !strings.Contains(first, want) {
			t.Errorf("N-Quads export lacks %s", want)
		}
	}
	if strings.Contains(first, "<xsd:") {
		t.Errorf("N-Quads export names a datatype by its short form")
	}
	dst := open(t, b.config(t))
	if err := dst.Import(ctx, strings.NewReader(first)); err != nil {
		t.Fatal(err)
	}
	if second := dump(t, dst); second != first {
		t.Errorf("export -> import -> export differs:\n%s", lineDiff(second, first))
	}
	if got, ok, _ := dst.ArticleText(ctx, "falepili.txt"); !ok || got != text {
		t.Errorf("imported text = %q, %v", got, ok)
	}
	// re-ingesting the same text changes nothing; deleting takes the text too
	if res, _ := s.Ingest(ctx, []schema.Document{textDoc(t)}); res[0].Status != schema.Unchanged {
		t.Errorf("re-ingest: %s", res[0].Status)
	}
	if err := s.DeleteArticle(ctx, "falepili.txt"); err != nil {
		t.Fatal(err)
	}
	if left := dump(t, s); left != "" {
		t.Errorf("after delete, quads are left:\n%s", left)
	}
	// a text that is not the hashed one is refused
	bad := textDoc(t)
	bad.Text += " (edited)"
	if _, err := s.Ingest(ctx, []schema.Document{bad}); err == nil || !strings.Contains(err.Error(), "hash") {
		t.Errorf("ingest of a text that does not match its hash: %v", err)
	}
}

// legacyQuads is an article as versions before texts and evidence nodes
// stored it: each assertion a statement node of its own, with its
// sentence, and the path of the article's file.
const legacyQuads = `<https://newsgraph.dev/article/old.txt> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://newsgraph.dev/type/Article> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/article/old.txt> <https://newsgraph.dev/vocab#source> "/home/someone/news/old.txt" <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/article/old.txt> <https://newsgraph.dev/vocab#hash> "abc" <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/entity/country/TV> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://newsgraph.dev/type/Country> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/entity/country/TV> <http://schema.org/name> "Tuvalu" <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/entity/agreement/falepili-union> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://newsgraph.dev/type/Agreement> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/entity/agreement/falepili-union> <http://schema.org/name> "Falepili Union" <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/entity/country/TV> <https://newsgraph.dev/rel/signed> <https://newsgraph.dev/entity/agreement/falepili-union> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://newsgraph.dev/entity/country/TV> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://newsgraph.dev/rel/signed> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://newsgraph.dev/entity/agreement/falepili-union> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <https://newsgraph.dev/vocab#confidence> "0.8"^^<xsd:double> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <https://newsgraph.dev/vocab#evidence> "Tuvalu signed the Falepili Union." <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <https://newsgraph.dev/vocab#start> "0"^^<xsd:integer> <https://newsgraph.dev/article/old.txt> .
<https://newsgraph.dev/statement/0123456789abcdef0123456789abcdef> <https://newsgraph.dev/vocab#end> "33"^^<xsd:integer> <https://newsgraph.dev/article/old.txt> .
`

// TestLegacyStatements reads a store an earlier version wrote, and takes
// every quad of it back on delete.
func TestLegacyStatements(t *testing.T) {
	ctx := context.Background()
	s := open(t, Config{DB: "memory"})
	if err := s.Import(ctx, strings.NewReader(legacyQuads)); err != nil {
		t.Fatal(err)
	}
	page, err := s.Relations(ctx, schema.RelationFilter{}, schema.Page{})
	if err != nil || len(page.Relations) != 1 {
		t.Fatalf("Relations = %+v, %v", page, err)
	}
	ev := page.Relations[0].Evidence[0]
	if page.Relations[0].Confidence != 0.8 || ev.Text != "Tuvalu signed the Falepili Union." || ev.End != 33 || ev.CharStart != schema.NoOffset {
		t.Errorf("legacy statement read as %+v", page.Relations[0])
	}
	if _, ok, err := s.ArticleText(ctx, "old.txt"); ok || err != nil {
		t.Errorf("ArticleText of an article stored without text: %v, %v", ok, err)
	}
	if err := s.DeleteArticle(ctx, "old.txt"); err != nil {
		t.Fatal(err)
	}
	if left := dump(t, s); left != "" {
		t.Errorf("after delete, legacy quads are left:\n%s", left)
	}

	// ingested again with its text (the same text, so the same hash), a
	// legacy article is rewritten in the current form
	text := "Tuvalu signed the Falepili Union."
	legacy := strings.ReplaceAll(legacyQuads, `"abc"`, `"`+schema.TextHash(text)+`"`)
	if err := s.Import(ctx, strings.NewReader(legacy)); err != nil {
		t.Fatal(err)
	}
	d := schema.Document{Article: schema.Article{ID: "old.txt", Hash: schema.TextHash(text)}, Text: text,
		Entities: []schema.Entity{{ID: "country/TV", Type: schema.Country, Name: "Tuvalu"},
			{ID: "agreement/falepili-union", Type: schema.Agreement, Name: "Falepili Union"}},
		Relations: []schema.Relation{{Subject: "country/TV", Predicate: schema.Signed, Object: "agreement/falepili-union",
			Confidence: 0.8, Evidence: schema.Evidence{Text: text, Start: 0, End: len(text)}}}}
	res, err := s.Ingest(ctx, []schema.Document{d})
	if err != nil || res[0].Status != schema.Replaced {
		t.Fatalf("ingest of a legacy article with its text: %+v, %v; want it replaced", res, err)
	}
	out := dump(t, s)
	if strings.Contains(out, "vocab#evidence>") || strings.Contains(out, "vocab#source>") || !strings.Contains(out, "articleBody") {
		t.Errorf("the legacy article is not rewritten:\n%s", out)
	}
	if got, ok, _ := s.ArticleText(ctx, "old.txt"); !ok || got != text {
		t.Errorf("its text: %q, %v", got, ok)
	}
}

// TestExportNeighbourhood: an entity's neighbourhood holds its entities,
// the statements among them and nothing else, in every format.
func TestExportNeighbourhood(t *testing.T) {
	ctx := context.Background()
	s := open(t, Config{DB: "memory"})
	ingest(t, s, mou, followup, lisbon)
	for _, f := range ExportFormats {
		var b bytes.Buffer
		err := s.ExportWith(ctx, &b, ExportOptions{Format: f, Entity: "person/ha-jung-woo", Depth: 1})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out := b.String()
		if f == "csv" {
			continue // zipped
		}
		if !strings.Contains(out, "ha-jung-woo") || strings.Contains(out, "lisbon") {
			t.Errorf("%s: the neighbourhood of ha-jung-woo: has it %v, has Lisbon %v", f, strings.Contains(out, "ha-jung-woo"), strings.Contains(out, "lisbon"))
		}
	}
	var whole, part bytes.Buffer
	s.ExportWith(ctx, &whole, ExportOptions{Format: "nquads"})
	s.ExportWith(ctx, &part, ExportOptions{Format: "nquads", Entity: "country/KR", Depth: 2})
	for _, line := range strings.SplitAfter(part.String(), "\n") {
		if !strings.Contains(whole.String(), line) {
			t.Errorf("a neighbourhood quad the whole graph lacks: %s", line)
		}
	}
	if err := s.ExportWith(ctx, &bytes.Buffer{}, ExportOptions{Format: "graphml", Entity: "person/nobody"}); err == nil {
		t.Errorf("export of an unknown entity's neighbourhood succeeded")
	}
	if err := s.ExportWith(ctx, &bytes.Buffer{}, ExportOptions{Format: "graphml", Entity: "country/KR", Depth: 99}); err == nil {
		t.Errorf("depth 99 accepted")
	}
}
