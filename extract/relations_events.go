package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// attending: people in a sentence that says an event was attended (or they
// took part in it) attended the events named there.
func (r *relator) attending(emit emitFn) {
	for si := range r.sents {
		base := r.sents[si].Start
		txt := r.sentText(si)
		locs := r.gaz.verbs.attend.FindAllStringIndex(txt, -1)
		for vi, loc := range locs {
			verb, verbEnd := base+loc[0], base+loc[1]
			word := strings.ToLower(txt[loc[0]:loc[1]])
			word = strings.Join(strings.Fields(word), " ")
			// "was attended by", and "a ceremony ... attended by" with no "was"
			// "was attended by" is passive; "was present at" is not
			passive := passiveRE.MatchString(txt[:loc[0]]) && !strings.HasPrefix(word, "present")
			after := passive || strings.HasSuffix(word, " by") || byNextRE.MatchString(txt[loc[1]:]) ||
				r.gaz.verbs.attendAfter[word]
			before := !after || r.gaz.verbs.attendBoth[word]
			start, end := r.clauseAround(si, verb)
			if after {
				end = r.sents[si].End // "attended by A; B; and C"
			}
			// "held talks with visiting President X": the people met, within
			// the clause
			met := !after && r.gaz.verbs.attendBoth[word]
			events := r.of(si, schema.Event)
			if len(events) == 0 && !after && attendedAloneRE.MatchString(txt[loc[1]:]) && si > 0 {
				// "Kenyan President William Ruto and Nigerian President Bola
				// Tinubu also attended.": the event the sentence before named
				if prev := r.of(si-1, schema.Event); len(prev) == 1 {
					events = prev
				}
			}
			for _, e := range events {
				for _, p := range r.of(si, schema.Person, schema.Organization, schema.Country) {
					pm := r.res.ms[p]
					if pm.Rule == "byline" || pm.Demonym || pm.Start < start || pm.End > end {
						continue
					}
					if pm.Type == schema.Country && (placePrepRE.MatchString(r.text[start:pm.Start]) || possessive(r.text, pm.End)) {
						continue // "X is in Peru to attend": where, not who; "Kenya's envoy": whose
					}
					// who stands before an active verb, who comes after a
					// passive one ("was attended by") or "featuring"
					if before && pm.End <= verb && objectOfVerb(locs[:vi], base, start, pm.Start) {
						continue // "addressed the Arab League in Cairo and met with": whom the earlier verb addressed
					}
					if before && pm.End <= verb && insideRelative(r.text, start, pm, verb) {
						continue // "Young Liu, who met Minister Ashwini Vaishnaw last week, attended": whom he met
					}
					along := pm.Start >= verbEnd && pm.End <= end && alongWith(r.text[verbEnd:pm.Start])
					if (after || met && pm.Type == schema.Person || along) && pm.Start >= verbEnd || before && pm.End <= verb {
						emit(r.idOf(p), r.idOf(e), si)
					}
				}
			}
		}
	}
}

// insideRelative: mention m stands inside a relative clause (", who ...,"
// or ", which ...,") that opens after start and closes before verb.
func insideRelative(text string, start int, m mention, verb int) bool {
	open := relativeOpenRE.FindAllStringIndex(text[start:m.Start], -1)
	if open == nil || strings.Contains(text[start+open[len(open)-1][1]:m.Start], ",") {
		return false // "Ruto, who arrived on Sunday, and Tinubu attended": the clause closed before
	}
	return strings.Contains(text[m.End:verb], ",")
}

// relativeOpenRE: a comma and a relativeWord open a relative clause.
var relativeOpenRE = regexp.MustCompile(`,\s+(?:who|which|whose)\s`)

// alongWithRE: the words that add who else did it ("attended the
// ceremony, along with Foreign Minister Sugiono").
var alongWithRE = regexp.MustCompile(`(?i)\b(?:along with|alongside|together with)\s`)

// alongWith: the text before a participant ends with alongWithRE and what
// follows it in the same clause ("along with Foreign Minister"), not
// "along with business leaders, where Minister X spoke".
func alongWith(before string) bool {
	loc := alongWithRE.FindAllStringIndex(before, -1)
	return loc != nil && !strings.ContainsAny(before[loc[len(loc)-1][1]:], ",;") && !strings.Contains(before[loc[len(loc)-1][1]:], " where ")
}

