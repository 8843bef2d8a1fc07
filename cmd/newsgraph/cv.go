package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// crossValidate scores each article with a name tagger trained without
// any article of its publisher: leave-one-publisher-out over the groups
// of eval.ReadSources, on the BIO data plus the other groups' articles.
// Only the tagger is retrained; the rules and gazetteers were written with
// every development article in view, which no fold can undo.
func crossValidate(ctx context.Context, cfg Config, o evalOptions, x *extract.Extractor, files []string, stdout, stderr io.Writer) (*eval.Score, error) {
	began := time.Now()
	publisher, err := eval.ReadSources(o.sources)
	if err != nil {
		return nil, err
	}
	folds := map[string][]string{}
	for _, f := range files {
		id := filepath.Base(f)
		g := publisher[id]
		if g == "" {
			g = "(unlisted) " + id // its own fold
		}
		folds[g] = append(folds[g], f)
	}
	groups := slices.Sorted(func(yield func(string) bool) {
		for g := range folds {
			if !yield(g) {
				return
			}
		}
	})
	fmt.Fprintf(stdout, "\ncross-validation: %d folds, one publisher (from %s, without parentheticals and release kinds) held out at a time:\n", len(groups), o.sources)
	for _, g := range groups {
		ids := make([]string, len(folds[g]))
		for i, f := range folds[g] {
			ids[i] = strings.TrimSuffix(filepath.Base(f), ".txt")
		}
		fmt.Fprintf(stdout, "  %-60s %s\n", g, strings.Join(ids, ", "))
	}
	td, err := loadTrainingData(ctx, x, o.bio, cfg.Gold, files)
	if err != nil {
		return nil, err
	}
	scores := make([]*eval.Score, len(groups))
	errs := make([]error, len(groups))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, cfg.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				scores[i], errs[i] = scoreFold(ctx, x, td, folds[groups[i]], cfg.Gold, o.coarse, stderr)
			}
		}()
	}
	for i := range groups {
		next <- i
	}
	close(next)
	wg.Wait()
	total := eval.NewScore()
	for i, s := range scores {
		if errs[i] != nil {
			return nil, fmt.Errorf("cross-validation fold %s: %w", groups[i], errs[i])
		}
		total.Merge(s)
	}
	fmt.Fprintf(stdout, "cross-validation took %s\n", time.Since(began).Round(time.Second))
	return total, nil
}

// scoreFold trains a tagger without the fold's articles and scores them
// with it, one worker per fold.
func scoreFold(ctx context.Context, x *extract.Extractor, td trainingData, files []string, gold string, coarse bool, stderr io.Writer) (*eval.Score, error) {
	out := map[string]bool{}
	for _, f := range files {
		out[filepath.Base(f)] = true
	}
	train := td.train.Join(td.articles.Filter(func(id string) bool { return !out[id] }))
	m, err := extract.TrainNameModel(ctx, train, td.dev, extract.NameTrainConfig{})
	if err != nil {
		return nil, err
	}
	s, _, _, err := scoreFiles(ctx, x.WithNameModel(m), files, gold, coarse, nil, stderr)
	return s, err
}

// printSideBySide prints two scores of the same articles, row by row.
func printSideBySide(w io.Writer, aName string, a *eval.Score, bName string, b *eval.Score) {
	fmt.Fprintf(w, "\n%-28s %-22s   %-22s\n", "", aName, bName)
	fmt.Fprintf(w, "%-28s %6s %6s %6s   %6s %6s %6s\n", "", "P", "R", "F1", "P", "R", "F1")
	row := func(name string, x, y eval.Count) {
		fmt.Fprintf(w, "%-28s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f\n", name, x.P(), x.R(), x.F1(), y.P(), y.R(), y.F1())
	}
	count := func(c *eval.Count) eval.Count {
		if c == nil {
			return eval.Count{}
		}
		return *c
	}
	row("entities", a.Entities, b.Entities)
	for _, t := range a.Types() {
		row("  "+string(t), count(a.ByType[t]), count(b.ByType[t]))
	}
	row("relations", a.Relations, b.Relations)
	for _, p := range a.Predicates() {
		row("  "+string(p), count(a.ByPredicate[p]), count(b.ByPredicate[p]))
	}
	fmt.Fprintf(w, "%-28s %20.3f   %20.3f\n", "titles (recall)", a.Titles.R(), b.Titles.R())
	fmt.Fprintf(w, "%-28s %20.3f   %20.3f\n", "metadata (accuracy)", a.Metadata.R(), b.Metadata.R())
}

// runAblation scores the articles with names from the rules alone, the
// tagger alone and both, and prints one row each.
func runAblation(ctx context.Context, cfg Config, o evalOptions, files []string, stdout, stderr io.Writer) error {
	sources := []extract.NameSource{extract.NamesRules, extract.NamesModel, extract.NamesBoth}
	scores := make([]*eval.Score, len(sources))
	for i, src := range sources {
		x, err := extract.New(extract.Config{Workers: cfg.Workers, Names: src, NameModel: o.model})
		if err != nil {
			return err
		}
		if scores[i], _, _, err = scoreFiles(ctx, x, files, cfg.Gold, o.coarse, nil, stderr); err != nil {
			return err
		}
	}
	var types []schema.EntityType
	for _, t := range schema.EntityTypes {
		for _, s := range scores {
			if s.ByType[t] != nil {
				types = append(types, t)
				break
			}
		}
	}
	fmt.Fprintf(stdout, "%-6s %6s %6s %6s %6s", "names", "ent-P", "ent-R", "ent-F1", "rel-F1")
	for _, t := range types {
		fmt.Fprintf(stdout, " %12s", string(t)+"-F1")
	}
	fmt.Fprintln(stdout)
	for i, s := range scores {
		fmt.Fprintf(stdout, "%-6s %6.3f %6.3f %6.3f %6.3f", sources[i], s.Entities.P(), s.Entities.R(), s.Entities.F1(), s.Relations.F1())
		for _, t := range types {
			c := eval.Count{}
			if p := s.ByType[t]; p != nil {
				c = *p
			}
			fmt.Fprintf(stdout, " %12.3f", c.F1())
		}
		fmt.Fprintln(stdout)
	}
	return nil
}
