package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// agreements resolves the agreement mentions that name no title ("an MoU",
// "the deal", "two agreements") in three passes: first those whose signing
// names their parties (byParties), one agreement per set of parties; then
// the rest, which point at the agreement they stand for or name one by
// kind and topic; last a headline's, once the body has said which
// agreements there are.
func (r *resolver) agreements() {
	body, head := r.bodyAndHeadline()
	var rest []int
	for _, i := range body {
		if m := r.ms[i]; m.Type == schema.Agreement && m.Generic && !sourceStatement(r.text, m) && !r.byParties(i) {
			rest = append(rest, i)
		}
	}
	// what names itself ("37 bilateral agreements", "an agreement on AI
	// compute") before what only points ("the agreements", "the deal")
	sort.SliceStable(rest, func(a, b int) bool { return selfNaming(r.ms[rest[a]]) && !selfNaming(r.ms[rest[b]]) })
	for _, i := range rest {
		r.agreementByReference(i)
	}
	for _, i := range head {
		m := r.ms[i]
		if m.Type != schema.Agreement || !m.Generic || r.relationshipOnly(i) || sourceStatement(r.text, m) {
			continue
		}
		if ei := r.headlineAgreement(i); ei >= 0 {
			r.attach(i, r.ents[ei].Key)
		} else if ei := r.partylessBodyAgreement(i); ei >= 0 {
			r.attach(i, r.ents[ei].Key)
		} else if !r.byParties(i) {
			r.agreementByReference(i)
		}
	}
}

// severalBefore is the entity of the several agreements of mention mi's
// kind the text named before it ("two grants", "the grants"), so that "the
// first grant" is one of them, not the first of its kind ever signed; -1
// when there are none.
func (r *resolver) severalBefore(mi int) int {
	kind := kindOf(r.ms[mi].Name).Kind
	best, bestStart := -1, -1
	for o, om := range r.ms {
		if om.Type != schema.Agreement || om.Start >= r.ms[mi].Start || om.Start < bestStart || r.mentOf[o] < 0 || !numbered(om.Name) && !pluralAgreement(om.Name) {
			continue
		}
		// "two grants", or "two grant agreements" before "the first grant"
		if ok := kindOf(om.Name).Kind; kindFamily(ok) == kindFamily(kind) || strings.HasPrefix(schema.Fold(ok), schema.Fold(kind)+" ") {
			best, bestStart = r.mentOf[o], om.Start
		}
	}
	return best
}

// memberWords make an agreement noun one of several named before ("the
// first grant", "a separate grant").
const memberWords = `first|second|third|fourth|fifth|separate`

// memberWordRE: a member word, with its article, before an agreement noun.
var memberWordRE = regexp.MustCompile(`(?i)\b(?:the|a|an)\s+(` + memberWords + `)\s+$`)

// relationshipOnly: generic mention mi names a relationship, not an
// agreement: a partnership or cooperation no signing acts on that ties are
// raised to ("upgrade ties to comprehensive strategic partnership") or that
// the text introduces with "a" ("announced a comprehensive strategic
// partnership"), which no later document stands for.
func (r *resolver) relationshipOnly(mi int) bool {
	m := r.ms[mi]
	if selfNaming(m) || r.signed(mi) || !relationshipWord[kindFamily(kindOf(m.Name).Kind)] {
		return false
	}
	return indefiniteBefore(r.text, m.Start) || raisedToRE.MatchString(r.text[max(0, m.Start-80):m.Start])
}

// sourceStatement: a statement the text cites for what it reports
// ("according to a joint statement"), a source rather than an agreement.
func sourceStatement(text string, m mention) bool {
	f := schema.Fold(kindOf(m.Name).Kind)
	return (strings.Contains(f, "statement") || strings.Contains(f, "communiqu")) && accordingToRE.MatchString(text[max(0, m.Start-24):m.Start])
}

var accordingToRE = regexp.MustCompile(`(?i)\baccording\s+to\s+(?:a|an|the|their)\s+$`)

// raisedToRE: what ties are raised to comes next.
var raisedToRE = regexp.MustCompile(`(?i)\b(?:upgrad|elevat|rais|lift|strengthen)\w*\b[^.;\n]{0,60}\bto\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$`)

