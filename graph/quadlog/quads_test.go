package quadlog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// TestQuadKey holds quadKey to what each value's String writes, which the
// catalog's extras and the exports' order are made of.
func TestQuadKey(t *testing.T) {
	art := articleIRI("wire 0412.txt")
	ent := entityIRI("person/ana-rojas")
	values := []quad.Value{
		ent, quad.IRI(""), quad.IRI("a>b"),
		quad.String(""), quad.String("say \"hi\"\n\tand \\ go"), quad.String("Rojas <ana>"),
		quad.String("a\\b"), quad.String("a\rb"), quad.String("a\tb"), quad.String("10-20"),
		quad.Int(0), quad.Int(-42), quad.Int(math.MaxInt64), quad.Int(math.MinInt64),
		quad.Float(0.8), quad.Float(math.Copysign(0, -1)), quad.Float(1e21), quad.Float(1.5e-7),
		quad.Float(math.NaN()), quad.Float(math.Inf(1)), quad.Float(math.Inf(-1)),
		quad.LangString{Value: "Séoul", Lang: "fr"}, quad.TypedString{Value: "2025-10-29", Type: quad.IRI(xsdNS + "date")},
		quad.BNode("b0"), quad.Bool(true),
	}
	// strings of the bytes quad.String escapes and others, of every length
	// up to past a line's usual one
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"\\", "\"", "\n", "\r", "\t", "a", " ", "é", "\xff", "<", ">", "\\n"}
	for n := range 300 {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		values = append(values, quad.String(b.String()))
	}
	for _, o := range values {
		for _, label := range []quad.Value{art, nil, quad.BNode("g")} {
			q := quad.Quad{Subject: ent, Predicate: pName, Object: o, Label: label}
			var want []string
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if v != nil {
					want = append(want, v.String())
				}
			}
			if got := quadKey(q); got != strings.Join(want, " ") {
				t.Errorf("quadKey(%#v) = %q, want %q", q, got, strings.Join(want, " "))
			}
		}
	}
	sentence := quad.Quad{Subject: ent, Predicate: pSentence, Object: quad.String(strings.Repeat("A \"quoted\" sentence. ", 20)), Label: art}
	if n := testing.AllocsPerRun(100, func() { quadKey(sentence) }); n != 1 {
		t.Errorf("quadKey of a sentence allocates %v times, want once", n)
	}
}

// TestEvidenceIRI holds evidence node names to the hash every store has
// named them by.
func TestEvidenceIRI(t *testing.T) {
	long := strings.Repeat("agreement/a-long-name-", 20)
	for _, c := range []struct {
		article string
		r       schema.Relation
	}{
		{"korea-us-mou.txt", schema.Relation{Subject: "country/KR", Predicate: schema.Signed, Object: "agreement/korea-us-technology-prosperity-deal",
			Evidence: schema.Evidence{Start: 405, End: 653}}},
		{"", schema.Relation{Evidence: schema.Evidence{Start: -1, End: 0}}},
		{long, schema.Relation{Subject: long, Predicate: schema.SignedOn, Object: "2025-10-29", Evidence: schema.Evidence{Start: 1 << 40, End: -7}}},
	} {
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d\x00%d", c.article, c.r.Subject, c.r.Predicate, c.r.Object, c.r.Evidence.Start, c.r.Evidence.End)
		want := quad.IRI(evidenceBase + hex.EncodeToString(h.Sum(nil))[:32])
		if got := evidenceIRI(c.article, c.r); got != want {
			t.Errorf("evidenceIRI(%q, %v) = %s, want %s", c.article, c.r, got, want)
		}
	}
}

// TestMostQuads holds mostQuads to what encode makes, so that encode's set
// never grows.
func TestMostQuads(t *testing.T) {
	gen := corpus.New(corpus.Config{Seed: 1})
	for i := range 100 {
		d := gen.Document(i)
		if n, most := len(encode(&d)), mostQuads(&d); n > most {
			t.Errorf("article %s: encode makes %d quads, mostQuads says at most %d", d.Article.ID, n, most)
		}
	}
}
