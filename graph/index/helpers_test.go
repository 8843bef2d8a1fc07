package index

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// The fixtures are graph's (../testdata).
const (
	mou      = "korea-us-mou"
	followup = "korea-us-followup"
	lisbon   = "lisbon-web-summit"
)

// fixture reads ../testdata/<name>.json with its code point offsets.
func fixture(t testing.TB, name string) schema.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var d schema.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := d.SetText(d.Text); err != nil {
		t.Fatal(err)
	}
	return d
}

// corpusDocs returns n generated documents from article first on, with
// their code point offsets.
func corpusDocs(seed int64, first, n int) []schema.Document {
	gen := corpus.New(corpus.Config{Seed: seed})
	docs := make([]schema.Document, n)
	for i := range docs {
		docs[i] = gen.Document(first + i)
		if err := docs[i].SetText(docs[i].Text); err != nil {
			panic(err)
		}
	}
	return docs
}

// oddDoc is an article as an import of odd quads may leave it: values the
// model never writes, which the index keeps all the same.
func oddDoc() schema.Document {
	return schema.Document{
		Article: schema.Article{ID: "odd", Title: "Odd", Hash: "not hex", Source: "a legacy path"},
		Entities: []schema.Entity{
			{ID: "country/XX", Type: schema.Country, Name: "Nowhere", Confidence: 0.1},
			{ID: "person/odd", Type: schema.Person, Name: "Odd One", Aliases: []string{"", "Odd", "Odd One"}, Titles: []string{""},
				Mentions:   []schema.Span{{Start: 7, End: 9}, {Start: 7, End: 9}, {Start: math.MaxInt, End: 3}},
				Confidence: math.Copysign(0, -1)},
		},
		Relations: []schema.Relation{
			{Subject: "person/odd", Predicate: "madeUp", Object: "person/odd", Confidence: 0.123456789,
				Evidence: schema.Evidence{Text: "Odd said so.", Start: -42, CharStart: schema.NoOffset, CharEnd: schema.NoOffset}},
			{Subject: "person/odd", Predicate: schema.Represents, Object: "country/XX",
				Evidence: schema.Evidence{Text: "Odd said so.", End: 99, CharStart: schema.NoOffset, CharEnd: schema.NoOffset}},
			{Subject: "person/odd", Predicate: schema.Represents, Object: "country/XX", Confidence: math.NaN(),
				Evidence: schema.Evidence{Text: "Odd said so, twice.", Start: 100, CharStart: schema.NoOffset, CharEnd: schema.NoOffset}},
		},
	}
}

// testDocs are the fixtures, generated articles and the odd one.
func testDocs(t testing.TB) []schema.Document {
	docs := []schema.Document{fixture(t, mou), fixture(t, followup), fixture(t, lisbon), oddDoc()}
	return append(docs, corpusDocs(1, 0, 50)...)
}

// build makes an index of docs.
func build(docs []schema.Document) *Index {
	ix := New()
	changes := make([]Change, len(docs))
	for i := range docs {
		changes[i] = Change{ID: docs[i].Article.ID, Doc: Pack(&docs[i])}
	}
	ix.Load(changes)
	return ix
}
