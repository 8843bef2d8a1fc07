package quadlog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

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

// TestEncodeEachQuadOnce holds encode's list, which keys its quads by the
// quad, to the set of their N-Quads lines, by which the store and the
// write's difference know a quad: no line twice, and a document whose
// relations, names, titles and mentions all come twice encodes to the same
// quads as the document. An encoder that encoded it before encodes it
// whole again.
func TestEncodeEachQuadOnce(t *testing.T) {
	var e encoder
	for _, d := range storedDocs(t) {
		qs := encode(&d)
		e.encode(&d)
		if again := e.encode(&d); len(again) != len(qs) {
			t.Errorf("%s: an encoder's second encoding makes %d quads, want %d", d.Article.ID, len(again), len(qs))
		}
		lines := toSet(qs)
		if len(lines) != len(qs) {
			t.Errorf("%s: encode makes %d quads of %d N-Quads lines", d.Article.ID, len(qs), len(lines))
		}
		twice := d
		twice.Relations = append(slices.Clone(d.Relations), d.Relations...)
		twice.Entities = slices.Clone(d.Entities)
		for i := range twice.Entities {
			e := &twice.Entities[i]
			e.Aliases = append(slices.Clone(e.Aliases), e.Aliases...)
			e.Titles = append(slices.Clone(e.Titles), e.Titles...)
			e.Mentions = append(slices.Clone(e.Mentions), e.Mentions...)
		}
		again := encode(&twice)
		if len(again) != len(qs) || !slices.Equal(slices.Sorted(maps.Keys(toSet(again))), slices.Sorted(maps.Keys(lines))) {
			t.Errorf("%s: everything twice encodes to %d quads, want the %d of once", d.Article.ID, len(again), len(qs))
		}
	}
}
