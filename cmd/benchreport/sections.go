package main

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
)

func renderExtraction(w io.Writer, r *results) {
	fmt.Fprint(w, "## Extraction\n\n")
	const b = "BenchmarkExtract"
	if !r.has(b) {
		missing(w, r, "Extraction", b)
		return
	}
	w1 := r.get(b, "words/s")
	row := func(what, procs string, words, articles float64) []string {
		return []string{what, procs, num(words), num(articles), times(words / w1)}
	}
	nan := math.NaN()
	table(w, []string{"Configuration", "Processors:", "Words/s:", "Articles/s:", "Over newsgraph, 1 worker:"}, [][]string{
		row("newsgraph, 1 worker", "1", w1, r.get(b, "articles/s")),
		row("newsgraph, 2 workers", "2", r.get(b, "words/s-2w"), r.get(b, "articles/s-2w")),
		row("prose, its model loaded once", "1", r.get(b, "prose-words/s"), nan),
		row("prose, a new document with its default model per article", "1", r.get(b, "prose-naive-words/s"), nan),
		row("prose's tokenizer alone (the limit)", "1", r.get(b, "tokenize-words/s"), nan),
	})
	fmt.Fprint(w, "All on the same varied articles (generated ones in six forms and lengths, and the evaluation articles when they are there), "+
		"every configuration on each sixth of them before the next sixth starts. prose runs on samples (every second article loaded once, "+
		"every 25th the naive way); a rate in words/s does not depend on how many articles make it.\n\n")
	if w2, m := r.get(b, "words/s-2w"), r.get(b, "x-2w-machine"); known(w1, w2, m) {
		fmt.Fprintf(w, "Two workers ran %s as fast as one. In the same moments, plain arithmetic on two threads ran %s as fast as on one: "+
			"the most this shared machine gave a second thread then. Two workers took %s of that.\n\n",
			times(w2/w1), times(m), percent(w2/w1/m))
	}
	if c1, c2 := r.get(b, "cpu-words/s"), r.get(b, "cpu-words/s-2w"); known(c1, c2) {
		fmt.Fprintf(w, "Per second of CPU time, which other work on the machine disturbs less: %s words/s on one worker, %s on two.\n\n",
			num(c1), num(c2))
	}
}

// writePaths describes BenchmarkWrites's paths and the baseline each is
// shown beside: a raw path beside Cayley's own writer, an ingest beside
// the fastest raw writes into the same store, shards beside one process.
// A path not named here is shown by its name, beside the fastest raw
// writes into its store (the name's first word).
var writePaths = []struct{ name, what, baseline string }{
	{"bbolt-raw", "raw batched Cayley writes", ""},
	{"bbolt-ingest", "Store.Ingest: the quads, the catalog, the index", rawLimit},
	{"pg-raw-cayley", "raw batched writes through Cayley's own PostgreSQL writer", ""},
	{"pg-raw", "raw batched writes through newsgraph's PostgreSQL batch writer", "pg-raw-cayley"},
	{"pg-ingest", "Store.Ingest on PostgreSQL", rawLimit},
	{"pg-ingest-checked", "the same, every quad checked against Cayley's foreign keys (`CheckForeignKeys`)", "pg-ingest"},
	{"pg-ingest-2shards", "two stores on one database at once, each ingesting its shard", "pg-ingest"},
}

// rawLimit stands for the fastest raw path into the path's store.
const rawLimit = "raw"

// fastestRaw is the fastest of the raw write paths into store
// ("bbolt-raw", "pg-raw", "pg-raw-cayley", ...) and its rate.
func fastestRaw(r *results, store string) (path string, rate float64) {
	rate = math.NaN()
	for _, u := range sortedUnits(r.benches["BenchmarkWrites"]) {
		p, ok := strings.CutSuffix(u, "-quads/s")
		if !ok || !strings.HasPrefix(p, store+"-raw") {
			continue
		}
		if v := r.get("BenchmarkWrites", u); math.IsNaN(rate) || v > rate {
			path, rate = p, v
		}
	}
	return path, rate
}

func renderIngest(w io.Writer, r *results) {
	fmt.Fprint(w, "## Ingest\n\n")
	if r.has("BenchmarkWrites") {
		renderWrites(w, r)
	} else {
		renderIngestBBolt(w, r)
	}
	if r.facts["postgres"] != "set" {
		fmt.Fprint(w, "No PostgreSQL figures: NEWSGRAPH_TEST_POSTGRES was not set.\n\n")
	} else if !r.benches["BenchmarkWrites"].has("pg-ingest-quads/s") {
		fmt.Fprintf(w, "No PostgreSQL ingest figures: they come from `BenchmarkWrites`, and %s.\n\n", r.why("BenchmarkWrites"))
	}
}

