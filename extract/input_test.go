package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

const englishText = "The ministry said on Monday that the two countries will work together on trade, energy and technology, and that officials from both sides met in the capital to discuss the plan for the next year."

func TestParseInputRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", []byte("  \n\t\n"), ErrEmpty},
		{"binary", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1}, ErrBinary},
		{"not UTF-8", []byte("caf\xe9 \xff\xfe news of the day"), ErrEncoding},
		{"not English", []byte(strings.Repeat("Правительство подписало соглашение о сотрудничестве. ", 10)), ErrNotEnglish},
		{"not English in Latin script", []byte(strings.Repeat("Le gouvernement a signé un accord de coopération avec ses partenaires européens. ", 5)), ErrNotEnglish},
		{"too large", []byte(strings.Repeat(englishText+"\n", MaxArticleBytes/len(englishText)+1)), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseInput("in/article.txt", tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), "in/article.txt") {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
}

func TestParseInputForms(t *testing.T) {
	tests := []struct {
		name, file, data                   string
		id, title, published, author, publ string
		url                                string
	}{
		{"seed form", "a.txt", "date 2025-10-29 Korea, U.S. sign MOU on technology\nPublished: 29 Oct. 2025, 18:19\n" + englishText + "\nBY KANG KWANG-WOO [kang@example.com]\nwith the Korea JoongAng Daily\nTo write comments, please log in.\n",
			"a.txt", "Korea, U.S. sign MOU on technology", "2025-10-29", "Kang Kwang-woo", "Korea JoongAng Daily", ""},
		{"source header with a date in the URL", "b.txt", "source: https://news.example.org/2024/11/20/story\nBrazil and China sign a package of agreements\n" + englishText + "\n",
			"b.txt", "Brazil and China sign a package of agreements", "2024-11-20", "", "", "https://news.example.org/2024/11/20/story"},
		{"dateline", "c.txt", "Canada and the UK renew their science partnership\nJanuary 31, 2024 -- " + englishText + "\n",
			"c.txt", "Canada and the UK renew their science partnership", "2024-01-31", "", "", ""},
		{"HTML", "d.html", "<!doctype html><html><head><title>Ministers meet in Nairobi to sign a pact</title></head><body><nav>Home | World</nav><article><h1>Ministers meet in Nairobi to sign a pact</h1><p>" + englishText + "</p><p>" + englishText + "</p></article></body></html>",
			"d.html", "Ministers meet in Nairobi to sign a pact", "", "", "", ""},
		{"HTML with a byline and a dateline", "f.html", "<!doctype html><html><head><title>Ministers meet in Nairobi to sign a pact</title></head><body><article><h1>Ministers meet in Nairobi to sign a pact</h1><p class=\"byline\">By Jane Doe and John Roe, Reuters</p><p>NAIROBI, June 2, 2025 (Xinhua) -- " + englishText + "</p><p>" + englishText + "</p></article></body></html>",
			"f.html", "Ministers meet in Nairobi to sign a pact", "2025-06-02", "Jane Doe", "Reuters", ""},
		{"JSON Lines: the record's fields win over the text's", "g.jsonl", `{"id":"g1","title":"Pact signed","published":"2023-06-27","author":"Ann Poe","publisher":"Daily Example","text":"By Jane Doe, Reuters\nNAIROBI, June 2, 2025 (Xinhua) -- ` + englishText + `"}`,
			"g1", "Pact signed", "2023-06-27", "Ann Poe", "Daily Example", ""},
		{"JSON Lines: the text's metadata where the record gives none", "h.jsonl", `{"id":"h1","text":"Pact signed in Nairobi\nBy Jane Doe, Reuters\nNAIROBI, June 2, 2025 (Xinhua) -- ` + englishText + `"}`,
			"h1", "Pact signed in Nairobi", "2025-06-02", "Jane Doe", "Reuters", ""},
		{"JSON Lines", "e.jsonl", `{"id":"e1","title":"Pact signed","published":"2023-06-27","url":"https://x.example/e1","author":"Jane Roe","publisher":"Daily Example","text":"` + englishText + `"}`,
			"e1", "Pact signed", "2023-06-27", "Jane Roe", "Daily Example", "https://x.example/e1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, err := ParseInput(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			a := ins[0].Article
			for _, f := range []struct{ field, got, want string }{
				{"id", a.ID, tt.id}, {"title", a.Title, tt.title}, {"published", a.Published, tt.published},
				{"author", a.Author, tt.author}, {"publisher", a.Publisher, tt.publ}, {"url", a.URL, tt.url},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.field, f.got, f.want)
				}
			}
			if a.Hash == "" {
				t.Error("no content hash")
			}
		})
	}
}

