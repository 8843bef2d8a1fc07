package index

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Texts gives the texts of articles, from which FillSentences cuts the
// sentences the index does not hold.
type Texts interface {
	// ArticleTexts returns the texts of the articles want names, keyed by
	// id: want maps an article to the hash its text must have ("" takes
	// whatever text it has). An article it cannot find, or whose text has
	// another hash, is left out.
	ArticleTexts(ctx context.Context, want map[string]string) (map[string]string, error)
}

// FillSentences fills in the text of every evidence that a read left
// empty, as the article's record says: a sentence it holds, or the span of
// the article's text its offsets name, read from texts in batches. An
// evidence whose article no longer asserts it (the article changed since
// the read) is left empty.
func (ix *Index) FillSentences(ctx context.Context, evs []schema.Evidence, texts Texts) error {
	ptrs := make([]*schema.Evidence, len(evs))
	for i := range evs {
		ptrs[i] = &evs[i]
	}
	return ix.fill(ctx, ptrs, texts)
}

// FillStatements is FillSentences for the evidence of every statement.
func (ix *Index) FillStatements(ctx context.Context, sts []schema.Statement, texts Texts) error {
	var ptrs []*schema.Evidence
	for i := range sts {
		for j := range sts[i].Evidence {
			ptrs = append(ptrs, &sts[i].Evidence[j])
		}
	}
	return ix.fill(ctx, ptrs, texts)
}

// textBatch is how many articles' texts a fill asks for at once, and holds.
const textBatch = 256

func (ix *Index) fill(ctx context.Context, evs []*schema.Evidence, texts Texts) error {
	byArticle := map[string][]*schema.Evidence{} // the evidence to cut from each text
	hashes := map[string]string{}
	ix.mu.RLock()
	for _, ev := range evs {
		if ev.Text != "" {
			continue
		}
		d := ix.docs[ev.Article]
		if d == nil {
			continue
		}
		text, held, ok := d.sentenceAt(ev.Start, ev.End)
		switch {
		case !ok:
		case held:
			ev.Text = text
		default:
			byArticle[ev.Article] = append(byArticle[ev.Article], ev)
			hashes[ev.Article] = d.Hash()
		}
	}
	ix.mu.RUnlock()
	ids := slices.Sorted(maps.Keys(byArticle))
	for len(ids) > 0 {
		n := min(len(ids), textBatch)
		want := make(map[string]string, n)
		for _, id := range ids[:n] {
			want[id] = hashes[id]
		}
		got, err := texts.ArticleTexts(ctx, want)
		if err != nil {
			return fmt.Errorf("graph: evidence sentences: %w", err)
		}
		for _, id := range ids[:n] {
			text, ok := got[id]
			if !ok {
				continue
			}
			for _, ev := range byArticle[id] {
				if 0 <= ev.Start && ev.Start <= ev.End && ev.End <= len(text) {
					// a copy: the sentence outlives the text, which may be long
					ev.Text = strings.Clone(text[ev.Start:ev.End])
				}
			}
		}
		ids = ids[n:]
	}
	return nil
}

// sentenceAt finds a relation whose evidence lies at [start, end): its
// sentence if the record holds it (held), else that the sentence is the
// span of the article's text. ok is false when there is none.
func (d *Doc) sentenceAt(start, end int) (text string, held, ok bool) {
	at := d.rels
	for range d.nrels {
		r, next := d.relation(at)
		if r.start == start && r.end == end {
			if r.held {
				return d.text[r.lo:r.hi], true, true
			}
			return "", false, true
		}
		at = next
	}
	return "", false, false
}
