package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A bspan is a byte range [Start, End) of a string.
type bspan struct{ Start, End int }

// closing is the index of the bracket that closes the one s opens with,
// nested ones skipped ("[[email protected]]"); -1 when there is none.
func closing(s string) int {
	closer := byte(')')
	switch s[0] {
	case '[':
		closer = ']'
	case '<':
		closer = '>'
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			depth++
		case closer:
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// parseNames reads one or more people's names from at: "Jane Doe", "Jane
// Doe and John Roe", "Jane Doe, John Roe and Ann Poe", each maybe followed
// by "in Place" (credit lines). It returns where it stopped.
func parseNames(s string, at, end int) (names, places []bspan, next int) {
	next = at
	for {
		n, ok := parseName(s, next, end)
		if !ok {
			return names, places, next
		}
		names = append(names, n)
		next = n.End
		if w, k := firstWord(s[next:end]); w == "in" {
			if p, stop := placeAfter(s, next+k, end); !p.empty() {
				places = append(places, p)
				next = stop
			}
		}
		if c, ok := conjunction(s, next, end); ok {
			next = c
			continue
		}
		// "Jane Doe, John Roe and Ann Poe": a comma joins names only in a
		// list that ends with "and"; otherwise what follows it is the tail
		if c, ok := commaListTail(s, next, end); ok {
			next = c
			continue
		}
		return names, places, next
	}
}

// placeAfter reads the capitalised words of a place from at ("Nairobi",
// "Dar es Salaam") up to anything else.
func placeAfter(s string, at, end int) (bspan, int) {
	a := skipSpace(s, at, end)
	z := a
	for i := a; i < end; {
		i = skipSpace(s, i, end)
		w, n := nameToken(s[i:end])
		if n == 0 || notName(w) || !nameWord(w) && !(z > a && isPlaceParticle(w)) {
			break
		}
		i += n
		if nameWord(w) {
			z = i
		}
	}
	if z == a {
		return bspan{}, at
	}
	return bspan{a, z}, z
}

// conjunction reads the "and" (or "&", ", and") that joins two names at at
// and returns where the next name starts.
func conjunction(s string, at, end int) (int, bool) {
	i := skipSpace(s, at, end)
	for _, c := range []string{"and ", "AND ", "& ", ", and ", ",and "} {
		if strings.HasPrefix(s[i:end], c) {
			return i + len(c), true
		}
	}
	return at, false
}

// commaListTail: at a comma followed by names and a closing "and Name".
func commaListTail(s string, at, end int) (int, bool) {
	if at >= end || s[at] != ',' {
		return at, false
	}
	for k := at; k < end && s[k] == ','; {
		n, ok := parseName(s, k+1, end)
		if !ok {
			return at, false
		}
		if _, ok := conjunction(s, n.End, end); ok {
			return k + 1, true
		}
		k = n.End
	}
	return at, false
}

// parseName reads one person's name at at: capitalised words (or words in
// capitals), with initials ("Jane A. Doe"), the particles of Arabic,
// Iberian and Dutch names ("Tamim bin Hamad Al Thani", "Lula da Silva")
// and a suffix ("Jr."). Role words at its end are left to the tail ("Jane
// Doe Staff Reporter").
func parseName(s string, at, end int) (bspan, bool) {
	v := bylineVocab()
	a := skipSpace(s, at, end)
	type word struct {
		start, end int
		text       string
	}
	var ws []word
	for i := a; i < end; {
		i = skipSpace(s, i, end)
		w, n := nameToken(s[i:end])
		if n == 0 {
			break
		}
		switch {
		case w == "AND" || w == "And":
			n = 0 // "JANE DOE AND JOHN ROE"
		case nameParticle(w) && len(ws) > 0:
			if nw, _ := nameToken(s[skipSpace(s, i+n, end):end]); !nameWord(nw) {
				n = 0
			}
		case nameSuffix(w) && len(ws) >= 2, isInitial(w):
		case !nameWord(w) || notName(w) && (len(ws) == 0 || !isMonthName(w)):
			n = 0 // "By Monday, ...", but "Theresa May"
		}
		if n == 0 {
			break
		}
		ws = append(ws, word{i, i + n, w})
		i += n
	}
	for len(ws) > 1 && v.role[strings.ToLower(strings.Trim(ws[len(ws)-1].text, "."))] {
		ws = ws[:len(ws)-1]
	}
	// "By JANE DOE Associated Press": an outlet at the end is the tail's
	for k := 1; k <= min(3, len(ws)-1); k++ {
		if v.isOutlet(s[ws[len(ws)-k].start:ws[len(ws)-1].end]) {
			ws = ws[:len(ws)-k]
			break
		}
	}
	if len(ws) == 0 || len(ws) > 6 || nameParticle(ws[len(ws)-1].text) {
		return bspan{}, false
	}
	if v.role[strings.ToLower(ws[0].text)] && len(ws) == 1 {
		return bspan{}, false
	}
	return bspan{ws[0].start, ws[len(ws)-1].end}, true
}

// nameToken returns the word at the start of s and its length, 0 at a
// separator or bracket. A final period is the sentence's, not the word's,
// unless the word is an initial or an abbreviation ("A.", "Jr.", "St.").
func nameToken(s string) (string, int) {
	n := 0
	for n < len(s) {
		r, k := utf8.DecodeRuneInString(s[n:])
		if unicode.IsSpace(r) || strings.ContainsRune(",;|/()[]<>·•●:", r) {
			break
		}
		n += k
	}
	if w := s[:n]; strings.HasSuffix(w, ".") && !isInitial(w) && !nameSuffix(w) && !nameAbbrev[w] {
		n--
	}
	return s[:n], n
}

// nameAbbrev: abbreviations that stand in names and places with their period.
var nameAbbrev = map[string]bool{"St.": true, "Md.": true, "Mohd.": true, "Ste.": true, "Mt.": true, "Ft.": true}

// nameWord: a capitalised word of letters, hyphens, apostrophes and
// periods: a word a name is made of.
func nameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
			return false
		}
	}
	return !strings.HasSuffix(w, ".") || isInitial(w) || nameSuffix(w) || nameAbbrev[w]
}

