package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

func TestDeterminism(t *testing.T) {
	a, b, other := New(Config{Seed: 1}), New(Config{Seed: 1}), New(Config{Seed: 2})
	// warm a up on other articles first: article i must not depend on
	// what was generated before it
	for i := range 5 {
		a.Article(100 + i)
	}
	tests := []struct {
		name     string
		g1, g2   *Generator
		i1, i2   int
		wantSame bool
	}{
		{"same seed, same article", a, b, 7, 7, true},
		{"same seed, same article, far out", a, b, 123456, 123456, true},
		{"same seed, next article", a, b, 7, 8, false},
		{"same story, other article", a, b, 7, 7 + stories, false},
		{"other seed, same article", a, other, 7, 7, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n1, t1 := tt.g1.Article(tt.i1)
			n2, t2 := tt.g2.Article(tt.i2)
			if same := n1 == n2 && t1 == t2; same != tt.wantSame {
				t.Errorf("article %d vs %d: same = %v, want %v", tt.i1, tt.i2, same, tt.wantSame)
			}
			if d1, d2 := tt.g1.Document(tt.i1), tt.g2.Document(tt.i2); tt.wantSame && d1.Article.Hash != d2.Article.Hash {
				t.Errorf("documents of article %d differ", tt.i1)
			}
		})
	}
}

var headerRE = regexp.MustCompile(`^date \d{4}-\d{2}-\d{2} \S.*\nPublished: \d{1,2} \w{3}\. \d{4}, \d{2}:\d{2}\n`)

func TestArticleForm(t *testing.T) {
	g := New(Config{Seed: 1})
	for i := range 50 {
		_, text := g.Article(i)
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		paras := len(lines) - 4
		switch {
		case !headerRE.MatchString(text):
			t.Errorf("article %d: header %q", i, lines[:2])
		case !strings.HasPrefix(lines[len(lines)-2], "BY ") || !strings.HasPrefix(lines[len(lines)-1], "with the "):
			t.Errorf("article %d: byline %q", i, lines[len(lines)-2:])
		case paras < 6 || paras > 20:
			t.Errorf("article %d: %d paragraphs, want 6 to 20", i, paras)
		}
	}
}

// TestDocument checks the ground truth against its text: it validates, the
// metadata is the article's, every mention spells its entity's name or an
// alias (or, for a country, a demonym), and every evidence is its span.
func TestDocument(t *testing.T) {
	g := New(Config{Seed: 1})
	demonyms := map[string]bool{}
	for _, c := range g.lib.countries {
		demonyms[schema.Fold(c.Demonym)] = true
		demonyms[schema.Fold(c.Short)] = true
	}
	preds := map[schema.Predicate]int{}
	for i := range 200 {
		name, text := g.Article(i)
		doc := g.Document(i)
		if err := doc.Validate(len(text)); err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		if a := doc.Article; a.ID != name || a.Hash != sha256Hex(text) || !strings.Contains(text, a.Title) ||
			!strings.HasPrefix(text, "date "+a.Published) || !strings.Contains(text, "with the "+a.Publisher) {
			t.Errorf("article %d: metadata %+v does not describe the text", i, a)
		}
		for _, e := range doc.Entities {
			checkMentions(t, i, e, text, demonyms)
		}
		for _, r := range doc.Relations {
			preds[r.Predicate]++
			if ev := r.Evidence; text[ev.Start:ev.End] != ev.Text || r.Rule != "corpus" {
				t.Errorf("article %d: %s: evidence %q is not the text at [%d,%d)", i, r.Key(), ev.Text, ev.Start, ev.End)
			}
		}
	}
	for _, p := range schema.Predicates {
		if preds[p.Name] == 0 {
			t.Errorf("no article states a %s relation", p.Name)
		}
	}
}

func checkMentions(t *testing.T, i int, e schema.Entity, text string, demonyms map[string]bool) {
	t.Helper()
	names := []string{schema.Fold(e.Name)}
	for _, a := range e.Aliases {
		names = append(names, schema.Fold(a))
	}
	for _, m := range e.Mentions {
		got := schema.Fold(text[m.Start:m.End])
		if !slices.Contains(names, got) && !(e.Type == schema.Country && demonyms[got]) {
			t.Errorf("article %d: %s mention [%d,%d) is %q, not a name of it", i, e.ID, m.Start, m.End, text[m.Start:m.End])
		}
	}
}

