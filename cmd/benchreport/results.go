package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// results is what a run measured, read back from its output.
type results struct {
	facts   map[string]string // the whole run's: date, cores, go, commit, cpu, ...
	steps   []stepResult      // in the order they ran
	benches map[string]*bench // by name, without the GOMAXPROCS suffix
}

// stepResult is one test binary's run.
type stepResult struct {
	name    string
	seconds float64
	rssMB   float64 // 0 when unknown
	status  string
	skipped map[string]string // benchmark -> the reason it gave
	failed  map[string]string // benchmark -> the first line it logged
}

// bench is one benchmark's figures: for each unit, the median of the
// values its results gave (one per -count).
type bench struct {
	name    string
	step    string
	results int
	values  map[string][]float64
}

// has reports whether the benchmark gave a figure in unit.
func (b *bench) has(unit string) bool { return b != nil && len(b.values[unit]) > 0 }

// get is the median of the benchmark's figures in unit; ok is false when
// it gave none.
func (b *bench) get(unit string) (v float64, ok bool) {
	if !b.has(unit) {
		return 0, false
	}
	s := slices.Sorted(slices.Values(b.values[unit]))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2, true
	}
	return s[len(s)/2], true
}

// runFactKeys are the configuration keys the runner writes for the whole
// run; a step's keys begin with "run".
var runFactKeys = []string{"date", "cores", "go", "commit", "postgres", "goos", "goarch", "cpu"}

// parse reads benchmark output written by runPlan (or plain go test
// -bench output, which has no step facts). A line that starts like a
// result and does not parse is an error naming it.
func parse(r io.Reader, name string) (*results, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("benchreport: %s: %w", name, err)
	}
	res := &results{facts: map[string]string{}, benches: map[string]*bench{}}
	res.steps = readSteps(data)
	var errs []error
	br := benchfmt.NewReader(bytes.NewReader(data), name)
	for br.Scan() {
		switch rec := br.Result().(type) {
		case *benchfmt.SyntaxError:
			errs = append(errs, fmt.Errorf("benchreport: %w", rec))
		case *benchfmt.Result:
			res.add(rec)
		}
	}
	if err := br.Err(); err != nil {
		errs = append(errs, fmt.Errorf("benchreport: %w", err))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The whole run's facts are the same on every result; a run with no
	// result at all still has them at the top of its output.
	for k, v := range leadingFacts(data) {
		res.facts[k] = v
	}
	return res, nil
}

func (res *results) add(r *benchfmt.Result) {
	for _, k := range runFactKeys {
		if v := r.GetConfig(k); v != "" {
			res.facts[k] = strings.TrimSpace(v)
		}
	}
	name := "Benchmark" + benchName(r.Name) // benchfmt leaves the prefix out
	b := res.benches[name]
	if b == nil {
		b = &bench{name: name, step: r.GetConfig("run"), values: map[string][]float64{}}
		res.benches[name] = b
	}
	b.results++
	for _, v := range r.Values {
		unit, value := v.Unit, v.Value
		if v.OrigUnit != "" { // the unit the benchmark reported, not benchfmt's tidied one
			unit, value = v.OrigUnit, v.OrigValue
		}
		b.values[unit] = append(b.values[unit], value)
	}
}

// leadingFacts are the configuration lines before the first step.
func leadingFacts(data []byte) map[string]string {
	facts := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if !ok || k == "run" {
			break
		}
		if slices.Contains(runFactKeys, k) || strings.HasPrefix(k, "size-") {
			facts[k] = strings.TrimSpace(v)
		}
	}
	return facts
}

// readSteps reads the steps' facts, and the benchmarks each skipped or
// failed with the first line they logged, which the benchmark format
// leaves out. Under -test.v a benchmark's log comes before its
// "--- SKIP: BenchmarkX" line; without it, after.
func readSteps(data []byte) []stepResult {
	var (
		steps   []stepResult
		logged  string            // the first line logged since the last unindented line
		pending map[string]string // a skip or failure whose reason is still to come
		name    string
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "    ") {
			_, msg, _ := strings.Cut(strings.TrimSpace(line), ": ")
			if pending != nil {
				pending[name], pending = msg, nil
			} else if logged == "" {
				logged = msg
			}
			continue
		}
		pending = nil
		k, v, _ := strings.Cut(line, ": ")
		if k == "run" {
			steps = append(steps, stepResult{name: v, skipped: map[string]string{}, failed: map[string]string{}})
		} else if len(steps) > 0 {
			s := &steps[len(steps)-1]
			switch k {
			case "run-seconds":
				s.seconds, _ = strconv.ParseFloat(v, 64)
			case "run-peak-rss-mb":
				s.rssMB, _ = strconv.ParseFloat(v, 64)
			case "run-status":
				s.status = v
			case "--- SKIP", "--- FAIL":
				set := s.skipped
				if k == "--- FAIL" {
					set = s.failed
				}
				name = benchName(benchfmt.Name(strings.Fields(v)[0]))
				if set[name] = logged; logged == "" {
					pending = set
				}
			}
		}
		logged = ""
	}
	return steps
}

// benchName is a benchmark's full name without its "-N" GOMAXPROCS
// suffix, which says nothing the cores fact does not.
func benchName(n benchfmt.Name) string {
	base, parts := n.Parts()
	s := string(base)
	for _, p := range parts {
		if p[0] == '/' {
			s += string(p)
		}
	}
	return s
}
