package extract

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// titleOfBody: a person whose title runs into "of/at <body>" works there.
func (r *relator) titleOfBody(emit emitFn) {
	r.eachPerson(func(si int, ms []int, k int) {
		m := r.res.ms[ms[k]]
		n := r.nextBody(ms, k)
		if n < 0 || r.res.ms[n].Start < m.End {
			return // none, or a body named inside the person's mention
		}
		nm := r.res.ms[n]
		between := r.text[m.End:nm.Start]
		if nextItemRE.MatchString(between) {
			return // "X, and the Group Chief Executive Officer of NNPC, Y": the title is the next person's
		}
		if nm.Start-m.End < 90 && !strings.ContainsAny(between, ";") && r.gaz.hasTitleWord(between) &&
			(strings.HasSuffix(between, " of the ") || strings.HasSuffix(between, " at the ") || strings.HasSuffix(between, " of ") || strings.HasSuffix(between, " at ")) {
			emit(r.idOf(ms[k]), r.idOf(n), si)
		}
	})
	// "A spokesperson for the Kenya Power and Lighting Company, Peter
	// Njenga, said": the title and its body before the name
	r.eachPerson(func(si int, ms []int, k int) {
		p := r.prevBody(ms, k)
		if p < 0 {
			return
		}
		if pm := r.res.ms[p]; strings.HasSuffix(strings.TrimSpace(r.text[r.sents[si].Start:pm.Start]), "(") {
			if q := r.bodyBefore(ms[:k], pm.Start); q >= 0 {
				p = q // "... Company Limited (NNPC Ltd), Mele Kyari": the body, not its acronym
			}
		}
		pm, m := r.res.ms[p], r.res.ms[ms[k]]
		before := r.text[r.sents[si].Start:pm.Start]
		t := titleForRE.FindStringSubmatch(before)
		if (pm.Type == schema.Ministry || pm.Type == schema.Organization) && appositiveGapRE.MatchString(r.text[pm.End:m.Start]) &&
			t != nil && r.gaz.titleHeadWord(strings.ToLower(t[1])) {
			emit(r.idOf(ms[k]), r.idOf(p), si)
		}
	})
}

var (
	// nextItemRE: what follows a person opens the next item of a list.
	nextItemRE = regexp.MustCompile(`^\s*,?\s*(?:and|or)\s`)
	// titleForRE: a title's head and "for", "of", "at" or "with" (the)
	// right before a body, or before its country's possessive ("Director
	// General of Morocco's National Office of Hydrocarbons").
	titleForRE = regexp.MustCompile(`(?i)\b([a-z-]+)\s+(?:for|of|at|with)(?:\s+the)?(?:\s+\p{Lu}[\p{L}.]*['’]s)?\s+$`)
	// appositiveGapRE: a body, its acronym perhaps, then the name set off
	// by a comma.
	appositiveGapRE = regexp.MustCompile(`^(?:\s*\([^()]{1,40}\))?,\s+$`)
)

// bodyAfterVerb: "Ana Rojas, who heads the Mining Agency", "Ana Rojas
// from the Ministry of Energy": a person, then a verb of running a body or
// a preposition of belonging, then the body.
func (r *relator) bodyAfterVerb(emit emitFn) {
	r.eachPerson(func(si int, ms []int, k int) {
		m := r.res.ms[ms[k]]
		n := r.nextBody(ms, k)
		if n < 0 || r.res.ms[n].Start < m.End {
			return
		}
		if r.res.ms[n].Type != schema.Country && bodyVerbRE.MatchString(r.text[m.End:r.res.ms[n].Start]) {
			emit(r.idOf(ms[k]), r.idOf(n), si)
		}
	})
}

var bodyVerbRE = regexp.MustCompile(`^(?:,\s+who\s+(?:heads|headed|leads|led|chairs|chaired|runs|ran|directs|directed|manages|managed|founded|co-founded|works for|worked for|works at)|\s+(?:from|of|with))\s+(?:the\s+)?$`)

