package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// A signing is one clause that says an agreement was signed: its verb, who
// signed (the parties before the verb, and those a "with", "between" or
// "by" introduces after it), and the agreements the verb acts on. Several
// signings in one sentence ("The NRC signed an MoU with A, while the
// ministry signed an MoU with B") are several frames, and the agreements
// they name are told apart by their parties.
type signing struct {
	Sent       int
	Verb       int // offset of the signing verb (or of "signing of")
	Start, End int // the clause
	// Subjects are the parties named before the verb, Objects those a
	// "with", "between" or "by" introduces after it.
	Subjects, Objects []int
	Agreements        []int
	// members: Agreements[members:] are the members a list names of the
	// several agreements before them; 0 when there are none.
	members int
	// BothSides: "the two countries", "both sides": the article's two
	// main countries signed.
	BothSides bool
	// With: the objects came after "with" ("signed MOUs with A and B"),
	// so they are the counterparts of someone, not of each other.
	With bool
}

var (
	// clauseMarkRE: where one clause of a sentence ends and the next begins.
	clauseMarkRE = regexp.MustCompile(`;|,?\s+(?:while|whereas|but)\s+|,\s+which\s+|\s+—\s+`)
	// partyIntroRE: the words that introduce a party after a signing verb,
	// then the titles a person's name may carry ("by Trade Minister"), at
	// the end of the text between the verb (or the party before) and it.
	partyIntroRE = regexp.MustCompile(`(?:^|\s)(?:with|between|by|among|amongst|on behalf of|alongside)\s+` + titleWordsRE + `$`)
	// listIntroRE: the same after a first party, which "and" or a comma
	// continues ("with A and B", "by Minister X, and Minister Y").
	listIntroRE = regexp.MustCompile(`^(?:\s*\([^()]{1,20}\))?(?:\s*(?:,|and|&|as well as)\s*)+` + titleWordsRE + `$`)
	// titleTailRE: the rest of a title between a country and the person
	// it is of ("the Minister of Foreign Affairs of Chile Alberto van
	// Klaveren Stork").
	titleTailRE = regexp.MustCompile(`^\s*` + titleWordsRE + `$`)
	// signatoriesIntroRE: "the signatories (for X) were A and B".
	signatoriesIntroRE = regexp.MustCompile(`(?:^|\s)(?:were|was|are|is|include|included|includes)\s+` + titleWordsRE + `$`)
	// toIntroRE: a grant's or a contract's recipient ("a grant to the
	// Economic Development Secretariat").
	toIntroRE = regexp.MustCompile(`(?:^|\s)to\s+` + titleWordsRE + `$`)
	// betweenLastRE: the last of "between X and Y" when X is no name of
	// ours ("between this sector and the Embassy of ...").
	betweenLastRE = regexp.MustCompile(`(?:^|\s)between\s+[^,;()]{1,40}?\s+and\s+` + titleWordsRE + `$`)
	// possessiveIntroRE: after a country's "'s", its official or body
	// ("with Korea's Minister of Knowledge Economy Lee Youn Ho").
	possessiveIntroRE = regexp.MustCompile(`^['’]s\s+` + titleWordsRE + `$`)
	withIntroRE       = regexp.MustCompile(`(?:^|\s)(?:with|alongside)\s+` + titleWordsRE + `$`)
	titleWordsRE      = `(?:(?:the|its|their)\s+)?(?:(?:government\s+of\s+(?:the\s+)?)?(?:[\p{Lu}][\p{L}.'’-]*|of|for|and|the|,|to\s+[\p{Lu}][\p{L}.'’-]*)\s*)*`
	// notPartyRE: a mention these words introduce before the verb is not a
	// party to the signing ("The NRC, under the Ministry of ...",
	// "in Oslo", "at the ceremony").
	notPartyRE = regexp.MustCompile(`(?i)(?:^|\s)(?:under|within|in|at|to|near|into|during)\s+(?:the\s+)?$`)
)

// clauses splits sentence text into clause spans (offsets relative to txt).
func clauses(txt string) [][2]int {
	var out [][2]int
	start := 0
	for _, m := range clauseMarkRE.FindAllStringIndex(txt, -1) {
		out = append(out, [2]int{start, m[0]})
		start = m[1]
	}
	return append(out, [2]int{start, len(txt)})
}

