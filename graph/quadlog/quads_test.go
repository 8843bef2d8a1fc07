package quadlog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
