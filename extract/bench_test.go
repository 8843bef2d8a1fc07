package extract_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// benchCorpus writes n generated articles (seed 1, so every run and every
// benchmark reads the same text) to a temporary directory and returns the
// files, their texts and their total word count.
func benchCorpus(b *testing.B, n int) (files, texts []string, words int) {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.New(corpus.Config{Seed: 1}).WriteDir(dir, n); err != nil {
		b.Fatal(err)
	}
	files, err := extract.Files([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		words += len(strings.Fields(string(data)))
	}
	return files, texts, words
}

func newExtractor(b *testing.B, workers int) *extract.Extractor {
	b.Helper()
	x, err := extract.New(extract.Config{Workers: workers})
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// extractAll runs one batch and fails the benchmark on any article error:
// a benchmark that silently skips articles measures the wrong thing.
func extractAll(b *testing.B, x *extract.Extractor, files []string) {
	b.Helper()
	err := x.ExtractAll(context.Background(), files, func(r extract.Result) error {
		if r.Err != nil {
			b.Errorf("%s: %v", r.Source, r.Err)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// phase is one configuration the benchmark times, run at a set number of
// processors over a range of the articles, with its wall-clock and CPU
// time summed over every range and iteration.
type phase struct {
	procs     int
	run       func(lo, hi int)
	wall, cpu time.Duration
}

func (p *phase) measure(lo, hi int) {
	runtime.GOMAXPROCS(p.procs)
	runtime.GC() // the last phase's garbage is not this one's to collect
	c, t := cpuTime(), time.Now()
	p.run(lo, hi)
	p.wall += time.Since(t)
	p.cpu += cpuTime() - c
}

// rate is units per second of wall-clock time over n iterations.
func (p *phase) rate(units, n int) float64 { return float64(units) * float64(n) / p.wall.Seconds() }

// cpuRate is units per second of CPU time, 0 when that is unknown.
func (p *phase) cpuRate(units, n int) float64 {
	if p.cpu <= 0 {
		return 0
	}
	return float64(units) * float64(n) / p.cpu.Seconds()
}

// BenchmarkExtract is the extraction speed report, every figure from the
// same run on the same varied articles (NEWSGRAPH_EXTRACT_ARTICLES
// generated ones, 250 unless set, in six forms and lengths, plus the
// evaluation articles when they are there):
//
//	words/s, articles/s          one worker on one processor (GOMAXPROCS=1)
//	cpu-words/s                  the same, per second of CPU time
//	words/s-2w, articles/s-2w    two workers on two processors
//	cpu-words/s-2w               the same, per second of CPU time
//	x-2w                         two workers over one
//	prose-words/s                prose's own pipeline, its model loaded once,
//	                             on every second article (one processor)
//	prose-naive-words/s          prose.NewDocument with its default model per
//	                             article, on every 25th article
//	x-prose, x-prose-naive       one worker over each prose baseline
//	x-2w-machine                 what two threads of plain arithmetic get
//	                             over one in the same moments: the most the
//	                             machine gives a second worker just then
//	x-2w-share                   x-2w over x-2w-machine
//	tokenize-words/s             prose's tokenizer alone (no segmentation,
//	                             tagging or entities) over every article
//	                             (one processor): the limit extraction is
//	                             measured against, since every stage reads
//	                             the tokens it makes
//	x-tokenize                   one worker over the tokenizer alone
//
// The machine is shared: the articles go in benchChunks ranges and every
// configuration runs on a range before the next range starts, so that
// whatever else the machine does falls on all of them alike and their
// ratios hold. ns/op is the whole iteration. prose runs on samples because
// its naive form takes over a second an article; a rate in words/s does
// not depend on how many articles make it.
func BenchmarkExtract(b *testing.B) {
	set := variedArticles(b, envArticles(b, "NEWSGRAPH_EXTRACT_ARTICLES", 250), true)
	one, two := newExtractor(b, 1), newExtractor(b, 2)
	model := prose.ModelFromData("baseline")
	const bestEvery, naiveEvery = 2, 25
	phases := []*phase{
		{procs: 1, run: func(lo, hi int) { extractAll(b, one, set.files[lo:hi]) }},
		{procs: 2, run: func(lo, hi int) { extractAll(b, two, set.files[lo:hi]) }},
		{procs: 1, run: func(lo, hi int) { proseAll(b, set.texts, lo, hi, bestEvery, prose.UsingModel(model)) }},
		{procs: 1, run: func(lo, hi int) { proseAll(b, set.texts, lo, hi, naiveEvery) }},
		{procs: 1, run: func(int, int) { spinWork(1) }},
		{procs: 2, run: func(int, int) { spinWork(2) }},
		{procs: 1, run: func(lo, hi int) { proseAll(b, set.texts, lo, hi, 1, tokensOnly...) }},
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	if runtime.NumCPU() < 2 {
		b.Logf("%d CPU: two workers cannot run apart here", runtime.NumCPU())
	}
	b.Logf("%d articles (%d evaluation articles), %d words", len(set.files), set.real, set.words)
	b.ResetTimer()
	for range b.N {
		for c := range benchChunks {
			lo, hi := c*len(set.files)/benchChunks, (c+1)*len(set.files)/benchChunks
			for _, p := range phases {
				p.measure(lo, hi)
			}
		}
	}
	w1, w2 := phases[0].rate(set.words, b.N), phases[1].rate(set.words, b.N)
	pb, pn := phases[2].rate(sampleWords(set.texts, bestEvery), b.N), phases[3].rate(sampleWords(set.texts, naiveEvery), b.N)
	b.ReportMetric(w1, "words/s")
	b.ReportMetric(phases[0].rate(len(set.files), b.N), "articles/s")
	b.ReportMetric(phases[0].cpuRate(set.words, b.N), "cpu-words/s")
	b.ReportMetric(w2, "words/s-2w")
	b.ReportMetric(phases[1].rate(len(set.files), b.N), "articles/s-2w")
	b.ReportMetric(phases[1].cpuRate(set.words, b.N), "cpu-words/s-2w")
	b.ReportMetric(w2/w1, "x-2w")
	b.ReportMetric(pb, "prose-words/s")
	b.ReportMetric(pn, "prose-naive-words/s")
	b.ReportMetric(w1/pb, "x-prose")
	b.ReportMetric(w1/pn, "x-prose-naive")
	machine := phases[4].wall.Seconds() / phases[5].wall.Seconds()
	b.ReportMetric(machine, "x-2w-machine")
	b.ReportMetric(w2/w1/machine, "x-2w-share")
	tok := phases[6].rate(set.words, b.N)
	b.ReportMetric(tok, "tokenize-words/s")
	b.ReportMetric(w1/tok, "x-tokenize")
}

// tokensOnly makes prose.NewDocument a tokenizer pass and nothing else:
// with tagging and entities off it loads no model either.
var tokensOnly = []prose.DocOpt{prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false)}

// envArticles is a number of articles from the environment, def unless set.
func envArticles(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number of articles", name, v)
	}
	return n
}

// spinWork is the benchmark's control: a fixed amount of arithmetic,
// shared among n goroutines, that nothing but the machine keeps from
// running in parallel (no memory, no locks, no special units).
func spinWork(n int) {
	const rounds = 100_000_000 // about a fifth of a second of one core
	var wg sync.WaitGroup
	sums := make([]uint64, n)
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint64(g + 1)
			for range rounds / n {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
			}
			sums[g] = x
		}()
	}
	wg.Wait()
	spinSink = sums[0]
}

// spinSink keeps spinWork's result, so the compiler keeps its loop.
var spinSink uint64

// benchChunks is how many ranges BenchmarkExtract takes the articles in:
// enough that each configuration's turn is a few seconds, few enough that
// two workers rarely wait at a range's end for the last article.
const benchChunks = 6

// sampleWords counts the words of every kth text, from the first.
func sampleWords(texts []string, k int) int {
	words := 0
	for i := 0; i < len(texts); i += k {
		words += len(strings.Fields(texts[i]))
	}
	return words
}

// proseAll runs prose's full pipeline (segmentation, tokens, tags,
// entities) over every kth of texts[lo:hi], counted from the first text.
func proseAll(b *testing.B, texts []string, lo, hi, k int, opts ...prose.DocOpt) {
	for i := (lo + k - 1) / k * k; i < hi; i += k {
		if _, err := prose.NewDocument(texts[i], opts...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractWorkers is the extractor alone on the varied articles,
// one configuration at a time: the benchmark to profile (-cpuprofile).
func BenchmarkExtractWorkers(b *testing.B) {
	set := variedArticles(b, 250, true)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			x := newExtractor(b, workers)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
			b.ResetTimer()
			c := cpuTime()
			for range b.N {
				extractAll(b, x, set.files)
			}
			if cpu := cpuTime() - c; cpu > 0 {
				b.ReportMetric(float64(set.words)*float64(b.N)/cpu.Seconds(), "cpu-words/s")
			}
			reportRate(b, set.words, len(set.files))
		})
	}
}

// reportRate reports throughput in the units the extractor is sized in.
// ns/op stays, but words/s is what compares across corpora.
func reportRate(b *testing.B, words, articles int) {
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(words)*float64(b.N)/sec, "words/s")
	if articles > 0 {
		b.ReportMetric(float64(articles)*float64(b.N)/sec, "articles/s")
	}
}

// BenchmarkExtractNames measures one worker over the same 300 articles
// with names from the rules alone (the baseline), the tagger beside them
// (the default) and the tagger alone; compare within one run. cpu-words/s
// counts the process's CPU time, which other work on a shared machine
// disturbs less than the wall clock.
func BenchmarkExtractNames(b *testing.B) {
	files, _, words := benchCorpus(b, 300)
	for _, src := range []extract.NameSource{extract.NamesRules, extract.NamesBoth, extract.NamesModel} {
		b.Run(string(src), func(b *testing.B) {
			x, err := extract.New(extract.Config{Workers: 1, Names: src})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				extractAll(b, x, files)
			}
			if used := cpuTime() - cpu; used > 0 {
				b.ReportMetric(float64(words)*float64(b.N)/used.Seconds(), "cpu-words/s")
			}
			reportRate(b, words, len(files))
		})
	}
}

// BenchmarkExtractSeed measures the one real article the default graph is
// built from, through Extract alone (no file reading, no workers).
func BenchmarkExtractSeed(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "seeds", "korea-us-mou.txt"))
	if err != nil {
		b.Fatal(err)
	}
	x := newExtractor(b, 1)
	a := schema.Article{ID: "korea-us-mou.txt"}
	b.ResetTimer()
	for range b.N {
		if _, err := x.Extract(context.Background(), a, text); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, len(strings.Fields(string(text))), 1)
}

// BenchmarkExtractPeakMemory1000 checks that ExtractAll streams: the peak
// heap over 1,000 articles should stay near what a few articles per worker
// need, not grow with the corpus. A sampler reads the heap every 10 ms;
// runtime/metrics would give the same number with less detail on timing.
func BenchmarkExtractPeakMemory1000(b *testing.B) {
	files, _, words := benchCorpus(b, 1000)
	x := newExtractor(b, 2)
	runtime.GC()
	var peak uint64
	for range b.N {
		stop := sampleHeap(&peak)
		err := x.ExtractAll(context.Background(), files, func(r extract.Result) error { return r.Err })
		stop()
		if err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, words, len(files))
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// sampleHeap records the largest HeapInuse seen into peak until the
// returned stop is called; stop takes one last sample so a batch shorter
// than the interval is still measured.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		*peak = max(*peak, m.HeapInuse)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		sample()
	}
}
