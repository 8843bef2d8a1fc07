package nquadkey

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestOf holds Of to what each value's String writes: the differential
// test against the quad library.
func TestOf(t *testing.T) {
	art := quad.IRI("https://newsgraph.example/article/wire%200412.txt")
	ent := quad.IRI("https://newsgraph.example/entity/person/ana-rojas")
	values := []quad.Value{
		ent, quad.IRI(""), quad.IRI("a>b"),
		quad.String(""), quad.String("say \"hi\"\n\tand \\ go"), quad.String("Rojas <ana>"),
		quad.String("a\\b"), quad.String("a\rb"), quad.String("a\tb"), quad.String("10-20"),
		quad.Int(0), quad.Int(-42), quad.Int(math.MaxInt64), quad.Int(math.MinInt64),
		quad.Float(0.8), quad.Float(math.Copysign(0, -1)), quad.Float(1e21), quad.Float(1.5e-7),
		quad.Float(math.NaN()), quad.Float(math.Inf(1)), quad.Float(math.Inf(-1)),
		quad.LangString{Value: "Séoul", Lang: "fr"}, quad.TypedString{Value: "2025-10-29", Type: quad.IRI("http://www.w3.org/2001/XMLSchema#date")},
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
			q := quad.Quad{Subject: ent, Predicate: quad.IRI("https://newsgraph.example/schema/name"), Object: o, Label: label}
			var want []string
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if v != nil {
					want = append(want, v.String())
				}
			}
			if got := Of(q); got != strings.Join(want, " ") {
				t.Errorf("Of(%#v) = %q, want %q", q, got, strings.Join(want, " "))
			}
		}
	}
	sentence := quad.Quad{Subject: ent, Predicate: quad.IRI("https://newsgraph.example/schema/sentence"), Object: quad.String(strings.Repeat("A \"quoted\" sentence. ", 20)), Label: art}
	if n := testing.AllocsPerRun(100, func() { Of(sentence) }); n != 1 {
		t.Errorf("quadKey of a sentence allocates %v times, want once", n)
	}
}
