package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A chunk is a run of capitalised tokens [I, J) in one sentence, joined by
// the small words names are built with ("Ministry of Science and ICT").
type chunk struct{ I, J int }

// connectors may stand inside a name between capitalised words, beside
// the particles of people's names (nameParticle: "Tamim bin Hamad Al
// Thani", "Niek den Hollander").
var connectors = map[string]bool{
	"of": true, "and": true, "for": true, "on": true, "the": true, "&": true, "to": true,
}

// possessive tokens that may stand inside an event's name
// ("APEC Economic Leaders' Meeting").
func isApostrophe(s string) bool { return s == "'" || s == "’" }

// capWord reports whether a token can be part of a name: it starts with an
// upper-case letter (or is a code like "G20") and holds a letter.
func capWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !(unicode.IsDigit(r) && hasUpper(s)) {
		return false
	}
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }

func isAllCaps(s string) bool {
	return hasUpper(s) && strings.ToUpper(s) == s && strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// properTag: prose's tags for proper nouns; at the start of a sentence a
// capitalised word only begins a name when prose tags it so.
func properTag(tag string) bool { return tag == "NNP" || tag == "NNPS" }

// chunks returns the capitalised runs of a sentence.
func chunks(toks []token) []chunk { return chunksKnowing(toks, nil) }

// chunksKnowing returns the capitalised runs of a sentence, where a word
// that opens it also starts a run when it has a capital inside
// ("TotalEnergies and ...") or known says it is a name (the article named
// something by it before: "Xi hosted a banquet" after "President Xi
// Jinping"; an appositive says what it is: "Sunrays, the solar company,").
func chunksKnowing(toks []token, known func(toks []token, i int) bool) []chunk {
	var out []chunk
	for i := 0; i < len(toks); {
		if !startsName(toks, i) && !(known != nil && opensName(toks, i, known)) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			t := toks[j].Text
			if (capWord(t) || articledName(t)) && toks[j].Start <= toks[j-1].End+1 && !basedRE.MatchString(t) {
				j++
				continue
			}
			if possessiveInName(toks, j) {
				j += 2 // "Korean People's Army", "Prime Minister's Office"
				continue
			}
			if nameNumber(toks, j) && !onlyCalendarWords(toks[i:j]) {
				j++ // "Studio 54", "Vision 2030"; not "Monday 5"
				continue
			}
			if n := linkLen(toks, j); n > 0 && !onlyCalendarWords(toks[i:j]) {
				j += n + 1 // not "Monday for the Pacific Business Forum"
				continue
			}
			break
		}
		out = append(out, chunk{i, j})
		i = j
	}
	return out
}

// possessiveInName: token j is an "'s" inside a name: a plural noun's,
// before the name's next capitalised word ("People's Bank of China",
// "Children's Fund"), or an office-holder's before "Office" ("Prime
// Minister's Office"); a name's possessive parts two names instead
// ("China's Ministry").
func possessiveInName(toks []token, j int) bool {
	if j+1 >= len(toks) || !possessed(toks, j-1) || toks[j].Start != toks[j-1].End || !capWord(toks[j+1].Text) {
		return false
	}
	switch toks[j-1].Text {
	case "People", "Women", "Children", "Men":
		return true
	case "Minister", "President", "Governor", "General", "Mayor", "Premier", "Chancellor", "Secretary":
		return toks[j+1].Text == "Office"
	}
	return false
}

// nameNumber: token j is a number of one to four digits right after a
// capitalised word, which names take ("Studio 54", "Apollo 11", "Expo
// 2020").
func nameNumber(toks []token, j int) bool {
	t := toks[j].Text
	if len(t) > 4 || strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return false
	}
	return t != "" && toks[j].Start == toks[j-1].End+1 && capWord(toks[j-1].Text) && !isCalendarWord(toks[j-1].Text)
}

// articledName: an Arabic name with its article in lower case ("al-Amr",
// "el-Sisi"), which goes on the name before it ("Suleiman al-Amr").
func articledName(s string) bool {
	if len(s) < 4 || !(strings.HasPrefix(s, "al-") || strings.HasPrefix(s, "el-")) {
		return false
	}
	return capWord(s[3:])
}

func startsName(toks []token, i int) bool {
	t := toks[i]
	if !capWord(t.Text) || basedRE.MatchString(t.Text) {
		return false // "Madrid-based" stands before a name, not in it
	}
	if opensSentence(toks, i) {
		// "Korean officials": a demonym is an adjective to the tagger; a
		// capital inside a word is a name's ("TotalEnergies")
		return properTag(t.Tag) || t.Tag == "JJ" || isAllCaps(t.Text) || strings.ContainsAny(t.Text, "-.")
	}
	return true
}

// opensName: the capitalised word i that opens a sentence, which prose did
// not tag a proper noun, starts a name all the same.
func opensName(toks []token, i int, known func(toks []token, i int) bool) bool {
	w := toks[i].Text
	return capWord(w) && opensSentence(toks, i) && (camelCase(w) || known(toks, i))
}

// opensSentence: token i is the first word of its sentence or of a quote
// or list item in it, where a word is capitalised whatever it is. A
// straight quote after a comma or a stop closes a quote ("... worse,"
// Khaled Al-Maeena said) and opens nothing.
func opensSentence(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	prev := toks[i-1].Text
	if (prev == "\"" || prev == "'") && i > 1 && strings.ContainsAny(toks[i-2].Text, ",.!?") {
		return false
	}
	return isOpenPunct(prev)
}

func isOpenPunct(s string) bool {
	return s == "\"" || s == "“" || s == "(" || s == "'" || s == "‘" || s == "-" || s == "—" || s == "•" || s == ":"
}

// linkLen is the number of small words at j ("of", "of the", "’") that link
// the name so far to a capitalised word right after them; 0 if none.
func linkLen(toks []token, j int) int {
	for n := 1; n <= 2 && j+n < len(toks); n++ {
		if !joins(toks, j+n-1) {
			return 0
		}
		if capWord(toks[j+n].Text) && !isCalendarWord(toks[j+n].Text) && !(possessed(toks, j+n) && !ofLink(toks[j].Text)) && !basedRE.MatchString(toks[j+n].Text) {
			return n
		}
	}
	return 0
}

// joins reports whether token j (a small word or an apostrophe) links the
// capitalised words on either side into one name.
func joins(toks []token, j int) bool {
	t := toks[j].Text
	if isApostrophe(t) {
		return toks[j].Start == toks[j-1].End // "Leaders’ Meeting"
	}
	if !connectors[t] && !nameParticle(t) {
		return false
	}
	if t == "the" {
		return j > 0 && (toks[j-1].Text == "of" || toks[j-1].Text == "for")
	}
	return true
}

// text of tokens [i, j) as it stands in the article.
func span(text string, toks []token, i, j int) string {
	if i >= j {
		return ""
	}
	return text[toks[i].Start:toks[j-1].End]
}

// isCalendarWord: day and month names, capitalised but never part of a
// name ("Brazil on Wednesday").
func isCalendarWord(s string) bool {
	switch strings.ToLower(strings.TrimSuffix(s, ".")) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// ofLink: a link word after which a possessive ends the name it links,
// not starts a new one ("the Bank of England's governor").
func ofLink(w string) bool { return w == "of" || w == "for" }

// possessed: the token is followed by "'s", so after "and" it starts a
// noun phrase of its own ("the Department of Commerce and Korea's
// Ministry"); linkLen lets an ofLink join it all the same.
func possessed(toks []token, k int) bool {
	return k+1 < len(toks) && (toks[k+1].Text == "'s" || toks[k+1].Text == "’s")
}
