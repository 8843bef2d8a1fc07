package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	cfg.Format = "nquads"
	fs := newFlags("export", &cfg, stderr, "db", "format", "output", "export", "server")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: export takes no arguments, got %q", errUsage, fs.Args())
	}
	if err := oneOf(cfg.Format, graph.ExportFormats...); err != nil {
		return err
	}
	if cfg.Depth < 0 || cfg.Depth > graph.MaxExportDepth || cfg.Depth > 0 && cfg.Entity == "" {
		return fmt.Errorf("%w: --depth %d: want 1 to %d, with --entity", errUsage, cfg.Depth, graph.MaxExportDepth)
	}
	opt := graph.ExportOptions{Format: cfg.Format, Entity: cfg.Entity, Depth: cfg.Depth, Neo4j: cfg.Neo4j}
	if cfg.Server != "" {
		return exportFromServer(ctx, cfg, opt, stdout)
	}
	store, err := openExisting(ctx, cfg.DB, true)
	if err != nil {
		return err
	}
	defer store.Close()
	out, closeOut, err := openOutput(cfg.Output, stdout)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	if err := store.ExportWith(ctx, w, opt); err != nil {
		closeOut()
		return err
	}
	if err := w.Flush(); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("import", &cfg, stderr, "db", "tx-deltas", "memory-limit")
	if err := parse(fs, args); err != nil {
		return err
	}
	defer cfg.limitMemory()()
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: name one N-Quads file", errUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := cfg.checkTxDeltas(); err != nil {
		return err
	}
	store, err := graph.Open(ctx, graph.Config{DB: cfg.DB, TxDeltas: cfg.TxDeltas})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Import(ctx, bufio.NewReader(f)); err != nil {
		return fmt.Errorf("import %s: %w", fs.Arg(0), err)
	}
	fmt.Fprintf(stdout, "imported %s into %s\n", fs.Arg(0), graph.Redact(cfg.DB))
	return nil
}

func runDelete(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("delete", &cfg, stderr, "db")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: name at least one article id", errUsage)
	}
	store, err := openExisting(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer store.Close()
	var errs []error
	for _, id := range fs.Args() {
		if err := store.DeleteArticle(ctx, id); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stdout, "deleted %s\n", id)
	}
	return errors.Join(errs...)
}

// openExisting opens a store that must already exist: reading a bbolt file
// that is not there would create an empty one and hide a typo.
func openExisting(ctx context.Context, db string, readOnly bool) (*graph.Store, error) {
	file := (graph.Config{DB: db}).IsFile()
	if file {
		if _, err := os.Stat(db); err != nil {
			return nil, fmt.Errorf("store %s: %w (run 'newsgraph ingest' first)", db, err)
		}
	}
	s, err := graph.Open(ctx, graph.Config{DB: db, ReadOnly: readOnly})
	if err != nil && file && strings.Contains(err.Error(), "locked by another process") {
		return nil, fmt.Errorf("%w\n(a running 'newsgraph serve' holds it: ask the server instead, with "+
			"'newsgraph export --server http://ADDR', or GET http://ADDR/export?format=...)", err)
	}
	return s, err
}

// writeDocNQuads prints one document as the N-Quads the store would hold
// for it, by loading it into a scratch in-memory store.
func writeDocNQuads(w io.Writer, d schema.Document) error {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{DB: "memory"})
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Ingest(ctx, []schema.Document{d}); err != nil {
		return err
	}
	return s.Export(ctx, w, "nquads")
}

// openPipeline opens the store named by cfg and builds the extractor that
// feeds it; the caller closes the store.
func openPipeline(ctx context.Context, cfg Config) (*graph.Store, *extract.Extractor, error) {
	if err := cfg.checkTxDeltas(); err != nil {
		return nil, nil, err
	}
	store, err := graph.Open(ctx, graph.Config{DB: cfg.DB, TxDeltas: cfg.TxDeltas})
	if err != nil {
		return nil, nil, err
	}
	xcfg := extract.Config{Workers: cfg.Workers}
	if cfg.Shard.n > 1 {
		xcfg.Keep = cfg.Shard.keeps
	}
	x, err := extract.New(xcfg)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, x, nil
}