// agreementByReference resolves a generic agreement mention no signing
// gives parties to: the agreement it stands for ("The MoU was signed by",
// "this landmark agreement"), else one of its own named by its kind and
// topic ("a new agreement on AI compute"), else the article's one agreement
// of its kind ("the deal" where no deal is named).
func (r *resolver) agreementByReference(mi int) {
	m := r.ms[mi]
	between := r.ownBetween(mi)
	if ei := r.sameSentenceAgreement(mi); ei >= 0 && between == nil {
		r.attach(mi, r.ents[ei].Key)
		return
	}
	if w := memberWordRE.FindStringSubmatch(r.text[max(0, m.Start-24):m.Start]); w != nil && between == nil && !pluralAgreement(m.Name) {
		if several := r.severalBefore(mi); several >= 0 {
			// "USTDA awarded two grants. The first grant ... A separate
			// grant ...": each is one of the several, an agreement of its own
			r.ms[mi].Name = strings.ToLower(w[1]) + " " + m.Name
			r.attach(mi, "Agreement/kind/"+kindFamily(kindOf(m.Name).Kind)+"/member/"+strings.ToLower(w[1]))
			e := r.ents[r.mentOf[mi]]
			e.Generic = false
			e.MemberOf = r.ents[several].Key
			return
		}
	}
	k := kindOf(m.Name)
	if r.relationshipOnly(mi) {
		return
	}
	if k.Topic != "" {
		// "today's agreement on compute": the agreement of that topic
		for _, e := range r.ents {
			if e.Type == schema.Agreement && len(e.Mentions) > 0 && r.sameTopic(k, e) && r.pluralEntity(e) == pluralAgreement(m.Name) {
				r.attach(mi, e.Key)
				return
			}
		}
	}
	if ei := r.nearestAgreement(mi, k); ei >= 0 && between == nil && (!selfNaming(m) || definiteBefore(r.text, m.Start)) && !r.otherTopic(k, r.ents[ei]) {
		r.attach(mi, r.ents[ei].Key)
		return
	}
	if ei := r.onlyAgreementOfKind(mi, k); ei >= 0 && between == nil && !selfNaming(m) {
		r.attach(mi, r.ents[ei].Key) // "the partnership" in an article with one
		return
	}
	if !selfNaming(m) && !r.signed(mi) && (relationshipWord[kindFamily(k.Kind)] || negatedBefore(r.text, m.Start)) {
		return // "to build a lasting partnership", "no agreement was signed": no agreement
	}
	key := "Agreement/kind/" + kindFamily(k.Kind)
	switch {
	case numbered(m.Name):
		key += "/count/" + schema.Fold(m.Name)
	case pluralAgreement(k.Kind):
		key += "/several"
	}
	if k.Topic != "" {
		key += "/" + schema.Fold(k.Topic)
	}
	for _, p := range between {
		key += "/between/" + r.ents[p].Key
	}
	r.attach(mi, key)
	if between != nil {
		r.ents[r.mentOf[mi]].Parties = between
	}
	if selfNaming(m) || between != nil {
		r.ents[r.mentOf[mi]].Generic = false
	}
}