func TestWordCounts(t *testing.T) {
	g := New(Config{Seed: 1})
	const n = 300
	total, short, long := 0, 0, 0
	for i := range n {
		_, text := g.Article(i)
		w := len(strings.Fields(text))
		if w < 150 || w > 1500 {
			t.Errorf("article %d has %d words, want 150 to 1,500", i, w)
		}
		total += w
		if w < 300 {
			short++
		}
		if w > 900 {
			long++
		}
	}
	mean := total / n
	tests := []struct {
		what     string
		got      int
		min, max int
	}{
		{"mean words", mean, 430, 580},
		{"articles under 300 words", short, 10, 120},
		{"articles over 900 words", long, 5, 60},
	}
	for _, tt := range tests {
		if tt.got < tt.min || tt.got > tt.max {
			t.Errorf("%s = %d, want %d to %d", tt.what, tt.got, tt.min, tt.max)
		}
	}
}

// TestOverlap checks that articles share entities, so that a graph of many
// of them is connected: the most frequent entity of each type recurs in at
// least min of 300 documents, and the articles of a story share its agreement.
func TestOverlap(t *testing.T) {
	g := New(Config{Seed: 1})
	docs := map[string]int{}
	for i := range 300 {
		for _, e := range g.Document(i).Entities {
			docs[e.ID]++
		}
	}
	tests := []struct {
		typ schema.EntityType
		min int
	}{
		{schema.Country, 12}, {schema.Sector, 30}, {schema.Person, 5}, {schema.Ministry, 5},
		{schema.Event, 5}, {schema.Location, 5}, {schema.Organization, 10},
	}
	for _, tt := range tests {
		best, bestID := 0, ""
		for id, n := range docs {
			if typ, _ := schema.TypeOfID(id); typ == tt.typ && n > best {
				best, bestID = n, id
			}
		}
		if best < tt.min {
			t.Errorf("most frequent %s %q is in %d documents, want at least %d", tt.typ, bestID, best, tt.min)
		}
	}
	for _, i := range []int{3, 250} {
		a, b := agreements(g.Document(i)), agreements(g.Document(i+stories))
		if len(a) == 0 || !slices.Equal(a, b) {
			t.Errorf("articles %d and %d of one story name agreements %q and %q", i, i+stories, a, b)
		}
	}
}

func agreements(d schema.Document) []string {
	var out []string
	for _, e := range d.Entities {
		if e.Type == schema.Agreement {
			out = append(out, e.ID)
		}
	}
	return out
}

func TestWriteDir(t *testing.T) {
	g := New(Config{Seed: 3})
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := g.WriteDir(dir, 4); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		name, text := g.Article(i)
		got, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil || string(got) != text {
			t.Errorf("article %d: file %s.txt does not hold its text (err %v)", i, name, err)
		}
	}
}

// TestLibrary keeps the embedded data as large as the package promises.
func TestLibrary(t *testing.T) {
	lib, err := loadLibrary()
	if err != nil {
		t.Fatal(err)
	}
	given, family := map[string]bool{}, map[string]bool{}
	for _, c := range lib.cultures {
		for _, n := range c.given {
			given[n] = true
		}
		for _, n := range c.family {
			family[n] = true
		}
	}
	templates := 0
	for _, ts := range lib.templates {
		templates += len(ts)
	}
	tests := []struct {
		what     string
		got, min int
	}{
		{"countries", len(lib.countries), 60},
		{"given names", len(given), 300},
		{"family names", len(family), 300},
		{"name cultures", len(lib.cultures), 10},
		{"sentence templates", templates, 40},
		{"sectors", len(lib.sectors), len(schema.Sectors())},
	}
	for _, tt := range tests {
		if tt.got < tt.min {
			t.Errorf("%s: %d, want at least %d", tt.what, tt.got, tt.min)
		}
	}
}
