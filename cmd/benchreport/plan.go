package main

// A step of the plan is one test binary: the benchmarks of one package
// whose names match bench, for as long as benchtime says. The binary runs
// rounds times, every benchmark once in each round, so that whatever else
// the shared machine does falls on all of them alike; the report takes
// the median of the rounds.
type step struct {
	name      string // how the report names the run
	pkg       string // the package directory, from the module root
	bench     string // -test.bench
	benchtime string // -test.benchtime
	rounds    int
	what      string // what the run measures, for the report
	// unless names a benchmark that, when an earlier step gave a result of
	// it, measures what this step would, better: the step does not run.
	unless string
}

// plan is every layer's benchmarks, in the order they run. Benchmarks
// are named, not matched by a broad pattern, so that a benchmark a branch
// adds (BenchmarkWrites on PostgreSQL, for one) joins the run the day it
// is merged, and none runs that the report does not use. Each benchmark
// that compares several configurations runs them in rounds within one
// iteration, so 1x; the reads run for a time, as their latencies need
// many samples.
var plan = []step{
	{name: "extract", pkg: "extract", bench: "^BenchmarkExtract$", benchtime: "1x", rounds: 1,
		what: "extraction beside prose and prose's tokenizer, 1 and 2 workers"},
	{name: "writes", pkg: "graph", bench: "^BenchmarkWrites$", benchtime: "1x", rounds: 1,
		what: "ingest beside raw batched Cayley writes, in rounds, bbolt and PostgreSQL"},
	{name: "ingest", pkg: "graph", bench: "^Benchmark(IngestBBolt|RawBatchedWritesBBolt)$", benchtime: "1x", rounds: 3,
		what: "ingest into bbolt beside raw batched Cayley writes, one binary run per round", unless: "BenchmarkWrites"},
	{name: "start", pkg: "graph", bench: "^BenchmarkStart$", benchtime: "1x", rounds: 3,
		what: "a replica's start from the catalog and from the quads, with the heap after it, one binary run per round"},
	{name: "feed", pkg: "graph", bench: "^BenchmarkFeedLag$", benchtime: "1x", rounds: 1,
		what: "the delay from a commit to its being answered by a following store"},
	{name: "store-reads", pkg: "graph", bench: "^BenchmarkReads$", benchtime: "2s", rounds: 1,
		what: "the API's reads on the store, in process"},
	{name: "api-reads", pkg: "api", bench: "^BenchmarkHTTPReads$", benchtime: "10x", rounds: 1,
		what: "the API's reads through its handler in process and over HTTP, beside static JSON over HTTP, in rounds"},
	{name: "index-memory", pkg: "graph/index", bench: "^BenchmarkIndexMemory$", benchtime: "1x", rounds: 1,
		what: "the heap the read index holds per article"},
}

// sizeVars are the environment variables that size the benchmarks'
// corpora; the report records those set.
var sizeVars = []string{
	"NEWSGRAPH_EXTRACT_ARTICLES",
	"NEWSGRAPH_WRITE_ARTICLES",
	"NEWSGRAPH_WRITE_ROUNDS",
	"NEWSGRAPH_START",
	"NEWSGRAPH_START_ROUNDS",
	"NEWSGRAPH_START_POSTGRES",
	"NEWSGRAPH_FEED_ARTICLES",
	"NEWSGRAPH_READS",
	"NEWSGRAPH_INDEX_ARTICLES",
}
