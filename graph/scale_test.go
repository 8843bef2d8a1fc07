package graph

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/graph/pgtest"
	"github.com/newsgraph/newsgraph/schema"
)

// The scale benchmarks load a generated corpus, reopen the store (which
// rebuilds the read index from the quads, as serve does) and time 1,000 of
// each read the API serves. They run once whatever b.N asks beyond the
// first pass, so run them with -benchtime=1x:
//
//	NEWSGRAPH_SCALE=100000 go test -run '^$' -bench '^BenchmarkScaleBBolt$' -benchtime=1x -timeout 2h -v ./graph/
//	NEWSGRAPH_TEST_POSTGRES=$(.ci/postgres.sh start /tmp/pg-scale) NEWSGRAPH_SCALE_POSTGRES=10000 \
//	    go test -run '^$' -bench '^BenchmarkScalePostgres$' -benchtime=1x -timeout 2h -v ./graph/
//	NEWSGRAPH_SCALE_STORE=postgres://... go test -run '^$' -bench '^BenchmarkScaleReopen$' -benchtime=1x -v ./graph/
//
// NEWSGRAPH_SCALE_DIR (bbolt) and NEWSGRAPH_SCALE_DATABASE (an empty
// PostgreSQL database's URL) keep the loaded store for BenchmarkScaleReopen.
//
// Unset, the sizes are small so that `make bench` stays quick.
const (
	scaleSeed    = 1
	scaleBatch   = 256 // documents per Ingest call
	scaleQueries = 1000
)

func BenchmarkScaleBBolt(b *testing.B) {
	n := envSize(b, "NEWSGRAPH_SCALE", 2000)
	benchScale(b, n, func(tb testing.TB) (Config, func() (int64, error)) {
		// NEWSGRAPH_SCALE_DIR keeps the store, for BenchmarkScaleReopen.
		dir := os.Getenv("NEWSGRAPH_SCALE_DIR")
		if dir == "" {
			dir = tb.TempDir()
		}
		path := filepath.Join(dir, fmt.Sprintf("scale-%d-seed%d.db", n, scaleSeed))
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			tb.Fatal(err)
		}
		return Config{DB: path}, func() (int64, error) {
			fi, err := os.Stat(path)
			if err != nil {
				return 0, err
			}
			return fi.Size(), nil
		}
	})
}

func BenchmarkScalePostgres(b *testing.B) {
	base := os.Getenv(postgresEnv)
	if base == "" {
		b.Skipf("%s is not set; start a server with .ci/postgres.sh", postgresEnv)
	}
	n := envSize(b, "NEWSGRAPH_SCALE_POSTGRES", 1000)
	benchScale(b, n, func(tb testing.TB) (Config, func() (int64, error)) {
		// NEWSGRAPH_SCALE_DATABASE names an empty database to load and keep,
		// for BenchmarkScaleReopen; without it the database is a scratch one.
		cfg := Config{DB: os.Getenv("NEWSGRAPH_SCALE_DATABASE")}
		if cfg.DB == "" {
			cfg = scratchPostgres(tb, base)
		} else if err := emptyStore(cfg); err != nil {
			tb.Fatal(err)
		}
		return cfg, func() (int64, error) { return postgresSize(cfg.DB) }
	})
}

// emptyStore refuses a store that already holds articles: a scale load
// must start from nothing.
func emptyStore(cfg Config) error {
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(ctx, 0)
	if err != nil {
		return err
	}
	if st.Articles > 0 {
		return fmt.Errorf("%s holds %d articles: a scale load needs an empty store", Redact(cfg.DB), st.Articles)
	}
	return nil
}

// BenchmarkScaleReopen times the reopen and the reads of the scale
// benchmarks on a store that already holds the corpus (a bbolt path or a
// database URL in NEWSGRAPH_SCALE_STORE), opened read-only: the second half
// of a scale run without its load, for a store kept from an earlier one.
func BenchmarkScaleReopen(b *testing.B) {
	db := os.Getenv("NEWSGRAPH_SCALE_STORE")
	if db == "" {
		b.Skip("NEWSGRAPH_SCALE_STORE is not set: name a store that holds the generated corpus")
	}
	reopenAndRead(b, Config{DB: db, ReadOnly: true}, watchMemory())
}

