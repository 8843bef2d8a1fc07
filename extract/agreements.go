package extract

import (
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
		if m := r.ms[i]; m.Type == schema.Agreement && m.Generic && !r.byParties(i) {
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
		if m.Type != schema.Agreement || !m.Generic {
			continue
		}
		if ei := r.headlineAgreement(i); ei >= 0 {
			r.attach(i, r.ents[ei].Key)
		} else if !r.byParties(i) {
			r.agreementByReference(i)
		}
	}
}

// agreementByReference resolves a generic agreement mention no signing
// gives parties to: the agreement it stands for ("The MoU was signed by",
// "this landmark agreement"), else one of its own named by its kind and
// topic ("a new agreement on AI compute"), else the article's one agreement
// of its kind ("the deal" where no deal is named).
func (r *resolver) agreementByReference(mi int) {
	m := r.ms[mi]
	if ei := r.sameSentenceAgreement(mi); ei >= 0 {
		r.attach(mi, r.ents[ei].Key)
		return
	}
	k := kindOf(m.Name)
	if ei := r.nearestAgreement(mi, k); ei >= 0 && (!selfNaming(m) || definiteBefore(r.text, m.Start) || r.sameTopic(k, r.ents[ei])) {
		r.attach(mi, r.ents[ei].Key)
		return
	}
	if ei := r.onlyAgreementOfKind(mi, k); ei >= 0 && !selfNaming(m) {
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
	r.attach(mi, key)
	if selfNaming(m) {
		r.ents[r.mentOf[mi]].Generic = false
	}
}

// sameTopic: the agreement entity has a mention of topic k.Topic ("today's
// agreement on compute" and "the Memorandum of Understanding on compute").
func (r *resolver) sameTopic(k kindPhrase, e *entityBuild) bool {
	if k.Topic == "" {
		return false
	}
	for _, mi := range e.Mentions {
		if schema.Fold(kindOf(r.ms[mi].Name).Topic) == schema.Fold(k.Topic) {
			return true
		}
	}
	return false
}

// selfNaming: a generic agreement mention that says which agreement it is
// by a count or a topic ("37 bilateral agreements", "an agreement on AI
// compute"), where a bare one ("the deal") only points.
func selfNaming(m mention) bool { return numbered(m.Name) || kindOf(m.Name).Topic != "" }

// relationshipWord: kinds that also name a relationship rather than a
// document ("a lasting partnership"); unsigned and pointing at nothing,
// they are not agreements.
var relationshipWord = map[string]bool{"partnership": true, "cooperation": true, "relationship": true, "framework": true}

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
	best, bestDist := -1, 1<<30
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || r.pluralEntity(e) != plural {
			continue
		}
		if ek := r.entityKind(e); ek.Kind != "" && !referableKind(k, ek) {
			continue
		}
		for _, o := range e.Mentions {
			d := m.Start - r.ms[o].Start
			if d < 0 && r.ms[o].Sent-m.Sent > 1 {
				continue
			}
			if d < 0 {
				d = -d * 4 // prefer what came before
			}
			if d < bestDist {
				best, bestDist = ei, d
			}
		}
	}
	return best
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
	key := "Agreement/parties/" + strings.Join(keys, "+") + "/" + schema.Fold(kindOf(m.Name).Topic)
	r.attach(mi, key)
	e := r.ents[r.byKey[key]]
	e.Generic = false
	e.Parties = parties
	e.Counterparts = r.onlyCounterparts(mi)
	return true
}

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
		if e.Type != schema.Agreement || len(e.Mentions) == 0 {
			continue
		}
		if len(e.Parties) > 0 {
			ek := kindOf(r.ms[e.Mentions[0]].Name)
			if !sameKind(k, ek) {
				continue
			}
			if k.Topic != "" && schema.Fold(k.Topic) == schema.Fold(ek.Topic) ||
				sameSet(e.Parties, parties) && (k.Topic == "" || ek.Topic == "" || schema.Fold(k.Topic) == schema.Fold(ek.Topic)) {
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

// headlineAgreement: a headline's generic agreement ("Korea, U.S. sign
// MOU") is the body's agreement that shares most of its parties, or the
// body's only agreement; -1 when the body names none.
func (r *resolver) headlineAgreement(mi int) int {
	m := r.ms[mi]
	if m.Type != schema.Agreement || m.Sent < 0 || m.Sent >= len(r.sents) || !r.sents[m.Sent].Headline {
		return -1
	}
	parties := r.partiesOf(mi)
	best, bestShared, bestMentions := -1, -1, 0
	for ei, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || e.Generic {
			continue
		}
		shared := 0
		for _, p := range append(r.signingPartiesOf(ei), e.Parties...) {
			if slices.Contains(parties, p) {
				shared++
			}
		}
		if shared > bestShared || shared == bestShared && len(e.Mentions) > bestMentions {
			best, bestShared, bestMentions = ei, shared, len(e.Mentions)
		}
	}
	return best
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
	return false
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

// maxAgreementAliases bounds the forms an untitled agreement is listed
// under: enough for the ways news names it, few enough to read.
const maxAgreementAliases = 40

// nameByParties names an untitled agreement after its kind and parties
// ("MoU between KEPCO and Ecopetrol") and lists the other forms news calls
// it by ("KEPCO-Ecopetrol MoU", "agreement between KEPCO and Ecopetrol",
// "MoU on hydrogen supply"), as the guidelines name what the text does not.
func nameByParties(res *resolver, g *gazetteer, e *entityBuild) (string, []string) {
	kinds := kindsUsed(res, e)
	kinds = append(kinds, kindEquivalents(kinds)...)
	names := partySets(res, g, e)
	topic := ""
	for _, k := range kinds {
		if topic == "" {
			topic = k.Topic
		}
	}
	first := kinds[0].Kind
	if topic != "" {
		first += " " + topic
	}
	var forms []string
	add := func(s string) { forms = append(forms, s) }
	for _, k := range kinds {
		kt := k.Kind
		if t := firstNonEmpty(k.Topic, topic); t != "" {
			kt += " " + t
			add(kt)
		}
		for si, set := range names {
			pairs := set
			if e.Counterparts && si == 0 {
				pairs = nil // the counterparts signed with the unnamed side, not with each other
			}
			eachPair(pairs, func(a, b string, canonical bool) {
				if canonical {
					add(k.Kind + " between " + a + " and " + b)
				}
				add(a + "-" + b + " " + k.Kind)
				if kt != k.Kind {
					add(a + "-" + b + " " + kt)
				}
			})
		}
		if len(names[0]) == 1 || e.Counterparts {
			for _, n := range names[0] {
				add(k.Kind + " with " + n[0])
				add(singular(k.Kind) + " with " + n[0])
			}
		}
		if f := kindFamily(k.Kind); f == "grant" || f == "contract" || f == "loan" {
			// made by one party to another: "USTDA grant to the Secretariat"
			for _, a := range names[0] {
				add(k.Kind + " to " + a[0])
				add(a[0] + " " + k.Kind)
				for _, b := range names[0] {
					if a[0] != b[0] {
						add(a[0] + " " + k.Kind + " to " + b[0])
					}
				}
			}
		}
	}
	name := first + partyPhrase(names[0], e.Counterparts)
	var aliases []string
	seen := map[string]bool{schema.Fold(name): true}
	for _, f := range forms {
		if fold := schema.Fold(f); !seen[fold] && !schema.BareKind(f) && len(aliases) < maxAgreementAliases {
			seen[fold] = true
			aliases = append(aliases, f)
		}
	}
	return name, aliases
}

// partySets are the sets of names an agreement can be called after, each a
// list of parties with their forms: first the parties it is named after
// (namingParties), then, when they are not already countries, the
// countries those parties stand for ("UK-Peru MoUs" for an MoU between a
// ministry and an embassy), or failing those the article's two main
// countries, which news pairs an untitled agreement with.
func partySets(res *resolver, g *gazetteer, e *entityBuild) [][][]string {
	direct := namingParties(res, e.Parties)
	var first [][]string
	for _, p := range direct {
		first = append(first, partyForms(res, g, p))
	}
	codes := countriesOf(res, e.Parties)
	if len(codes) < 2 {
		codes = nil
		for _, c := range res.mainCountryEnts(2) {
			if len(res.ents[c].Mentions) >= 2 {
				codes = append(codes, res.ents[c].Country)
			}
		}
	}
	if len(codes) < 2 || allCountries(res, direct) {
		return [][][]string{first}
	}
	var byCountry [][]string
	for _, c := range codes {
		byCountry = append(byCountry, append([]string{g.countryName[c]}, g.countryAbbr[c]...))
	}
	if allPersons(res, direct) {
		return [][][]string{byCountry, first} // named after the countries its signers stand for
	}
	return [][][]string{first, byCountry}
}

// countriesOf: the countries parties stand for, in order: a country
// itself, a body's or an official's country.
func countriesOf(res *resolver, parties []int) []string {
	var out []string
	for _, p := range parties {
		if c := res.ents[p].Country; c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func allCountries(res *resolver, ps []int) bool { return allOf(res, ps, schema.Country) }
func allPersons(res *resolver, ps []int) bool   { return allOf(res, ps, schema.Person) }

func allOf(res *resolver, ps []int, t schema.EntityType) bool {
	for _, p := range ps {
		if res.ents[p].Type != t {
			return false
		}
	}
	return len(ps) > 0
}

// namingParties are the parties an agreement is named after: its
// countries when two or more signed, else the countries, bodies and
// organizations that signed, else whoever did.
func namingParties(res *resolver, parties []int) []int {
	var countries, bodies []int
	for _, p := range parties {
		switch res.ents[p].Type {
		case schema.Country:
			countries = append(countries, p)
		case schema.Ministry, schema.Organization:
			bodies = append(bodies, p)
		}
	}
	switch {
	case len(countries) >= 2:
		return countries
	case len(bodies) > 0:
		var out []int
		for _, p := range parties {
			if t := res.ents[p].Type; t != schema.Person {
				out = append(out, p)
			}
		}
		return out
	}
	return parties
}

// kindsUsed are the ways the text calls the agreement, the most used
// first, then the longer ("memorandum of understanding" before a
// headline's "pact").
func kindsUsed(res *resolver, e *entityBuild) []kindPhrase {
	var kinds []kindPhrase
	count := map[string]int{}
	for _, mi := range e.Mentions {
		k := kindOf(res.ms[mi].Name)
		f := schema.Fold(k.Kind + " " + k.Topic)
		if count[f] == 0 {
			kinds = append(kinds, k)
		}
		count[f]++
	}
	sort.SliceStable(kinds, func(a, b int) bool {
		ca, cb := count[schema.Fold(kinds[a].Kind+" "+kinds[a].Topic)], count[schema.Fold(kinds[b].Kind+" "+kinds[b].Topic)]
		if ca != cb {
			return ca > cb
		}
		return len(kinds[a].Kind) > len(kinds[b].Kind)
	})
	return kinds
}

// partyPhrase is " between A and B", " between A, B and C", " with A", or
// for counterparts only, " with A and B".
func partyPhrase(names [][]string, counterparts bool) string {
	var ps []string
	for _, n := range names {
		ps = append(ps, n[0])
	}
	switch {
	case len(ps) == 0:
		return ""
	case len(ps) == 1:
		return " with " + ps[0]
	case counterparts:
		return " with " + strings.Join(ps[:len(ps)-1], ", ") + " and " + ps[len(ps)-1]
	}
	return " between " + strings.Join(ps[:len(ps)-1], ", ") + " and " + ps[len(ps)-1]
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

// eachPair calls fn for the first two parties in both orders, with every
// form of each; canonical is set for the pair of canonical names.
func eachPair(names [][]string, fn func(a, b string, canonical bool)) {
	if len(names) < 2 {
		return
	}
	for _, p := range [][2][]string{{names[0], names[1]}, {names[1], names[0]}} {
		for i, a := range p[0] {
			for j, b := range p[1] {
				fn(a, b, i == 0 && j == 0)
			}
		}
	}
}

// partyForms: a party's canonical name, then the abbreviations news names
// it by in a pair ("UK-Peru"): a country's from the gazetteer, another
// party's acronym aliases.
func partyForms(res *resolver, g *gazetteer, ei int) []string {
	e := res.ents[ei]
	if e.Type == schema.Country {
		return append([]string{g.countryName[e.Country]}, g.countryAbbr[e.Country]...)
	}
	name := bestName(res, g, e)
	out := []string{name}
	for _, a := range append(e.Aliases, g.abbr[name]...) {
		if isAllCaps(a) && !strings.Contains(a, " ") && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
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