func TestJSONLinesBadLineGoesOn(t *testing.T) {
	data := `{"id":"ok","text":"` + englishText + `"}` + "\n{not json}\n" + `{"id":"empty","text":""}` + "\n"
	ins, err := ParseInput("batch.jsonl", []byte(data))
	if len(ins) != 1 || ins[0].Article.ID != "ok" {
		t.Fatalf("inputs = %d, want the one good line", len(ins))
	}
	if err == nil || !strings.Contains(err.Error(), "batch.jsonl line 2") || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("err = %v, want both bad lines named", err)
	}
}

// TestJSONLinesURLChecked: a url that is not an http or https URL is
// refused with its line; the batch goes on.
func TestJSONLinesURLChecked(t *testing.T) {
	data := `{"id":"ok","url":"https://news.example/ok","text":"` + englishText + `"}` + "\n" + `{"id":"bad","url":"0","text":"` + englishText + `"}` + "\n"
	ins, err := ParseInput("batch.jsonl", []byte(data))
	if len(ins) != 1 || ins[0].Article.URL != "https://news.example/ok" {
		t.Fatalf("inputs = %d, want the one good line with its url", len(ins))
	}
	if err == nil || !strings.Contains(err.Error(), "batch.jsonl line 2") || !strings.Contains(err.Error(), `url "0"`) {
		t.Fatalf("err = %v, want line 2 and its url named", err)
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		text, ref, want string
	}{
		{"signed on June 27, 2023, in Ulaanbaatar", "", "2023-06-27"},
		{"published 29 Oct. 2025, 18:19", "", "2025-10-29"},
		{"on Wednesday (Nov. 20), the two nations", "2024-11-21", "2024-11-20"},
		{"the 2020-01-21 statement", "", "2020-01-21"},
		{"on 9 May 2025", "", "2025-05-09"},
		{"on February 30, 2024", "", ""},
	}
	for _, tt := range tests {
		ds := findDates(tt.text, tt.ref)
		got := ""
		if len(ds) > 0 {
			got = ds[0].Date
		}
		if got != tt.want {
			t.Errorf("findDates(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	rel := []struct{ text, ref, want string }{
		{"announced on Wednesday that", "2025-10-29", "2025-10-29"}, // a Wednesday
		{"signed on Monday", "2025-10-29", "2025-10-27"},
		{"signed today", "2024-03-12", "2024-03-12"},
		{"signed yesterday", "2024-03-12", "2024-03-11"},
	}
	for _, tt := range rel {
		d, ok := resolveRelative(tt.text, tt.ref)
		if !ok || d.Date != tt.want {
			t.Errorf("resolveRelative(%q, %s) = %q, want %q", tt.text, tt.ref, d.Date, tt.want)
		}
	}
}

func TestSectorOffsetsSurviveCaseMapping(t *testing.T) {
	// "Ⱥ" grows a byte when lower-cased: offsets must still be the text's own
	x, err := New(Config{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	text := "Officials said Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ on telecom and chips, İstanbul İ İ and the rest of the region with the plan."
	doc, err := x.Extract(context.Background(), schema.Article{ID: "odd.txt"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.End > len(text) || !utf8.ValidString(text[m.Start:m.End]) {
				t.Errorf("%s mention [%d,%d) is not a slice of the text", e.ID, m.Start, m.End)
			}
		}
	}
}
