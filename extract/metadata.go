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
	// names are the people, outlets and places a byline, credit line or
	// dateline on this line names, for metadataMentions.
	names []statedName
}

type lineKind int

const (
	bodyLine lineKind = iota
	headerLine
	titleLine
	bylineLine
	boilerLine
	datelineLine
)

// statedName is a name a metadata line states, in article offsets.
type statedName struct {
	Start, End int
	Type       schema.EntityType // Person, Organization or Location
	Name       string            // as a name reads: "Nairobi" for "NAIROBI"
	Rule       string
	// Sure: the line's form says what the name is. Otherwise (a place after
	// "in", a dateline in title case) it counts only if the gazetteer knows
	// it as a thing of that type.
	Sure bool
}

// stated is the metadata an article's lines give. Each field keeps the
// value of the line that says it most plainly (the lowest rank), the first
// such line on a tie.
type stated struct {
	title, url                   string
	published, author, publisher claim
}

type claim struct {
	value string
	rank  int
}

func (c *claim) offer(v string, rank int) {
	if v = strings.TrimSpace(v); v != "" && (c.value == "" || rank < c.rank) {
		c.value, c.rank = v, rank
	}
}

// The ranks of what states a publication date, an author, a publisher.
const (
	byHeader    = iota // the seed's "date YYYY-MM-DD" header
	byLabel            // "Published: ...", "By Jane Doe, Reuters", "with the Daily"
	byPlainLine        // a line that is a date; a byline without "By"; "Source: Xinhua"
	byDateline         // "NAIROBI, June 2 (Xinhua) --"; a credit line
	byGuess            // a press release's "issued by X on 12 March 2024", "today (9 May 2025)"
	byUpdate           // "Updated ..."
	byLayout           // an agency's name on its own line under the headline
)

