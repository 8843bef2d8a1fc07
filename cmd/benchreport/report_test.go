package main

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// TestRender renders each benchmark output in testdata (*.txt) and compares
// the report with its golden file (*.md); go test -update rewrites them,
// to be reviewed in the diff. Rendering twice must give the same bytes.
func TestRender(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no benchmark outputs in testdata: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := renderBytes(t, raw, in)
			if again := renderBytes(t, raw, in); !bytes.Equal(got, again) {
				t.Fatal("two renderings of the same output differ")
			}
			golden := strings.TrimSuffix(in, ".txt") + ".md"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the report of %s differs from %s (go test -update rewrites it):\n%s", in, golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

func renderBytes(t *testing.T, raw []byte, name string) []byte {
	t.Helper()
	r, err := parse(bytes.NewReader(raw), name)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	render(&b, r)
	return b.Bytes()
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(no line differs)"
}

func itoa(i int) string { return num(float64(i)) }

// TestParse: the figures a report is made of, read from a small output.
func TestParse(t *testing.T) {
	raw := `date: 2026-01-02T03:04:05Z
cores: 2
postgres: unset
size-newsgraph_reads: 300
run: store-reads
run-seconds: 12.5
run-peak-rss-mb: 210
run-status: ok
goos: linux
goarch: amd64
pkg: github.com/newsgraph/newsgraph/graph
cpu: Test CPU
BenchmarkReads/Search-2   	 100	 1000 ns/op	 3000 ops/s	 320 p50-µs
BenchmarkReads/Search-2   	 100	 1000 ns/op	 1000 ops/s	 330 p50-µs
BenchmarkReads/Search-2   	 100	 1000 ns/op	 2000 ops/s	 310 p50-µs
BenchmarkReads/Path-2     	 100	 1000 ns/op	 4000 ops/s
BenchmarkReads/Path-2     	 100	 1000 ns/op	 5000 ops/s
--- SKIP: BenchmarkFeedLag
    bench_feed_test.go:18: NEWSGRAPH_TEST_POSTGRES is not set
PASS
`
	r, err := parse(strings.NewReader(raw), "raw")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, unit string
		want       float64
	}{
		{"BenchmarkReads/Search", "ops/s", 2000},      // the median of three
		{"BenchmarkReads/Search", "p50-µs", 320},      // the unit as reported
		{"BenchmarkReads/Search", "ns/op", 1000},      // not benchfmt's sec/op
		{"BenchmarkReads/Path", "ops/s", 4500},        // the median of two
		{"BenchmarkReads/Path", "p50-µs", math.NaN()}, // not reported
		{"BenchmarkFeedLag", "lag-p50-ms", math.NaN()},
	} {
		got := r.get(c.name, c.unit)
		if got != c.want && !(math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("%s %s = %v, want %v", c.name, c.unit, got, c.want)
		}
	}
	for k, want := range map[string]string{"date": "2026-01-02T03:04:05Z", "cores": "2", "cpu": "Test CPU",
		"goos": "linux", "postgres": "unset", "size-newsgraph_reads": "300"} {
		if got := r.facts[k]; got != want {
			t.Errorf("fact %s = %q, want %q", k, got, want)
		}
	}
	if len(r.steps) != 1 {
		t.Fatalf("steps: %+v, want one", r.steps)
	}
	s := r.steps[0]
	if s.name != "store-reads" || s.seconds != 12.5 || s.rssMB != 210 || s.status != "ok" {
		t.Errorf("step %+v", s)
	}
	if got, want := r.why("BenchmarkFeedLag"), "`BenchmarkFeedLag` was skipped: NEWSGRAPH_TEST_POSTGRES is not set"; got != want {
		t.Errorf("why = %q, want %q", got, want)
	}
}

// TestParseErrors: a line that starts like a result and does not parse
// is an error naming the file and the line, not a figure left out.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{"BenchmarkX-2 1 abc ns/op\n", "raw:1"},
		{"pkg: p\nBenchmarkX-2 1 100 ns/op 7\n", "raw:2"},
		{"BenchmarkX-2 x 100 ns/op\n", "raw:1"},
	} {
		_, err := parse(strings.NewReader(c.raw), "raw")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parse(%q) = %v, want an error at %s", c.raw, err, c.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{num(1637947.4), "1,637,947"},
		{num(20284), "20,284"},
		{num(321.1), "321"},
		{num(45.31), "45.3"},
		{num(1.097), "1.10"},
		{num(0.01238), "0.0124"},
		{num(0), "0"},
		{num(-1234), "-1,234"},
		{num(math.NaN()), "—"},
		{times(5.219), "5.22×"},
		{times(27.22), "27.2×"},
		{times(0.01238), "0.0124×"},
		{times(math.Inf(1)), "—"},
		{percent(0.8), "80%"},
		{percent(0.01238), "1.2%"},
		{percent(0.00123), "0.12%"},
		{duration(52.8), "52.8 s"},
		{duration(432), "7 min 12 s"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestRunPlan runs a step on the fixture package's benchmarks, two rounds,
// and reads back what the report is made of.
func TestRunPlan(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a test binary")
	}
	steps := []step{{name: "fixture", pkg: "cmd/benchreport/testdata/fixture", bench: "^BenchmarkFixture", benchtime: "1x", rounds: 2}}
	var out bytes.Buffer
	if err := runPlan(t.Context(), Config{Go: "go"}, steps, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.Bytes())
	}
	r, err := parse(&out, "out")
	if err != nil {
		t.Fatal(err)
	}
	b := r.benches["BenchmarkFixture"]
	if b == nil || b.results != 2 || r.get("BenchmarkFixture", "answers/s") != 42 {
		t.Errorf("BenchmarkFixture: %+v, want two results of 42 answers/s", b)
	}
	if len(r.steps) != 1 || r.steps[0].status != "ok" || r.steps[0].seconds <= 0 {
		t.Fatalf("steps: %+v", r.steps)
	}
	if got := r.steps[0].skipped["BenchmarkFixtureSkip"]; got != "no server here" {
		t.Errorf("the skipped benchmark's reason: %q", got)
	}
	for _, k := range []string{"date", "cores", "go", "commit", "postgres", "goos", "cpu"} {
		if r.facts[k] == "" {
			t.Errorf("no %s in the run's facts", k)
		}
	}
}

func TestHasResult(t *testing.T) {
	out := []byte("BenchmarkWrites\n    x.go:1: log\nBenchmarkWritesMore-2 1 5 ns/op\nBenchmarkReads/Path-2 \t 10\t 5 ns/op\n")
	for name, want := range map[string]bool{"BenchmarkWrites": false, "BenchmarkWritesMore": true, "BenchmarkReads/Path": true, "BenchmarkReads": true, "BenchmarkRead": false} {
		if got := hasResult(out, name); got != want {
			t.Errorf("hasResult(%s) = %v, want %v", name, got, want)
		}
	}
}