func renderWrites(w io.Writer, r *results) {
	const b = "BenchmarkWrites"
	rate := func(path string) float64 { return r.get(b, path+"-quads/s") }
	listed := map[string]bool{}
	var rows [][]string
	add := func(name, what, base string) {
		listed[name] = true
		v := rate(name)
		if math.IsNaN(v) {
			return
		}
		if base == rawLimit {
			store, _, _ := strings.Cut(name, "-")
			base, _ = fastestRaw(r, store)
		}
		ratio, against := "—", "—"
		if base != "" && base != name {
			ratio, against = times(v/rate(base)), "`"+base+"`"
		}
		rows = append(rows, []string{"`" + name + "`", what, num(v), against, ratio})
	}
	for _, p := range writePaths {
		add(p.name, p.what, p.baseline)
	}
	for _, unit := range sortedUnits(r.benches[b]) {
		if name, ok := strings.CutSuffix(unit, "-quads/s"); ok && !listed[name] {
			add(name, name, rawLimit)
		}
	}
	table(w, []string{"Path", "What it times", "Quads/s:", "Baseline", "Over the baseline:"}, rows)
	fmt.Fprintf(w, "`BenchmarkWrites`: %s quads (NEWSGRAPH_WRITE_ARTICLES generated articles with their texts), each path into a fresh store, "+
		"every path once per round (NEWSGRAPH_WRITE_ROUNDS); the medians of the rounds. An ingest stands beside the fastest raw writes "+
		"into the same store.\n\n", num(r.get(b, "quads")))
	var paired []string
	for _, unit := range sortedUnits(r.benches[b]) {
		if ratio, ok := strings.CutSuffix(unit, "-paired"); ok {
			paired = append(paired, fmt.Sprintf("`%s` %s", ratio, times(r.get(b, unit))))
		}
	}
	if len(paired) > 0 {
		fmt.Fprintf(w, "The same ratios paired by round (the median of each round's own ratio; the rounds run the paths forwards and "+
			"backwards in turn), which the machine's drift from one round to the next leaves alone: %s.\n\n", strings.Join(paired, ", "))
	}
	if v := rate("pg-ingest") / rate("bbolt-ingest"); !math.IsNaN(v) {
		fmt.Fprintf(w, "Store.Ingest on PostgreSQL runs at %s of its rate on bbolt.\n\n", percent(v))
	}
}

func renderIngestBBolt(w io.Writer, r *results) {
	ing, raw := "BenchmarkIngestBBolt", "BenchmarkRawBatchedWritesBBolt"
	if !r.has(ing) || !r.has(raw) {
		for _, name := range []string{ing, raw} {
			if !r.has(name) {
				missing(w, r, "Ingest into bbolt", name)
			}
		}
		return
	}
	vi, vr := r.get(ing, "quads/s"), r.get(raw, "quads/s")
	table(w, []string{"Path", "Quads/s:", "Over raw writes:"}, [][]string{
		{"raw batched Cayley writes into bbolt (the limit)", num(vr), "—"},
		{"Store.Ingest into bbolt: the quads, the catalog, the index", num(vi), times(vi / vr)},
	})
	fmt.Fprintf(w, "`%s` and `%s`: the same 500 generated articles' quads, each into a fresh bbolt file, "+
		"both once in each of %d rounds; the medians.\n\n", ing, raw, min(r.benches[ing].results, r.benches[raw].results))
}

func sortedUnits(b *bench) []string {
	if b == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(b.values))
}

func renderReplicas(w io.Writer, r *results) {
	fmt.Fprint(w, "## Replicas\n\n")
	fmt.Fprint(w, "What a replica does before it serves: open the store and make its read index, from the catalog of article records "+
		"(how a replica starts) or from every quad (`Config.FromQuads`, the baseline).\n\n")
	renderStart(w, r)
	renderFeedLag(w, r)
}

// renderStart writes BenchmarkStart's figures: each open's seconds, its
// articles per second (which give the articles) and the live heap per
// article after it.
func renderStart(w io.Writer, r *results) {
	var rows [][]string
	var absent []string
	for _, store := range []string{"bbolt", "postgres"} {
		c, q := "BenchmarkStart/"+store+"/catalog", "BenchmarkStart/"+store+"/quads"
		if !r.has(c) || !r.has(q) {
			absent = append(absent, fmt.Sprintf("Start on %s: not measured; %s.\n\n", store, r.why(c)))
			continue
		}
		cs, qs := r.get(c, "start-s"), r.get(q, "start-s")
		rows = append(rows, []string{store, num(cs * r.get(c, "articles/s")), num(cs) + " s", num(qs) + " s", times(qs / cs),
			num(r.get(c, "heap-B/article"))})
	}
	if len(rows) > 0 {
		table(w, []string{"Store", "Articles:", "From the catalog:", "From every quad:", "Quads over catalog:",
			"Heap after the start, bytes per article:"}, rows)
		of := "the one result"
		if n := r.benches["BenchmarkStart/bbolt/catalog"].results; n > 1 {
			of = fmt.Sprintf("the medians of %d results", n)
		}
		fmt.Fprintf(w, "`BenchmarkStart`: a kept graph of NEWSGRAPH_START generated articles opened read-only each way; %s.\n\n", of)
	}
	fmt.Fprint(w, strings.Join(absent, ""))
}