// isInitial: "A.", "J.R.", "D.C."; or "al-Hashimi", a particle bound to a name.
func isInitial(w string) bool {
	if i := strings.IndexByte(w, '-'); i > 0 && nameParticle(w[:i]) {
		return nameWord(w[i+1:])
	}
	if len(w) < 2 || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// nameParticles are the small words inside Arabic, Malay, Iberian,
// Italian, French, Dutch and Swahili names ("bin", "binti", "da", "van
// der", "den", "Dar es Salaam"), in lower case.
var nameParticles = map[string]bool{
	"bin": true, "binti": true, "bint": true, "ibn": true, "al": true, "el": true, "da": true, "de": true, "do": true,
	"dos": true, "das": true, "del": true, "dela": true, "della": true, "di": true, "du": true, "van": true, "von": true,
	"der": true, "den": true, "ter": true, "le": true, "la": true, "las": true, "los": true, "des": true, "y": true, "e": true,
	"es": true, // "Dar es Salaam"
}

func nameParticle(w string) bool { return nameParticles[w] }

// nameSuffix: a generation's or a reign's number after a name ("Jr.",
// "Sr.", "III", "Mohammed VI"), part of the name. A lone "V" or "X" is
// rather an initial.
func nameSuffix(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return w == "Jr" || w == "Sr" || len(w) > 1 && romanRE.MatchString(w)
}

var romanRE = regexp.MustCompile(`^X{0,2}(?:IX|IV|V?I{0,3})$`)

// notName: capitalised words that are no part of a person's name.
func notName(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "the", "a", "an", "by", "on", "in", "at", "for", "with", "from", "and", "or", "of", "to",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"today", "yesterday", "updated", "published", "posted", "photo", "file":
		return true
	}
	return false
}

func isMonthName(w string) bool {
	_, ok := monthNames[strings.ToLower(w)]
	return ok
}

// placeShaped: one to four capitalised words, particles between ("Dar es
// Salaam", "NEW DELHI", "Washington, D.C." comes as two segments).
func placeShaped(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for i, w := range ws {
		if nameWord(w) && !notName(w) || isInitial(w) {
			continue
		}
		if i > 0 && i < len(ws)-1 && isPlaceParticle(w) {
			continue
		}
		return false
	}
	return true
}

func isPlaceParticle(w string) bool {
	switch w {
	case "es", "de", "del", "da", "do", "di", "du", "al", "el", "la", "le", "of", "au", "sur", "am", "an", "on", "upon", "y":
		return true
	}
	return false
}

// segment is the text from at to the next separator, trimmed, and where
// the separator (or end) is.
func segment(s string, at, end int) (bspan, int) {
	i := at
	for i < end && !sepAt(s, i, end) && s[i] != '(' && s[i] != '[' && s[i] != '<' {
		_, k := utf8.DecodeRuneInString(s[i:])
		i += k
	}
	a, z := trimSpan(s, at, i)
	return bspan{a, z}, i
}

// sepAt: a separator between the parts of a byline starts at i: a comma,
// semicolon, bar, slash, bullet or colon, or a dash standing alone.
func sepAt(s string, i, end int) bool {
	switch s[i] {
	case ',', ';', '|', '/', ':':
		return true
	case '-':
		return (i == 0 || s[i-1] == ' ') && (i+1 >= end || s[i+1] == ' ' || s[i+1] == '-')
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == '–' || r == '—' || r == '·' || r == '•' || r == '●'
}

func skipSeps(s string, at, end int) int {
	for at < end {
		r, k := utf8.DecodeRuneInString(s[at:])
		if !unicode.IsSpace(r) && !sepAt(s, at, end) && r != '.' {
			return at
		}
		at += k
	}
	return at
}

func skipSpace(s string, at, end int) int {
	for at < end {
		r, k := utf8.DecodeRuneInString(s[at:])
		if !unicode.IsSpace(r) {
			return at
		}
		at += k
	}
	return at
}

// firstWord is the first space-delimited word of s (after spaces) and the
// offset just past it.
func firstWord(s string) (string, int) {
	a := skipSpace(s, 0, len(s))
	z := a
	for z < len(s) && s[z] != ' ' && s[z] != '\t' {
		z++
	}
	return s[a:z], z
}

func (s bspan) empty() bool { return s.End <= s.Start }

// trimWrap trims space, a final period and one pair of brackets around the
// whole of s ("(Reporting by Jane Doe; Editing by John Roe.)").
func trimWrap(s string) (int, int) {
	a, z := trimSpan(s, 0, len(s))
	if z-a >= 2 && s[a] == '(' && s[z-1] == ')' && !strings.ContainsAny(s[a+1:z-1], "()") {
		a, z = trimSpan(s, a+1, z-1)
	}
	if z > a && s[z-1] == '.' && !isInitial(lastWord(s[a:z])) && !nameSuffix(lastWord(s[a:z])) {
		z--
	}
	return a, z
}

func lastWord(s string) string {
	if i := strings.LastIndexAny(s, " \t"); i >= 0 {
		return s[i+1:]
	}
	return s
}
