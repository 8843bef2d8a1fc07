package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// articleSet is what the speed benchmark and the determinism test read:
// generated articles laid out in the forms news comes in, and the
// evaluation articles when they are there.
type articleSet struct {
	files []string // in the order ExtractAll reads them
	texts []string // each file's article text as the extractor reads it
	words int      // words of those texts
	real  int      // how many of the files are evaluation articles
}

// variedArticles writes n generated articles (seed 1: every run reads the
// same bytes), each in one of the forms below in turn, and adds the
// evaluation articles (EVAL_DIR, else ../shared/eval: its articles and
// gum/articles) when withReal is set and they are there. They are read
// where they lie and never copied into the repository.
func variedArticles(tb testing.TB, n int, withReal bool) articleSet {
	tb.Helper()
	dir := tb.TempDir()
	g := corpus.New(corpus.Config{Seed: 1})
	var set articleSet
	for i := range n {
		name, text := g.Article(i)
		ga := parseGenerated(tb, text, g.Document(i).Article.Publisher)
		form := articleForms[i%len(articleForms)]
		file := filepath.Join(dir, fmt.Sprintf("%04d-%s-%s.%s", i, form.name, name, form.ext))
		if err := os.WriteFile(file, []byte(form.write(ga, i)), 0o644); err != nil {
			tb.Fatal(err)
		}
		set.add(tb, file)
	}
	if !withReal {
		return set
	}
	root := evalDir()
	var real []string
	for _, sub := range []string{"articles", filepath.Join("gum", "articles")} {
		fs, _ := filepath.Glob(filepath.Join(root, sub, "*.txt"))
		real = append(real, fs...)
	}
	if len(real) == 0 {
		tb.Logf("no evaluation articles under %s (set EVAL_DIR): generated articles only", root)
	}
	for _, f := range real {
		set.add(tb, f)
		set.real++
	}
	return set
}

// evalDir is EVAL_DIR, a relative one taken from the repository's root as
// make takes it, or ../shared/eval beside the repository.
func evalDir() string {
	d := os.Getenv("EVAL_DIR")
	if d == "" {
		d = filepath.Join("..", "shared", "eval")
	}
	if !filepath.IsAbs(d) {
		d = filepath.Join("..", d) // tests run in extract/
	}
	return d
}

// add reads file as ExtractAll will and counts its words.
func (s *articleSet) add(tb testing.TB, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	ins, err := extract.ParseInput(file, data)
	if err != nil {
		tb.Fatal(err)
	}
	if len(ins) != 1 {
		tb.Fatalf("%s holds %d articles: the set keeps one to a file, so texts[i] is files[i]'s", file, len(ins))
	}
	s.files = append(s.files, file)
	s.texts = append(s.texts, ins[0].Text)
	s.words += len(strings.Fields(ins[0].Text))
}

// generated is a generated article taken apart: the generator writes the
// seed's form ("date YYYY-MM-DD headline", a Published line, paragraphs,
// "BY NAME", "with the OUTLET").
type generated struct {
	text, title, author, outlet string
	published                   time.Time
	paras                       []string
}

func parseGenerated(tb testing.TB, text, outlet string) generated {
	tb.Helper()
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	n := len(lines)
	if n < 5 || !strings.HasPrefix(lines[0], "date ") || !strings.HasPrefix(lines[n-2], "BY ") {
		tb.Fatalf("the generator's article form changed: %.80q ... %q", text, lines[n-2:])
	}
	head := strings.SplitN(lines[0], " ", 3)
	pub, err := time.Parse("2006-01-02", head[1])
	if err != nil {
		tb.Fatal(err)
	}
	return generated{text: text, title: head[2], published: pub, outlet: outlet,
		author: strings.TrimPrefix(lines[n-2], "BY "), paras: lines[2 : n-2]}
}

// The forms a generated article is laid out in, one after the other.
var articleForms = []struct {
	name, ext string
	write     func(a generated, i int) string
}{
	{"seed", "txt", func(a generated, _ int) string { return a.text }},
	{"wire", "txt", wireForm},
	{"daily", "txt", dailyForm},
	{"page", "html", htmlForm},
	{"record", "jsonl", jsonForm},
	{"brief", "txt", briefForm},
}