// ownBetween are the entities of the parties an agreement the text
// introduces with "a" or "an" names right after it ("a memorandum of
// understanding between the Vietnam Electricity Group and Electricite du
// Laos"), two or more: a new agreement, not one named before. None when
// it names none.
func (r *resolver) ownBetween(mi int) []int {
	m := r.ms[mi]
	if !indefiniteBefore(r.text, m.Start) {
		return nil
	}
	var out []int
	from := m.End
	for _, k := range r.bySent[m.Sent] {
		o := r.ms[k]
		if o.Start < from || k == mi {
			continue
		}
		if ei := r.mentOf[k]; len(out) > 0 && ei == out[len(out)-1] {
			from = pastRepeat(r.text, o.End) // "the Abu Dhabi National Oil Company (ADNOC)"
			continue
		}
		gap := r.g.trimDescriptors(r.text[from:o.Start])
		if !isParty(o) || !(len(out) == 0 && ownBetweenRE.MatchString(gap) || len(out) > 0 && listIntroRE.MatchString(gap)) {
			break
		}
		if ei := r.mentOf[k]; ei >= 0 && !slices.Contains(out, ei) {
			out = append(out, ei)
		}
		from = o.End
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// ownBetweenRE: "between" and the first party's titles.
var ownBetweenRE = regexp.MustCompile(`^\s+between\s+` + titleWordsRE + `$`)

// otherTopic: the agreement entity has a topic, and it is not k's.
func (r *resolver) otherTopic(k kindPhrase, e *entityBuild) bool {
	if k.Topic == "" {
		return false
	}
	for _, mi := range e.Mentions {
		if t := kindOf(r.ms[mi].Name).Topic; t != "" && !sameTopic(k.Topic, t) {
			return true
		}
	}
	return false
}

// signed: a signing frame acts on mention mi.
func (r *resolver) signed(mi int) bool {
	for _, f := range r.signings {
		if slices.Contains(f.Agreements, mi) {
			return true
		}
	}
	return false
}

// nearestAgreement is the agreement entity nearest mention mi that the
// mention can stand for: the same number, a compatible kind and topic;
// what came before is preferred, and what comes more than a sentence after
// is left out. -1 when there is none.
func (r *resolver) nearestAgreement(mi int, k kindPhrase) int {
	m := r.ms[mi]
	plural := pluralAgreement(k.Kind) || numbered(m.Name)
	best, bestDist, bestNamed := -1, 1<<30, false
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || r.pluralEntity(e) != plural {
			continue
		}
		if ek := r.entityKind(e); ek.Kind != "" && !referableKind(k, ek) {
			continue
		}
		// "the investment treaty" is the "bilateral investment treaty"
		// before the nearer "pact on energy": one whose kind holds every
		// word of the reference's comes first
		named := r.kindHolds(e, k.Kind)
		d := r.distance(m, e)
		if d >= 0 && (named && !bestNamed || named == bestNamed && d < bestDist) {
			best, bestDist, bestNamed = ei, d, named
		}
	}
	return best
}

// kindHolds: a mention of e has a kind phrase of which kind's words, two
// or more, are all part ("bilateral investment treaty" holds "investment
// treaty").
func (r *resolver) kindHolds(e *entityBuild, kind string) bool {
	want := strings.Fields(schema.Fold(kind))
	if len(want) < 2 {
		return false
	}
	for _, mi := range e.Mentions {
		have := strings.Fields(schema.Fold(kindOf(r.ms[mi].Name).Kind))
		all := true
		for _, w := range want {
			all = all && slices.Contains(have, w)
		}
		if all {
			return true
		}
	}
	return false
}

// onlyAgreementOfKind: the one agreement entity of the article, named or
// described, that mention mi can stand for wherever it is named; -1 when
// there is none or several.
func (r *resolver) onlyAgreementOfKind(mi int, k kindPhrase) int {
	plural := pluralAgreement(k.Kind) || numbered(r.ms[mi].Name)
	found := -1
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || e.Generic || r.pluralEntity(e) != plural {
			continue
		}
		if ek := r.entityKind(e); ek.Kind != "" && !referableKind(k, ek) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ei
	}
	return found
}

// entityKind is how an untitled agreement entity's first mention calls it.
func (r *resolver) entityKind(e *entityBuild) kindPhrase {
	for _, mi := range e.Mentions {
		if m := r.ms[mi]; m.Rule == "agreement-noun" {
			return kindOf(m.Name)
		}
	}
	return kindPhrase{}
}

// bodyAndHeadline splits the mentions into the body's and the headline's.
func (r *resolver) bodyAndHeadline() (body, head []int) {
	for i, m := range r.ms {
		if m.Sent >= 0 && m.Sent < len(r.sents) && r.sents[m.Sent].Headline {
			head = append(head, i)
		} else {
			body = append(body, i)
		}
	}
	return body, head
}