// signingVerbs returns the offsets (relative to txt) of the signing verbs of
// a sentence, leaving out "signing ceremony", negated and future signings.
func (g *gazetteer) signingVerbs(txt string) []int {
	var out []int
	for _, m := range g.verbs.sign.FindAllStringIndex(txt, -1) {
		if isSigningVerb(txt, m[0], m[1]) {
			out = append(out, m[0])
		}
	}
	// "witnessed the exchange of four memorandums of understanding": the
	// noun, where agreements follow, as "the signing of" is read
	for _, m := range exchangeOfRE.FindAllStringSubmatchIndex(txt, -1) {
		if genericAgrRE.MatchString(txt[m[1]:min(len(txt), m[1]+60)]) && !slices.Contains(out, m[2]) {
			out = append(out, m[2])
		}
	}
	slices.Sort(out)
	return out
}

// appositiveRE: a comma and "a" or "an" describe what was named before.
var appositiveRE = regexp.MustCompile(`,\s+(?:a|an)\s`)

var exchangeOfRE = regexp.MustCompile(`(?i)\bthe\s+(exchange)\s+of\s`)

// findSignings reads the signing frames of an article from its settled
// mentions. bySent lists each sentence's mention indexes in text order.
func findSignings(g *gazetteer, text string, sents []sentence, ms []mention, bySent [][]int) []signing {
	var out []signing
	for si, s := range sents {
		txt := text[s.Start:s.End]
		verbs := g.signingVerbs(txt)
		if len(verbs) == 0 {
			continue
		}
		cs := clauses(txt)
		for ci, c := range cs {
			prevEnd := c[0]
			for _, v := range verbs {
				if v < c[0] || v >= c[1] {
					continue
				}
				f := signing{Sent: si, Verb: s.Start + v, Start: s.Start + prevEnd, End: s.Start + c[1]}
				f.read(g, text, ms, bySent[si])
				f.Subjects = slices.DeleteFunc(f.Subjects, func(mi int) bool { return verbBetween(s.Tokens, ms[mi].End, f.Verb) })
				if len(f.Agreements) == 0 && (documentAnaphorRE.MatchString(text[f.Verb:f.End]) || f.Start < f.Verb && passiveDocumentRE.MatchString(text[f.Start:f.Verb])) {
					// "A and B signed the document", "The documents were
					// exchanged at a ceremony": the agreement just named
					f.Agreements = priorAgreement(ms, bySent, si)
				}
				if len(f.Agreements) == 0 && ci > 0 && passiveAfterWhich(txt, cs[ci-1], c, v) {
					// "The agreement, which covers farm exports, was signed
					// at ...": the passive's subject stands before "which"
					f.Agreements = lastAgreement(ms, bySent[si], s.Start+cs[ci-1][0], s.Start+cs[ci-1][1])
				}
				if len(f.Agreements) == 0 && theSigning(text, s.Start+v) {
					// "The signing took place on the sidelines of ...": the
					// signing the sentence before told of, else the agreement
					// the nearer of the two before names
					if len(out) > 0 && out[len(out)-1].Sent == si-1 {
						f.Agreements = out[len(out)-1].Agreements
					} else {
						f.Agreements = priorAgreement(ms, bySent, si)
					}
				}
				out = append(out, f.splitMembers(ms)...)
				prevEnd = f.lastObjectEnd(ms) - s.Start
			}
		}
	}
	return out
}

// verbBetween: a verb of its own stands after the mention ending at from
// and before the signing verb at to, so the mention is that verb's subject
// ("the United Arab Emirates pledged $4.5 billion ..., and Masdar
// signed"); not an auxiliary ("has signed") nor a verb of a relative
// clause ("Kenya, which hosted the talks, and Ghana signed", "Ruto, who on
// Monday visited Beijing, signed").
func verbBetween(toks []token, from, to int) bool {
	relative := false // inside ", who ... ,"
	for k, t := range toks {
		if k > 0 && toks[k-1].Text == "," && relativeWord[strings.ToLower(t.Text)] {
			relative = true
		} else if t.Text == "," {
			relative = false
		}
		if relative || t.Start < from || t.End > to || t.Tag != "VBD" && t.Tag != "VBZ" && t.Tag != "VBP" || auxiliary[strings.ToLower(t.Text)] {
			continue
		}
		if k > 0 && relativeWord[strings.ToLower(toks[k-1].Text)] {
			continue // "Ghana that hosted the talks"
		}
		return true
	}
	return false
}

// relativeWord: the words that open a relative clause.
var relativeWord = map[string]bool{"who": true, "which": true, "whose": true, "that": true}

var auxiliary = map[string]bool{"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "did": true, "does": true, "do": true, "can": true, "could": true, "may": true, "might": true,
	"shall": true, "should": true, "must": true}

