package extract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/schema"
)

// Result is the extraction of one article, or why it failed. Source names
// the file (and line, for JSON Lines) it came from.
type Result struct {
	Source string
	Doc    schema.Document
	Err    error
	// Skipped: the article is not among those Config.Keep keeps; Doc
	// holds its metadata only.
	Skipped bool
}

// articleExts are the file kinds a directory is searched for.
var articleExts = map[string]bool{".txt": true, ".text": true, ".html": true, ".htm": true, ".jsonl": true, ".ndjson": true, ".md": true}

// Files expands paths into article files: a file stands for itself, a
// directory for the article files below it, sorted. A missing path, or a
// directory with no articles, is an error naming it.
func Files(paths []string) ([]string, error) {
	var out []string
	var errs []error
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("extract: %w", err))
			continue
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && articleExts[strings.ToLower(filepath.Ext(path))] && !strings.HasPrefix(d.Name(), ".") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("extract: reading directory %s: %w", p, err))
			continue
		}
		if len(found) == 0 {
			errs = append(errs, fmt.Errorf("extract: directory %s holds no articles (.txt, .html, .jsonl)", p))
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, errors.Join(errs...)
}

// ExtractAll reads and extracts files on the configured number of workers
// and calls emit once per article, in input order, so output is
// deterministic. Articles stream: at most a few per worker are held at once.
// A file that cannot be read or parsed yields a Result with Err and the
// batch goes on; emit's error stops it.
func (x *Extractor) ExtractAll(ctx context.Context, files []string, emit func(Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	type job struct {
		i    int
		file string
	}
	jobs := make(chan job)
	results := make([]chan []Result, len(files))
	for i := range results {
		results[i] = make(chan []Result, 1)
	}
	// window bounds how far workers run ahead of the emitter
	window := make(chan struct{}, x.cfg.Workers*2)
	var wg sync.WaitGroup
	for w := 0; w < x.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					results[j.i] <- nil
					continue
				}
				results[j.i] <- x.extractFile(ctx, j.file)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, f := range files {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{i, f}:
			case <-ctx.Done():
				return
			}
		}
	}()
	// cancel first, so that a stopped emitter releases the producer and the
	// workers, then wait for them
	defer func() { cancel(); wg.Wait() }()
	for i := range files {
		var rs []Result
		select {
		case rs = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		for _, r := range rs {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// keeps reports whether the article id names is this process's to
// extract (Config.Keep).
func (x *Extractor) keeps(id string) bool { return x.cfg.Keep == nil || x.cfg.Keep(id) }

func (x *Extractor) extractFile(ctx context.Context, file string) []Result {
	data, err := os.ReadFile(file)
	if err != nil {
		if !x.keeps(filepath.Base(file)) {
			return nil
		}
		return []Result{{Source: file, Err: fmt.Errorf("extract: %w", err)}}
	}
	ins, perr := ParseInput(file, data)
	var out []Result
	for _, in := range ins {
		if !x.keeps(in.Article.ID) {
			out = append(out, Result{Source: file, Doc: schema.Document{Article: in.Article}, Skipped: true})
			continue
		}
		doc, err := x.ExtractInput(ctx, in)
		out = append(out, Result{Source: file, Doc: doc, Err: err})
	}
	if perr != nil && !x.keeps(filepath.Base(file)) {
		return out
	}
	// one Result per article that failed (a JSON Lines file's bad lines
	// each count), so that a batch's summary counts articles
	if joined, ok := perr.(interface{ Unwrap() []error }); ok {
		for _, err := range joined.Unwrap() {
			out = append(out, Result{Source: file, Err: err})
		}
	} else if perr != nil {
		out = append(out, Result{Source: file, Err: perr})
	}
	return out
}