// bodyTitleName: a person named right after a body and a title ("the
// Ministry's spokesperson Ana Costa") works there; the title gains the body.
func (r *relator) bodyTitleName(emit emitFn) {
	r.eachPerson(func(si int, ms []int, k int) {
		m := r.res.ms[ms[k]]
		p := r.prevBody(ms, k)
		if p < 0 {
			return
		}
		pm := r.res.ms[p]
		if (pm.Type == schema.Ministry || pm.Type == schema.Organization) && m.Start-pm.End < 40 && r.onlyTitleWords(r.text[pm.End:m.Start]) {
			emit(r.idOf(ms[k]), r.idOf(p), si)
			start := pm.Start
			for _, q := range ms[:k] {
				// "the Senegalese space agency (ASES) Maram Kairé": the body's
				// first name in the sentence, before its acronym
				if qm := r.res.ms[q]; qm.Start < start && r.idOf(q) == r.idOf(p) {
					start = qm.Start
				}
			}
			r.titleBeforeBody(ms[k], r.text[r.sents[si].Start:start])
		}
	})
}

// onlyTitleWords: gap, between a body and a name, holds a title and
// nothing else ("'s chief executive", " Director General "), not a clause
// ("also collaborated with").
func (r *relator) onlyTitleWords(gap string) bool {
	if strings.ContainsAny(gap, ",;") {
		return false
	}
	ws := strings.Fields(strings.NewReplacer("'s", " ", "’s", " ", "(", " ", ")", " ").Replace(gap))
	links := 0
	for _, w := range ws {
		lw := strings.ToLower(w)
		if startsLower(w) && !r.gaz.titleHead[lw] && !r.gaz.titleMod[lw] && !r.gaz.domain[lw] && !titleLink[lw] {
			return false
		}
		if titleLink[lw] {
			links++
		}
	}
	return links == 0 || links < len(ws) // " and " alone lists, it titles no one
}

// titleLink: the small words inside a title ("head of the delegation").
var titleLink = map[string]bool{"of": true, "for": true, "and": true, "the": true, "&": true, "-": true}

// eachPerson calls fn for every person mention, with its sentence and its
// place k among the sentence's mentions ms.
func (r *relator) eachPerson(fn func(si int, ms []int, k int)) {
	for si := range r.sents {
		ms := r.bySent[si]
		for k, mi := range ms {
			if r.res.ms[mi].Type == schema.Person {
				fn(si, ms, k)
			}
		}
	}
}

// nextBody is the first ministry or organization mentioned after mention k
// of a sentence, or -1.
func (r *relator) nextBody(ms []int, k int) int {
	for _, n := range ms[k+1:] {
		t := r.res.ms[n].Type
		if t == schema.Ministry || t == schema.Organization {
			return n
		}
		if t == schema.Person {
			return -1
		}
	}
	return -1
}

// prevBody is the closest ministry or organization ending before mention
// k, skipping the country names nested in it ("Senegalese" in "Senegalese
// space agency"), or -1.
func (r *relator) prevBody(ms []int, k int) int { return r.bodyBefore(ms[:k], r.res.ms[ms[k]].Start) }

// bodyBefore is the last of ms that names a body and ends by off, or -1.
func (r *relator) bodyBefore(ms []int, off int) int {
	best := -1
	for _, p := range ms {
		pm := r.res.ms[p]
		if (pm.Type == schema.Ministry || pm.Type == schema.Organization) && pm.End <= off {
			if best < 0 || pm.End > r.res.ms[best].End {
				best = p
			}
		}
	}
	return best
}

var titleOfTheRE = regexp.MustCompile(`(?:^|[,;:]\s*)((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s+(?:of|at)\s+the\s+$`)

// titleBeforeBody gives the person the title that opens "Director General
// of the <body> <name>".
func (r *relator) titleBeforeBody(mi int, before string) {
	m := titleOfTheRE.FindStringSubmatch(before)
	if m == nil || !r.gaz.hasTitleWord(m[1]) {
		return
	}
	id := r.idOf(mi)
	for i := range r.doc.Entities {
		if e := &r.doc.Entities[i]; e.ID == id && !slices.Contains(e.Titles, m[1]) {
			e.Titles = append(e.Titles, m[1])
		}
	}
}

// countryAffiliations: a body qualified by a country is part of it; a person
// titled by a country, or a member of a country's body, represents it.
func (r *relator) countryAffiliations(t schema.EntityType, emit emitFn) {
	for ei, e := range r.res.ents {
		if e.Type != t || len(e.Mentions) == 0 || r.ids[ei] == "" || e.Country == "" {
			continue
		}
		cid := schema.EntityID(schema.Country, e.Country)
		if _, ok := r.types[cid]; ok {
			emit(r.ids[ei], cid, r.res.ms[e.Mentions[0]].Sent)
		}
	}
}