// objectOfVerb: one of the verbs at locs (offsets from base) stands in
// the clause (from start) before a participant at off, which is its
// object, not the subject of a verb after it.
func objectOfVerb(locs [][]int, base, start, off int) bool {
	for _, l := range locs {
		if base+l[0] >= start && base+l[1] <= off {
			return true
		}
	}
	return false
}

// attendedAloneRE: an attendance verb that ends its sentence, with
// nothing attended after it ("also attended.", "took part as well.").
var attendedAloneRE = regexp.MustCompile(`^(?:\s+(?:as well|too))?\s*[.!]?\s*$`)

var placePrepRE = regexp.MustCompile(`(?i)(?:^|\s)(?:in|at|to|into|from|near)\s+(?:the\s+)?$`)

var passiveRE = regexp.MustCompile(`(?i)\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$`)

var byNextRE = regexp.MustCompile(`^\s+by\b`)

// clauseAround is the clause of sentence si that holds offset off.
func (r *relator) clauseAround(si, off int) (int, int) {
	base := r.sents[si].Start
	for _, c := range clauses(r.sentText(si)) {
		if base+c[0] <= off && off < base+c[1] {
			return base + c[0], base + c[1]
		}
	}
	return r.sents[si].Start, r.sents[si].End
}

// eventParts: "X held on the sidelines of Y" makes event X part of event Y.
func (r *relator) eventParts(emit emitFn) {
	for si := range r.sents {
		base := r.sents[si].Start
		evs := r.of(si, schema.Event)
		for _, loc := range partOfRE.FindAllStringIndex(r.sentText(si), -1) {
			var inner, outer = -1, -1
			for _, e := range evs {
				m := r.res.ms[e]
				if m.End <= base+loc[0] {
					inner = e
				} else if m.Start >= base+loc[1] && outer < 0 {
					outer = e
				}
			}
			if inner < 0 && outer >= 0 && strings.TrimSpace(r.text[base:base+loc[0]]) == "" && sidelinesRE.MatchString(r.text[base+loc[0]:base+loc[1]]) {
				// "On the sidelines of the summit, Tinubu held a bilateral
				// meeting": the sentence's first event after the phrase's
				inner = r.eventAfter(evs, r.res.ms[outer].End)
			}
			if inner >= 0 && outer >= 0 && r.idOf(inner) != r.idOf(outer) {
				emit(r.idOf(inner), r.idOf(outer), si)
			}
		}
	}
}

// sidelinesRE: the part of partOfRE that, opening a sentence, places the
// event after it in the one it names; "During the visit, ..." only dates it.
var sidelinesRE = regexp.MustCompile(`(?i)sidelines|margins`)

// eventAfter is the first of the events evs that starts after off, or -1.
func (r *relator) eventAfter(evs []int, off int) int {
	for _, e := range evs {
		if r.res.ms[e].Start >= off {
			return e
		}
	}
	return -1
}

// eventPlaces: "an event ... in Washington" locates the event there, when
// the place follows the event closely.
func (r *relator) eventPlaces(emit emitFn) {
	for si := range r.sents {
		for _, e := range r.of(si, schema.Event) {
			em := r.res.ms[e]
			for _, l := range r.of(si, schema.Location) {
				lm := r.res.ms[l]
				if lm.Start < em.End || lm.Start-em.End > 120 {
					continue
				}
				between := strings.ToLower(r.text[em.End:lm.Start])
				if strings.ContainsAny(between, ";:") || strings.Count(between, ",") > 1 || r.eventBetween(si, em.End, lm.Start) {
					continue // the place of the event named after this one
				}
				if c := strings.IndexByte(between, ','); c >= 0 && !eventClauseRE.MatchString(between[c+1:]) {
					continue // "to attend the G20 Summit, was accorded a welcome at the palace": the welcome's place
				}
				if strings.HasSuffix(between, " in ") || strings.HasSuffix(between, " at ") || strings.HasSuffix(between, " at the ") {
					emit(r.idOf(e), r.idOf(l), si)
				}
			}
		}
	}
}

// eventClauseRE: what, after a comma, goes on about the event before it
// ("the forum, which took place in", "the summit, held at").
var eventClauseRE = regexp.MustCompile(`^\s*(?:which|that|held|hosted|taking|to be|set|scheduled|organi[sz]ed|convened|opened|opening|running|being)\b`)

