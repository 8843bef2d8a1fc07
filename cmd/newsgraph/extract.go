package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/newsgraph/newsgraph/extract"
)

// batchError summarises the articles a batch could not do.
type batchError struct {
	failed, total int
}

func (e batchError) Error() string {
	return fmt.Sprintf("%d of %d articles failed (see the messages above)", e.failed, e.total)
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	cfg.Format = "json"
	fs := newFlags("extract", &cfg, stderr, "format", "workers", "output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(cfg.Format, "json", "nquads"); err != nil {
		return err
	}
	if err := cfg.checkWorkers(); err != nil {
		return err
	}
	files, ferr, err := articleFiles(fs.Args(), stderr)
	if err != nil {
		return err
	}
	x, err := extract.New(extract.Config{Workers: cfg.Workers})
	if err != nil {
		return err
	}
	out, closeOut, err := openOutput(cfg.Output, stdout)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	total, failed := 0, 0
	err = x.ExtractAll(ctx, files, func(r extract.Result) error {
		total++
		if r.Err != nil {
			failed++
			fmt.Fprintln(stderr, r.Err)
			return nil
		}
		if cfg.Format == "nquads" {
			return writeDocNQuads(w, r.Doc)
		}
		return enc.Encode(r.Doc)
	})
	// a full disk shows at the last flush or at close: neither may be lost
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing the output: %w", ferr)
	}
	if cerr := closeOut(); err == nil && cerr != nil {
		err = fmt.Errorf("closing the output: %w", cerr)
	}
	if err != nil {
		return err
	}
	return summarise(failed, total, ferr)
}

// summarise turns a batch's failures (articles that failed, and paths that
// could not be read at all) into its error.
func summarise(failed, total int, pathErr error) error {
	if pathErr != nil {
		failed++
		total++
	}
	if failed > 0 {
		return batchError{failed, total}
	}
	return nil
}

// articleFiles expands the article arguments. Paths that fail are reported
// on stderr and returned as ferr, so a batch goes on with the rest; only no
// article at all is an error.
func articleFiles(args []string, stderr io.Writer) (files []string, ferr, err error) {
	if len(args) == 0 {
		return nil, nil, fmt.Errorf("%w: name at least one article file or directory", errUsage)
	}
	files, ferr = extract.Files(args)
	if ferr != nil {
		fmt.Fprintln(stderr, ferr)
		if len(files) == 0 {
			return nil, ferr, fmt.Errorf("no articles to read")
		}
	}
	return files, ferr, nil
}
