package graph

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// BenchmarkReplicaStart times what a replica does before it serves: open
// the store and make its index, from the catalog of article records (the
// fast start) and from every quad (Config.FromQuads, the slow one). Both
// run in each of NEWSGRAPH_START_ROUNDS rounds (3 unless set), so that
// whatever else the shared machine does falls on both alike; it reports
// the medians and their ratio:
//
//	catalog-s, quads-s   the two starts
//	x-catalog            quads-s over catalog-s
//	articles             the articles the index holds after either
//
// bbolt runs on BenchmarkReads's graph (NEWSGRAPH_READS articles, 2,000
// unless set); postgres, when NEWSGRAPH_TEST_POSTGRES names a server, on a
// database of its own holding NEWSGRAPH_START_POSTGRES articles (200).
//
//	go test -run '^$' -bench '^BenchmarkReplicaStart$' -benchtime=1x ./graph/
func BenchmarkReplicaStart(b *testing.B) {
	rounds := envSize(b, "NEWSGRAPH_START_ROUNDS", 3)
	b.Run("bbolt", func(b *testing.B) {
		n := envSize(b, "NEWSGRAPH_READS", 2000)
		cachedGraph(b, n, scaleSeed).Close()
		benchStart(b, Config{DB: readsGraphPath(n, scaleSeed), ReadOnly: true}, n, rounds)
	})
	b.Run("postgres", func(b *testing.B) {
		base := postgresBench(b)
		n := envSize(b, "NEWSGRAPH_START_POSTGRES", 200)
		cfg := scratchPostgres(b, base)
		s, err := Open(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		loadCorpus(b, s, corpus.New(corpus.Config{Seed: scaleSeed}), 0, n)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		benchStart(b, cfg, n, rounds)
	})
}

// postgresBench is the server NEWSGRAPH_TEST_POSTGRES names, or skips b.
func postgresBench(b *testing.B) string {
	base := os.Getenv(postgresEnv)
	if base == "" {
		b.Skipf("%s is not set; make bench starts a server with .ci/postgres.sh", postgresEnv)
	}
	return base
}

// benchStart opens the store cfg names both ways, rounds times each per
// iteration, and checks that each start holds the n articles loaded.
func benchStart(b *testing.B, cfg Config, n, rounds int) {
	ctx := context.Background()
	slow := cfg
	slow.FromQuads = true
	var fast, full []time.Duration
	open := func(c Config) time.Duration {
		start := time.Now()
		s, err := Open(ctx, c)
		took := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		if st, err := s.Stats(ctx, 0); err != nil || st.Articles != n {
			b.Fatalf("%s (from quads: %v) holds %d articles, want %d (%v)", Redact(c.DB), c.FromQuads, st.Articles, n, err)
		}
		return took
	}
	b.ResetTimer()
	for range b.N {
		for range rounds {
			fast = append(fast, open(cfg))
			full = append(full, open(slow))
		}
	}
	b.StopTimer()
	f, q := middle(fast).Seconds(), middle(full).Seconds()
	b.ReportMetric(f, "catalog-s")
	b.ReportMetric(q, "quads-s")
	b.ReportMetric(q/f, "x-catalog")
	b.ReportMetric(float64(n), "articles")
}

// BenchmarkFeedLag measures how long a change one process commits takes to
// be answered by another that follows the store (catching up every
// DefaultFollowEvery, as Follow does): a store ingests NEWSGRAPH_FEED_ARTICLES articles
// (200 unless set) in calls of 8 while a second one follows the same
// PostgreSQL database; it reports the median, 99th percentile and largest
// delay from commit to applied, over every change. Only PostgreSQL has a
// feed (a bbolt file has one writer), so it runs when
// NEWSGRAPH_TEST_POSTGRES names a server.
func BenchmarkFeedLag(b *testing.B) {
	base := postgresBench(b)
	n := envSize(b, "NEWSGRAPH_FEED_ARTICLES", 200)
	docs := corpusDocs(n)
	var delays []time.Duration
	for range b.N {
		delays = append(delays, followWhileIngest(b, scratchPostgres(b, base), docs)...)
	}
	if len(delays) != n*b.N {
		b.Fatalf("the follower took %d delays for %d changes", len(delays), n*b.N)
	}
	slices.Sort(delays)
	at := func(p float64) float64 { return ms64(delays[min(len(delays)-1, int(p*float64(len(delays))))]) }
	b.ReportMetric(at(0.50), "lag-p50-ms")
	b.ReportMetric(at(0.99), "lag-p99-ms")
	b.ReportMetric(ms64(delays[len(delays)-1]), "lag-max-ms")
	b.ReportMetric(ms64(DefaultFollowEvery), "follow-every-ms")
}

// followWhileIngest ingests docs through one store while another follows
// cfg, and returns the follower's delays once it has applied them all.
func followWhileIngest(b *testing.B, cfg Config, docs []schema.Document) []time.Duration {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writer, err := Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer writer.Close()
	follower, err := Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer follower.Close()
	// The follower catches up every DefaultFollowEvery, as Follow does;
	// the loop is written out so that the benchmark does not depend on
	// how Follow reports failed reads.
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(DefaultFollowEvery)
		defer t.Stop()
		for {
			if err := follower.CatchUp(ctx); err != nil && ctx.Err() == nil {
				b.Error(err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	defer wg.Wait()
	defer cancel()
	for i := 0; i < len(docs); i += 8 {
		if _, err := writer.Ingest(ctx, docs[i:min(i+8, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	deadline := time.Now().Add(time.Minute)
	for applied, _ := follower.FeedApplied(); applied < uint64(len(docs)); applied, _ = follower.FeedApplied() {
		if time.Now().After(deadline) {
			b.Fatalf("the follower applied %d of %d changes in a minute", applied, len(docs))
		}
		time.Sleep(10 * time.Millisecond)
	}
	return follower.FeedDelays()
}

// middle is the median of ds, which it sorts.
func middle(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}