var (
	seedHeaderRE = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$`)
	sourceRE     = regexp.MustCompile(`^\s*source:\s*(\S+)\s*$`)
	withRE       = regexp.MustCompile(`^\s*(?:with|for)\s+(?:the\s+)?([\p{Lu}][\p{L}&' .-]+?)\s*$`)
	issuedByRE   = regexp.MustCompile(`(?i)(?:press release|statement|release)\s+(?:was\s+)?(?:issued|published)\s+by\s+(?:the\s+)?([\p{Lu}][^.]*?)\s+on\s+`)
	datelineRE   = regexp.MustCompile(`^\s*(.{6,40}?\d{4})\s*(?:--|—|–)\s`)
	titlePrefix  = regexp.MustCompile(`(?i)^\s*(?:[•*\-]\s*)?(?:press release|news release|news story|statement)\s*:\s*`)
	titleSuffix  = regexp.MustCompile(`\s*\[[^\]]*\d{4}\]\s*$`)
	// "Source: Xinhua| 2025-06-02 10:15:00|Editor: Jane Doe"
	sourceNameRE = regexp.MustCompile(`(?i)^\s*source\s*:\s*([^|]+?)\s*(?:\||$)`)
	// an agency signing off at the story's end: "-- BERNAMA"
	signOffRE = regexp.MustCompile(`^\s*(?:--|—|–)\s*(\p{L}[\p{L}&.' -]{1,40}?)\s*$`)
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
	`enditem\s*$`, `\(end\)\s*$`,
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
	var st stated
	ds := &dateStyle{text: text}
	for i := range lines {
		classifyLine(text, lines, i, &st, ds)
	}
	bareBylines(text, lines, &st, ds)
	title := guessTitle(text, lines)
	url := firstNonEmpty(st.url, given.URL) // the text's own source line first, then the given URL
	lines = readDateline(text, lines, firstNonEmpty(given.Published, st.published.value, dateFromURL(url)), &st, ds)
	if st.published.value == "" || st.published.rank > byGuess {
		st.published.offer(guessPublished(text, lines), byGuess)
	}
	if st.publisher.value == "" {
		st.publisher.offer(sourceLine(text, lines), byLayout)
	}

	a.Title = firstNonEmpty(given.Title, st.title, title)
	a.Published = firstNonEmpty(given.Published, st.published.value, dateFromURL(url))
	a.URL = firstNonEmpty(given.URL, st.url)
	a.Author = firstNonEmpty(given.Author, st.author.value)
	a.Publisher = firstNonEmpty(given.Publisher, st.publisher.value)
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

// nearTop and nearEnd bound where headers, dates and bylines without "By"
// are looked for.
const nearTop, nearEnd = 15, 5

func classifyLine(text string, lines []line, i int, st *stated, ds *dateStyle) {
	l := &lines[i]
	s := text[l.Start:l.End]
	edge := i < nearTop || i >= len(lines)-nearEnd
	switch {
	case strings.TrimSpace(s) == "":
		l.Kind = boilerLine
	case i < 3 && seedHeaderRE.MatchString(s):
		m := seedHeaderRE.FindStringSubmatch(s)
		st.published.offer(m[1], byHeader)
		if t := strings.TrimSpace(m[2]); len(strings.Fields(t)) >= 3 && looksLikeHeadline(t) {
			st.title = t
			l.Kind = titleLine
		} else {
			// the header carries the date only; the rest is body text
			l.Kind = bodyLine
		}
	case i < 3 && sourceRE.MatchString(s):
		if u := sourceRE.FindStringSubmatch(s)[1]; schema.IsWebURL(u) {
			st.url = u
		}
		l.Kind = headerLine
	case edge && readSourceName(s, l, st, ds):
	case len(s) < 400 && (strings.Contains(s, "by") || strings.Contains(s, "By") || strings.Contains(s, "BY")) && readCredits(s, l, st, ds):
	case i >= len(lines)-nearEnd && readSignOff(s, l, st):
	case len(s) < 300 && (edge || mayBeByline(s)) && readByline(text, lines, i, st, ds, !edge):
	case i < nearTop && len(s) < 60 && bylineVocab().isRoleLine(s):
		l.Kind = bylineLine // "Senior Reporter" under the writer's name
	case edge && readDateLine(s, l, st, ds):
	case i > 0 && lines[i-1].Kind == bylineLine && withRE.MatchString(s):
		l.Kind = bylineLine
		m := withRE.FindStringSubmatchIndex(s)
		l.names = append(l.names, statedName{Start: l.Start + m[2], End: l.Start + m[3], Type: schema.Organization,
			Name: s[m[2]:m[3]], Rule: "byline", Sure: true})
	case boilerplate.MatchString(s):
		l.Kind = boilerLine
	}
	if strings.Contains(s, "ssued") || strings.Contains(s, "ublished") || strings.Contains(s, "SSUED") || strings.Contains(s, "UBLISHED") {
		// issuedByRE's own words, found fast: the regexp is slow on a long paragraph
		if m := issuedByRE.FindStringSubmatch(s); m != nil {
			st.publisher.offer(m[1], byGuess)
		}
	}
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
		if hasWords(s, 40) {
			continue // a paragraph: no prefix or suffix makes it a headline of 30 words
		}
		t := titleSuffix.ReplaceAllString(titlePrefix.ReplaceAllString(s, ""), "")
		if looksLikeHeadline(t) {
			lines[i].Kind = titleLine
			return t
		}
	}
	return ""
}

// hasWords: s has at least n words, counted no further than that.
func hasWords(s string, n int) bool {
	in := false
	for _, r := range s {
		if space := unicode.IsSpace(r); !space && !in {
			if n--; n == 0 {
				return true
			}
			in = true
		} else if space {
			in = false
		}
	}
	return false
}

func looksLikeHeadline(s string) bool {
	words := strings.Fields(s)
	if len(words) < 4 || len(words) > 30 {
		return false
	}
	if strings.ToUpper(s) == s || len(words) < 6 && len(findDates(s, "")) > 0 {
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

// firstSentence is the first sentence that mentions e, or -1 when only a
// byline or a dateline does: relations about e cite it as evidence.
func (r *relator) firstSentence(e *entityBuild) int {
	for _, mi := range e.Mentions {
		if si := r.res.ms[mi].Sent; si >= 0 {
			return si
		}
	}
	return -1
}

// metadataMentions makes mentions of the names the metadata lines state:
// the authors People, the outlet or agency an Organization, the places
// Locations, or Countries when the gazetteer says so. A name whose line
// does not make it sure counts only when the gazetteer knows it.
func (r *recognizer) metadataMentions(lines []line) {
	for _, l := range lines {
		for _, n := range l.names {
			m := mention{Start: n.Start, End: n.End, Sent: -1, Type: n.Type, Name: n.Name, Rule: n.Rule, Conf: 0.9}
			es := r.g.lookup(r.text[n.Start:n.End]) // "UK", "NASA" as written first
			if len(es) == 0 {
				es = r.g.lookup(n.Name)
			}
			if len(es) > 0 {
				e := es[0]
				switch {
				case n.Type == schema.Location && e.Type == schema.Country,
					n.Type == schema.Location && e.Type == schema.Location,
					n.Type == schema.Organization && e.Type == schema.Organization:
					m.Type, m.Canon, m.Country = e.Type, e.Name, e.Country
				case !n.Sure || n.Type == schema.Location:
					continue // a place that is a body or a company ("UNITED NATIONS")
				}
			} else if !n.Sure {
				continue
			}
			if !n.Sure {
				m.Conf = 0.8
			}
			r.out = append(r.out, m)
		}
	}
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
