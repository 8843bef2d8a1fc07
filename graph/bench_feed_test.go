package graph

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// postgresBench is the server NEWSGRAPH_TEST_POSTGRES names, or skips b.
func postgresBench(b *testing.B) string {
	base := os.Getenv(postgresEnv)
	if base == "" {
		b.Skipf("%s is not set; make bench starts a server with .ci/postgres.sh", postgresEnv)
	}
	return base
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
