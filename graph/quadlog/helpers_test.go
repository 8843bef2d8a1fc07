package quadlog

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// The fixtures are graph's (../testdata): three articles and an invalid
// one.
const (
	mou      = "korea-us-mou"
	followup = "korea-us-followup"
	lisbon   = "lisbon-web-summit"
)

// fixture reads ../testdata/<name>.json as a valid document, its code
// point offsets filled in as the store's write path fills them.
func fixture(t testing.TB, name string) schema.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var d schema.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return valid(t, d)
}

// valid checks d as the store's write path does and fills its code point
// offsets.
func valid(t testing.TB, d schema.Document) schema.Document {
	t.Helper()
	textLen := -1
	if d.Text != "" {
		textLen = len(d.Text)
	}
	if err := d.Validate(textLen); err != nil {
		t.Fatal(err)
	}
	if err := d.SetText(d.Text); err != nil {
		t.Fatal(err)
	}
	return d
}

// corpusDocs returns the first n generated documents, valid.
func corpusDocs(n int) []schema.Document {
	gen := corpus.New(corpus.Config{Seed: 1})
	docs := make([]schema.Document, n)
	for i := range docs {
		docs[i] = gen.Document(i)
		if err := docs[i].SetText(docs[i].Text); err != nil {
			panic(err)
		}
	}
	return docs
}

// changed returns the mou article as a later edit: new hash, a title
// fixed, one relation dropped, one entity gone.
func changed(t *testing.T) schema.Document {
	d := fixture(t, mou)
	d.Article.Hash = strings.Repeat("1", 64)
	d.Article.Title = "Korea, U.S. sign tech prosperity deal"
	d.Relations = slices.DeleteFunc(d.Relations, func(r schema.Relation) bool { return r.Object == "sector/quantum" })
	d.Entities = slices.DeleteFunc(d.Entities, func(e schema.Entity) bool { return e.ID == "sector/quantum" })
	return d
}

func openLog(t *testing.T, cfg Config) *Log {
	t.Helper()
	l, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%q): %v", cfg.DB, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// commit commits writes and fails the test on any error.
func commit(t *testing.T, l *Log, writes ...Write) []Result {
	t.Helper()
	res := l.Commit(context.Background(), writes)
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("write %d (%s): %v", i, writes[i].ID, r.Err)
		}
	}
	return res
}

// put is the write of a new article.
func put(d *schema.Document) Write { return Write{ID: d.Article.ID, Doc: d} }

// replace is the write that turns prev into next.
func replace(prev, next *schema.Document) Write {
	return Write{ID: next.Article.ID, Doc: next, Prior: &Prior{Doc: *prev}}
}

// remove is the write that takes prev out.
func remove(prev *schema.Document) Write {
	return Write{ID: prev.Article.ID, Prior: &Prior{Doc: *prev}}
}

// dump is the store's N-Quads export.
func dump(t *testing.T, l *Log) string {
	t.Helper()
	var b bytes.Buffer
	if err := l.ExportRDF(context.Background(), &b, "nquads", nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// lineDiff lists the lines only one of two dumps has.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}
