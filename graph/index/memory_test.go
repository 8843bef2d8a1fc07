package index

import (
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
)

// BenchmarkIndexMemory loads NEWSGRAPH_INDEX_ARTICLES generated articles
// (5,000 unless set) into an index and reports the live heap it holds per
// article, and per entity and statement: the cost of a replica's memory,
// apart from the store's.
//
// NEWSGRAPH_HEAP_PROFILE=FILE writes a heap profile of the index, finely
// sampled, for go tool pprof -sample_index=inuse_space.
//
//	NEWSGRAPH_INDEX_ARTICLES=100000 go test -run '^$' -bench '^BenchmarkIndexMemory$' -benchtime=1x ./graph/index/
func BenchmarkIndexMemory(b *testing.B) {
	n := 5000
	if v := os.Getenv("NEWSGRAPH_INDEX_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("NEWSGRAPH_INDEX_ARTICLES=%q: want a positive number", v)
		}
	}
	gen := corpus.New(corpus.Config{Seed: 1})
	if os.Getenv("NEWSGRAPH_HEAP_PROFILE") != "" {
		// a sample every 4 KiB rather than 512 KiB: the index is made of
		// many small allocations, which the default rate blurs
		defer func(r int) { runtime.MemProfileRate = r }(runtime.MemProfileRate)
		runtime.MemProfileRate = 4096
	}
	for range b.N {
		base := liveHeap()
		ix := New()
		// one Load of every record, as a store that opens makes its index
		// (applied in batches, each batch merges again every entity it
		// names over all the articles before: quadratic in the hubs)
		changes := make([]Change, n)
		for i := range changes {
			d := gen.Document(i)
			changes[i] = Change{ID: d.Article.ID, Doc: Pack(&d)}
		}
		ix.Load(changes)
		held := liveHeap() - base
		if path := os.Getenv("NEWSGRAPH_HEAP_PROFILE"); path != "" {
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		b.ReportMetric(float64(held)/float64(n), "heap-B/article")
		b.ReportMetric(float64(held)/1e6, "heap-MB")
		b.ReportMetric(float64(len(ix.ents)), "entities")
		b.ReportMetric(float64(len(ix.stmts)), "statements")
		runtime.KeepAlive(ix)
	}
}

func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
