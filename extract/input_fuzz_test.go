package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// readerNames are the names FuzzParseInput gives its input, one per way a
// reader is chosen: by extension (text, HTML, JSON Lines) or by content
// (no extension).
var readerNames = []string{"in/article.txt", "in/page.html", "in/feed.jsonl", "in/article"}

// FuzzParseInput feeds the article readers (plain text, the seed's header
// form, source: headers, HTML, JSON Lines) anything, and checks what they
// promise: no panic; an error naming the input, or articles whose ids
// print, whose hash is their text's, whose dates are dates and whose lines
// lie inside their text, in order.
//
//	go test -run '^$' -fuzz '^FuzzParseInput$' -fuzztime 60s ./extract/
func FuzzParseInput(f *testing.F) {
	for _, seed := range readerSeeds(f) {
		for kind := range readerNames {
			f.Add(uint8(kind), seed)
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := readerNames[int(kind)%len(readerNames)]
		ins, err := ParseInput(name, data)
		if err != nil && !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name the input %s", err, name)
		}
		if err == nil && len(ins) == 0 {
			t.Error("no articles and no error")
		}
		for _, in := range ins {
			checkRead(t, in)
		}
	})
}

func checkRead(t *testing.T, in Input) {
	t.Helper()
	a := in.Article
	if err := schema.CheckArticleID(a.ID); err != nil {
		t.Errorf("article id: %v", err)
	}
	if !utf8.ValidString(in.Text) {
		t.Errorf("article %q: text is not UTF-8", a.ID)
	}
	if a.Hash != contentHash(in.Text) {
		t.Errorf("article %q: hash %s is not its text's", a.ID, a.Hash)
	}
	if a.Published != "" && !schema.IsDate(a.Published) {
		t.Errorf("article %q: published %q is not YYYY-MM-DD", a.ID, a.Published)
	}
	if a.URL != "" && !schema.IsWebURL(a.URL) {
		t.Errorf("article %q: url %q", a.ID, a.URL)
	}
	end := 0
	for _, l := range in.lines {
		if l.Start < end || l.End < l.Start || l.End > len(in.Text) {
			t.Fatalf("article %q: line [%d,%d) out of order or outside the text of %d bytes", a.ID, l.Start, l.End, len(in.Text))
		}
		end = l.End
	}
}

// readerSeeds are articles in every form the readers take: the seed
// article, the golden tests' texts, forms written here, and the
// development articles when ../shared/eval is there.
func readerSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		[]byte("date 2025-10-29 Korea, U.S. sign MOU on technology\nPublished: 29 Oct. 2025, 18:19\n" + englishText + "\nBY KANG KWANG-WOO [kang@example.com]\nwith the Korea JoongAng Daily\n"),
		[]byte("source: https://news.example.org/2024/11/20/story\nBrazil and China sign a package of agreements\n" + englishText + "\n"),
		[]byte("Canada and the UK renew their science partnership\nJanuary 31, 2024 -- " + englishText + "\n"),
		[]byte("<!doctype html><html><head><title>Ministers meet in Nairobi</title><meta property=\"article:published_time\" content=\"2024-03-02T10:00:00Z\"></head><body><article><h1>Ministers meet</h1><p class=\"byline\">By Jane Roe</p><p>" + englishText + "</p></article></body></html>"),
		[]byte(`{"id":"e1","title":"Pact signed","published":"2023-06-27","url":"https://x.example/e1","author":"Jane Roe","publisher":"Daily Example","text":"` + englishText + `"}` + "\n" + `{"text":"` + englishText + `"}` + "\n{not json\n"),
		[]byte(`{"id":"a\u202eb","text":"` + englishText + `"}`),
		[]byte("\ufeff" + englishText),
		[]byte(englishText + "\r\n\r\n" + strings.Repeat("The minister signed the agreement. ", 20)),
	}
	var files []string
	for _, glob := range []string{"../seeds/*.txt", "testdata/*.txt", filepath.Join(evalDir(), "articles", "*")} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				f.Fatal(err)
			}
			continue
		}
		seeds = append(seeds, b)
	}
	return seeds
}

func evalDir() string {
	if d := os.Getenv("EVAL_DIR"); d != "" {
		return d
	}
	return "../../shared/eval"
}
