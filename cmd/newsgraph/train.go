package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	td, err := loadTrainingData(ctx, x, *bio, cfg.Gold, fs.Args())
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "train: %d tokens to learn from (%d in articles), %d to tune on, read in %s\n",
		td.train.Tokens(), td.articles.Tokens(), td.dev.Tokens(), time.Since(began).Round(time.Millisecond))
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