func (r *relator) bodiesOfCountries(emit emitFn) { r.countryAffiliations(schema.Ministry, emit) }
func (r *relator) countryTitles(emit emitFn)     { r.countryAffiliations(schema.Person, emit) }

// membersOfCountryBodies: a member of a body that is part of a country
// represents the country.
func (r *relator) membersOfCountryBodies(emit emitFn) {
	for _, rel := range r.doc.Relations {
		if rel.Predicate != schema.MemberOf {
			continue
		}
		for _, p := range r.doc.Relations {
			if p.Predicate == schema.PartOf && p.Subject == rel.Object && r.types[p.Object] == schema.Country {
				emit(rel.Subject, p.Object, -1)
			}
		}
	}
}

// titleCountries: a person whose title names a country ("Minister for
// Foreign Affairs of Japan", "ambassador of Senegal to the United States")
// stands for the first country it names.
func (r *resolver) titleCountries(g *gazetteer) {
	for _, e := range r.ents {
		if e.Type != schema.Person || len(e.Mentions) == 0 || e.Country != "" {
			continue
		}
		for _, t := range e.Titles {
			if c := g.firstCountry(t); c != "" {
				e.Country = c
				break
			}
		}
	}
}

var delegationRE = regexp.MustCompile(`\b(\S+)\s+delegation\b`)

// delegations: the people a sentence says a country's delegation included
// represent that country.
func (r *relator) delegations(emit emitFn) {
	for si := range r.sents {
		m := delegationRE.FindStringSubmatch(r.sentText(si))
		if m == nil {
			continue
		}
		es := r.gaz.lookup(m[1])
		if len(es) == 0 || es[0].Type != schema.Country {
			continue
		}
		cid := schema.EntityID(schema.Country, es[0].Country)
		for _, p := range r.of(si, schema.Person) {
			emit(r.idOf(p), cid, si)
		}
	}
	sides := r.sides()
	for _, id := range slices.Sorted(maps.Keys(sides)) {
		emit(id, schema.EntityID(schema.Country, sides[id].country), sides[id].sent)
	}
}

// sideRE: "the Philippine side was represented by", "the Chinese side
// was led by".
var sideRE = regexp.MustCompile(`(?i)\b(\S+)\s+side\s+(?:was|were|is|will be)\s+(?:represented|led|headed)\s+by\s`)

// aSide is the country a person stood for as its side, and where the
// text says so.
type aSide struct {
	country string
	sent    int
}

// sides are the people, by entity id, a sentence says a country's side was
// represented or led by: those named from the "by" to the next comma or
// the sentence's end ("... by Foreign Secretary Enrique Manalo and Defense
// Secretary Gilberto Teodoro, who signed it in the presence of ...").
func (r *relator) sides() map[string]aSide {
	if r.sideOf != nil {
		return r.sideOf
	}
	out := map[string]aSide{}
	for si := range r.sents {
		txt := r.sentText(si)
		loc := sideRE.FindStringSubmatchIndex(txt)
		if loc == nil {
			continue
		}
		es := r.gaz.lookup(txt[loc[2]:loc[3]])
		if len(es) == 0 || es[0].Type != schema.Country {
			continue
		}
		base, end := r.sents[si].Start, len(txt)
		if c := strings.IndexAny(txt[loc[1]:], ",;"); c >= 0 {
			end = loc[1] + c
		}
		for _, mi := range r.of(si, schema.Person) {
			if m := r.res.ms[mi]; m.Start >= base+loc[1] && m.End <= base+end {
				if id := r.idOf(mi); id != "" {
					out[id] = aSide{es[0].Country, si}
				}
			}
		}
	}
	r.sideOf = out
	return out
}

