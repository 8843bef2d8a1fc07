package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
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

func benchmarkExtractAll(b *testing.B, workers int) {
	files, _, words := benchCorpus(b, 300)
	x := newExtractor(b, workers)
	b.ResetTimer()
	for range b.N {
		extractAll(b, x, files)
	}
	reportRate(b, words, len(files))
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

func BenchmarkExtractOneWorker(b *testing.B)  { benchmarkExtractAll(b, 1) }
func BenchmarkExtractTwoWorkers(b *testing.B) { benchmarkExtractAll(b, 2) }

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

// BenchmarkProseFullPipeline is the baseline: prose's own tokenizing,
// tagging, segmenting and entity extraction over the same 300 articles,
// with its model built once as the extractor builds its own. Our words/s
// over this one's, from the same run, is the speed ratio to report.
func BenchmarkProseFullPipeline(b *testing.B) {
	_, texts, words := benchCorpus(b, 300)
	model := prose.ModelFromData("x")
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			if _, err := prose.NewDocument(t, prose.UsingModel(model)); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportRate(b, words, len(texts))
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