// venuePlaces: a place named right before "in" another ("the Zappeion
// Hall in Athens"), or before a comma and a country ("Patnow, Poland"), is
// located there.
func (r *relator) venuePlaces(emit emitFn) {
	for si := range r.sents {
		places := r.of(si, schema.Location, schema.Country)
		for k := 0; k+1 < len(places); k++ {
			a, b := r.res.ms[places[k]], r.res.ms[places[k+1]]
			if a.Type != schema.Location || b.Start < a.End {
				continue
			}
			gap := r.text[a.End:b.Start]
			if inOrAtRE.MatchString(gap) || gap == ", " && b.Type == schema.Country && !r.listedAfter(b) ||
				gap == ", " && r.townOfRegion(a, b) && !listGoesOnRE.MatchString(r.text[b.End:min(len(r.text), b.End+12)]) {
				// "Patnow, Poland"; "Tapachula, Chiapas, near the border"
				emit(r.idOf(places[k]), r.idOf(places[k+1]), si)
			}
		}
	}
}

// townOfRegion: b is a state, province or region of the country module and
// a a place the gazetteer knows as no city or region ("Tapachula,
// Chiapas"), or one of b's country that is neither ("Seoul, Busan" lists
// two).
func (r *relator) townOfRegion(a, b mention) bool {
	eb := r.gaz.lookup(b.Name)
	if len(eb) == 0 || !eb[0].Region {
		return false
	}
	ea := r.gaz.lookup(a.Name)
	if len(ea) == 0 {
		return true
	}
	return !ea[0].Region && ea[0].Country == eb[0].Country && r.gaz.capital[ea[0].Country] != ea[0].Name
}

// listGoesOnRE: what after a place says a list of places goes on.
var listGoesOnRE = regexp.MustCompile(`^\s*(?:and\s|or\s|,\s*(?:\p{Lu}|then\s|and\s))`)

// listedAfter: a list goes on after mention m ("Lima, Kenya and Ghana"):
// the comma before it listed, and placed nothing.
func (r *relator) listedAfter(m mention) bool {
	rest := strings.TrimLeft(r.text[m.End:min(len(r.text), m.End+8)], " ")
	return strings.HasPrefix(rest, "and ") || strings.HasPrefix(rest, ",")
}

// cityCountries: a city the gazetteer places in a country the article
// names is located in it.
func (r *relator) cityCountries(emit emitFn) {
	for ei, e := range r.res.ents {
		if e.Type != schema.Location || e.Country == "" || len(e.Mentions) == 0 || r.ids[ei] == "" {
			continue
		}
		cid := schema.EntityID(schema.Country, e.Country)
		if _, ok := r.types[cid]; ok {
			emit(r.ids[ei], cid, r.firstSentence(e)) // meta: not a dateline's Sent -1
		}
	}
}

// signersAttend: people who signed an agreement at an event attended it.
func (r *relator) signersAttend(emit emitFn) {
	r.compose(func(rel schema.Relation) bool {
		return rel.Predicate == schema.Signed && r.types[rel.Subject] == schema.Person
	}, func(rel schema.Relation) bool {
		return rel.Predicate == schema.SignedAt && r.types[rel.Object] == schema.Event
	}, true, emit)
}

// witnessesAttend: the people who "witnessed the signing" of the
// sentence's agreements, or "in the presence of" whom they were signed,
// attended the events those agreements were signed at.
func (r *relator) witnessesAttend(emit emitFn) {
	at := map[string][]string{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.SignedAt && r.types[rel.Object] == schema.Event {
			at[rel.Subject] = append(at[rel.Subject], rel.Object)
		}
	}
	if len(at) == 0 {
		return
	}
	for i := range r.signings {
		f := &r.signings[i]
		txt, base := r.sentText(f.Sent), r.sents[f.Sent].Start
		var people []int
		if loc := presenceRE.FindStringIndex(txt); loc != nil {
			// "in the presence of A and B"
			people = r.listFrom(f.Sent, base+loc[1], schema.Person)
		} else if loc := r.gaz.verbs.witnessSigning.FindStringIndex(txt); loc != nil {
			// "A and B witnessed the signing"
			for _, p := range r.of(f.Sent, schema.Person) {
				if pm := r.res.ms[p]; pm.End <= base+loc[0] && !slices.Contains(f.Subjects, p) && !slices.Contains(f.Objects, p) {
					people = append(people, p)
				}
			}
		}
		for _, a := range r.idsOf(f.Agreements) {
			for _, e := range at[a] {
				for _, p := range people {
					emit(r.idOf(p), e, f.Sent)
				}
			}
		}
	}
	// "A and B signed as witnesses to the grant agreements": no signing
	// frame (isSigningVerb), but they were there
	for si := range r.sents {
		txt, base := r.sentText(si), r.sents[si].Start
		loc := signedAsWitnessRE.FindStringIndex(txt)
		if loc == nil {
			continue
		}
		for _, a := range r.of(si, schema.Agreement) {
			if r.res.ms[a].Start < base+loc[1] {
				continue
			}
			for _, e := range at[r.idOf(a)] {
				for _, p := range r.of(si, schema.Person) {
					if r.res.ms[p].End <= base+loc[0] {
						emit(r.idOf(p), e, si)
					}
				}
			}
		}
	}
}

