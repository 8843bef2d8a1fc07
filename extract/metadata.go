package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/schema"
)

// A line of the article with its byte range and what it is.
type line struct {
	Start, End int
	Kind       lineKind
}

type lineKind int

const (
	bodyLine lineKind = iota
	headerLine
	titleLine
	bylineLine
	boilerLine
)

var (
	seedHeaderRE = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$`)
	sourceRE     = regexp.MustCompile(`^\s*source:\s*(\S+)\s*$`)
	publishedRE  = regexp.MustCompile(`(?i)^\s*(?:published|posted|updated)\s*:?\s*(.+)$`)
	bylineRE     = regexp.MustCompile(`^\s*(?i:by)\s+([\p{L}][\p{L}' .-]+?)(?:\s*[\[(<].*)?\s*$`)
	withRE       = regexp.MustCompile(`^\s*(?:with|for)\s+(?:the\s+)?([\p{Lu}][\p{L}&' .-]+?)\s*$`)
	issuedByRE   = regexp.MustCompile(`(?i)(?:press release|statement|release)\s+(?:was\s+)?(?:issued|published)\s+by\s+(?:the\s+)?([\p{Lu}][^.]*?)\s+on\s+`)
	datelineRE   = regexp.MustCompile(`^\s*(.{6,40}?\d{4})\s*(?:--|—|–)\s`)
	titlePrefix  = regexp.MustCompile(`(?i)^\s*(?:[•*\-]\s*)?(?:press release|news release|news story|statement)\s*:\s*`)
	titleSuffix  = regexp.MustCompile(`\s*\[[^\]]*\d{4}\]\s*$`)
)

// boilerplate is what a page wraps an article in: comment prompts,
// navigation, syndication notes. A line matching one of these is left out of
// extraction (its offsets still count).
var boilerplate = regexp.MustCompile(`(?i)^\s*(?:` + strings.Join([]string{
	`to write comments`, `standards board policy`, `skip to (?:main )?content`, `showing posts with label`,
	`this article was originally written`, `it was then edited by`, `all ai-assisted translations`,
	`/?public release\.`, `this material from the originating organization`, `view in full here`,
	`tag(?: archives)?\s*:`, `image_pdfimage_print`, `share this`, `click here`, `this is an archived site`,
	`this site contains information from`, `for immediate release`, `contact\b`, `\d{3}-\d{3}-\d{4}\s*$`,
	`press releases?\s*$`, `read more`, `related (?:articles|stories)`, `copyright`, `©`, `all rights reserved`,
	`subscribe`, `sign up`, `follow us`, `advertisement`, `flag of `, `(?:\d+\s+)?comments?\s*$`,
}, "|") + `)`)

// parseText splits text into lines, classifies them and reads the article's
// metadata from what the article states.
func parseText(id, source, text string) Input {
	return parseArticle(schema.Article{ID: id, Source: source}, text)
}

// parseArticle is parseText for an article whose caller already knows some
// of its metadata (a JSON record's fields, an HTML page's tags, an API
// request): what given states wins over what the text states.
func parseArticle(given schema.Article, text string) Input {
	a := given
	a.Hash, a.Words = contentHash(text), len(strings.Fields(text))
	lines := layout(text, &a)
	return Input{Article: a, Text: text, lines: lines}
}

// layout splits text into classified lines and fills the metadata of a
// that the text states and a does not already have.
func layout(text string, a *schema.Article) []line {
	given := *a
	lines := splitLines(text)
	for i := range lines {
		classifyLine(text, lines, i, a)
	}
	title := guessTitle(text, lines)
	a.Title = firstNonEmpty(given.Title, a.Title, title)
	a.Published = firstNonEmpty(given.Published, a.Published)
	if a.Published == "" {
		a.Published = guessPublished(text, lines)
	}
	if a.Published == "" {
		a.Published = dateFromURL(a.URL) // the text's own source line first, then the given URL
	}
	a.URL = firstNonEmpty(given.URL, a.URL)
	a.Author = firstNonEmpty(given.Author, a.Author)
	a.Publisher = firstNonEmpty(given.Publisher, a.Publisher)
	if a.Publisher == "" {
		a.Publisher = sourceLine(text, lines)
	}
	return lines
}

func splitLines(text string) []line {
	var out []line
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			out = append(out, line{Start: start, End: i})
			start = i + 1
		}
	}
	return out
}

