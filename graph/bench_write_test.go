package graph

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph/quadlog"
	"github.com/newsgraph/newsgraph/schema"
)

// BenchmarkWrites times the store's write paths on NEWSGRAPH_WRITE_ARTICLES
// generated articles with their texts (1,000 unless set), each into a
// fresh store, in rounds (NEWSGRAPH_WRITE_ROUNDS, 3) in which every path
// runs once, in turn forwards and backwards, so that whatever else the
// shared machine does falls on all of them alike; it reports the median of
// each and their ratios, and each ratio paired by round (the median of the
// rounds' own ratios, "-paired"), which the machine's drift from round to
// round leaves alone:
//
//	bbolt-raw          the articles' quads straight into Cayley (WriteRaw),
//	                   in the transactions Ingest makes (64 articles each)
//	bbolt-ingest       Store.Ingest: the same quads, the catalog, the index
//	pg-raw-cayley      WriteRaw through Cayley's own PostgreSQL flavour
//	pg-raw             WriteRaw through package pgbatch
//	pg-ingest          Store.Ingest on PostgreSQL
//	pg-ingest-checked  the same, every quad checked against Cayley's
//	                   foreign keys (Config.CheckForeignKeys)
//	pg-ingest-2shards  two stores on one database, each ingesting half
//	                   (by article id, as ingest --shard does), at once
//
// PostgreSQL's paths run when NEWSGRAPH_TEST_POSTGRES names a server.
// NEWSGRAPH_WRITE_PATHS (names, comma-separated) runs only those paths,
// for a CPU profile of one. Articles go in Ingest calls of 64, as
// newsgraph ingest sends them.
//
//	NEWSGRAPH_TEST_POSTGRES=... go test -run '^$' -bench '^BenchmarkWrites$' -benchtime=1x ./graph/
func BenchmarkWrites(b *testing.B) {
	n := envSize(b, "NEWSGRAPH_WRITE_ARTICLES", 1000)
	rounds := envSize(b, "NEWSGRAPH_WRITE_ROUNDS", 3)
	docs := corpusDocs(n)
	for i := range docs {
		if err := checkText(&docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	// raw writes the transactions Ingest writes, the quads of 64 articles
	// each, so that the two differ only by what Ingest does besides
	var raw []quadlog.Raw
	quads := 0
	for start := 0; start < len(docs); start += ingestCalls {
		raw = append(raw, quadlog.RawQuads(docs[start:min(start+ingestCalls, len(docs))]))
		quads += raw[len(raw)-1].Len()
	}
	pg := os.Getenv(postgresEnv)
	type path struct {
		name string
		run  func(tb testing.TB) time.Duration
	}
	paths := []path{
		{"bbolt-raw", func(tb testing.TB) time.Duration {
			return timeRaw(tb, quadlog.Config{DB: filepath.Join(tb.TempDir(), "raw.db")}, raw)
		}},
		{"bbolt-ingest", func(tb testing.TB) time.Duration {
			return timeIngest(tb, []Config{{DB: filepath.Join(tb.TempDir(), "ingest.db")}}, docs)
		}},
	}
	if pg != "" {
		paths = append(paths,
			path{"pg-raw-cayley", func(tb testing.TB) time.Duration {
				return timeRaw(tb, quadlog.Config{DB: scratchPostgres(tb, pg).DB, CayleyWriter: true}, raw)
			}},
			path{"pg-raw", func(tb testing.TB) time.Duration {
				return timeRaw(tb, quadlog.Config{DB: scratchPostgres(tb, pg).DB}, raw)
			}},
			path{"pg-ingest", func(tb testing.TB) time.Duration {
				return timeIngest(tb, []Config{scratchPostgres(tb, pg)}, docs)
			}},
			path{"pg-ingest-checked", func(tb testing.TB) time.Duration {
				cfg := scratchPostgres(tb, pg)
				cfg.CheckForeignKeys = true
				return timeIngest(tb, []Config{cfg}, docs)
			}},
			path{"pg-ingest-2shards", func(tb testing.TB) time.Duration {
				cfg := scratchPostgres(tb, pg)
				return timeIngest(tb, []Config{cfg, cfg}, docs)
			}},
		)
	}
	if only := os.Getenv("NEWSGRAPH_WRITE_PATHS"); only != "" {
		names := strings.Split(only, ",")
		paths = slices.DeleteFunc(paths, func(p path) bool { return !slices.Contains(names, p.name) })
		if len(paths) != len(names) {
			b.Fatalf("NEWSGRAPH_WRITE_PATHS=%s: not all of these paths run here", only)
		}
	}
	took := map[string][]time.Duration{}
	b.ResetTimer()
	for range b.N {
		for r := range rounds {
			order := slices.Clone(paths)
			if r%2 == 1 {
				slices.Reverse(order)
			}
			for _, p := range order {
				d := p.run(b)
				took[p.name] = append(took[p.name], d)
				progress("round %d: %s %v", r+1, p.name, d.Round(time.Millisecond))
			}
		}
	}
	b.StopTimer()
	rate := map[string]float64{}
	for name, ds := range took {
		rate[name] = float64(quads) / median(ds).Seconds()
		b.ReportMetric(rate[name], name+"-quads/s")
	}
	b.ReportMetric(float64(quads), "quads")
	for _, r := range []struct{ name, of, over string }{
		{"bbolt-ingest/raw", "bbolt-ingest", "bbolt-raw"},
		{"pg-ingest/raw", "pg-ingest", "pg-raw"},
		{"pg-ingest/raw-cayley", "pg-ingest", "pg-raw-cayley"},
		{"pg-raw/raw-cayley", "pg-raw", "pg-raw-cayley"},
		{"pg/bbolt-ingest", "pg-ingest", "bbolt-ingest"},
		{"pg-2shards/1", "pg-ingest-2shards", "pg-ingest"},
		{"pg-ingest/checked", "pg-ingest", "pg-ingest-checked"},
	} {
		if rate[r.of] > 0 && rate[r.over] > 0 {
			b.ReportMetric(rate[r.of]/rate[r.over], r.name)
			b.ReportMetric(pairedRatio(took[r.over], took[r.of]), r.name+"-paired")
		}
	}
}

// pairedRatio is the median over rounds of base's time over path's in the
// same round: path's rate over base's, round by round.
func pairedRatio(base, path []time.Duration) float64 {
	rs := make([]float64, len(base))
	for i := range base {
		rs[i] = base[i].Seconds() / path[i].Seconds()
	}
	return median(rs)
}

// median is the middle of xs, the upper one of an even count.
func median[T cmp.Ordered](xs []T) T {
	s := slices.Sorted(slices.Values(xs))
	return s[len(s)/2]
}

// timeRaw times WriteRaw of each of raw, in turn, into a fresh log.
func timeRaw(tb testing.TB, cfg quadlog.Config, raw []quadlog.Raw) time.Duration {
	ctx := context.Background()
	l, err := quadlog.Open(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	start := time.Now()
	for _, r := range raw {
		if err := l.WriteRaw(ctx, r); err != nil {
			tb.Fatal(err)
		}
	}
	return time.Since(start)
}

// timeIngest opens a store per config and times them ingesting docs, each
// its share by article id (schema.ArticleShard), at once, in calls of
// ingestCalls articles.
func timeIngest(tb testing.TB, cfgs []Config, docs []schema.Document) time.Duration {
	ctx := context.Background()
	stores := make([]*Store, len(cfgs))
	for i, cfg := range cfgs {
		s, err := Open(ctx, cfg)
		if err != nil {
			tb.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	shares := make([][]schema.Document, len(stores))
	for _, d := range docs {
		i := schema.ArticleShard(d.Article.ID, len(stores))
		shares[i] = append(shares[i], d)
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, len(stores))
	for i, s := range stores {
		wg.Go(func() {
			share := shares[i]
			for len(share) > 0 {
				n := min(len(share), ingestCalls)
				if _, err := s.Ingest(ctx, share[:n]); err != nil {
					errs[i] = err
					return
				}
				share = share[n:]
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return took
}

// ingestCalls is how many articles newsgraph ingest sends the store at once.
const ingestCalls = 64