var signedAsWitnessRE = regexp.MustCompile(`(?i)\bsigned\s+as\s+(?:an?\s+)?witness(?:es)?\b`)

var presenceRE = regexp.MustCompile(`(?i)\bin\s+the\s+presence\s+of\s`)

// listFrom are the mentions of type t that a list starting at off
// names, titles before each allowed ("in the presence of President A and
// Prime Minister B").
func (r *relator) listFrom(si, off int, t schema.EntityType) []int {
	var out []int
	from := off
	for _, p := range r.of(si, t) {
		pm := r.res.ms[p]
		if pm.Start < from {
			continue
		}
		gap := r.gaz.trimDescriptors(r.text[from:pm.Start])
		if len(out) == 0 && !leadTitlesRE.MatchString(gap) || len(out) > 0 && !listIntroRE.MatchString(gap) {
			break
		}
		out = append(out, p)
		from = pm.End
	}
	return out
}

var leadTitlesRE = regexp.MustCompile(`^\s*` + titleWordsRE + `$`)

// signersCountries: an official who signed an agreement for a country
// makes the country a party ("signed by Indonesian Foreign Minister X").
func (r *relator) signersCountries(emit emitFn) {
	countries := map[string][]string{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.Represents {
			countries[rel.Subject] = append(countries[rel.Subject], rel.Object)
		}
	}
	for _, rel := range r.doc.Relations {
		if rel.Predicate != schema.Signed || r.types[rel.Subject] != schema.Person {
			continue
		}
		for _, c := range countries[rel.Subject] {
			emit(c, rel.Object, r.sentenceOf(rel.Evidence))
		}
	}
}

// membersSigned: the signers of several agreements signed each one the
// text singles out of them; membersSignedAt and membersSignedOn: each was
// signed where and when they were.
func (r *relator) membersSigned(emit emitFn)   { r.toMembers(schema.Signed, emit) }
func (r *relator) membersSignedAt(emit emitFn) { r.toMembers(schema.SignedAt, emit) }
func (r *relator) membersSignedOn(emit emitFn) { r.toMembers(schema.SignedOn, emit) }

// toMembers gives each agreement singled out of several ("the first
// grant" of "two grants") the several's relations of predicate p, as
// subject or object.
func (r *relator) toMembers(p schema.Predicate, emit emitFn) {
	for ei, e := range r.res.ents {
		if e.MemberOf == "" || r.ids[ei] == "" {
			continue
		}
		of, ok := r.res.byKey[e.MemberOf]
		if !ok || r.ids[of] == "" {
			continue
		}
		for _, rel := range r.doc.Relations {
			switch {
			case rel.Predicate != p:
			case rel.Object == r.ids[of]:
				emit(rel.Subject, r.ids[ei], r.sentenceOf(rel.Evidence))
			case rel.Subject == r.ids[of]:
				emit(r.ids[ei], rel.Object, r.sentenceOf(rel.Evidence))
			}
		}
	}
}

// compose emits x -> z for every relation x -> y that first keeps and
// y -> z that then keeps, found so far; the evidence is first's, or then's.
func (r *relator) compose(first, then func(schema.Relation) bool, firstEvidence bool, emit emitFn) {
	next := map[string][]schema.Relation{}
	for _, rel := range r.doc.Relations {
		if then(rel) {
			next[rel.Subject] = append(next[rel.Subject], rel)
		}
	}
	for _, rel := range r.doc.Relations {
		if !first(rel) {
			continue
		}
		for _, n := range next[rel.Object] {
			ev := n.Evidence
			if firstEvidence {
				ev = rel.Evidence
			}
			emit(rel.Subject, n.Object, r.sentenceOf(ev))
		}
	}
}