// byParties attaches generic agreement mention mi ("an MoU", "two
// agreements") to the agreement its signing's parties make it: one
// agreement per set of parties, so that "A signed an MoU with B, while C
// signed an MoU with D" gives two. It reports false, and leaves the mention
// to the other rules, when no signing names its parties, when its sentence
// names a titled agreement it may stand for, or when it points back ("the
// MoU") at an agreement named before.
func (r *resolver) byParties(mi int) bool {
	m := r.ms[mi]
	parties := r.partiesOf(mi)
	if len(parties) == 0 || r.sentenceNamesAgreement(m.Sent) {
		return false
	}
	if definiteBefore(r.text, m.Start) && r.agreementBefore(mi) {
		return false // "The MoU was signed by A and B": the MoU named before
	}
	if ei := r.sameParties(mi, parties); ei >= 0 {
		r.attach(mi, r.ents[ei].Key)
		return true
	}
	keys := make([]string, len(parties))
	for k, p := range parties {
		keys[k] = r.ents[p].Key
	}
	sort.Strings(keys)
	k := kindOf(m.Name)
	key := "Agreement/parties/" + strings.Join(keys, "+") + "/" + kindFamily(k.Kind) + "/" + schema.Fold(k.Topic)
	if pluralAgreement(m.Name) || numbered(m.Name) {
		key += "/several"
	}
	r.attach(mi, key)
	e := r.ents[r.byKey[key]]
	e.Generic = false
	e.Parties = parties
	e.Counterparts = r.onlyCounterparts(mi)
	if oneOfRE.MatchString(r.text[max(0, m.Start-24):m.Start]) && !pluralAgreement(m.Name) {
		// "two separate USTDA grants ... One grant was awarded to X. The
		// other grant was awarded to Y.": what is said of both is said of each
		if several := r.severalBefore(mi); several >= 0 {
			e.MemberOf = r.ents[several].Key
		}
	}
	return true
}

// oneOfRE: the words before an agreement noun that make it one of several
// named before ("One grant", "The other grant", "the first grant").
var oneOfRE = regexp.MustCompile(`(?i)(?:^|\W)(?:one|another|(?:the|a|an)\s+(?:other|` + memberWords + `))\s+$`)

// onlyCounterparts: every signing of mention mi names its parties after
// "with" and none before the verb ("MOUs signed with A and B").
func (r *resolver) onlyCounterparts(mi int) bool {
	for _, f := range r.signings {
		if slices.Contains(f.Agreements, mi) && (len(f.Subjects) > 0 || f.BothSides || !f.With) {
			return false
		}
	}
	return true
}

// sameParties finds the agreement that generic mention mi, signed by
// parties, names again: a titled agreement whose signing sentences name
// the same parties ("the two countries signed an MOU titled ..."), an
// untitled one of the same kind and topic ("an MOU on commercial
// cooperation" twice), or one signed by the same parties whose kind, number
// and topic agree. It returns -1 when there is none.
func (r *resolver) sameParties(mi int, parties []int) int {
	k := kindOf(r.ms[mi].Name)
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || r.coListed(mi, e) {
			continue
		}
		if len(e.Parties) > 0 {
			ek := kindOf(r.ms[e.Mentions[0]].Name)
			if !sameKind(k, ek) {
				continue
			}
			if k.Topic != "" && sameTopic(k.Topic, ek.Topic) ||
				sameSet(e.Parties, parties) && (k.Topic == "" || ek.Topic == "" || sameTopic(k.Topic, ek.Topic)) {
				return ei
			}
			continue
		}
		if e.Generic {
			continue
		}
		if named := r.signingPartiesOf(ei); len(named) > 0 && (subset(parties, named) || subset(named, parties)) {
			return ei
		}
	}
	return -1
}

// coListed: mention mi and a mention of e are items of one signing's list
// ("signed a bilateral investment treaty and a pact on energy"): two
// agreements, whatever parties they share.
func (r *resolver) coListed(mi int, e *entityBuild) bool {
	for _, f := range r.signings {
		if !slices.Contains(f.Agreements, mi) {
			continue
		}
		for _, o := range e.Mentions {
			if o != mi && slices.Contains(f.Agreements, o) {
				return true
			}
		}
	}
	return false
}

