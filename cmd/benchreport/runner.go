package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// runPlan runs the steps cfg.Only selects, writing to w, in the
// Go benchmark format, the facts of the run (commit, date, Go, cores, sizes)
// and then each step's facts (its time, peak resident memory, exit) before
// its output. A step that fails does not stop the others; the error
// returned names every one that failed.
func runPlan(ctx context.Context, cfg Config, steps []step, w io.Writer) error {
	only, err := regexp.Compile(cfg.Only)
	if err != nil {
		return fmt.Errorf("benchreport: -run %q: %w", cfg.Only, err)
	}
	root, err := moduleRoot(ctx, cfg.Go)
	if err != nil {
		return err
	}
	bin, err := os.MkdirTemp("", "benchreport-")
	if err != nil {
		return fmt.Errorf("benchreport: %w", err)
	}
	defer os.RemoveAll(bin)
	writeFacts(w, runFacts(ctx, cfg.Go, root))
	var errs []error
	var out bytes.Buffer
	w = io.MultiWriter(w, &out)
	for _, s := range steps {
		if !only.MatchString(s.name) {
			continue
		}
		if s.unless != "" && hasResult(out.Bytes(), s.unless) {
			writeFacts(w, []fact{{"run", s.name}, {"run-status", "not run: " + s.unless + " measured the same"}})
			continue
		}
		if err := runStep(ctx, cfg.Go, root, bin, s, w); err != nil {
			errs = append(errs, err)
		}
		if ctx.Err() != nil {
			return errors.Join(append(errs, ctx.Err())...)
		}
	}
	return errors.Join(errs...)
}

// fact is one configuration line of the output.
type fact struct{ key, value string }

func writeFacts(w io.Writer, facts []fact) {
	for _, f := range facts {
		fmt.Fprintf(w, "%s: %s\n", f.key, f.value)
	}
}

// runFacts are the facts of the whole run. The CPU model and the platform
// come from the test binaries' own cpu, goos and goarch lines.
func runFacts(ctx context.Context, goCmd, root string) []fact {
	facts := []fact{
		{"date", time.Now().UTC().Format(time.RFC3339)},
		{"cores", strconv.Itoa(runtime.NumCPU())},
		{"go", strings.TrimSpace(output(ctx, root, goCmd, "env", "GOVERSION"))},
		{"commit", commit(ctx, root)},
	}
	pg := "unset"
	if os.Getenv("NEWSGRAPH_TEST_POSTGRES") != "" {
		pg = "set"
	}
	facts = append(facts, fact{"postgres", pg})
	for _, v := range sizeVars {
		if n := os.Getenv(v); n != "" {
			facts = append(facts, fact{sizeKey(v), n})
		}
	}
	return facts
}

// sizeKey is the configuration key of a size variable: keys are lower
// case in the benchmark format.
func sizeKey(v string) string { return "size-" + strings.ToLower(v) }

// commit names the commit the benchmarks were built from, and says when
// the tracked files differ from it.
func commit(ctx context.Context, root string) string {
	c := strings.TrimSpace(output(ctx, root, "git", "rev-parse", "--short=12", "HEAD"))
	if c == "" {
		return "unknown"
	}
	if strings.TrimSpace(output(ctx, root, "git", "status", "--porcelain", "--untracked-files=no")) != "" {
		c += " (with uncommitted changes)"
	}
	return c
}

// output is what a command prints, or "" when it fails.
func output(ctx context.Context, dir, name string, args ...string) string {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func moduleRoot(ctx context.Context, goCmd string) (string, error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOMOD")
	out, err := cmd.Output()
	mod := strings.TrimSpace(string(out))
	if err != nil || mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("benchreport: run it inside the newsgraph module (go env GOMOD: %q, %v)", mod, err)
	}
	return filepath.Dir(mod), nil
}

// runStep builds the step's test binary and runs it in its package's
// directory, as go test does, echoing its output to stderr as it comes.
func runStep(ctx context.Context, goCmd, root, bin string, s step, w io.Writer) error {
	exe := filepath.Join(bin, strings.ReplaceAll(s.pkg, "/", "-")+".test")
	build := exec.CommandContext(ctx, goCmd, "test", "-c", "-o", exe, "./"+s.pkg)
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	fmt.Fprintf(os.Stderr, "benchreport: %s: %s in ./%s\n", s.name, s.bench, s.pkg)
	if err := build.Run(); err != nil {
		writeFacts(w, []fact{{"run", s.name}, {"run-status", "the test binary did not build"}})
		return fmt.Errorf("benchreport: %s: go test -c ./%s: %w", s.name, s.pkg, err)
	}
	var (
		out  bytes.Buffer
		took time.Duration
		rss  int64
		err  error
	)
	for range max(s.rounds, 1) {
		cmd := exec.CommandContext(ctx, exe, "-test.run=^$", "-test.bench="+s.bench, "-test.benchtime="+s.benchtime,
			"-test.benchmem", "-test.timeout=30m", "-test.v") // -v: the reasons of skips
		cmd.Dir = filepath.Join(root, s.pkg)
		cmd.Stdout, cmd.Stderr = io.MultiWriter(&out, os.Stderr), os.Stderr
		start := time.Now()
		err = cmd.Run()
		took += time.Since(start)
		rss = max(rss, peakRSS(cmd.ProcessState))
		if err != nil {
			break
		}
	}
	status := "ok"
	if err != nil {
		status = "failed: " + err.Error()
		err = fmt.Errorf("benchreport: %s: %s: %w", s.name, s.bench, err)
	}
	facts := []fact{{"run", s.name}, {"run-seconds", strconv.FormatFloat(took.Seconds(), 'f', 3, 64)}}
	if rss > 0 {
		facts = append(facts, fact{"run-peak-rss-mb", strconv.FormatFloat(float64(rss)/1e6, 'f', 0, 64)})
	}
	facts = append(facts, fact{"run-status", status})
	writeFacts(w, facts)
	w.Write(out.Bytes())
	return err
}

// hasResult reports whether output holds a result line of benchmark name
// or of one of its sub-benchmarks.
func hasResult(output []byte, name string) bool {
	return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `(/\S*)?(-\d+)?\s+\d+\s`).Match(output)
}
