package index

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

// mapTexts serves texts from memory, as the store does: only the version
// asked for.
type mapTexts struct {
	texts map[string]string
	asked int
}

func (m *mapTexts) ArticleTexts(_ context.Context, want map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for id, hash := range want {
		m.asked++
		if t, ok := m.texts[id]; ok && (hash == "" || schema.TextHash(t) == hash) {
			out[id] = t
		}
	}
	return out, nil
}

// TestFillSentences: every evidence a read gives comes back, filled, with
// the sentence of the document it came from, held or cut from the text;
// an article changed since the read leaves its evidence empty.
func TestFillSentences(t *testing.T) {
	ctx := context.Background()
	docs := testDocs(t)
	ix := build(docs)
	texts := &mapTexts{texts: map[string]string{}}
	want := map[[3]any]string{} // article, start, end -> sentence
	for _, d := range docs {
		texts.texts[d.Article.ID] = d.Text
		for _, r := range d.Relations {
			want[[3]any{d.Article.ID, r.Evidence.Start, r.Evidence.End}] = r.Evidence.Text
		}
	}
	page, err := ix.Relations(ctx, schema.RelationFilter{}, schema.Page{First: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.FillStatements(ctx, page.Relations, texts); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, st := range page.Relations {
		for _, ev := range st.Evidence {
			n++
			if w := want[[3]any{ev.Article, ev.Start, ev.End}]; ev.Text != w {
				t.Fatalf("%s [%d,%d): sentence %q, want %q", ev.Article, ev.Start, ev.End, ev.Text, w)
			}
		}
	}
	if n < 500 || texts.asked == 0 || texts.asked > len(docs) {
		t.Errorf("%d evidence filled asking for %d texts; want hundreds, each text asked for once", n, texts.asked)
	}

	// the article changes after the read: its new text has another hash
	st := page.Relations[0]
	ev := st.Evidence[0]
	ev.Text = ""
	texts.texts[ev.Article] += " (edited)"
	evs := []schema.Evidence{ev}
	if err := ix.FillSentences(ctx, evs, texts); err != nil {
		t.Fatal(err)
	}
	if ix.Doc(ev.Article).HasText() && evs[0].Text != "" {
		t.Errorf("the sentence of a changed article was cut from its new text: %q", evs[0].Text)
	}
	gone := []schema.Evidence{{Article: "no-such-article", Start: 0, End: 3}}
	if err := ix.FillSentences(ctx, gone, texts); err != nil || gone[0].Text != "" {
		t.Errorf("evidence of an unknown article: %q, %v", gone[0].Text, err)
	}
}
