package quadlog

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/schema"
)

// oddQuads is an article as an import may bring it: values the model never
// writes, which decoding keeps (or leaves as extras) all the same.
const oddQuads = `<https://newsgraph.dev/article/odd> <http://schema.org/headline> "Odd" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/article/odd> <https://newsgraph.dev/vocab#hash> "not hex" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://newsgraph.dev/type/Person> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <http://schema.org/name> "Odd One" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <http://schema.org/alternateName> "Odd One" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <http://schema.org/alternateName> "Odd" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <http://schema.org/jobTitle> "" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/vocab#mentionAt> "007-9" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/vocab#mentionAt> "7-9" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/vocab#mentionAt> "9223372036854775807-3" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/vocab#confidence> "-0"^^<http://www.w3.org/2001/XMLSchema#double> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/country/XX> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://newsgraph.dev/type/Country> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/country/XX> <http://schema.org/name> "Nowhere" <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/country/XX> <https://newsgraph.dev/vocab#confidence> "0.1"^^<http://www.w3.org/2001/XMLSchema#double> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/entity/thing/bad> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://newsgraph.dev/type/Thing> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://newsgraph.dev/rel/madeUp> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x1> <https://newsgraph.dev/vocab#confidence> "0.123456789"^^<http://www.w3.org/2001/XMLSchema#double> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x1> <https://newsgraph.dev/vocab#start> "-42"^^<http://www.w3.org/2001/XMLSchema#integer> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x1> <https://newsgraph.dev/vocab#evidence> "Odd said so." <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://newsgraph.dev/rel/represents> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://newsgraph.dev/entity/country/XX> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x2> <https://newsgraph.dev/vocab#evidence> "Odd said so." <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x2> <https://newsgraph.dev/vocab#end> "99"^^<http://www.w3.org/2001/XMLSchema#integer> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://newsgraph.dev/entity/person/odd> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://newsgraph.dev/rel/represents> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x3> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://newsgraph.dev/entity/country/XX> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x3> <https://newsgraph.dev/vocab#evidence> "Odd said so, twice." <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x3> <https://newsgraph.dev/vocab#start> "100"^^<http://www.w3.org/2001/XMLSchema#integer> <https://newsgraph.dev/article/odd> .
<https://newsgraph.dev/statement/x3> <https://newsgraph.dev/vocab#confidence> "NaN"^^<http://www.w3.org/2001/XMLSchema#double> <https://newsgraph.dev/article/odd> .
`

// readQuads reads N-Quads into a set.
func readQuads(t *testing.T, text string) quadSet {
	t.Helper()
	qs := quadSet{}
	r := nquads.NewReader(strings.NewReader(text), false)
	for {
		q, err := r.ReadQuad()
		if err != nil {
			break
		}
		qs[quadKey(normalize(q))] = normalize(q)
	}
	if len(qs) != strings.Count(text, "\n") {
		t.Fatalf("read %d quads, want %d", len(qs), strings.Count(text, "\n"))
	}
	return qs
}

// storedDocs are documents as the write path gets them: the fixtures and
// generated articles, valid, in several forms (with and without text,
// aliases repeated and equal to the name, mentions twice).
func storedDocs(t *testing.T) []schema.Document {
	docs := []schema.Document{fixture(t, mou), fixture(t, followup), fixture(t, lisbon), changed(t)}
	for i, d := range corpusDocs(60) {
		switch i % 4 {
		case 1: // no text: no code point offsets
			d.Text, d.Article.Hash = "", ""
			d = valid(t, d)
		case 2: // what encode drops or keeps once
			d.Entities = slices.Clone(d.Entities)
			e := &d.Entities[len(d.Entities)-1]
			e.Aliases = append(slices.Clone(e.Aliases), e.Name, "", "Zed", "Zed")
			e.Titles = append(slices.Clone(e.Titles), "", "Envoy", "Envoy")
			e.Mentions = append(slices.Clone(e.Mentions), e.Mentions...)
			slices.Reverse(d.Entities)
			slices.Reverse(d.Relations)
			d.Article.Source = "/home/someone/" + d.Article.ID
		}
		docs = append(docs, d)
	}
	return docs
}

// TestStoredIsDecoded holds Stored, which the write path gives the read
// index, to the document decoding the quads of the write gives back: the
// index made from a write is the one made from the store.
func TestStoredIsDecoded(t *testing.T) {
	for _, d := range storedDocs(t) {
		id := d.Article.ID
		got, want := Stored(&d), decodeDocument(id, toSet(encode(&d)))
		if g, w := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); g != w {
			t.Errorf("%s: Stored gives\n%s\ndecoding the quads\n%s", id, g, w)
		}
		if again := Stored(&got); fmt.Sprintf("%#v", again) != fmt.Sprintf("%#v", got) {
			t.Errorf("%s: Stored of a stored document changes it", id)
		}
	}
}

// TestDecodeRoundTrip: decoding loses nothing. The quads encode writes come
// back as the same document, and every quad of an odd import comes back, in
// its document or its extras. (An import may name a statement otherwise
// than encode does: taking the article out takes out its quads and
// encode's, if there.)
func TestDecodeRoundTrip(t *testing.T) {
	for _, d := range storedDocs(t) {
		qs := toSet(encode(&d))
		got, extras := decode(d.Article.ID, qs)
		if extras.Len() != 0 {
			t.Errorf("%s: %d extras from quads encode made", d.Article.ID, extras.Len())
		}
		if again := toSet(encode(&got)); !slices.Equal(slices.Sorted(maps.Keys(again)), slices.Sorted(maps.Keys(qs))) {
			t.Errorf("%s: encode(decode(quads)) has %d quads, want %d", d.Article.ID, len(again), len(qs))
		}
	}
	qs := readQuads(t, oddQuads)
	odd, extras := decode("odd", qs)
	back, want := toSet(encode(&odd)), toSet(encode(&odd))
	for _, q := range extras.quads {
		back[quadKey(q)] = q
	}
	for k, q := range qs {
		want[k] = q
	}
	if !slices.Equal(slices.Sorted(maps.Keys(back)), slices.Sorted(maps.Keys(want))) {
		t.Errorf("odd article: encode(decode) plus extras gives %d quads, want %d", len(back), len(want))
	}
	// what the odd article keeps, spelled out
	if n := len(odd.Entities); n != 2 {
		t.Fatalf("odd article: %d entities, want 2", n)
	}
	e := odd.Entities[1]
	if !math.Signbit(e.Confidence) || !slices.Equal(e.Aliases, []string{"Odd", "Odd One"}) ||
		!slices.Equal(e.Mentions, []schema.Span{{Start: 7, End: 9}, {Start: 7, End: 9}, {Start: math.MaxInt, End: 3}}) {
		t.Errorf("odd entity read back as %+v", e)
	}
	if r := odd.Relations[2]; r.Predicate != "represents" || !math.IsNaN(r.Confidence) || r.Evidence.Start != 100 {
		t.Errorf("odd relation read back as %+v", r)
	}
}