func renderFeedLag(w io.Writer, r *results) {
	const lag = "BenchmarkFeedLag"
	if !r.has(lag) {
		missing(w, r, "Feed lag", lag)
		return
	}
	table(w, []string{"Feed lag, commit to answered by the follower", "Milliseconds:"}, [][]string{
		{"median", num(r.get(lag, "lag-p50-ms"))},
		{"99th percentile", num(r.get(lag, "lag-p99-ms"))},
		{"largest", num(r.get(lag, "lag-max-ms"))},
		{"the follower's interval between reads of the feed (the baseline)", num(r.get(lag, "follow-every-ms"))},
	})
	fmt.Fprint(w, "`BenchmarkFeedLag`: one store ingests NEWSGRAPH_FEED_ARTICLES articles in calls of 8 while another follows the same "+
		"PostgreSQL database; every change's delay from its commit to its being applied by the follower.\n\n")
}

// readOrder is the order the API section lists the reads in; others
// follow by name.
var readOrder = []string{"EntityByID", "Search", "Neighborhood2", "Path"}

// readNames are the reads BenchmarkHTTPReads timed over HTTP.
func readNames(r *results) []string {
	seen := map[string]bool{}
	for _, u := range sortedUnits(r.benches[httpReads]) {
		if q, ok := strings.CutSuffix(u, "-http-requests/s"); ok {
			seen[q] = true
		}
	}
	var out []string
	for _, q := range readOrder {
		if seen[q] {
			out = append(out, q)
			delete(seen, q)
		}
	}
	return append(out, slices.Sorted(maps.Keys(seen))...)
}

const httpReads = "BenchmarkHTTPReads"

func renderAPI(w io.Writer, r *results) {
	fmt.Fprint(w, "## API\n\n")
	names := readNames(r)
	if len(names) == 0 {
		missing(w, r, "The API's reads", httpReads)
		return
	}
	get := func(name, unit string) float64 { return r.get(httpReads, name+"-"+unit) }
	sr := get("static", "requests/s")
	var rates, lats [][]string
	for _, q := range names {
		store := "BenchmarkReads/" + q
		hr, hp := get(q+"-handler", "requests/s"), get(q+"-http", "requests/s")
		rates = append(rates, []string{q, num(r.get(store, "ops/s")), num(hr), num(hp), percent(hp / hr), percent(hp / sr)})
		lats = append(lats, []string{q, num(r.get(store, "p50-µs")), num(r.get(store, "p99-µs")),
			num(get(q+"-handler", "p50-µs")), num(get(q+"-handler", "p99-µs")), num(get(q+"-http", "p50-µs")), num(get(q+"-http", "p99-µs"))})
	}
	rates = append(rates, []string{"static JSON (the limit)", "—", "—", num(sr), "—", "—"})
	lats = append(lats, []string{"static JSON (the limit)", "—", "—", "—", "—", num(get("static", "p50-µs")), num(get("static", "p99-µs"))})
	table(w, []string{"Read", "Store in process, ops/s:", "Handler in process, requests/s:", "HTTP, requests/s:",
		"HTTP over handler:", "HTTP over static JSON:"}, rates)
	table(w, []string{"Read, latency in µs", "Store p50:", "Store p99:", "Handler p50:", "Handler p99:", "HTTP p50:", "HTTP p99:"}, lats)
	fmt.Fprint(w, "The same reads, drawn alike, one at a time, on a bbolt graph of NEWSGRAPH_READS generated articles. "+
		"`BenchmarkHTTPReads` times, in rounds of 100 requests each, static JSON (a handler that writes a fixed byte slice, "+
		"an entity-by-id response) over HTTP, and each read through the API's handler in process (GraphQL, limits, JSON, "+
		"the request log) and over HTTP on a loopback port of this machine, on one kept-alive connection. "+
		"The store's figures (`BenchmarkReads`: the reads on `graph.Store`, no API) come from another process of the same run, "+
		"at other moments. Concurrent load is `make loadtest`'s.\n\n")
}

func renderMemory(w io.Writer, r *results) {
	fmt.Fprint(w, "## Memory\n\n")
	const b = "BenchmarkIndexMemory"
	if !r.has(b) {
		missing(w, r, "The index's heap", b)
	} else {
		per, mb := r.get(b, "heap-B/article"), r.get(b, "heap-MB")
		table(w, []string{"Read index", "Figure:"}, [][]string{
			{"articles", num(mb * 1e6 / per)},
			{"entities", num(r.get(b, "entities"))},
			{"statements", num(r.get(b, "statements"))},
			{"live heap held, MB", num(mb)},
			{"live heap per article, bytes", num(per)},
			{"live heap per entity, bytes", num(mb * 1e6 / r.get(b, "entities"))},
		})
		fmt.Fprint(w, "`BenchmarkIndexMemory`: NEWSGRAPH_INDEX_ARTICLES generated articles applied to an empty index; "+
			"the live heap after two collections less the one before.\n\n")
	}
	fmt.Fprint(w, "The peak resident memory of each process is in the runs' table below.\n\n")
}