// passiveAfterWhich: the clause c, which a "which" after the clause prev
// opens, ends its relative clause with a comma and a passive signing at v
// ("..., which covers farm exports, was signed").
func passiveAfterWhich(txt string, prev, c [2]int, v int) bool {
	return strings.Contains(txt[prev[1]:c[0]], "which") && passiveSubjectlessRE.MatchString(txt[c[0]:v])
}

var passiveSubjectlessRE = regexp.MustCompile(`,\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+$`)

// lastAgreement is the last agreement mention of sent within [start, end),
// as a list of one, or nil.
func lastAgreement(ms []mention, sent []int, start, end int) []int {
	for k := len(sent) - 1; k >= 0; k-- {
		if m := ms[sent[k]]; m.Type == schema.Agreement && m.Start >= start && m.End <= end {
			return []int{sent[k]}
		}
	}
	return nil
}

// documentNouns: the words that point back at agreements without naming
// their kind.
const documentNouns = `(?:documents?|papers|instruments|texts)`

var (
	// documentAnaphorRE: a signing verb whose object is such a word ("signed
	// the document", "signed the two documents").
	documentAnaphorRE = regexp.MustCompile(`(?i)^\w+\s+the\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?` + documentNouns + `\b`)
	// passiveDocumentRE: such a word as the subject of a passive signing
	// ("The documents were exchanged").
	passiveDocumentRE = regexp.MustCompile(`(?i)\bthe\s+(?:[\w-]+\s+)?` + documentNouns + `\s+(?:were|was|have\s+been|had\s+been|are|is)\s+$`)
)

// priorAgreement is the first agreement mention of the nearer of the two
// sentences before sentence si that names one, or none: the sentence's
// subject before what it goes on to say ("The MOU establishes a
// framework").
func priorAgreement(ms []mention, bySent [][]int, si int) []int {
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		for _, mi := range bySent[k] {
			if ms[mi].Type == schema.Agreement {
				return []int{mi}
			}
		}
	}
	return nil
}

// lastObjectEnd is where the frame's last object ends, or the verb's end
// when it has none after the verb: the next verb's subjects start there.
func (f *signing) lastObjectEnd(ms []mention) int {
	end := f.Verb + 1
	for _, p := range f.Objects {
		if ms[p].End > end {
			end = ms[p].End
		}
	}
	for _, a := range f.Agreements {
		if ms[a].Start > f.Verb && ms[a].End > end {
			end = ms[a].End
		}
	}
	return end
}

// read fills the frame's parties and agreements from the clause's mentions.
func (f *signing) read(g *gazetteer, text string, ms []mention, sent []int) {
	clause := text[f.Start:f.End]
	f.BothSides = twoCountryRE.MatchString(clause) && !twoBodiesRE.MatchString(clause)
	var before, after []int
	for _, mi := range sent {
		m := ms[mi]
		if m.Start < f.Start || m.End > f.End {
			continue
		}
		switch {
		case m.End <= f.Verb:
			before = append(before, mi)
		case m.Start >= f.Verb:
			after = append(after, mi)
		}
		// a mention that holds the verb is neither
	}
	f.Agreements, f.members = signedAgreements(text, ms, before, after)
	if nominalSigning(text, f.Verb) || theSigning(text, f.Verb) {
		// "witnessed the signing of an MoU between A and B", "X, who
		// attended the signing": who stands before the noun watched; the
		// parties follow it, or were named before
		before = nil
	}
	for _, mi := range before {
		if isParty(ms[mi]) && f.subjectParty(g, text, ms, mi, before) {
			f.Subjects = append(f.Subjects, mi)
		}
	}
	f.Objects, f.With = objectParties(g, text, ms, f.Verb, after, f.Agreements, f.recipientKinds(ms))
}

// splitMembers parts a frame whose agreements are several and the members
// a list names ("witnessed the signing of 12 documents, including an MoU
// between A and B"): the parties named after the first member are that
// list's, not the several's. It returns the frame of the several and, when
// parties follow the members, a frame of the members with them.
func (f signing) splitMembers(ms []mention) []signing {
	if f.members == 0 {
		return []signing{f}
	}
	first := ms[f.Agreements[f.members]].Start
	whole, members := f, f
	whole.Agreements, whole.Objects = f.Agreements[:f.members:f.members], nil
	members.Agreements, members.Objects = f.Agreements[f.members:], nil
	for _, p := range f.Objects {
		if ms[p].Start < first {
			whole.Objects = append(whole.Objects, p)
		}
		members.Objects = append(members.Objects, p)
	}
	whole.members, members.members = 0, 0
	return []signing{whole, members}
}

