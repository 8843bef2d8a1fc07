package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// sentence is one sentence of the article with its byte range and tokens.
type sentence struct {
	Start, End int
	Tokens     []token
	Headline   bool // the article's title line
}

// token is a word or punctuation mark with its byte range in the article and
// its part-of-speech tag from prose.
type token struct {
	Text       string
	Tag        string
	Start, End int
}

// textModels holds what is built once per process: prose's tagging model and
// the sentence splitter (prose would rebuild both for every document).
type textModels struct {
	prose    *prose.Model
	splitter *sentences.DefaultSentenceTokenizer
}

func newTextModels() (*textModels, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	training, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, err
	}
	// News abbreviates months and titles before numbers and names; a period
	// after them does not end a sentence ("Nov. 20", "Gov. Smith").
	for _, a := range []string{"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sen", "rep", "st", "h.e", "u.s", "u.k", "e.u", "u.n", "d.c", "no", "vs",
		"inc", "corp", "co", "ltd", "bhd", "pte", "pty", "jr", "sr", "gov", "gen", "sen", "rep", "amb"} {
		training.AbbrevTypes.Add(a)
	}
	split, err := english.NewSentenceTokenizer(training)
	if err != nil {
		return nil, err
	}
	return &textModels{prose: prose.ModelFromData("newsgraph"), splitter: split}, nil
}

// sentences splits the text between start and end into sentences and tags
// their tokens. Offsets are into the whole article.
func (m *textModels) sentences(text string, start, end int) []sentence {
	part := text[start:end]
	var spans [][2]int
	for _, s := range m.splitter.Tokenize(part) {
		s0, s1 := trimSpan(part, s.Start, s.End)
		if s0 >= s1 {
			continue
		}
		if n := len(spans); n > 0 && falseBreak(part[spans[n-1][0]:spans[n-1][1]], part[s0:s1]) {
			spans[n-1][1] = s1
			continue
		}
		spans = append(spans, [2]int{s0, s1})
	}
	out := make([]sentence, 0, len(spans))
	for _, s := range spans {
		out = append(out, sentence{Start: start + s[0], End: start + s[1], Tokens: m.tag(text, start+s[0], start+s[1])})
	}
	return out
}

var abbrevEndRE = regexp.MustCompile(`\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|St|No|Nos|vs|H\.E|[A-Z])\.$`)

// falseBreak: the splitter ended a sentence after an abbreviation ("(Nov."
// before "20)") or before a lower-case word.
func falseBreak(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	tail := prev[max(0, len(prev)-8):] // the regexp is anchored at the end: look at the end only
	return abbrevEndRE.MatchString(tail) && (unicode.IsDigit(r) || unicode.IsLower(r) || unicode.IsUpper(r) && len(prev) > 0 && prev[len(prev)-2] != '.' && isNameInitial(prev))
}

// isNameInitial: "Jose W." ends with a middle initial, not a sentence.
func isNameInitial(prev string) bool {
	n := len(prev)
	return n >= 3 && prev[n-3] == ' ' && prev[n-2] >= 'A' && prev[n-2] <= 'Z'
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}

// tag runs prose's tokenizer and tagger over one sentence (no segmentation,
// no NER: both are done better and faster here) and aligns its tokens back
// onto the article's bytes, which prose does not report.
func (m *textModels) tag(text string, start, end int) []token {
	doc, err := prose.NewDocument(text[start:end], prose.UsingModel(m.prose),
		prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	ptoks := doc.Tokens()
	out := make([]token, 0, len(ptoks))
	cur := start
	for _, pt := range ptoks {
		s, e, ok := align(text, cur, end, pt.Text)
		if !ok {
			continue
		}
		out = append(out, token{Text: text[s:e], Tag: pt.Tag, Start: s, End: e})
		cur = e
	}
	return mergeAbbreviations(text, out)
}

// align finds tok in text at or shortly after cur. prose rewrites curly
// quotes to straight ones, so quotes match any quote.
func align(text string, cur, end int, tok string) (int, int, bool) {
	for cur < end {
		r, n := utf8.DecodeRuneInString(text[cur:])
		if !unicode.IsSpace(r) {
			break
		}
		cur += n
	}
	limit := min(end, cur+64)
	for s := cur; s < limit; {
		if e, ok := matchAt(text, s, end, tok); ok {
			return s, e, true
		}
		_, n := utf8.DecodeRuneInString(text[s:])
		s += n
	}
	return 0, 0, false
}

func matchAt(text string, s, end int, tok string) (int, bool) {
	i := s
	for _, want := range tok {
		if i >= end {
			return 0, false
		}
		got, n := utf8.DecodeRuneInString(text[i:])
		if got != want && !(isQuote(got) && isQuote(want)) {
			return 0, false
		}
		i += n
	}
	return i, true
}

func isQuote(r rune) bool {
	return strings.ContainsRune("\"'`“”‘’«»„", r)
}

// mergeAbbreviations rejoins what prose splits off: the final period of an
// abbreviation ("U.S" + ".", "Korea-U.S" + ".") and a possessive "s" after
// a split apostrophe.
func mergeAbbreviations(text string, toks []token) []token {
	out := toks[:0]
	for _, t := range toks {
		if n := len(out); n > 0 && t.Text == "." && out[n-1].End == t.Start && isAbbrevStem(out[n-1].Text) {
			out[n-1].End = t.End
			out[n-1].Text = text[out[n-1].Start:t.End]
			continue
		}
		out = append(out, t)
	}
	return out
}

// isAbbrevStem: "U.S", "D.C", "Korea-U.S", "Mr", "Dr", "St", "Jr", "W".
func isAbbrevStem(s string) bool {
	if strings.Contains(s, ".") {
		last := s[strings.LastIndex(s, ".")+1:]
		return len(last) <= 2
	}
	switch s {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sen", "Rep", "Gov", "Prof", "H.E", "No", "Nov", "Oct", "Sept", "Sep", "Aug", "Jan", "Feb", "Dec", "Mt", "Inc", "Corp", "Ltd", "Co":
		return true
	}
	r := []rune(s)
	return len(r) == 1 && unicode.IsUpper(r[0])
}