// visitPlaces: a visit to a country or city took place there.
func (r *relator) visitPlaces(emit emitFn) {
	for ei, e := range r.res.ents {
		if e.Type != schema.Event || len(e.Mentions) == 0 || r.ids[ei] == "" {
			continue
		}
		for _, mi := range e.Mentions {
			m := r.res.ms[mi]
			i := strings.Index(strings.ToLower(m.Name), "visit to ")
			if i < 0 {
				continue
			}
			es := r.gaz.lookup(m.Name[i+len("visit to "):])
			if len(es) == 0 {
				continue
			}
			id := schema.EntityID(es[0].Type, es[0].Name)
			if es[0].Type == schema.Country {
				id = schema.EntityID(schema.Country, es[0].Country)
			}
			if _, ok := r.types[id]; ok {
				emit(r.ids[ei], id, m.Sent)
			}
		}
	}
	r.visitsVerb(emit)
}

// visitsVerb: "Sir Simon McDonald visits Lima": where a person visits is
// where the article's one visit took place.
func (r *relator) visitsVerb(emit emitFn) {
	visit := ""
	for ei, e := range r.res.ents {
		if e.Type != schema.Event || len(e.Mentions) == 0 || r.ids[ei] == "" || !visitNounRE.MatchString(e.Name) {
			continue
		}
		if visit != "" && visit != r.ids[ei] {
			return // which of several visits the verb tells of is unsaid
		}
		visit = r.ids[ei]
	}
	if visit == "" {
		return
	}
	for si := range r.sents {
		for _, p := range r.of(si, schema.Location, schema.Country) {
			pm := r.res.ms[p]
			before := r.text[r.sents[si].Start:pm.Start]
			if visitsRE.MatchString(before) && r.personEndsAt(si, visitsRE.FindStringIndex(before)[0]+r.sents[si].Start) {
				emit(visit, r.idOf(p), si)
			}
		}
	}
}

// visitsRE: a verb of visiting right before a place.
var visitsRE = regexp.MustCompile(`\s(?:visits|visited|visiting|tours|toured|arrives in|arrived in)\s+(?:the\s+)?$`)

// personEndsAt: a person's mention of sentence si ends right before off.
func (r *relator) personEndsAt(si, off int) bool {
	p := r.lastPersonBefore(si, off)
	return p >= 0 && strings.TrimSpace(r.text[r.res.ms[p].End:off]) == ""
}

// sentenceOf is the sentence an evidence span is, or -1.
func (r *relator) sentenceOf(ev schema.Evidence) int {
	for si, s := range r.sents {
		if s.Start == ev.Start && s.End == ev.End {
			return si
		}
	}
	return -1
}

// visitors: the person or country before the "'s" of an event named by
// description took part in it ("Xi Jinping's state visit to Brazil").
func (r *relator) visitors(emit emitFn) {
	for si := range r.sents {
		var came []int // who came for the sentence's event before this one
		prevEnd := -1
		for _, e := range r.of(si, schema.Event) {
			em := r.res.ms[e]
			if prevEnd >= 0 && prevEnd <= em.Start && andEventRE.MatchString(r.text[prevEnd:em.Start]) {
				// "arrived in Lima for a state visit to Peru and the 31st
				// APEC Economic Leaders' Meeting": came for both
				for _, p := range came {
					emit(r.idOf(p), r.idOf(e), si)
				}
			} else {
				came = nil
			}
			prevEnd = em.End
			for _, p := range r.of(si, schema.Person, schema.Country, schema.Organization) {
				pm := r.res.ms[p]
				if pm.Start >= em.Start && pm.End <= em.End && possessive(r.text, pm.End) {
					emit(r.idOf(p), r.idOf(e), si)
				}
			}
			// "X arrived in Lima for the APEC forum", "Xi Jinping's visit
			// follows his participation in the G20 Leaders' Summit", and for
			// a visit "X, who was on an official visit"
			verbs := []*regexp.Regexp{arrivalRE, participationRE}
			visit := visitNounRE.MatchString(em.Name)
			if visit {
				verbs = append(verbs, visitVerbRE)
			}
			for _, v := range verbs {
				for _, p := range r.personBefore(si, e, v) {
					emit(r.idOf(p), r.idOf(e), si)
					came = append(came, p)
				}
			}
			if !visit {
				continue
			}
			// "a state visit by French President X", "by Vietnamese
			// Communist Party General Secretary To Lam" (the person, not
			// the party in the title)
			if by := visitByRE.FindStringIndex(r.text[em.End:]); by != nil {
				for _, p := range r.listFrom(si, em.End+by[1], schema.Person) {
					emit(r.idOf(p), r.idOf(e), si)
				}
			}
		}
	}
}