// isQualifier: the types whose name, before a title, says whom its holder
// signs for.
func isQualifier(t schema.EntityType) bool {
	return t == schema.Country || t == schema.Ministry || t == schema.Organization
}

// isParty: the types that can sign, less what only qualifies another name.
func isParty(m mention) bool {
	switch m.Type {
	case schema.Country, schema.Person, schema.Ministry, schema.Organization:
	default:
		return false
	}
	return !m.Demonym && m.Rule != "country-pair" && m.Rule != "byline"
}

// subjectParty: a party named before the verb signed, unless the verb's
// clause reports it ("The Ministry announced that the two countries
// signed"), or a preposition ties it to another name ("under the Ministry",
// "in Oslo"), or it is the country of a company that signed ("Indonesia's
// Pertamina").
func (f *signing) subjectParty(g *gazetteer, text string, ms []mention, mi int, before []int) bool {
	m := ms[mi]
	if g.verbs.report.MatchString(text[m.End:f.Verb]) {
		return false
	}
	if notPartyRE.MatchString(text[f.Start:m.Start]) {
		return false
	}
	if m.Type == schema.Country && possessive(text, m.End) {
		for _, o := range before {
			if ms[o].Start > m.End && ms[o].Type == schema.Organization {
				return false
			}
		}
	}
	return true
}

func possessive(text string, end int) bool {
	rest := text[end:]
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
}

// objectParties: after the verb, the parties that "with", "between", "by",
// "among" or "on behalf of" introduce, and those listed with them.
func objectParties(g *gazetteer, text string, ms []mention, verb int, after []int, agreements []int, recipient bool) (out []int, with bool) {
	from := verb // after a grant or a contract (recipient), "to" names its recipient
	// "The signatories for Australia were Minister X and Minister Y"
	signatories := strings.HasPrefix(strings.ToLower(text[verb:min(len(text), verb+9)]), "signator")
	for k, mi := range after {
		m := ms[mi]
		if m.Start < from {
			continue // nested in the party before it
		}
		if m.Type == schema.Country && possessive(text, m.End) && k+1 < len(after) && isParty(ms[after[k+1]]) && ms[after[k+1]].Start-m.End < 60 {
			continue // "Vietnam's Ministry of Planning": the ministry is the party
		}
		gap := g.trimDescriptors(text[from:m.Start])
		if len(out) == 0 && appositiveRE.MatchString(gap) {
			break // "on the Development Road project, a road and rail link between Basra and ...": what the project is
		}
		listed := len(out) > 0 && (listIntroRE.MatchString(gap) || possessiveIntroRE.MatchString(gap))
		if !isParty(m) {
			if m.Type == schema.Event || m.Type != schema.Agreement && len(out) > 0 && !listed {
				break // a place, a sector: the parties' list is over; after an event, its own
			}
			if m.Type == schema.Agreement {
				from = m.End
				recipient = hasRecipient(m)
			}
			continue
		}
		// "by Korea's Minister X", "by NNPC chief X": the person who signed
		// for the party just named
		afterCountry := len(out) > 0 && isQualifier(ms[out[len(out)-1]].Type) && m.Type == schema.Person && titleTailRE.MatchString(gap)
		if g.verbs.witnessBy.MatchString(gap) || len(out) == 0 && nounAlongsideRE.MatchString(gap) {
			break // the parties' list is over: those after it watched
		}
		if listed || afterCountry || partyIntroRE.MatchString(gap) || betweenLastRE.MatchString(gap) || recipient && toIntroRE.MatchString(gap) ||
			signatories && signatoriesIntroRE.MatchString(gap) {
			if len(out) == 0 {
				with = withIntroRE.MatchString(gap)
			}
			out = append(out, mi)
			from = m.End
			continue
		}
		if len(out) > 0 {
			break
		}
	}
	return out, with
}

// signedAgreements are the agreements a signing verb acts on: the first
// named after the verb and those listed with it ("signed the X and the Y"),
// with the members of several it names ("signed seven agreements,
// including an MoU on defence and an agreement on media"), or, when none
// follows ("The MoU was signed"), the last named before it.
func signedAgreements(text string, ms []mention, before, after []int) (out []int, members int) {
	for _, a := range after {
		m := ms[a]
		if m.Type != schema.Agreement {
			continue
		}
		if len(out) > 0 {
			prev := ms[out[len(out)-1]]
			if m.Start < prev.End {
				continue // nested in the agreement before it
			}
			gap := text[prev.End:m.Start]
			if n := topicLen(gap); n > 0 {
				gap = gap[n:] // "an MoU on defence and an agreement on media"
			}
			if (pluralAgreement(prev.Name) || numbered(prev.Name)) && membersGap.MatchString(gap) && members == 0 {
				members = len(out)
			} else if !listGap.MatchString(gap) {
				break
			}
		}
		out = append(out, a)
	}
	if len(out) > 0 {
		return out, members
	}
	for k := len(before) - 1; k >= 0; k-- {
		if ms[before[k]].Type == schema.Agreement {
			return []int{before[k]}, 0
		}
	}
	return nil, 0
}