// headlineAgreement: a headline's generic agreement ("Korea, U.S. sign
// MOU") is the body's agreement that shares most of its parties, then
// whose sentences echo the headline's words for it ("corridor accord" over
// "an agreement to build a road corridor"), or the body's only agreement;
// -1 when the body names none.
func (r *resolver) headlineAgreement(mi int) int {
	m := r.ms[mi]
	if m.Type != schema.Agreement || m.Sent < 0 || m.Sent >= len(r.sents) || !r.sents[m.Sent].Headline {
		return -1
	}
	parties := r.partiesOf(mi)
	plural := pluralAgreement(m.Name)
	words := wordPatterns(describingWords(m.Name))
	best, bestShared, bestEcho, bestMentions, bestSame := -1, -1, 0, 0, false
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || e.Generic && !(plural && r.pluralEntity(e)) && len(e.Parties) == 0 {
			continue
		}
		shared := r.sharedParties(parties, append(r.signingPartiesOf(ei), e.Parties...))
		echo := r.echoes(e, words)
		// "UAE, India sign agreements" is the body's several memoranda
		// before its one agreement between two companies
		same := r.pluralEntity(e) == plural
		if same && !bestSame || same == bestSame && (shared > bestShared || shared == bestShared && (echo > bestEcho || echo == bestEcho && len(e.Mentions) > bestMentions)) {
			best, bestShared, bestEcho, bestMentions, bestSame = ei, shared, echo, len(e.Mentions), same
		}
	}
	return best
}

// sharedParties counts the parties of want that have entities stands for:
// each itself, or a country its people ("President Gabriel Boric") speak
// for.
func (r *resolver) sharedParties(want, have []int) int {
	n := 0
	for _, w := range want {
		for _, h := range have {
			if h == w || r.ents[w].Type == schema.Country && r.ents[h].Type == schema.Person && r.ents[h].Country != "" && r.ents[h].Country == r.ents[w].Country {
				n++
				break
			}
		}
	}
	return n
}

// describingWords are the words of an agreement's name that say what it is
// about, not what kind it is ("corridor" of "corridor accord"), in lower
// case.
func describingWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(schema.Fold(name)) {
		if len(w) > 3 && !agreementHeads[strings.TrimSuffix(w, "s")] && !genericAgrRE.MatchString(w) && !articles[w] {
			out = append(out, w)
		}
	}
	return out
}

