package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// Floors that --check enforces: what the build reaches on the development
// set, raised as extraction improves and never lowered (a ratchet). The
// extraction issue's targets are entity F1 0.90, relation F1 0.75, titles
// and metadata 0.90.
const (
	floorEntityF1   = 0.952
	floorRelationF1 = 0.868
	floorTitles     = 0.95
	floorMetadata   = 0.95
)

// evalOptions are eval's flags beyond Config.
type evalOptions struct {
	check, verbose, coarse, cv, ablation bool
	names                                extract.NameSource
	model                                *extract.NameModel
	bio, sources                         string
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("eval", &cfg, stderr, "gold", "workers")
	var o evalOptions
	fs.BoolVar(&o.check, "check", false, "exit non-zero when a score is under its floor")
	fs.BoolVar(&o.verbose, "v", false, "list every missed and extra item")
	fs.BoolVar(&o.coarse, "coarse", false, "score names only, by coarse class (person, organization, place), as for GUM")
	names := fs.String("names", string(extract.NamesBoth), "what finds names: rules, model (the trained tagger) or both")
	modelFile := fs.String("model", "", "a name tagger `FILE` (newsgraph train -o) instead of the embedded one")
	fs.BoolVar(&o.ablation, "ablation", false, "score names from the rules alone, the tagger alone and both, side by side")
	fs.BoolVar(&o.cv, "cv", false, "also cross-validate the tagger, leaving out one publisher's articles at a time (needs --bio)")
	fs.StringVar(&o.bio, "bio", "", "BIO training data `DIR` (train.tsv, dev.tsv) for --cv")
	fs.StringVar(&o.sources, "sources", "", "the articles' publishers, a SOURCES.md `FILE` for --cv (default: beside the gold directory)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := cfg.checkWorkers(); err != nil {
		return err
	}
	var err error
	if o.names, err = extract.ParseNameSource(*names); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if o.model, err = readModelFile(*modelFile); err != nil {
		return err
	}
	if cfg.Gold == "" || fs.NArg() == 0 {
		return fmt.Errorf("%w: want --gold DIR and at least one article", errUsage)
	}
	if o.cv && o.bio == "" {
		return fmt.Errorf("%w: --cv wants --bio DIR with the tagger's training data", errUsage)
	}
	if o.sources == "" {
		o.sources = filepath.Join(filepath.Dir(filepath.Clean(cfg.Gold)), "SOURCES.md")
	}
	if st, err := os.Stat(cfg.Gold); err != nil || !st.IsDir() {
		return fmt.Errorf("gold directory %s: not a readable directory", cfg.Gold)
	}
	files, err := extract.Files(fs.Args())
	if err != nil {
		return err
	}
	if o.ablation {
		return runAblation(ctx, cfg, o, files, stdout, stderr)
	}
	x, err := extract.New(extract.Config{Workers: cfg.Workers, Names: o.names, NameModel: o.model})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%-40s %6s %6s %6s   %6s %6s %6s\n", "article", "ent-P", "ent-R", "ent-F1", "rel-P", "rel-R", "rel-F1")
	total, n, failed, err := scoreFiles(ctx, x, files, cfg.Gold, o.coarse, stdout, stderr)
	if err != nil {
		return err
	}
	printScore(stdout, total)
	if o.verbose {
		for _, e := range total.Errors {
			fmt.Fprintln(stdout, "  ", e)
		}
	}
	var errs []error
	if failed > 0 {
		errs = append(errs, batchError{failed: failed, total: n})
	}
	if o.cv {
		cv, err := crossValidate(ctx, cfg, o, x, files, stdout, stderr)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		printSideBySide(stdout, "dev (shipped tagger)", total, "cross-validated", cv)
	}
	if o.check {
		errs = append(errs, checkFloors(total))
	}
	return errors.Join(errs...)
}

// scoreFiles extracts and scores files, writing one line per article to
// perArticle when it is not nil. An article that fails is scored as empty
// and counted in failed.
func scoreFiles(ctx context.Context, x *extract.Extractor, files []string, gold string, coarse bool, perArticle, stderr io.Writer) (total *eval.Score, n, failed int, err error) {
	total = eval.NewScore()
	err = x.ExtractAll(ctx, files, func(r extract.Result) error {
		n++
		doc := r.Doc
		if r.Err != nil {
			// scored as an empty document: what it should have found counts as missed
			failed++
			fmt.Fprintln(stderr, r.Err)
			doc = schema.Document{Article: schema.Article{ID: filepath.Base(r.Source)}}
		}
		g, err := eval.LoadGold(gold, doc.Article.ID)
		if err != nil {
			if r.Err == nil {
				failed++
				fmt.Fprintln(stderr, err)
			}
			return nil
		}
		s := eval.Compare(doc, g)
		if coarse {
			s = eval.CompareCoarse(doc, g)
		}
		total.Merge(s)
		if perArticle != nil {
			fmt.Fprintf(perArticle, "%-40s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f\n", strings.TrimSuffix(filepath.Base(r.Source), ".txt"),
				s.Entities.P(), s.Entities.R(), s.Entities.F1(), s.Relations.P(), s.Relations.R(), s.Relations.F1())
		}
		return nil
	})
	return total, n, failed, err
}

func printScore(w io.Writer, s *eval.Score) {
	fmt.Fprintf(w, "\n%-28s %6s %6s %6s %5s %5s %5s\n", "", "P", "R", "F1", "TP", "FP", "FN")
	row := func(name string, c eval.Count) {
		fmt.Fprintf(w, "%-28s %6.3f %6.3f %6.3f %5d %5d %5d\n", name, c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
	}
	row("entities", s.Entities)
	for _, t := range s.Types() {
		row("  "+string(t), *s.ByType[t])
	}
	row("relations", s.Relations)
	for _, p := range s.Predicates() {
		row("  "+string(p), *s.ByPredicate[p])
	}
	fmt.Fprintf(w, "%-28s %6.3f  (%d of %d gold titles)\n", "titles (recall)", s.Titles.R(), s.Titles.TP, s.Titles.TP+s.Titles.FN)
	fmt.Fprintf(w, "%-28s %6.3f  (%d of %d fields)\n", "metadata (accuracy)", s.Metadata.R(), s.Metadata.TP, s.Metadata.TP+s.Metadata.FN)
}

func checkFloors(s *eval.Score) error {
	var short []string
	for _, f := range []struct {
		name       string
		got, floor float64
	}{
		{"entity F1", s.Entities.F1(), floorEntityF1}, {"relation F1", s.Relations.F1(), floorRelationF1},
		{"titles", s.Titles.R(), floorTitles}, {"metadata", s.Metadata.R(), floorMetadata},
	} {
		if f.got < f.floor {
			short = append(short, fmt.Sprintf("%s %.3f < %.3f", f.name, f.got, f.floor))
		}
	}
	if len(short) > 0 {
		return fmt.Errorf("under the floor: %s", strings.Join(short, "; "))
	}
	return nil
}
