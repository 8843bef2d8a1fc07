package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/eval"
	"github.com/newsgraph/newsgraph/extract"
)

// runTrain trains the name tagger on BIO data (GUM) and on articles whose
// names are projected from their gold annotations, and writes the model
// that extract embeds. The same inputs give the same file, byte for byte.
func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("train", &cfg, stderr, "gold", "workers", "quiet")
	bio := fs.String("bio", "", "directory of BIO training data: train.tsv to learn from, dev.tsv to tune on")
	out := fs.String("o", filepath.Join("extract", "model", "names.bin.gz"), "where to write the model")
	heldOut := fs.String("held-out", "", "a `FILE` naming articles (file names, one a line, # comments) not to learn from: the held-out check stays honest")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *bio == "" {
		return fmt.Errorf("%w: want --bio DIR (and --gold DIR with articles to learn from too)", errUsage)
	}
	if (cfg.Gold == "") != (fs.NArg() == 0) {
		return fmt.Errorf("%w: articles and --gold go together", errUsage)
	}
	log := stderr
	if cfg.Quiet {
		log = io.Discard
	}
	began := time.Now()
	x, err := extract.New(extract.Config{Workers: cfg.Workers, Names: extract.NamesRules})
	if err != nil {
		return err
	}
	files, skipped, err := articlesToLearn(fs.Args(), *heldOut)
	if err != nil {
		return err
	}
	td, err := loadTrainingData(ctx, x, *bio, cfg.Gold, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "train: %d tokens to learn from (%d in %d articles, %d held out), %d to tune on, read in %s\n",
		td.train.Tokens(), td.articles.Tokens(), len(files), skipped, td.dev.Tokens(), time.Since(began).Round(time.Millisecond))
	m, err := extract.TrainNameModel(ctx, td.train.Join(td.articles), td.dev, extract.NameTrainConfig{Log: log})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing the model: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d features, %d bytes, dev F1 %.4f, trained in %s\n",
		*out, m.Info.Features, buf.Len(), m.Info.DevF1, time.Since(began).Round(time.Millisecond))
	return nil
}

// articlesToLearn lists the article files under paths less those the
// held-out list names, and how many it left out. A name on the list that
// no article has is an error: a misspelt list would hold nothing out.
func articlesToLearn(paths []string, heldOut string) ([]string, int, error) {
	if len(paths) == 0 {
		return nil, 0, nil
	}
	files, err := extract.Files(paths)
	if err != nil || heldOut == "" {
		return files, 0, err
	}
	data, err := os.ReadFile(heldOut)
	if err != nil {
		return nil, 0, fmt.Errorf("held-out list: %w", err)
	}
	out := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out[l] = true
		}
	}
	var keep []string
	seen := map[string]bool{}
	for _, f := range files {
		if name := filepath.Base(f); out[name] {
			seen[name] = true
		} else {
			keep = append(keep, f)
		}
	}
	for name := range out {
		if !seen[name] {
			return nil, 0, fmt.Errorf("held-out list %s: no article %s among the articles to learn from", heldOut, name)
		}
	}
	return keep, len(files) - len(keep), nil
}

// trainingData is what the name tagger learns from, read through the
// extractor's own pipeline.
type trainingData struct {
	train, dev *extract.NameCorpus // the BIO data's two parts
	articles   *extract.NameCorpus // articles labelled from their gold files, by article id
}

// loadTrainingData reads dir/train.tsv and dir/dev.tsv, and the articles
// with the names of goldDir's annotations projected onto their text,
// through x's pipeline.
func loadTrainingData(ctx context.Context, x *extract.Extractor, dir, goldDir string, articles []string) (trainingData, error) {
	var td trainingData
	for _, part := range []struct {
		file string
		dst  **extract.NameCorpus
	}{{"train.tsv", &td.train}, {"dev.tsv", &td.dev}} {
		texts, err := readBIOFile(filepath.Join(dir, part.file))
		if err != nil {
			return trainingData{}, err
		}
		if *part.dst, err = x.NameCorpus(ctx, texts); err != nil {
			return trainingData{}, err
		}
	}
	texts, err := labeledArticles(goldDir, articles)
	if err != nil {
		return trainingData{}, err
	}
	if td.articles, err = x.NameCorpus(ctx, texts); err != nil {
		return trainingData{}, err
	}
	return td, nil
}

func readBIOFile(path string) ([]extract.LabeledText, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("training data: %w", err)
	}
	defer f.Close()
	return extract.ReadBIO(f, path)
}

// labeledArticles reads article files and marks in each the names its gold
// file gives (eval.ProjectNames).
func labeledArticles(goldDir string, paths []string) ([]extract.LabeledText, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	files, err := extract.Files(paths)
	if err != nil {
		return nil, err
	}
	var out []extract.LabeledText
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("training article: %w", err)
		}
		id := filepath.Base(file)
		g, err := eval.LoadGold(goldDir, id)
		if err != nil {
			return nil, err
		}
		lt := extract.LabeledText{ID: id, Text: string(data), Article: true}
		for _, s := range eval.ProjectNames(lt.Text, g) {
			lt.Names = append(lt.Names, extract.LabeledName{Start: s.Start, End: s.End, Type: s.Type})
		}
		out = append(out, lt)
	}
	return out, nil
}

// readModelFile reads a name tagger written by newsgraph train; "" gives
// nil, the embedded one.
func readModelFile(path string) (*extract.NameModel, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := extract.ReadNameModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
