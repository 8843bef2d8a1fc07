package extract

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/schema"
)

// Config tunes an Extractor.
type Config struct {
	// Workers is how many articles are extracted at once by ExtractAll;
	// 0 means one per CPU.
	Workers int
	// MinConfidence drops entities and relations the rules are less sure of.
	MinConfidence float64
	// Names says what finds people, organizations, places and events:
	// the rules, the trained tagger, or both (the default; tagger.go).
	Names NameSource
	// NameModel replaces the embedded name tagger (cross-validation trains
	// its own); nil means the embedded one.
	NameModel *NameModel
	// Keep says, by article id, which articles ExtractAll extracts (one
	// process's share of a batch that many share out); nil keeps all. An
	// article it does not keep is read but not extracted, and emitted with
	// Skipped. A failure that names no article (a file that cannot be read
	// or parsed, a bad line of JSON Lines) is kept where its file's name
	// is, the id a one-article file gets, so that each is reported once.
	Keep func(id string) bool
}

// Extractor turns articles into schema.Documents. It is safe for
// concurrent use; build one per process, since building loads prose's model.
type Extractor struct {
	cfg    Config
	models *textModels
	gaz    *gazetteer
	names  *nameFeatures
	tagger *NameModel // nil when Names is NamesRules
}

// New builds an Extractor: prose's model, the sentence splitter and the
// gazetteers, once.
func New(cfg Config) (*Extractor, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	m, err := newTextModels()
	if err != nil {
		return nil, fmt.Errorf("extract: loading the sentence model: %w", err)
	}
	g, err := newGazetteer()
	if err != nil {
		return nil, err
	}
	x := &Extractor{cfg: cfg, models: m, gaz: g, names: newNameFeatures(g)}
	if x.cfg.Names, err = ParseNameSource(string(cfg.Names)); err != nil {
		return nil, err
	}
	if x.tagger, err = loadTagger(x.cfg); err != nil {
		return nil, err
	}
	return x, nil
}

// Extract extracts one article given as text. Metadata the caller knows
// (a's fields) wins over what the text states; blank fields are read from
// the text. The id defaults to "article".
func (x *Extractor) Extract(ctx context.Context, a schema.Article, text []byte) (schema.Document, error) {
	name := firstNonEmpty(a.ID, a.Source, "article")
	if err := checkInput(name, text); err != nil {
		return schema.Document{}, err
	}
	if err := checkEnglish(string(text)); err != nil {
		return schema.Document{}, fmt.Errorf("extract: %s: %w", name, err)
	}
	a.ID, a.Source = name, firstNonEmpty(a.Source, name)
	return x.ExtractInput(ctx, parseArticle(a, string(text)))
}

// ExtractInput extracts one parsed article.
func (x *Extractor) ExtractInput(ctx context.Context, in Input) (doc schema.Document, err error) {
	defer func() {
		// A rule that trips over odd text must cost one article, not the batch.
		if p := recover(); p != nil {
			err = &internalError{article: in.Article.ID, panic: p, stack: debug.Stack()}
		}
	}()
	if err := ctx.Err(); err != nil {
		return schema.Document{}, fmt.Errorf("extract: %s: %w", in.Article.ID, err)
	}
	text := in.Text
	scratch := in.Article
	lines := in.lines
	if lines == nil {
		lines = layout(text, &scratch)
	}
	rec := &recognizer{g: x.gaz, text: text, names: x.nameTagger()}
	var sents []sentence
	for _, l := range lines {
		if l.Kind != bodyLine && l.Kind != titleLine {
			continue
		}
		lt := strings.TrimSpace(text[l.Start:l.End])
		rec.headline = (l.Kind == titleLine || schema.Fold(lt) == schema.Fold(scratch.Title)) && titleCased(lt)
		isTitle := l.Kind == titleLine || schema.Fold(lt) == schema.Fold(scratch.Title)
		for _, s := range x.models.sentences(text, l.Start, l.End) {
			si := len(sents)
			s.Headline = isTitle
			sents = append(sents, s)
			first := len(rec.out)
			if x.cfg.Names != NamesModel {
				rec.chunkMentions(si, s.Tokens)
			}
			rec.patternMentions(si, s)
			rec.modelNames(si, s, first) // tagger_names.go: the tagger alone
			rec.appositives(si, s.Tokens, first)
			rec.titlesBefore(si, s.Tokens, first)
			rec.typeUnknowns(si, s.Tokens, first)
			rec.reviewNames(si, s, first) // tagger_names.go: the tagger beside the rules
		}
	}
	rec.metadataMentions(lines) // metadata.go: bylines, credit lines, datelines
	ms := settle(rec.out)
	res := resolve(x.gaz, text, sents, ms)
	doc = schema.Document{Article: in.Article}
	ids := buildEntities(&doc, res, x.gaz, text)
	rel := &relator{doc: &doc, res: res, ids: ids, sents: sents, text: text, gaz: x.gaz, signings: res.signings}
	rel.run()
	finish(&doc, x.cfg.MinConfidence)
	// the text every offset refers to, which the store keeps, and the
	// evidence's code point offsets beside its byte offsets
	doc.Text = text
	doc.FillCharOffsets()
	return doc, nil
}

// internalError is a panic in a rule, caught: the article fails, the batch
// goes on. The stack is kept for tests and fuzzing, not printed.
type internalError struct {
	article string
	panic   any
	stack   []byte
}

func (e *internalError) Error() string {
	return fmt.Sprintf("extract: %s: internal error: %v", e.article, e.panic)
}

// titleCased: most words of a headline start with a capital letter.
func titleCased(s string) bool {
	words, caps := 0, 0
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) {
			continue
		}
		words++
		if unicode.IsUpper(r[0]) {
			caps++
		}
	}
	return words > 0 && caps*10 > words*6
}