// benchScale loads n articles into a fresh store per iteration, then
// reopens the last one and times the reads on it. fresh returns the store
// to load and a function giving its size on disk.
func benchScale(b *testing.B, n int, fresh func(testing.TB) (Config, func() (int64, error))) {
	ctx := context.Background()
	gen := corpus.New(corpus.Config{Seed: scaleSeed})
	mem := watchMemory()
	var (
		cfg    Config
		sizeOf func() (int64, error)
		quads  int
		load   time.Duration
	)
	b.ResetTimer()
	for range b.N {
		cfg, sizeOf = fresh(b)
		s, err := Open(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		quads = loadCorpus(b, s, gen, 0, n)
		load = time.Since(start)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	loadHeap, loadLive, loadRSS, loadAnon := mem.mark()
	size, err := sizeOf()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n), "articles")
	b.ReportMetric(float64(quads), "quads")
	b.ReportMetric(load.Seconds(), "load-s")
	b.ReportMetric(float64(quads)/load.Seconds(), "quads/s")
	b.ReportMetric(float64(n)/load.Seconds(), "articles/s")
	b.ReportMetric(float64(size)/1e6, "store-MB")
	b.ReportMetric(float64(loadHeap)/1e6, "load-peak-heap-MB")
	b.ReportMetric(float64(loadLive)/1e6, "load-peak-live-MB")
	if loadRSS > 0 {
		b.ReportMetric(float64(loadRSS)/1e6, "load-peak-RSS-MB")
		b.ReportMetric(float64(loadAnon)/1e6, "load-peak-anon-RSS-MB")
	}
	reopenAndRead(b, cfg, mem)
}

// reopenAndRead opens the store cfg names, as serve does, times the reads
// on it and reports them with the memory of both phases; it stops mem.
func reopenAndRead(b *testing.B, cfg Config, mem *memWatch) {
	b.StopTimer()
	ctx := context.Background()
	start := time.Now()
	s, err := Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	reopen := time.Since(start)
	openHeap, openLive, openRSS, openAnon := mem.mark()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	indexHeap := ms.HeapAlloc
	if path := os.Getenv("NEWSGRAPH_HEAP_PROFILE"); path != "" {
		writeHeapProfile(b, path)
	}
	progress("reopened in %v, heap %d MB; timing reads", reopen.Round(time.Millisecond), indexHeap>>20)

	st, err := s.Stats(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	q := makeQueries(s, scaleQueries, scaleSeed)
	reads := timeReads(b, s, &q)
	readHeap, _, readRSS, readAnon := mem.stop()

	b.ReportMetric(float64(st.Articles), "articles")
	b.ReportMetric(float64(st.Entities), "entities")
	b.ReportMetric(float64(st.Relations), "statements")
	b.ReportMetric(reopen.Seconds(), "reopen-s")
	b.ReportMetric(float64(indexHeap)/1e6, "heap-after-open-MB")
	b.ReportMetric(float64(openHeap)/1e6, "reopen-peak-heap-MB")
	b.ReportMetric(float64(openLive)/1e6, "reopen-peak-live-MB")
	b.ReportMetric(float64(readHeap)/1e6, "read-peak-heap-MB")
	if openRSS > 0 {
		b.ReportMetric(float64(openRSS)/1e6, "reopen-peak-RSS-MB")
		b.ReportMetric(float64(openAnon)/1e6, "reopen-peak-anon-RSS-MB")
		b.ReportMetric(float64(readRSS)/1e6, "read-peak-RSS-MB")
		b.ReportMetric(float64(readAnon)/1e6, "read-peak-anon-RSS-MB")
	}
	for _, r := range reads {
		b.ReportMetric(ms64(r.p50), r.name+"-p50-ms")
		b.ReportMetric(ms64(r.p99), r.name+"-p99-ms")
	}
	b.ReportMetric(100*float64(q.pathsFound)/float64(len(q.pairs)), "path-found-%")
}

// envSize reads a corpus size from the environment.
func envSize(tb testing.TB, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q: want a positive number of articles", name, v)
	}
	return n
}