// wordPatterns matches each of words as a whole word, in any case.
func wordPatterns(words []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(words))
	for k, w := range words {
		out[k] = regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`)
	}
	return out
}

// echoes counts the words that the sentences naming e write.
func (r *resolver) echoes(e *entityBuild, words []*regexp.Regexp) int {
	n := 0
	for _, re := range words {
		for _, mi := range e.Mentions {
			if s := r.ms[mi].Sent; s >= 0 && s < len(r.sents) && !r.sents[s].Headline && re.MatchString(r.text[r.sents[s].Start:r.sents[s].End]) {
				n++
				break
			}
		}
	}
	return n
}

// partylessBodyAgreement is the one untitled agreement of the body that a
// headline's signing with parties stands for when the body names no one
// who signed it: "Vietnam, South Korea sign deals" over "the leaders
// oversaw the signing of six memorandums of understanding". It must agree
// in number and not differ in topic; -1 when none or several fit.
func (r *resolver) partylessBodyAgreement(mi int) int {
	m := r.ms[mi]
	if len(r.partiesOf(mi)) == 0 {
		return -1
	}
	k := kindOf(m.Name)
	found := -1
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || len(e.Parties) > 0 || len(r.signingPartiesOf(ei)) > 0 ||
			r.pluralEntity(e) != pluralAgreement(m.Name) || r.otherTopic(k, e) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ei
	}
	return found
}

// signingPartiesOf: the parties of the signings in the sentences that name
// titled agreement ei.
func (r *resolver) signingPartiesOf(ei int) []int {
	sents := map[int]bool{}
	for _, mi := range r.ents[ei].Mentions {
		sents[r.ms[mi].Sent] = true
	}
	var out []int
	for _, f := range r.signings {
		if !sents[f.Sent] {
			continue
		}
		for _, p := range append(append([]int(nil), f.Subjects...), f.Objects...) {
			if pe := r.mentOf[p]; pe >= 0 && !slices.Contains(out, pe) {
				out = append(out, pe)
			}
		}
		if f.BothSides {
			for _, c := range r.mainCountryEnts(2) {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

func subset(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func sameSet(a, b []int) bool { return len(a) == len(b) && subset(a, b) }

// partiesOf lists the entities that signed agreement mention mi, by every
// signing that acts on it, in the order the text names them.
func (r *resolver) partiesOf(mi int) []int {
	var out []int
	seen := map[int]bool{}
	add := func(ei int) {
		if ei >= 0 && !seen[ei] && len(r.ents[ei].Mentions) > 0 {
			seen[ei] = true
			out = append(out, ei)
		}
	}
	for _, f := range r.signings {
		acts := false
		for _, a := range f.Agreements {
			acts = acts || a == mi
		}
		if !acts {
			continue
		}
		for _, p := range append(append([]int(nil), f.Subjects...), f.Objects...) {
			add(r.mentOf[p])
		}
		if f.BothSides {
			for _, c := range r.mainCountryEnts(2) {
				add(c)
			}
		}
	}
	return out
}

// mainPair: the article's two main countries, when each is named at least
// twice; nil otherwise.
func (r *resolver) mainPair() []int {
	cs := r.mainCountryEnts(2)
	if len(cs) < 2 || len(r.ents[cs[1]].Mentions) < 2 {
		return nil
	}
	return cs
}

// mainCountryEnts are the n countries with the most mentions.
func (r *resolver) mainCountryEnts(n int) []int {
	var cs []int
	for ei, e := range r.ents {
		if e.Type == schema.Country && len(e.Mentions) > 0 {
			cs = append(cs, ei)
		}
	}
	sort.SliceStable(cs, func(a, b int) bool {
		x, y := r.ents[cs[a]], r.ents[cs[b]]
		if len(x.Mentions) != len(y.Mentions) {
			return len(x.Mentions) > len(y.Mentions)
		}
		return x.Key < y.Key
	})
	return cs[:min(n, len(cs))]
}

// sentenceNamesAgreement: the sentence names a titled agreement, which a
// generic mention there most likely stands for ("signed an MOU titled ...").
func (r *resolver) sentenceNamesAgreement(si int) bool {
	for _, m := range r.ms {
		if m.Sent == si && m.Type == schema.Agreement && !m.Generic && !numbered(m.Name) {
			return true
		}
	}
	return false
}

// agreementBefore: an agreement that mention mi may stand for was named
// before it.
func (r *resolver) agreementBefore(mi int) bool {
	m := r.ms[mi]
	k := kindOf(m.Name)
	for _, e := range r.ents {
		if e.Type != schema.Agreement {
			continue
		}
		for _, o := range e.Mentions {
			if r.ms[o].Start < m.Start && (e.Parties == nil && !e.Generic || sameKind(k, kindOf(r.ms[o].Name))) {
				return true
			}
		}
	}
	// one the body named before and no signing gave parties to, which has
	// no entity yet ("ratified an agreement on the delimitation of their
	// zones. The agreement was signed by ...")
	for o, om := range r.ms {
		if om.Type == schema.Agreement && om.Generic && om.Start < m.Start && r.mentOf[o] < 0 &&
			!r.sents[om.Sent].Headline && sameKind(k, kindOf(om.Name)) && len(r.partiesOf(o)) == 0 {
			return true
		}
	}
	return false
}

// ownParties are the parties an untitled agreement's own phrase names
// after one of its mentions ("a deal between ACWA Power and Egypt's
// Electricity Holding Company"), or nil: what it is named after when no
// signing gives its parties.
func (r *resolver) ownParties(e *entityBuild) []int {
	for _, mi := range e.Mentions {
		m := r.ms[mi]
		var out []int
		from := m.End
		for _, p := range r.sentenceMentions(m.Sent) {
			pm := r.ms[p]
			if pm.Start < from || pm.Demonym || pm.Type == schema.Country && possessive(r.text, pm.End) {
				continue
			}
			gap := r.g.trimDescriptors(r.text[from:pm.Start])
			if !isParty(pm) || !(ownPartiesRE.MatchString(gap) || len(out) > 0 && listIntroRE.MatchString(gap)) {
				break
			}
			if ei := r.mentOf[p]; ei >= 0 && !slices.Contains(out, ei) {
				out = append(out, ei)
			}
			from = pm.End
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

var ownPartiesRE = regexp.MustCompile(`^\s*(?:\([^)]*\)\s*)?(?:between|with|among)\s+` + titleWordsRE + `$`)

// sentenceMentions lists sentence si's mentions in text order.
func (r *resolver) sentenceMentions(si int) []int {
	var out []int
	for i, m := range r.ms {
		if m.Sent == si {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return r.ms[out[a]].Start < r.ms[out[b]].Start })
	return out
}
