package extract

// The kinds of agreement: how the text calls an untitled one (its kind
// phrase and topic), which kinds may name the same agreement, and the small
// words around an agreement noun that tell a new one from one named before.

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/schema"
)

// sameTopic: the agreement entity has a mention of topic k.Topic ("today's
// agreement on compute" and "the Memorandum of Understanding on compute").
func (r *resolver) sameTopic(k kindPhrase, e *entityBuild) bool {
	if k.Topic == "" {
		return false
	}
	for _, mi := range e.Mentions {
		if sameTopic(k.Topic, kindOf(r.ms[mi].Name).Topic) {
			return true
		}
	}
	return false
}

// sameTopic: two topics name the same subject when the words of one are
// all in the other ("on compute", "on AI compute"); "on energy security"
// and "on food security" do not.
func sameTopic(a, b string) bool {
	wa, wb := topicWords(a), topicWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}

// topicWords: a topic's words without its preposition and articles.
func topicWords(t string) []string {
	var out []string
	for _, w := range strings.Fields(schema.Fold(t)) {
		switch w {
		case "on", "for", "to", "the", "a", "an", "of", "and", "in":
		default:
			out = append(out, w)
		}
	}
	return out
}

// selfNaming: a generic agreement mention that says which agreement it is
// by a count or a topic ("37 bilateral agreements", "an agreement on AI
// compute"), where a bare one ("the deal") only points.
func selfNaming(m mention) bool { return numbered(m.Name) || kindOf(m.Name).Topic != "" }

// relationshipWord: kinds that also name a relationship rather than a
// document ("a lasting partnership"); unsigned and pointing at nothing,
// they are not agreements.
var relationshipWord = map[string]bool{"partnership": true, "cooperation": true, "relationship": true, "framework": true}

// sameKind: two ways of calling agreements can call the same one: the same
// number, and kinds of one family or one of them a general word ("MoU" and
// "agreement", not "MoU" and "partnership").
func sameKind(a, b kindPhrase) bool {
	if pluralAgreement(a.Kind) != pluralAgreement(b.Kind) {
		return false
	}
	fa, fb := kindFamily(a.Kind), kindFamily(b.Kind)
	return fa == fb || fa == "agreement" || fb == "agreement"
}

// referableKind: a pointing mention of kind a ("the partnership") can stand
// for an agreement first called b: of one family, or a general word.
func referableKind(a, b kindPhrase) bool {
	if sameKind(a, b) {
		return true
	}
	return pluralAgreement(a.Kind) == pluralAgreement(b.Kind) && generalKind[kindFamily(a.Kind)]
}

// generalKind: words news uses for an agreement of any kind.
var generalKind = map[string]bool{"agreement": true, "partnership": true, "arrangement": true, "understanding": true, "document": true}

// kindFamily is the head noun of a kind phrase, with the general words
// ("deal", "pact", "accord") and the memorandum's forms each made one.
func kindFamily(kind string) string {
	ws := strings.Fields(strings.ToLower(kind))
	if len(ws) == 0 {
		return ""
	}
	head := ws[len(ws)-1]
	if len(ws) > 2 && ws[len(ws)-2] == "of" && ws[len(ws)-1] == "intent" {
		head = ws[len(ws)-3] // "joint declaration of intent" is a declaration
	}
	for _, w := range ws {
		if strings.HasPrefix(w, "memorand") || strings.HasPrefix(w, "mou") {
			return "mou"
		}
	}
	switch singular(head) {
	case "agreement", "deal", "pact", "accord":
		return "agreement"
	}
	return singular(head)
}

// negatedBefore: the word before offset off denies the thing ("no
// agreement", "without a deal").
func negatedBefore(text string, off int) bool {
	before := strings.Fields(strings.ToLower(text[max(0, off-16):off]))
	for i := len(before) - 1; i >= 0 && i >= len(before)-2; i-- {
		switch before[i] {
		case "no", "without", "nor":
			return true
		}
	}
	return false
}

// indefiniteBefore: "a" or "an" stands right before off: the text
// introduces what follows.
func indefiniteBefore(text string, off int) bool {
	before := strings.Fields(strings.ToLower(text[max(0, off-4):off]))
	return len(before) > 0 && (before[len(before)-1] == "a" || before[len(before)-1] == "an")
}

