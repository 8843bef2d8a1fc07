package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/api"
	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// BenchmarkHandlerReads times, through the API's handler in process, the
// reads graph's BenchmarkReads times on the store: the same kinds of
// queries on a bbolt graph of NEWSGRAPH_READS corpus articles (2,000
// unless set, so make bench stays quick; the report used 10,000), drawn the
// same way. Its requests/s against graph's ops/s is
// what GraphQL, the limits, JSON and the request log cost; there is no
// network in between. The graph is built once and kept in os.TempDir().
//
//	go test -run '^$' -bench '^BenchmarkHandlerReads$' -cpuprofile cpu.out ./api/
func BenchmarkHandlerReads(b *testing.B) {
	h, reads := readsHandler(b)
	for _, r := range reads {
		b.Run(r.name, func(b *testing.B) { benchQuery(b, h, r.query, r.n, r.vars) })
	}
}

// readQuery is one kind of read the reads benchmarks time: its GraphQL
// text and the variables of each of its n draws.
type readQuery struct {
	name  string
	query string
	n     int
	vars  func(i int) map[string]any
}

// body is the request body of draw i.
func (r readQuery) body(i int) []byte {
	body, _ := json.Marshal(map[string]any{"query": r.query, "variables": r.vars(i % r.n)})
	return body
}

// readsHandler is the API's handler on the reads benchmarks' graph
// (NEWSGRAPH_READS corpus articles, 2,000 unless set) and the reads to
// time on it.
func readsHandler(b *testing.B) (http.Handler, []readQuery) {
	n := 2000
	if v := os.Getenv("NEWSGRAPH_READS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("NEWSGRAPH_READS=%q: want a positive number of articles", v)
		}
	}
	gen := corpus.New(corpus.Config{Seed: 1})
	st := corpusGraph(b, gen, n)
	srv, err := api.NewServer(st, nil, api.Config{
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		IsNotFound: func(err error) bool { return errors.Is(err, graph.ErrNotFound) },
	})
	if err != nil {
		b.Fatal(err)
	}
	q := drawReads(gen, n, 1000)
	return srv.Handler(), []readQuery{
		{"EntityByID", `query($id: ID!) { entity(id: $id) { id name type degree
			relations(first: 20) { totalCount nodes { subject { id name } predicate object { id name } value confidence } } } }`,
			len(q.ids), func(i int) map[string]any { return map[string]any{"id": q.ids[i]} }},
		{"Search", `query($q: String!) { search(query: $q) { nodes { score matched entity { id name type } } } }`,
			len(q.prefixes), func(i int) map[string]any { return map[string]any{"q": q.prefixes[i]} }},
		{"Neighborhood2", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated
			nodes { id type name } edges { subject { id } predicate object { id } } } }`,
			len(q.ids), func(i int) map[string]any { return map[string]any{"id": q.ids[i]} }},
		{"Path", `query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxDepth: 4) {
			nodes { id name } edges { subject { id } predicate object { id } } } }`,
			len(q.pairs), func(i int) map[string]any { return map[string]any{"a": q.pairs[i][0], "b": q.pairs[i][1]} }},
	}
}

// benchQuery posts query b.N times, with the variables of each draw in
// turn, and reports the rate, the median and 99th-percentile latency, and
// the CPU time per request (garbage collection included), which unlike
// the rate holds still when other work shares the cores.
func benchQuery(b *testing.B, h http.Handler, query string, n int, vars func(i int) map[string]any) {
	bodies := make([][]byte, n)
	for i := range bodies {
		bodies[i] = readQuery{query: query, n: n, vars: vars}.body(i)
	}
	lat := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(bodies[i%n]))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		lat[i] = time.Since(start)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("%s with %s: %d %s", query, bodies[i%n], rec.Code, rec.Body.Bytes())
		}
	}
	b.StopTimer()
	cpu = cpuTime() - cpu
	reportRequests(b, lat)
	if cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(time.Microsecond)/float64(b.N), "cpu-µs/op")
	}
}

// reportRequests reports the rate of the b.N requests timed and the
// median and 99th-percentile of their latencies.
func reportRequests(b *testing.B, lat []time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
	b.ReportMetric(percentileMicros(lat, 0.50), "p50-µs")
	b.ReportMetric(percentileMicros(lat, 0.99), "p99-µs")
}

// percentileMicros is the pth quantile of lat (nearest rank), in
// microseconds; it sorts lat.
func percentileMicros(lat []time.Duration, p float64) float64 {
	slices.Sort(lat)
	d := lat[max(0, min(int(p*float64(len(lat))+0.5)-1, len(lat)-1))]
	return float64(d) / float64(time.Microsecond)
}

// reads are the arguments of the timed queries. Entities are drawn as a
// reader meets them, a random article then a random entity it mentions, as
// graph's BenchmarkReads draws them.
type reads struct {
	ids      []string
	prefixes []string // the first 3 to 12 characters of a name
	pairs    [][2]string
}

func drawReads(gen *corpus.Generator, articles, n int) reads {
	rng := rand.New(rand.NewPCG(1, 7))
	pick := func() schema.Entity {
		for {
			ents := gen.Document(rng.IntN(articles)).Entities
			if len(ents) > 0 {
				return ents[rng.IntN(len(ents))]
			}
		}
	}
	var q reads
	for range n {
		q.ids = append(q.ids, pick().ID)
		name := []rune(pick().Name)
		q.prefixes = append(q.prefixes, string(name[:min(len(name), 3+rng.IntN(10))]))
		q.pairs = append(q.pairs, [2]string{pick().ID, pick().ID})
	}
	return q
}

// corpusGraph opens, read-only, a bbolt store of articles [0, n) of gen,
// loading it in batches of 256 the first time. A cached file is used only
// if it holds n articles, the last one as gen makes it.
func corpusGraph(b *testing.B, gen *corpus.Generator, n int) *graph.Store {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("newsgraph-api-reads-%d-seed1.db", n))
	if st := openLoaded(b, path, gen, n); st != nil {
		return st
	}
	tmp := path + ".building"
	os.Remove(tmp)
	st, err := graph.Open(ctx, graph.Config{DB: tmp})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]schema.Document, 0, 256)
	for i := 0; i < n; i += 256 {
		docs = docs[:0]
		for j := i; j < min(i+256, n); j++ {
			docs = append(docs, gen.Document(j))
		}
		if _, err := st.Ingest(ctx, docs); err != nil {
			b.Fatalf("ingest articles %d-%d: %v", i, i+len(docs)-1, err)
		}
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	st = openLoaded(b, path, gen, n)
	if st == nil {
		b.Fatalf("%s does not hold the %d articles just loaded", path, n)
	}
	return st
}

func openLoaded(b *testing.B, path string, gen *corpus.Generator, n int) *graph.Store {
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	st, err := graph.Open(ctx, graph.Config{DB: path, ReadOnly: true})
	if err != nil {
		return nil
	}
	last := gen.Document(n - 1).Article
	got, err := st.Article(ctx, last.ID)
	stats, _ := st.Stats(ctx, 0)
	if err != nil || got.Hash != last.Hash || stats.Articles != n {
		st.Close()
		return nil
	}
	b.Cleanup(func() { st.Close() })
	return st
}
