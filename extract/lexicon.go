package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// A lexicon holds the verb lists of data/verbs.tsv, which the relation rules
// read: each kind as one case-insensitive whole-word expression, and the
// forms themselves for lookups of a single word.
type lexicon struct {
	forms map[string][]string

	sign, announce, attend *regexp.Regexp
	// report: a reporting verb followed, in the same clause, by "that".
	report *regexp.Regexp
	// witnessBy: a verb of presence and "by", with a title after it, at
	// the end of a text ("..., witnessed by President").
	witnessBy *regexp.Regexp
	// speakAt: a verb of speaking and "at" or "during" at the end of a
	// text, before the event it names ("stated during the").
	speakAt *regexp.Regexp
	// witnessSigning: a verb of presence and "the signing" ("oversaw the
	// signing").
	witnessSigning *regexp.Regexp
	// project: the verbs of a signing's purpose that is a project ("to
	// build"), in lower case.
	project map[string]bool
	// sport: the words of a sports report.
	sport *regexp.Regexp
	// signWords, attendAfter, attendBoth, speech: forms in lower case
	// (signWords: the sign forms of one word).
	signWords, attendAfter, attendBoth, speech map[string]bool
}

// lexiconKinds are the kinds verbs.tsv must give.
var lexiconKinds = []string{"sign", "announce", "attend", "attend-after", "attend-both", "report", "speech", "witness", "speak-at", "sport", "project"}

func (l *lexicon) load(f []string) error {
	if len(f) != 2 {
		return fmt.Errorf("want kind<TAB>forms")
	}
	if l.forms == nil {
		l.forms = map[string][]string{}
	}
	for _, w := range splitForms(f[1]) {
		l.forms[f[0]] = append(l.forms[f[0]], strings.ToLower(w))
	}
	return nil
}

func (l *lexicon) compile() error {
	for _, k := range lexiconKinds {
		if len(l.forms[k]) == 0 {
			return fmt.Errorf("extract: verbs.tsv gives no %s verbs", k)
		}
	}
	l.sign = wordsRE(l.forms["sign"], "")
	l.announce = wordsRE(l.forms["announce"], "")
	l.attend = wordsRE(l.forms["attend"], "")
	l.report = wordsRE(l.forms["report"], `[^.;]*\bthat\b`)
	l.witnessBy = wordsRE(l.forms["witness"], `\s+by\s+`+titleWordsRE+`$`)
	l.witnessSigning = wordsRE(l.forms["witness"], `\s+the\s+signing\b`)
	l.project = setOf(l.forms["project"])
	l.sport = wordsRE(l.forms["sport"], "")
	l.speakAt = wordsRE(l.forms["speak-at"], `(?:\s+[\w'’-]+){0,3}?\s+(?:at|during|on\s+the\s+sidelines\s+of)(?:\s+(?:the|a|an|this|that))?\s*$`)
	l.attendAfter, l.attendBoth, l.speech = setOf(l.forms["attend-after"]), setOf(l.forms["attend-both"]), setOf(l.forms["speech"])
	l.signWords = map[string]bool{}
	for _, f := range l.forms["sign"] {
		if !strings.Contains(f, " ") {
			l.signWords[f] = true
		}
	}
	return nil
}

// wordsRE matches any of forms as whole words, in any case, longest first,
// followed by tail.
func wordsRE(forms []string, tail string) *regexp.Regexp {
	fs := append([]string(nil), forms...)
	sort.SliceStable(fs, func(a, b int) bool { return len(fs[a]) > len(fs[b]) })
	for i, f := range fs {
		fs[i] = strings.ReplaceAll(regexp.QuoteMeta(f), " ", `\s+`)
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(fs, "|") + `)\b` + tail)
}

func setOf(forms []string) map[string]bool {
	m := make(map[string]bool, len(forms))
	for _, f := range forms {
		m[f] = true
	}
	return m
}