var (
	// andEventRE: what joins two events one came for.
	andEventRE  = regexp.MustCompile(`^\s+and\s+(?:to\s+)?(?:the|a|an|his|her|its|their)?\s*$`)
	visitNounRE = regexp.MustCompile(`(?i)\b(?:visit|trip|tour)\b`)
	visitByRE   = regexp.MustCompile(`^\s*by\s`)
	// visitVerbRE: what stands between a visitor and the visit ("who was
	// on an official visit", "paid a state visit").
	visitVerbRE = regexp.MustCompile(`(?i)^[\s,]*(?:who\s+)?(?:(?:is|was|are|were|has\s+been|had\s+been)\s+(?:currently\s+|now\s+|also\s+)?(?:in\s+[^,;]{1,40}?\s+for|on)|(?:paid|pays|paying|made|makes|making|began|begins|started|starts|kicked\s+off|wrapped\s+up|concluded|concludes|ended|ends|continued|continues)|(?:is|was)\s+(?:paying|making))\s+(?:a|an|his|her|their|the|its)\s+$`)
	// participationRE: someone's taking part named as a noun, with the
	// person or a pronoun for them as its possessor ("Xi Jinping's visit
	// follows his participation in the G20 Leaders' Summit").
	participationRE = regexp.MustCompile(`(?i)^(?:['’]s|[^.;]*?\b(?:his|her))\s+(?:\w+\s+)?(?:participation|attendance|presence)\s+(?:in|at)(?:\s+the)?\s+$`)
	// arrivalRE: someone who came for an event ("arrived in Lima on
	// Tuesday for a two-day visit", "flew to Rio for the summit").
	arrivalRE = regexp.MustCompile(`(?i)^[\s,]*(?:who\s+)?(?:has\s+|had\s+)?(?:arrived|arrives|arriving|landed|lands|travelled|traveled|travels|flew|flies)\b[^,;]{0,60}?\bfor\s+(?:a|an|his|her|their|the|its)\s+$`)
)

// personBefore: the person nearest before event e in its sentence, when
// what stands between them is verb (a verb of visiting or arriving): "Ruth
// Wambui arrived in Lima for a two-day visit", "Paul Nkusi, who was on an
// official visit to Accra".
func (r *relator) personBefore(si, e int, verb *regexp.Regexp) []int {
	start := r.res.ms[e].Start
	last := r.lastPersonBefore(si, start)
	if last < 0 || !verb.MatchString(r.text[r.res.ms[last].End:start]) {
		return nil
	}
	return []int{last}
}

// lastPersonBefore is the last person's mention of sentence si that ends
// at or before off, or -1.
func (r *relator) lastPersonBefore(si, off int) int {
	last := -1
	for _, p := range r.of(si, schema.Person) {
		if r.res.ms[p].End <= off {
			last = p
		}
	}
	return last
}

// speakersAt: who spoke at or during an event attended it: the person
// right before the verb ("President Lula stated during the signing
// ceremony"), or, where the phrase opens the sentence, its subject after
// the event ("Speaking at the forum, Makamba said").
func (r *relator) speakersAt(emit emitFn) {
	for si := range r.sents {
		base := r.sents[si].Start
		persons := r.of(si, schema.Person)
		for _, e := range r.of(si, schema.Event) {
			em := r.res.ms[e]
			loc := r.gaz.verbs.speakAt.FindStringIndex(r.text[base:em.Start])
			if loc == nil {
				continue
			}
			verb := base + loc[0]
			if strings.TrimSpace(r.text[base:verb]) == "" {
				for _, p := range persons {
					if r.res.ms[p].Start >= em.End {
						emit(r.idOf(p), r.idOf(e), si)
						break
					}
				}
				continue
			}
			if p := r.lastPersonBefore(si, verb); p >= 0 && speakerGapRE.MatchString(r.text[r.res.ms[p].End:verb]) {
				emit(r.idOf(p), r.idOf(e), si)
			}
		}
	}
}