var (
	agencies = []string{"Xinhua", "Reuters", "AFP", "Yonhap", "Kyodo", "Bernama", "PTI", "EFE", "dpa", "ANA"}
	cities   = []string{"NAIROBI", "BEIJING", "SEOUL", "HANOI", "MANILA", "ABUJA", "NEW DELHI", "KUALA LUMPUR", "BUENOS AIRES", "RIYADH"}
)

// wireForm: wire copy with a source line, a byline with the agency, a
// dateline and a credit line.
func wireForm(a generated, i int) string {
	agency, city := agencies[i%len(agencies)], cities[i/len(agencies)%len(cities)]
	var b strings.Builder
	fmt.Fprintf(&b, "source: https://news.example.com/%s/story-%d\n%s\nBy %s, %s\n", a.published.Format("2006/01/02"), i, a.title, a.author, agency)
	fmt.Fprintf(&b, "%s, %s (%s) -- %s\n", city, a.published.Format("Jan 2"), agency, a.paras[0])
	for _, p := range a.paras[1:] {
		b.WriteString(p + "\n")
	}
	fmt.Fprintf(&b, "(Reporting by %s in %s; Editing by Ann Poe)\n", a.author, city)
	return b.String()
}

// dailyForm: a daily's page as text: headline, writer and role, a date
// line with its time and zone, paragraphs apart, a copyright line.
func dailyForm(a generated, _ int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s | Staff Reporter\n%s | 10:15 am GMT+7\n\n", a.title, a.author, a.published.Format("Mon, January 2, 2006"))
	for _, p := range a.paras {
		b.WriteString(p + "\n\n")
	}
	fmt.Fprintf(&b, "© %d %s. All rights reserved.\n", a.published.Year(), a.outlet)
	return b.String()
}

// htmlForm: a web page with navigation around the article.
func htmlForm(a generated, _ int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title><meta property=\"og:site_name\" content=\"%s\">"+
		"<meta property=\"article:published_time\" content=\"%sT10:15:00+07:00\"></head><body>"+
		"<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/business\">Business</a></nav>"+
		"<article><h1>%s</h1><p class=\"byline\">By %s</p>\n",
		html.EscapeString(a.title), html.EscapeString(a.outlet), a.published.Format("2006-01-02"), html.EscapeString(a.title), html.EscapeString(a.author))
	for _, p := range a.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article><footer>Subscribe to our newsletter. Follow us.</footer></body></html>\n")
	return b.String()
}

// jsonForm: a JSON Lines record that gives the metadata beside the text.
func jsonForm(a generated, i int) string {
	rec := map[string]string{"id": fmt.Sprintf("record-%d", i), "title": a.title, "published": a.published.Format("2006-01-02"),
		"author": a.author, "publisher": a.outlet, "url": fmt.Sprintf("https://news.example.com/record-%d", i),
		"text": strings.Join(a.paras, "\n")}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(rec); err != nil {
		panic(err) // a map of strings always encodes
	}
	return b.String()
}

// briefForm: a short item, headline, date and one paragraph.
func briefForm(a generated, i int) string {
	return fmt.Sprintf("%s\n%s\n%s — %s\n", a.title, a.published.Format("2 January 2006"), cities[i%len(cities)], a.paras[0])
}

// TestDeterministicVaried: the same articles, in every form, give
// byte-identical JSON from one extractor run twice and from another with
// one worker instead of two.
func TestDeterministicVaried(t *testing.T) {
	set := variedArticles(t, 4*len(articleForms), true)
	two := extractor(t) // the package's shared extractor, two workers
	one, err := extract.New(extract.Config{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var runs [][]string
	var sources []string
	for _, x := range []*extract.Extractor{two, two, one} {
		var out []string
		sources = sources[:0]
		err := x.ExtractAll(context.Background(), set.files, func(r extract.Result) error {
			if r.Err != nil {
				return r.Err
			}
			b, err := json.Marshal(r.Doc)
			out = append(out, string(b))
			sources = append(sources, r.Source)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, out)
	}
	for k, run := range runs[1:] {
		if len(run) != len(runs[0]) {
			t.Fatalf("run %d gave %d documents, run 0 %d", k+1, len(run), len(runs[0]))
		}
		for i := range run {
			if run[i] != runs[0][i] {
				t.Errorf("run %d differs from run 0 on %s", k+1, sources[i])
			}
		}
	}
}
