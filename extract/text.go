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
	// A period after one of news's abbreviations does not end a sentence
	// ("Nov. 20", "Gov. Smith").
	for a := range abbrevStems {
		training.AbbrevTypes.Add(strings.ToLower(a))
	}
	for _, a := range []string{"h.e", "u.s", "u.k", "e.u", "u.n", "d.c"} {
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

// falseBreak: the splitter ended a sentence after an abbreviation ("(Nov."
// before "20)") or before a lower-case word, made a sentence of an
// abbreviation alone ("U.S." before "Ambassador to Brazil ..."), or ended
// one with no stop at all ("the U.S.-China" before "Climate and Clean
// Energy Partnership").
func falseBreak(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if !endsWithStop(prev) || unicode.IsLower(r) && strings.ContainsAny(lastStop(prev), "?!") {
		return true // and "“Is it true?” he asked": a quote's mark, then the sentence goes on
	}
	return endsWithAbbrev(prev) && (unicode.IsDigit(r) || unicode.IsLower(r) || unicode.IsUpper(r) && prev[len(prev)-2] != '.' && isNameInitial(prev) ||
		!strings.ContainsAny(prev, " \t\n"))
}

// endsWithStop: s ends with a full stop, a question or exclamation mark
// or an ellipsis, closing quotes and brackets after it allowed.
func endsWithStop(s string) bool { return lastStop(s) != "" }

// lastStop is the stop s ends with, before any closing quotes and
// brackets, or "".
func lastStop(s string) string {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) || r == ')' || r == ']' })
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == '.' || r == '!' || r == '?' || r == '…' {
		return string(r)
	}
	return ""
}

// endsWithAbbrev: s ends with an abbreviation and its period ("(Nov.",
// "H.E.", "Jose W.").
func endsWithAbbrev(s string) bool {
	w, ok := strings.CutSuffix(s, ".")
	if !ok {
		return false
	}
	w = w[strings.LastIndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })+1:]
	return w != "" && isAbbrevStem(w)
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

// mergeAbbreviations puts the final period of an abbreviation where it
// belongs. It rejoins what prose splits off ("U.S" + ".", "Korea-U.S" + ".")
// and splits what prose keeps: prose takes any capitalised word of two or
// three letters before a period for an abbreviation, so the name that ends
// a sentence ("said Ha.", "according to Li.") would keep the period.
func mergeAbbreviations(text string, toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if n := len(out); n > 0 && t.Text == "." && out[n-1].End == t.Start && isAbbrevStem(out[n-1].Text) {
			out[n-1].End = t.End
			out[n-1].Text = text[out[n-1].Start:t.End]
			continue
		}
		if stem, ok := strings.CutSuffix(t.Text, "."); ok && shortWordRE.MatchString(stem) && !isAbbrevStem(stem) {
			out = append(out, token{Text: stem, Tag: t.Tag, Start: t.Start, End: t.End - 1},
				token{Text: ".", Tag: ".", Start: t.End - 1, End: t.End})
			continue
		}
		out = append(out, t)
	}
	return out
}

// shortWordRE: the words prose keeps a period on (its own rule is
// `^[A-Z][a-z]{1,2}\.$`).
var shortWordRE = regexp.MustCompile(`^[A-Z][a-z]{1,2}$`)

// abbrevStems: the abbreviations news writes with a period before a name, a
// number or a company's end ("Gov. Smith", "Nov. 20", "Acme Co.").
var abbrevStems = map[string]bool{
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "Jr": true, "Sr": true,
	"Gen": true, "Lt": true, "Col": true, "Maj": true, "Capt": true, "Sgt": true, "Adm": true,
	"Sen": true, "Rep": true, "Gov": true, "Amb": true, "Rev": true, "Hon": true,
	"St": true, "Mt": true, "Ft": true, "No": true, "Nos": true, "Vol": true, "vs": true,
	"Inc": true, "Corp": true, "Co": true, "Ltd": true, "Bhd": true, "Pte": true, "Pty": true,
}

// isAbbrevStem: "U.S", "D.C", "Korea-U.S", "Mr", "Dr", "St", "Jr", "W".
func isAbbrevStem(s string) bool {
	if strings.Contains(s, ".") {
		last := s[strings.LastIndex(s, ".")+1:]
		return len(last) <= 2
	}
	if abbrevStems[s] {
		return true
	}
	r := []rune(s)
	return len(r) == 1 && unicode.IsUpper(r[0])
}