// speakerGapRE: what may stand between a speaker and the verb: nothing,
// or an appositive between commas ("Lula, the president, said").
var speakerGapRE = regexp.MustCompile(`^\s*(?:,[^,;.”"]{1,60},\s*)?$`)

var eventPartiesRE = regexp.MustCompile(`^\s*(?:between|with|among)\s+` + titleWordsRE + `$`)

// meetingBetween: the people and countries that "between", "with" or
// "among" introduce right after an event took part in it ("a meeting
// between Foreign Secretary Truss and Foreign Minister Marsudi").
func (r *relator) meetingBetween(emit emitFn) {
	for si := range r.sents {
		for _, e := range r.of(si, schema.Event) {
			for _, p := range r.partiesAfter(si, e, eventPartiesRE) {
				emit(r.idOf(p), r.idOf(e), si)
			}
		}
	}
}

// signingCeremonies: a signing ceremony that no signing clause placed an
// agreement at hosted the agreements signed in its sentence, or else the
// article's main agreement.
func (r *relator) signingCeremonies(emit emitFn) {
	placed := map[string]bool{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.SignedAt {
			placed[rel.Object] = true
		}
	}
	for si := range r.sents {
		for _, e := range r.of(si, schema.Event) {
			id := r.idOf(e)
			if placed[id] || !strings.Contains(strings.ToLower(r.res.ms[e].Name), "signing") {
				continue
			}
			placed[id] = true
			agreements := r.idsOf(r.of(si, schema.Agreement))
			if len(agreements) == 0 && r.mainAgreement() != "" {
				agreements = []string{r.mainAgreement()}
			}
			for _, a := range agreements {
				emit(a, id, si)
			}
		}
	}
}

var underRE = regexp.MustCompile(`^\s*,?\s*(?:which is\s+|a\s+)?(?:under|a unit of|an arm of|part of|within|attached to|reporting to)\s+(?:the\s+)?$`)

// bodiesUnderBodies: "the Bureau of Mines, under the Ministry of Mines and
// Energy": the first body is part of the second.
func (r *relator) bodiesUnderBodies(emit emitFn) {
	for si := range r.sents {
		bodies := r.of(si, schema.Ministry)
		for k := 0; k+1 < len(bodies); k++ {
			a, b := r.res.ms[bodies[k]], r.res.ms[bodies[k+1]]
			if b.Start > a.End && underRE.MatchString(r.text[a.End:b.Start]) {
				emit(r.idOf(bodies[k]), r.idOf(bodies[k+1]), si)
			}
		}
	}
}

// signedAtEventPlaces: an agreement signed at an event was signed where the
// event took place ("during a signing ceremony held at the Hyatt Regency").
func (r *relator) signedAtEventPlaces(emit emitFn) {
	r.compose(func(rel schema.Relation) bool {
		return rel.Predicate == schema.SignedAt && r.types[rel.Object] == schema.Event
	}, func(rel schema.Relation) bool {
		return rel.Predicate == schema.LocatedIn && r.types[rel.Subject] == schema.Event && r.types[rel.Object] == schema.Location
	}, false, emit)
}

// basedIn: "Madrid-based Repsol" is located in Madrid.
func (r *relator) basedIn(emit emitFn) {
	for si := range r.sents {
		places := r.of(si, schema.Location, schema.Country)
		for _, o := range r.of(si, schema.Organization, schema.Ministry) {
			om := r.res.ms[o]
			for _, p := range places {
				pm := r.res.ms[p]
				if pm.End < om.Start && basedGapRE.MatchString(r.text[pm.End:om.Start]) ||
					om.End < pm.Start && seatAfterRE.MatchString(r.text[om.End:pm.Start]) ||
					om.End < pm.Start && appositiveSeatRE.MatchString(r.text[om.End:pm.Start]) && basedAfter(r.text, pm.End) {
					emit(r.idOf(o), r.idOf(p), si)
				}
			}
		}
	}
}

// seatAfterRE: "Acme Mining, headquartered in Lima", "the Zone, located
// in Ismailia": the seat said after the name.
var seatAfterRE = regexp.MustCompile(`^,?\s+(?:which is\s+|that is\s+)?` + seatVerbs + `\s+in\s+(?:the\s+)?$`)

