package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// commonWordMinLen is the shortest word the article's own lower-case use
// marks as common: shorter ones are often given names too ("Will", "Mark",
// "Rose", "Bill", "Art"), written in lower case as ordinary words.
const commonWordMinLen = 5

// writtenLower: the article writes w (in any case) in lower case somewhere,
// so w is an ordinary word of its prose: "nonpartisan pan-democrat Eddie
// Chu" makes the capitals of a sentence's "Nonpartisan Paul Tse" those of
// its first word, and "iodine" in the body makes "Iodine Nutrition" no
// person's name. Words shorter than commonWordMinLen never count.
func (r *recognizer) writtenLower(w string) bool {
	if utf8.RuneCountInString(w) < commonWordMinLen {
		return false
	}
	if r.lower == nil {
		r.lower = lowerWords(r.text)
	}
	return r.lower[strings.ToLower(w)]
}

// lowerWords is the set of words of text that start with a lower-case
// letter: runs of letters, hyphens and apostrophes, as written.
func lowerWords(text string) map[string]bool {
	set := make(map[string]bool)
	start := -1
	for i, c := range text + " " {
		inWord := unicode.IsLetter(c) || start >= 0 && (c == '-' || c == '\'')
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			w := strings.TrimRight(text[start:i], "-'")
			if first, _ := utf8.DecodeRuneInString(w); unicode.IsLower(first) {
				set[w] = true
			}
			start = -1
		}
	}
	return set
}