// membersGap introduces the members of several agreements named before it.
// A time of a word or three may come between ("seven agreements on
// Thursday, including ...").
var membersGap = regexp.MustCompile(`^(?:\s+[\w’']+){0,3}\s*,?\s*(?:including|among them|among which|such as|notably)\s+(?:the\s+|an?\s+)?$`)

// mentionsBySentence lists each sentence's mention indexes in text order.
func mentionsBySentence(ms []mention, n int) [][]int {
	out := make([][]int, n)
	for i, m := range ms {
		if m.Sent >= 0 && m.Sent < n {
			out[m.Sent] = append(out[m.Sent], i)
		}
	}
	for _, s := range out {
		sort.SliceStable(s, func(a, b int) bool { return ms[s[a]].Start < ms[s[b]].Start })
	}
	return out
}

// theSigning: the verb at off is the noun of "the signing", which points
// back at a signing told of before.
func theSigning(text string, off int) bool {
	before := strings.ToLower(text[max(0, off-4):off])
	return strings.HasSuffix(before, "the ") && strings.HasPrefix(strings.ToLower(text[off:min(len(text), off+8)]), "signing")
}

// nounAlongsideRE: "witnessed the signing alongside X": X watched too;
// only after the verb ("signed the deal alongside Peru") is X a party.
var nounAlongsideRE = regexp.MustCompile(`(?i)^signing\s+alongside\s`)

// nominalSigning: the verb at off is the noun "signing" ("the signing of")
// or "exchange" ("the exchange of four MoUs").
func nominalSigning(text string, off int) bool {
	rest := strings.ToLower(text[off:min(len(text), off+12)])
	return strings.HasPrefix(rest, "signing of") || strings.HasPrefix(rest, "signing and") || strings.HasPrefix(rest, "exchange of")
}

// hasRecipient: the agreement is a grant, a contract or a loan, which is
// made "to" someone.
func hasRecipient(m mention) bool {
	switch kindFamily(kindOf(m.Name).Kind) {
	case "grant", "contract", "loan":
		return true
	}
	return false
}

// recipientKinds: the frame acts on an agreement that is made "to"
// someone ("One grant was awarded to the Secretariat").
func (f *signing) recipientKinds(ms []mention) bool {
	for _, a := range f.Agreements {
		if hasRecipient(ms[a]) {
			return true
		}
	}
	return false
}

var descriptorRE = regexp.MustCompile(`(?:^|\s)([\p{L}]+(?:-[\p{L}]+)*),?\s*$`)

// trimDescriptors drops from the end of the text before a party the
// lower-case words that describe it ("with state-owned PetroVietnam",
// "with energy company Pertamina"), at most three: role nouns, and
// compounds such as "state-owned".
func (g *gazetteer) trimDescriptors(gap string) string {
	for n := 0; n < 4; n++ {
		m := descriptorRE.FindStringSubmatchIndex(gap)
		if m == nil {
			break
		}
		w := gap[m[2]:m[3]]
		if !startsLower(w) {
			if g.demonymWord(w) {
				gap = gap[:m[2]] // "her Vietnamese counterpart"
				continue
			}
			break
		}
		_, role := g.roles[w]
		if !role && !descriptorWord(w) && !g.titleHeadWord(w) && !g.titleMod[w] && !possessivePronoun[w] {
			break
		}
		gap = gap[:m[2]]
	}
	return gap
}

// possessivePronoun: "and her Vietnamese counterpart Bui Thanh Son".
var possessivePronoun = map[string]bool{"his": true, "her": true, "its": true, "their": true}

// ownershipWord: "state-owned", "state-run", "Temasek-backed": who owns or
// runs a thing, which makes the name after it an organization's.
func ownershipWord(w string) bool {
	for _, suf := range []string{"-owned", "-run", "-backed", "-controlled", "-listed"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// descriptorWord: "state-owned", "Beijing-based", "state-run", "private".
func descriptorWord(w string) bool {
	if ownershipWord(w) || strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "-linked") {
		return true
	}
	switch w {
	case "state", "private", "public", "national", "local", "foreign", "domestic", "leading", "major":
		return true
	}
	return false
}