// seatVerbs say where a body is.
const seatVerbs = `(?:headquartered|based|located|situated)`

// basedGapRE: "-based" or "-headquartered" between a place and a body's
// name ("Madrid-based Repsol").
var basedGapRE = regexp.MustCompile(`^-(?:based|headquartered)\s+$`)

// appositiveSeatRE: "Masdar, the Abu Dhabi-based company": the seat in an
// appositive right after the name.
var appositiveSeatRE = regexp.MustCompile(`^,\s+(?:the|a|an)\s+$`)

// basedAfter: "-based" or "-headquartered" follows the place ending at end.
func basedAfter(text string, end int) bool {
	return basedPrefixRE.MatchString(text[end:min(len(text), end+16)])
}

var basedPrefixRE = regexp.MustCompile(`^-(?:based|headquartered)\b`)

// seatPlaces: a body named with its seat ("Embassy of the United Kingdom in
// Peru") is located there.
func (r *relator) seatPlaces(emit emitFn) {
	for ei, e := range r.res.ents {
		if e.Type != schema.Ministry || r.ids[ei] == "" {
			continue
		}
		i := strings.LastIndex(e.Name, " in ")
		if i < 0 {
			continue
		}
		es := r.gaz.lookup(e.Name[i+4:])
		if len(es) == 0 || es[0].Type != schema.Country && es[0].Type != schema.Location {
			continue
		}
		id := schema.EntityID(es[0].Type, es[0].Name)
		if es[0].Type == schema.Country {
			id = schema.EntityID(schema.Country, es[0].Country)
		}
		if _, ok := r.types[id]; ok {
			emit(r.ids[ei], id, r.res.ms[e.Mentions[0]].Sent)
		}
	}
}

// eventBetween: sentence si names an event between offsets from and to.
func (r *relator) eventBetween(si, from, to int) bool {
	for _, e := range r.of(si, schema.Event) {
		if m := r.res.ms[e]; m.Start >= from && m.End <= to {
			return true
		}
	}
	return false
}

// metRE: "met" as a sentence's verb of meeting, not "met with" (an attend
// verb of its own) nor "met the goals" (a verb with an object).
var metRE = regexp.MustCompile(`\bmet\b(?:\s+(?:on|in|at|for|here|there|today|yesterday|again|separately|privately)\b|\s*[,.;])`)

// meetings calls fn with each sentence that says people met (at the offset
// of "met") and the meeting event it or the next sentence names.
func (r *relator) meetings(fn func(si, verb, event int)) {
	for si := range r.sents {
		loc := metRE.FindStringIndex(r.sentText(si))
		if loc == nil {
			continue
		}
		for _, s2 := range []int{si, si + 1} {
			if s2 >= len(r.sents) {
				break
			}
			if e := r.meetingEvent(s2); e >= 0 {
				fn(si, r.sents[si].Start+loc[0], e)
				break
			}
		}
	}
}

// meetingEvent is the first event of sentence si that is a meeting or
// talks, or -1.
func (r *relator) meetingEvent(si int) int {
	for _, e := range r.of(si, schema.Event) {
		if k := strings.ToLower(r.res.ms[e].Name); strings.HasSuffix(k, "meeting") || strings.HasSuffix(k, "talks") {
			return e
		}
	}
	return -1
}

// metAttended: the people named before "met" in its clause attended the
// meeting.
func (r *relator) metAttended(emit emitFn) {
	r.meetings(func(si, verb, e int) {
		start, _ := r.clauseAround(si, verb)
		for _, p := range r.of(si, schema.Person) {
			if pm := r.res.ms[p]; pm.Start >= start && pm.End <= verb {
				emit(r.idOf(p), r.idOf(e), si)
			}
		}
	})
}

// metPlaces: the meeting took place at the place after "met ... in" or
// "at" in the sentence that says they met.
func (r *relator) metPlaces(emit emitFn) {
	r.meetings(func(si, verb, e int) {
		for _, l := range r.of(si, schema.Location) {
			lm := r.res.ms[l]
			if lm.Start > verb && placeIntroRE.MatchString(strings.ToLower(strings.TrimRight(r.text[verb:lm.Start], " "))) {
				emit(r.idOf(e), r.idOf(l), si)
				return
			}
		}
	})
}
