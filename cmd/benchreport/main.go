// Command benchreport runs newsgraph's benchmarks layer by layer and
// writes BENCHMARKS.md from what they measured; `make bench` runs it.
//
//	go run ./cmd/benchreport [-o BENCHMARKS.md] [-raw bin/bench.txt]
//	go run ./cmd/benchreport -from bin/bench.txt [-o BENCHMARKS.md]
//
// Each run of the plan (plan.go) is a test binary of its own, so that the
// peak resident memory the kernel reports for it is that run's alone. The
// runs' output, in the Go benchmark format with the run's facts as
// configuration lines, is kept (-raw), and the report is rendered from it
// alone: the same output renders the same Markdown, byte for byte, and a
// kept output renders again with -from.
//
// The sizes of the corpora are the benchmarks' own environment variables
// (NEWSGRAPH_READS and the others in sizeVars), read by the benchmarks
// and recorded in the report; NEWSGRAPH_TEST_POSTGRES, when it names a
// server, adds the PostgreSQL runs.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

// Config is what the command is told.
type Config struct {
	Out  string // the Markdown report
	Raw  string // where the benchmarks' output is kept
	From string // render this kept output instead of running the benchmarks
	Go   string // the go command that builds the test binaries
	Only string // run only the plan's runs whose names match this regexp
}

func main() {
	var cfg Config
	flag.StringVar(&cfg.Out, "o", "BENCHMARKS.md", "the report to write")
	flag.StringVar(&cfg.Raw, "raw", "bin/bench.txt", "where to keep the benchmarks' output")
	flag.StringVar(&cfg.From, "from", "", "render this kept benchmark output instead of running the benchmarks")
	flag.StringVar(&cfg.Go, "go", "go", "the go command")
	flag.StringVar(&cfg.Only, "run", "", "run only the runs of the plan whose names match this regexp")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "benchreport: unexpected arguments %q\n", flag.Args())
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run runs the plan (unless cfg.From names a kept output) and writes the
// report. A run that fails is said so in the report, which is written all
// the same, and in the error returned.
func run(ctx context.Context, cfg Config) error {
	var (
		raw    []byte
		name   string
		runErr error
	)
	if cfg.From != "" {
		b, err := os.ReadFile(cfg.From)
		if err != nil {
			return fmt.Errorf("benchreport: %w", err)
		}
		raw, name = b, cfg.From
	} else {
		var out bytes.Buffer
		runErr = runPlan(ctx, cfg, plan, &out)
		raw, name = out.Bytes(), cfg.Raw
		if err := os.WriteFile(cfg.Raw, raw, 0o644); err != nil {
			return errors.Join(runErr, fmt.Errorf("benchreport: %w", err))
		}
	}
	rep, err := parse(bytes.NewReader(raw), name)
	if err != nil {
		return errors.Join(runErr, err)
	}
	var md bytes.Buffer
	render(&md, rep)
	if err := os.WriteFile(cfg.Out, md.Bytes(), 0o644); err != nil {
		return errors.Join(runErr, fmt.Errorf("benchreport: %w", err))
	}
	return runErr
}
