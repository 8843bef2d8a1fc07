package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// ingestBatch is how many articles go to the store in one transaction.
const ingestBatch = 64

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("ingest", &cfg, stderr, "db", "workers", "quiet", "tx-deltas", "memory-limit", "shard")
	if err := parse(fs, args); err != nil {
		return err
	}
	defer cfg.limitMemory()()
	if err := cfg.checkWorkers(); err != nil {
		return err
	}
	files, ferr, err := articleFiles(fs.Args(), stderr)
	if err != nil {
		return err
	}
	store, x, err := openPipeline(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	p := newProgress(len(files), stderr, cfg.Quiet)
	sum := map[schema.IngestStatus]int{}
	var pending []schema.Document
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, err := store.Ingest(ctx, pending)
		for _, r := range res {
			sum[r.Status]++
			if r.Err != nil {
				p.log("%v", r.Err) // it names the article, quoted
			}
		}
		pending = pending[:0]
		if err != nil && len(res) == 0 {
			return err
		}
		return nil
	}
	total, skipped := 0, 0
	err = x.ExtractAll(ctx, files, func(r extract.Result) error {
		p.step(r.Source)
		if r.Skipped {
			skipped++
			return nil
		}
		total++
		if r.Err != nil {
			sum[schema.Failed]++
			p.log("%v", r.Err)
			return nil
		}
		pending = append(pending, r.Doc)
		if len(pending) >= ingestBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	p.done()
	fmt.Fprintf(stdout, "ingested into %s: %d new, %d unchanged, %d replaced, %d failed",
		cfg.DB, sum[schema.Added], sum[schema.Unchanged], sum[schema.Replaced], sum[schema.Failed])
	if cfg.Shard.n > 1 {
		fmt.Fprintf(stdout, "; shard %s, %d skipped as the other shards' share", &cfg.Shard, skipped)
	}
	fmt.Fprintln(stdout)
	if err != nil {
		return err
	}
	return summarise(sum[schema.Failed], total, ferr)
}

// progress shows a bar with articles/s and an ETA on a terminal, and plain
// log lines elsewhere.
type progress struct {
	bar   *progressbar.ProgressBar
	w     io.Writer
	total int
	n     int
	quiet bool
	start time.Time
	last  time.Time
}

func newProgress(total int, w io.Writer, quiet bool) *progress {
	p := &progress{w: w, total: total, quiet: quiet, start: time.Now(), last: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && !quiet {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) step(string) {
	p.n++
	if p.bar != nil {
		_ = p.bar.Add(1)
		return
	}
	if !p.quiet && (time.Since(p.last) > 2*time.Second || p.n == p.total) {
		p.last = time.Now()
		rate := float64(p.n) / time.Since(p.start).Seconds()
		fmt.Fprintf(p.w, "ingest: %d/%d articles (%.1f articles/s)\n", p.n, p.total, rate)
	}
}

func (p *progress) log(format string, args ...any) {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	fmt.Fprintf(p.w, format+"\n", args...)
}

func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