// titleBodies: a person whose title names a body's field works there
// ("Commerce Secretary" and the "Department of Commerce"; "Minister of
// Knowledge Economy" and the "Ministry of Knowledge Economy").
func (r *relator) titleBodies(emit emitFn) {
	sides := r.sides()
	for pi, p := range r.res.ents {
		if p.Type != schema.Person || len(p.Mentions) == 0 || r.ids[pi] == "" {
			continue
		}
		country := cmp.Or(p.Country, sides[r.ids[pi]].country)
		for bi, b := range r.res.ents {
			if b.Type != schema.Ministry || len(b.Mentions) == 0 || r.ids[bi] == "" {
				continue
			}
			if country != "" && b.Country != "" && country != b.Country {
				continue
			}
			for _, t := range p.Titles {
				if r.gaz.titleNamesBody(t, b.Name) {
					emit(r.ids[pi], r.ids[bi], r.res.ms[p.Mentions[0]].Sent)
					break
				}
			}
		}
	}
}

var onBehalfRE = regexp.MustCompile(`(?i)\b(?:on behalf of|signatory for|signatories for|(?:signed|signs|sign|signing) for)\s+(?:the\s+)?`)

// clauseBreakRE: what ends one signer's clause and starts another's ("A
// signed for the Kenyan side, while B signed on behalf of the company").
var clauseBreakRE = regexp.MustCompile(`(?i)(?:,\s*(?:while|whereas|and|but)\b|;|\bwhile\b|\bwhereas\b)`)

// behalf: people who sign "on behalf of" a country or body, or are "the
// signatories for" it, act for it; fn gets each person and whom.
func (r *relator) behalf(fn func(person, whom, si int)) {
	for si := range r.sents {
		base := r.sents[si].Start
		txt := r.sentText(si)
		from := base // where the people of this "on behalf of" may start: after the one before
		for _, loc := range onBehalfRE.FindAllStringIndex(txt, -1) {
			var whom []int // "on behalf of the U.S. and Chinese governments"
			for _, mi := range r.bySent[si] {
				if m := r.res.ms[mi]; m.Start >= base+loc[1] && (len(whom) == 0 && m.Start == base+loc[1] || len(whom) > 0 && listIntroRE.MatchString(r.text[r.res.ms[whom[len(whom)-1]].End:m.Start])) {
					whom = append(whom, mi)
				}
			}
			if len(whom) == 0 || r.demonymOfCompany(whom[0]) {
				continue
			}
			people := r.signersOf(si, from, base+loc[0])
			from = r.res.ms[whom[len(whom)-1]].End
			if len(whom) > 1 && len(whom) == len(people) && respectivelyRE.MatchString(txt) {
				for k := range people {
					fn(people[k], whom[k], si) // "... respectively": each for the one in the same place
				}
				continue
			}
			for _, person := range people {
				fn(person, whom[0], si)
			}
		}
	}
}

var respectivelyRE = regexp.MustCompile(`(?i)\brespectively\b`)

// demonymOfCompany: mention mi is a country's adjective that qualifies a
// company or another organization ("on behalf of the Chinese company"),
// which the country is not.
func (r *relator) demonymOfCompany(mi int) bool {
	m := r.res.ms[mi]
	if !m.Demonym {
		return false
	}
	next := strings.Fields(strings.ToLower(r.text[m.End:min(len(r.text), m.End+40)]))
	return len(next) > 0 && r.res.g.roles[strings.Trim(next[0], ",.;")] == schema.Organization
}

// signersOf are the people of sentence si an "on behalf of" at offset at
// speaks for: those in its clause before it and after from (where the
// "on behalf of" before it ended: "A on behalf of India and B on behalf of
// Saudi Arabia"), or, when there are none, the sentence's others ("On
// behalf of Kenya, the deal was signed by A").
func (r *relator) signersOf(si, from, at int) []int {
	people := r.of(si, schema.Person)
	var before []int
	for _, p := range people {
		if m := r.res.ms[p]; m.Start >= from && m.End <= at && !clauseBreakRE.MatchString(r.text[m.End:at]) {
			before = append(before, p)
		}
	}
	if len(before) > 0 {
		return before
	}
	var after []int
	for _, p := range people {
		if r.res.ms[p].Start >= at {
			after = append(after, p)
		}
	}
	return after
}

func (r *relator) behalfOfBody(emit emitFn) {
	r.behalf(func(person, whom, si int) {
		if r.res.ms[whom].Type != schema.Country {
			emit(r.idOf(person), r.idOf(whom), si)
		}
	})
}

func (r *relator) behalfOfCountry(emit emitFn) {
	r.behalf(func(person, whom, si int) {
		if r.res.ms[whom].Type == schema.Country {
			emit(r.idOf(person), r.idOf(whom), si)
		}
	})
}