// definiteBefore: the word before offset off is a definite determiner
// ("the MoU", "this agreement").
func definiteBefore(text string, off int) bool {
	before := strings.Fields(strings.ToLower(text[max(0, off-12):off]))
	if len(before) == 0 {
		return false
	}
	if w := before[len(before)-1]; strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return true // "today's agreement", "the ministry's plan"
	}
	switch before[len(before)-1] {
	case "the", "this", "that", "these", "those", "such", "both", "each":
		return true
	}
	return false
}

// A kindPhrase is how the text calls an untitled agreement: its kind with
// the words before it ("hydrogen supply agreement", "MoUs") and the topic
// after it ("on clean energy"), if any.
type kindPhrase struct{ Kind, Topic string }

// kindOf splits an agreement mention's name into kind and topic, leaving
// out a count ("two agreements" -> "agreements").
func kindOf(name string) kindPhrase {
	ws := strings.Fields(name)
	if len(ws) > 1 && (numberWord(ws[0]) || ws[0] == "new") {
		ws = ws[1:]
	}
	name = strings.Join(ws, " ")
	for _, sep := range []string{" on ", " for ", " to "} {
		if i := strings.Index(name, sep); i > 0 {
			return kindPhrase{Kind: name[:i], Topic: name[i+1:]}
		}
	}
	return kindPhrase{Kind: name}
}

func numberWord(w string) bool {
	switch strings.ToLower(w) {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "dozens":
		return true
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// singular turns a plural kind into the singular ("MOUs" -> "MOU",
// "agreements" -> "agreement", "Memorandums of Understanding" ->
// "Memorandum of Understanding").
func singular(kind string) string {
	ws := strings.Fields(kind)
	for i, w := range ws {
		lw := strings.ToLower(w)
		switch {
		case lw == "memoranda" || lw == "memorandums":
			ws[i] = w[:len("memorand")] + "um"
		case agreementHeads[strings.TrimSuffix(lw, "s")] || lw == "mous" || lw == "deals" || lw == "contracts" || lw == "grants":
			ws[i] = strings.TrimSuffix(w, "s")
		case lw == "treaties":
			ws[i] = w[:len(w)-3] + "y"
		}
	}
	return strings.Join(ws, " ")
}

// kindEquivalents are the other words news uses for the kinds the text
// uses: an MoU is also a memorandum of understanding, and either is an
// agreement.
func kindEquivalents(kinds []kindPhrase) []kindPhrase {
	var out []kindPhrase
	for _, k := range kinds {
		head := strings.ToLower(k.Kind)
		plural := strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss")
		switch {
		case strings.HasSuffix(head, "mou"), strings.HasSuffix(head, "mous"), strings.Contains(head, "memorand"):
			if plural {
				out = append(out, kindPhrase{"MoUs", k.Topic}, kindPhrase{"Memorandums of Understanding", k.Topic}, kindPhrase{"agreements", k.Topic})
			} else {
				out = append(out, kindPhrase{"MoU", k.Topic}, kindPhrase{"Memorandum of Understanding", k.Topic}, kindPhrase{"agreement", k.Topic})
			}
		}
	}
	return out
}

// pluralAgreement: the kind phrase of an agreement's name is plural
// ("agreements", "bilateral deals", "Memorandums of Understanding on X").
func pluralAgreement(name string) bool {
	for _, w := range strings.Fields(schema.Fold(kindOf(name).Kind)) {
		switch w {
		case "agreements", "mous", "memoranda", "memorandums", "accords", "deals", "treaties", "pacts", "grants",
			"contracts", "partnerships", "declarations", "statements", "frameworks", "arrangements", "notes", "letters", "documents", "instruments":
			return true
		}
	}
	return false
}

// numbered: "37 bilateral agreements".
func numbered(name string) bool {
	r := []rune(name)
	return len(r) > 0 && (unicode.IsDigit(r[0]) || strings.HasPrefix(strings.ToLower(name), "two ") || strings.HasPrefix(strings.ToLower(name), "three "))
}
