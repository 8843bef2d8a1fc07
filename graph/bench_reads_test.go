package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// BenchmarkReads times, in process, the reads the API serves, on a bbolt
// graph of NEWSGRAPH_READS articles (2,000 unless set, so make bench stays quick; the report used 10,000): the baseline the
// API's overhead is measured against. The graph is built once and kept in
// os.TempDir(), keyed by size and seed, so reruns start at once.
//
//	go test -run '^$' -bench '^BenchmarkReads$' ./graph/
func BenchmarkReads(b *testing.B) {
	ctx := context.Background()
	n := envSize(b, "NEWSGRAPH_READS", 2000)
	s := cachedGraph(b, n, scaleSeed)
	defer s.Close()
	q := makeQueries(s, scaleQueries, scaleSeed)

	b.Run("EntityByID", func(b *testing.B) {
		benchRead(b, len(q.ids), func(i int) error {
			id := q.ids[i]
			if _, err := s.Entity(ctx, id); err != nil {
				return err
			}
			_, err := s.Relations(ctx, schema.RelationFilter{Entity: id}, schema.Page{First: 20})
			return err
		})
	})
	b.Run("Search", func(b *testing.B) {
		benchRead(b, len(q.prefixes), func(i int) error {
			_, err := s.Search(ctx, schema.SearchQuery{Text: q.prefixes[i]})
			return err
		})
	})
	b.Run("Neighborhood2", func(b *testing.B) {
		benchRead(b, len(q.ids), func(i int) error {
			_, err := s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: q.ids[i], Depth: 2, Limit: 200})
			return err
		})
	})
	b.Run("Path", func(b *testing.B) {
		benchRead(b, len(q.pairs), func(i int) error {
			_, err := s.Path(ctx, q.pairs[i][0], q.pairs[i][1], 4)
			return err
		})
	})
}

// benchRead runs fn over the queries in turn, b.N times in all, and reports
// the rate and the median and 99th-percentile latency.
func benchRead(b *testing.B, n int, fn func(i int) error) {
	lat := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if err := fn(i % n); err != nil {
			b.Fatal(err)
		}
		lat[i] = time.Since(start)
	}
	b.StopTimer()
	p50, p99 := percentiles(lat)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
	b.ReportMetric(float64(p50)/float64(time.Microsecond), "p50-µs")
	b.ReportMetric(float64(p99)/float64(time.Microsecond), "p99-µs")
}

// cachedGraph opens, read-only, a bbolt store holding articles [0, n) of
// the corpus with seed, building it the first time. A cached store is used
// only if it holds n articles and the last one matches the generator, so a
// changed generator rebuilds it.
func cachedGraph(b *testing.B, n int, seed uint64) *Store {
	ctx := context.Background()
	gen := corpus.New(corpus.Config{Seed: int64(seed)})
	path := readsGraphPath(n, seed)
	if s := openCached(ctx, path, n, gen); s != nil {
		return s
	}
	tmp := path + ".building"
	os.Remove(tmp)
	s, err := Open(ctx, Config{DB: tmp})
	if err != nil {
		b.Fatal(err)
	}
	loadCorpus(b, s, gen, 0, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	if s = openCached(ctx, path, n, gen); s == nil {
		b.Fatalf("%s does not hold the %d articles just loaded", path, n)
	}
	return s
}

// readsGraphPath is where cachedGraph keeps the graph of n articles.
func readsGraphPath(n int, seed uint64) string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("newsgraph-reads-%d-seed%d.db", n, seed))
}

func openCached(ctx context.Context, path string, n int, gen *corpus.Generator) *Store {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	s, err := Open(ctx, Config{DB: path, ReadOnly: true})
	if err != nil {
		return nil
	}
	last := gen.Document(n - 1).Article
	got, err := s.Article(ctx, last.ID)
	st, _ := s.Stats(ctx, 0)
	if err != nil || got.Hash != last.Hash || st.Articles != n {
		s.Close()
		return nil
	}
	return s
}