func classifyLine(text string, lines []line, i int, a *schema.Article) {
	l := &lines[i]
	s := text[l.Start:l.End]
	switch {
	case strings.TrimSpace(s) == "":
		l.Kind = boilerLine
	case i < 3 && seedHeaderRE.MatchString(s):
		m := seedHeaderRE.FindStringSubmatch(s)
		a.Published = m[1]
		if t := strings.TrimSpace(m[2]); len(strings.Fields(t)) >= 3 && looksLikeHeadline(t) {
			a.Title = t
			l.Kind = titleLine
		} else {
			// the header carries the date only; the rest is body text
			l.Kind = bodyLine
		}
	case i < 3 && sourceRE.MatchString(s):
		u := sourceRE.FindStringSubmatch(s)[1]
		if validURL(u) {
			a.URL = u
		}
		l.Kind = headerLine
	case i < 6 && publishedRE.MatchString(s):
		if ds := findDates(publishedRE.FindStringSubmatch(s)[1], ""); len(ds) > 0 {
			a.Published = ds[0].Date
			l.Kind = headerLine
		}
	case bylineRE.MatchString(s) && isBylineName(bylineRE.FindStringSubmatch(s)[1]):
		a.Author = nameCase(bylineRE.FindStringSubmatch(s)[1])
		l.Kind = bylineLine
		if i+1 < len(lines) {
			if m := withRE.FindStringSubmatch(text[lines[i+1].Start:lines[i+1].End]); m != nil {
				a.Publisher = strings.TrimSpace(m[1])
			}
		}
	case i > 0 && lines[i-1].Kind == bylineLine && withRE.MatchString(s):
		l.Kind = bylineLine
	case boilerplate.MatchString(s):
		l.Kind = boilerLine
	}
	if m := issuedByRE.FindStringSubmatch(s); m != nil && a.Publisher == "" {
		a.Publisher = strings.TrimSpace(m[1])
	}
}

// isBylineName accepts two to four name words: "KANG KWANG-WOO", "Jane Doe".
func isBylineName(s string) bool {
	n := len(strings.Fields(s))
	return n >= 2 && n <= 4 && !strings.ContainsAny(s, "0123456789")
}

// nameCase turns an all-capitals byline name into name case, hyphenated
// parts included ("KANG KWANG-WOO" -> "Kang Kwang-woo").
func nameCase(s string) string {
	s = strings.TrimSpace(s)
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// guessTitle takes the first line near the top that reads like a headline:
// four words or more, not a sentence of the body, not boilerplate.
func guessTitle(text string, lines []line) string {
	for i, l := range lines {
		if l.Kind == titleLine {
			return ""
		}
		if i > 12 {
			break
		}
		if l.Kind != bodyLine {
			continue
		}
		s := strings.TrimSpace(text[l.Start:l.End])
		t := titleSuffix.ReplaceAllString(titlePrefix.ReplaceAllString(s, ""), "")
		if looksLikeHeadline(t) {
			lines[i].Kind = titleLine
			return t
		}
	}
	return ""
}

func looksLikeHeadline(s string) bool {
	words := strings.Fields(s)
	if len(words) < 4 || len(words) > 30 {
		return false
	}
	if strings.ToUpper(s) == s || len(findDates(s, "")) > 0 && len(words) < 6 {
		return false
	}
	last := s[len(s)-1]
	if last == '.' && !strings.HasSuffix(s, "...") || last == ':' || last == ',' {
		return false
	}
	return unicode.IsUpper([]rune(s)[0]) || unicode.IsDigit([]rune(s)[0])
}

// guessPublished looks for the date the article states near its top: a line
// that is only a date, a dateline ("January 31, 2024 -- ..."), or a press
// note ("issued by ... on 12 March 2024", "signed today (9 May 2025)").
func guessPublished(text string, lines []line) string {
	for i, l := range lines {
		if i > 15 {
			break
		}
		s := strings.TrimSpace(text[l.Start:l.End])
		ds := findDates(s, "")
		if len(ds) == 0 {
			continue
		}
		if len(strings.Fields(s)) <= 5 || datelineRE.MatchString(s) || issuedByRE.MatchString(s) {
			return ds[0].Date
		}
	}
	if m := todayDateRE.FindStringSubmatch(text); m != nil {
		if ds := findDates(m[1], ""); len(ds) > 0 && ds[0].Date[:4] != "0000" {
			return ds[0].Date
		}
	}
	return ""
}

var todayDateRE = regexp.MustCompile(`(?i)\btoday\s*\(\s*(?:[A-Z][a-z]+day,?\s+)?([^)]*\d{4})\s*\)`)

// cleanByline turns a page's byline ("By Jane Doe, Staff Reporter") into a name.
func cleanByline(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "By "), "by ")
	if i := strings.IndexAny(s, ",|("); i > 0 {
		s = s[:i]
	}
	return nameCase(strings.TrimSpace(s))
}

var agencyLineRE = regexp.MustCompile(`^(?:The\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}(?:Department|Ministry|Office|Agency|Commission|Administration)(?:\s+(?:of|for)(?:\s+the)?\s+[A-Z][\w'’-]*(?:,?\s+(?:and\s+)?[A-Z][\w'’-]*){0,4})?$`)

// sourceLine reads the issuing body a reprinted press release names on a
// line of its own right under the headline ("Department of State").
func sourceLine(text string, lines []line) string {
	for i, l := range lines {
		if l.Kind != titleLine {
			continue
		}
		for k := i + 1; k < len(lines) && k <= i+3; k++ {
			s := strings.TrimSpace(text[lines[k].Start:lines[k].End])
			if s == "" {
				continue
			}
			if len(strings.Fields(s)) <= 8 && agencyLineRE.MatchString(s) {
				return s
			}
			return ""
		}
	}
	return ""
}
