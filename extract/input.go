package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/newsgraph/newsgraph/schema"
)

// MaxArticleBytes is the largest article the extractor reads.
const MaxArticleBytes = 5 << 20

// Input is one article as read: its metadata and the text that every offset
// of its extraction refers to. For plain-text forms Text is the input as
// read; for HTML it is the readable text; for JSON Lines the "text" field.
type Input struct {
	Article schema.Article
	Text    string

	lines []line // the text's classified lines, when already read
}

// Errors that name why an input was refused; wrapped with the input's name.
var (
	ErrEmpty      = errors.New("article is empty")
	ErrBinary     = errors.New("article is binary, not text")
	ErrEncoding   = errors.New("article is not valid UTF-8")
	ErrTooLarge   = fmt.Errorf("article is larger than %d bytes", MaxArticleBytes)
	ErrNotEnglish = errors.New("article does not look like English text")
)

// ParseInput reads the articles in data, named name (a file path or any
// label; article ids are its base name). HTML and JSON Lines are recognised
// by name or content; anything else is text in one of the forms news comes
// in (the seed's "date YYYY-MM-DD title" header, a "source: URL" header, or
// plain text). A JSON Lines input yields one Input per line; a bad line is
// reported in the returned error (errors.Join) while the good ones are kept.
func ParseInput(name string, data []byte) ([]Input, error) {
	if err := checkInput(name, data); err != nil {
		return nil, err
	}
	id := filepath.Base(name)
	if err := schema.CheckArticleID(id); err != nil && !isJSONLines(name, data) {
		return nil, fmt.Errorf("extract: %q: %w", name, err)
	}
	switch {
	case isJSONLines(name, data):
		return parseJSONLines(name, data)
	case isHTML(name, data):
		in, err := parseHTML(id, name, data)
		if err != nil {
			return nil, err
		}
		return []Input{in}, nil
	}
	in := parseText(id, name, string(data))
	if err := checkEnglish(in.Text); err != nil {
		return nil, fmt.Errorf("extract: %s: %w", name, err)
	}
	return []Input{in}, nil
}

// checkInput refuses what no form of article can be: too large, empty,
// binary or not UTF-8. The error names the input.
func checkInput(name string, data []byte) error {
	if len(data) > MaxArticleBytes {
		return fmt.Errorf("extract: %s: %w (%d bytes)", name, ErrTooLarge, len(data))
	}
	if err := checkText(data); err != nil {
		return fmt.Errorf("extract: %s: %w", name, err)
	}
	return nil
}

func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return ErrBinary
	}
	if !utf8.Valid(data) {
		return ErrEncoding
	}
	ctrl := 0
	for _, b := range data {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	if ctrl*100 > len(data) {
		return ErrBinary
	}
	return nil
}

// checkEnglish refuses text that is mostly another script or has almost none
// of English's commonest words: the rules and gazetteers are English.
func checkEnglish(text string) error {
	latin, letters := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if r < 0x250 {
				latin++
			}
		}
	}
	if letters == 0 {
		return ErrEmpty
	}
	if latin*10 < letters*7 {
		return fmt.Errorf("%w (%d%% of its letters are not Latin)", ErrNotEnglish, 100-latin*100/letters)
	}
	words := strings.Fields(strings.ToLower(text))
	if len(words) < 20 {
		return nil // too short to judge
	}
	common := 0
	for _, w := range words {
		switch strings.Trim(w, ".,;:\"'()") {
		case "the", "and", "of", "to", "in", "is", "for", "on", "with", "that", "by", "as", "was", "will", "be", "has", "have", "said":
			common++
		}
	}
	if common*100 < len(words)*6 {
		return fmt.Errorf("%w (%d of %d words are common English words)", ErrNotEnglish, common, len(words))
	}
	return nil
}

func isJSONLines(name string, data []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".jsonl" || ext == ".ndjson" {
		return true
	}
	return ext != ".txt" && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{"))
}

func isHTML(name string, data []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" {
		return true
	}
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	head = strings.TrimSpace(head)
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

type jsonArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Author    string `json:"author"`
	Publisher string `json:"publisher"`
	Text      string `json:"text"`
}

func parseJSONLines(name string, data []byte) ([]Input, error) {
	var out []Input
	var errs []error
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var ja jsonArticle
		if err := json.Unmarshal(line, &ja); err != nil {
			errs = append(errs, fmt.Errorf("extract: %s line %d: %w", name, i+1, err))
			continue
		}
		in, err := jsonInput(name, i+1, ja)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, in)
	}
	if len(out) == 0 && len(errs) == 0 {
		return nil, fmt.Errorf("extract: %s: %w", name, ErrEmpty)
	}
	return out, errors.Join(errs...)
}

func jsonInput(name string, line int, ja jsonArticle) (Input, error) {
	where := fmt.Sprintf("%s line %d", name, line)
	if ja.ID == "" {
		ja.ID = fmt.Sprintf("%s#%d", filepath.Base(name), line)
	}
	if err := schema.CheckArticleID(ja.ID); err != nil {
		return Input{}, fmt.Errorf("extract: %s: %w", where, err)
	}
	if err := checkText([]byte(ja.Text)); err != nil {
		return Input{}, fmt.Errorf("extract: %s (%s): %w", where, ja.ID, err)
	}
	if err := checkEnglish(ja.Text); err != nil {
		return Input{}, fmt.Errorf("extract: %s (%s): %w", where, ja.ID, err)
	}
	if ja.URL != "" && !schema.IsWebURL(ja.URL) {
		return Input{}, fmt.Errorf("extract: %s (%s): url %q is not an http or https URL", where, ja.ID, ja.URL)
	}
	given := schema.Article{ID: ja.ID, Source: name, URL: ja.URL, Title: ja.Title, Author: ja.Author, Publisher: ja.Publisher}
	if ds := findDates(ja.Published, ""); len(ds) > 0 {
		given.Published = ds[0].Date
	}
	return parseArticle(given, ja.Text), nil
}

func parseHTML(id, name string, data []byte) (Input, error) {
	doc, err := readability.FromReader(bytes.NewReader(data), nil)
	if err != nil {
		return Input{}, fmt.Errorf("extract: %s: reading HTML: %w", name, err)
	}
	var b strings.Builder
	if err := doc.RenderText(&b); err != nil {
		return Input{}, fmt.Errorf("extract: %s: no readable text in HTML: %w", name, err)
	}
	text := strings.TrimSpace(b.String())
	if text == "" {
		return Input{}, fmt.Errorf("extract: %s: %w (no readable text in the HTML)", name, ErrEmpty)
	}
	if err := checkEnglish(text); err != nil {
		return Input{}, fmt.Errorf("extract: %s: %w", name, err)
	}
	author, outlet := bylineOf(doc.Byline())
	given := schema.Article{ID: id, Source: name, Title: strings.TrimSpace(doc.Title()),
		Author: author, Publisher: firstNonEmpty(doc.SiteName(), outlet)}
	if t, err := doc.PublishedTime(); err == nil && !t.IsZero() {
		given.Published = t.UTC().Format("2006-01-02")
	}
	return parseArticle(given, text), nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func contentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}
