package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
)

// generated builds n articles that share countries and agreements, shaped
// like extractor output: 12 entities and 15 relations each.
func generated(n int) []schema.Document {
	docs := make([]schema.Document, n)
	for i := range docs {
		d := schema.Document{Article: schema.Article{
			ID: fmt.Sprintf("gen-%05d.txt", i), Title: fmt.Sprintf("Generated article %d", i),
			Published: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28), Publisher: "Bench Daily",
			Hash: fmt.Sprintf("%064x", i), Words: 500,
		}}
		add := func(t schema.EntityType, name string) string {
			id := schema.EntityID(t, name)
			d.Entities = append(d.Entities, schema.Entity{ID: id, Type: t, Name: name,
				Aliases: []string{name + " alias"}, Mentions: []schema.Span{{Start: 10, End: 20}}})
			return id
		}
		kr, us := add(schema.Country, "KR"), add(schema.Country, "US")
		agr := add(schema.Agreement, fmt.Sprintf("Accord %d", i%50))
		ev := add(schema.Event, fmt.Sprintf("Summit %d", i%30))
		loc := add(schema.Location, fmt.Sprintf("City %d", i%40))
		sec := add(schema.Sector, "Artificial Intelligence")
		var people, bodies []string
		for j := range 3 {
			people = append(people, add(schema.Person, fmt.Sprintf("Person %d %d", i%200, j)))
			bodies = append(bodies, add(schema.Ministry, fmt.Sprintf("Ministry %d %d", i%60, j)))
		}
		rel := func(s string, p schema.Predicate, o string) {
			d.Relations = append(d.Relations, schema.Relation{Subject: s, Predicate: p, Object: o, Confidence: 0.8,
				Rule: "bench", Evidence: schema.Evidence{Text: "An evidence sentence of ordinary length for " + s + ".",
					Start: 100 * len(d.Relations), End: 100*len(d.Relations) + 60}})
		}
		rel(kr, schema.Signed, agr)
		rel(us, schema.Signed, agr)
		rel(agr, schema.CoversSector, sec)
		rel(agr, schema.SignedAt, ev)
		rel(agr, schema.SignedOn, d.Article.Published)
		rel(ev, schema.LocatedIn, loc)
		rel(loc, schema.LocatedIn, kr)
		for j := range 3 {
			rel(people[j], schema.MemberOf, bodies[j])
			rel(people[j], schema.Attended, ev)
			rel(bodies[j], schema.PartOf, kr)
		}
		rel(bodies[0], schema.Announced, agr)
		docs[i] = d
	}
	return docs
}

const benchDocs = 500

func BenchmarkIngestBBolt(b *testing.B) {
	docs := generated(benchDocs)
	quads := quadlog.RawQuads(docs).Len()
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, err := Open(ctx, Config{DB: filepath.Join(b.TempDir(), "graph.db")})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Ingest(ctx, docs); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(quads*b.N)/b.Elapsed().Seconds(), "quads/s")
}

// BenchmarkRawBatchedWritesBBolt writes the same quads straight into the
// same backend, in the same batch size: the bound Ingest is measured by.
func BenchmarkRawBatchedWritesBBolt(b *testing.B) {
	raw := quadlog.RawQuads(generated(benchDocs))
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		l, err := quadlog.Open(ctx, quadlog.Config{DB: filepath.Join(b.TempDir(), "graph.db")})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := l.WriteRaw(ctx, raw); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		l.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(raw.Len()*b.N)/b.Elapsed().Seconds(), "quads/s")
}