// progress reports a long load on stderr when the benchmark runs with -v.
func progress(format string, args ...any) {
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
	}
}

// corpusDocs returns the first n documents of the scale benchmarks' corpus.
func corpusDocs(n int) []schema.Document {
	gen := corpus.New(corpus.Config{Seed: scaleSeed})
	docs := make([]schema.Document, n)
	for i := range docs {
		docs[i] = gen.Document(i)
	}
	return docs
}

// loadCorpus ingests articles [from, to) of the corpus in batches of
// scaleBatch and returns the quads it added. Documents are generated batch
// by batch so that the corpus itself does not weigh on the memory measured.
func loadCorpus(tb testing.TB, s *Store, gen *corpus.Generator, from, to int) int {
	ctx := context.Background()
	quads := 0
	start, last := time.Now(), time.Now()
	docs := make([]schema.Document, 0, scaleBatch)
	for i := from; i < to; i += scaleBatch {
		docs = docs[:0]
		for j := i; j < min(i+scaleBatch, to); j++ {
			docs = append(docs, gen.Document(j))
		}
		res, err := s.Ingest(ctx, docs)
		if err != nil {
			tb.Fatalf("ingest articles %d-%d: %v", i, i+len(docs)-1, err)
		}
		for _, r := range res {
			quads += r.Quads
		}
		if time.Since(last) > 30*time.Second {
			last = time.Now()
			done := i + len(docs) - from
			progress("loaded %d/%d articles, %d quads, %.0f quads/s", done, to-from, quads,
				float64(quads)/time.Since(start).Seconds())
		}
	}
	return quads
}

// memWatch samples the Go heap and the process's anonymous resident memory
// every 50 ms; the peak resident set comes from the kernel, reset when the
// watch starts. The live heap (what the last collection kept) apart from
// the heap in use tells the data held from the collector's headroom, which
// GOMEMLIMIT trades for collection work. The resident set counts the pages of the bbolt file that
// its memory map has touched, which the kernel drops under pressure; the
// anonymous part is the memory the process itself holds.
type memWatch struct {
	peak atomic.Uint64
	live atomic.Uint64
	anon atomic.Uint64
	done chan struct{}
	exit chan struct{}
}

func raise(p *atomic.Uint64, v uint64) {
	for old := p.Load(); v > old && !p.CompareAndSwap(old, v); old = p.Load() {
	}
}

func watchMemory() *memWatch {
	resetHWM()
	w := &memWatch{done: make(chan struct{}), exit: make(chan struct{})}
	go func() {
		defer close(w.exit)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			raise(&w.peak, ms.HeapInuse+ms.StackInuse)
			metrics.Read(live)
			raise(&w.live, live[0].Value.Uint64())
			raise(&w.anon, procStatus("RssAnon"))
			select {
			case <-w.done:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// mark returns the peak Go heap in use, the peak live heap, the peak
// resident set and the peak anonymous resident memory (0 where /proc is
// missing), in bytes, since the watch started or the last mark, and starts
// a new phase.
func (w *memWatch) mark() (heap, live, rss, anon uint64) {
	heap, live, rss, anon = w.peak.Swap(0), w.live.Swap(0), procStatus("VmHWM"), w.anon.Swap(0)
	resetHWM()
	return heap, live, rss, anon
}

// stop ends the watch and returns the peaks of the last phase.
func (w *memWatch) stop() (heap, live, rss, anon uint64) {
	close(w.done)
	<-w.exit
	return w.mark()
}

// resetHWM sets VmHWM back to the current resident set (Linux 4.0+), so
// that a peak is this phase's, not an earlier one's in the same process.
func resetHWM() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// procStatus reads one "kB" field of /proc/self/status, in bytes.
func procStatus(field string) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var kb uint64
		if _, err := fmt.Sscanf(sc.Text(), field+": %d kB", &kb); err == nil {
			return kb << 10
		}
	}
	return 0
}

// queries are the reads timed on a loaded graph. Entities are drawn the way
// a reader meets them: a random article, then a random entity it mentions,
// so well-connected entities (countries, leaders) come up as often as the
// news names them.
type queries struct {
	ids        []string    // Entity, Neighborhood
	prefixes   []string    // Search: the first 3 to 12 characters of a name
	pairs      [][2]string // Path
	pathsFound int
}

func makeQueries(s *Store, n int, seed uint64) queries {
	rng := rand.New(rand.NewPCG(seed, 7))
	arts := s.ix.IDs()
	pick := func() string {
		for {
			ents := s.ix.Doc(arts[rng.IntN(len(arts))]).Document("").Entities
			if len(ents) > 0 {
				return ents[rng.IntN(len(ents))].ID
			}
		}
	}
	var q queries
	for range n {
		q.ids = append(q.ids, pick())
		e, _ := s.Entity(context.Background(), pick())
		name := []rune(e.Name)
		k := min(len(name), 3+rng.IntN(10))
		q.prefixes = append(q.prefixes, string(name[:k]))
		q.pairs = append(q.pairs, [2]string{pick(), pick()})
	}
	return q
}

type readLatency struct {
	name     string
	p50, p99 time.Duration
}

// timeReads runs every query once per read and returns the latencies.
func timeReads(tb testing.TB, s *Store, q *queries) []readLatency {
	ctx := context.Background()
	var out []readLatency
	run := func(name string, n int, fn func(i int) error) {
		lat := make([]time.Duration, n)
		for i := range n {
			start := time.Now()
			if err := fn(i); err != nil {
				tb.Fatalf("%s %d: %v", name, i, err)
			}
			lat[i] = time.Since(start)
		}
		p50, p99 := percentiles(lat)
		progress("%s: p50 %v p99 %v", name, p50, p99)
		out = append(out, readLatency{name, p50, p99})
	}
	run("entity", len(q.ids), func(i int) error {
		_, err := s.Entity(ctx, q.ids[i])
		return err
	})
	run("search", len(q.prefixes), func(i int) error {
		page, err := s.Search(ctx, schema.SearchQuery{Text: q.prefixes[i]})
		if err == nil && len(page.Hits) == 0 {
			err = fmt.Errorf("no hit for %q", q.prefixes[i])
		}
		return err
	})
	run("neighborhood", len(q.ids), func(i int) error {
		_, err := s.Neighborhood(ctx, schema.NeighborhoodQuery{ID: q.ids[i], Depth: 2, Limit: 200})
		return err
	})
	q.pathsFound = 0
	run("path", len(q.pairs), func(i int) error {
		sg, err := s.Path(ctx, q.pairs[i][0], q.pairs[i][1], 4)
		if len(sg.Nodes) > 0 {
			q.pathsFound++
		}
		return err
	})
	return out
}

// percentiles returns the median and the 99th percentile (nearest rank).
func percentiles(lat []time.Duration) (p50, p99 time.Duration) {
	s := slices.Clone(lat)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.5) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return rank(0.50), rank(0.99)
}

func ms64(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// scratchPostgres is freshPostgres for benchmarks: a database of its own on
// the server at base, dropped afterwards.
func scratchPostgres(tb testing.TB, base string) Config {
	tb.Helper()
	return Config{DB: pgtest.Database(tb, base)}
}

func postgresSize(addr string) (int64, error) {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRow("SELECT pg_database_size(current_database())").Scan(&n)
	return n, err
}

// writeHeapProfile writes the live heap, as of a collection just made, to
// path (NEWSGRAPH_HEAP_PROFILE): what the index holds after Open, for
// go tool pprof -sample_index=inuse_space.
func writeHeapProfile(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatalf("heap profile %s: %v", path, err)
	}
}
