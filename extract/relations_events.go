package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// attending: people in a sentence that says an event was attended (or they
// took part in it) attended the events named there.
func (r *relator) attending(emit emitFn) {
	for si := range r.sents {
		if !attendRE.MatchString(r.sentText(si)) {
			continue
		}
		for _, e := range r.of(si, schema.Event) {
			for _, p := range r.of(si, schema.Person, schema.Organization) {
				if r.res.ms[p].Rule != "byline" {
					emit(r.idOf(p), r.idOf(e), si)
				}
			}
		}
	}
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
			if inner >= 0 && outer >= 0 {
				emit(r.idOf(inner), r.idOf(outer), si)
			}
		}
	}
}

// eventPlaces: "an event ... in Washington" locates the event there, when
// the place follows the event closely.
func (r *relator) eventPlaces(emit emitFn) {
	for si := range r.sents {
		for _, e := range r.of(si, schema.Event) {
			em := r.res.ms[e]
			for _, l := range r.of(si, schema.Location) {
				lm := r.res.ms[l]
				if lm.Start < em.End || lm.Start-em.End > 40 {
					continue
				}
				between := strings.ToLower(r.text[em.End:lm.Start])
				if strings.HasSuffix(between, " in ") || strings.HasSuffix(between, " at ") || strings.HasSuffix(between, " at the ") {
					emit(r.idOf(e), r.idOf(l), si)
				}
			}
		}
	}
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
	at := map[string][]schema.Relation{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.SignedAt && r.types[rel.Object] == schema.Event {
			at[rel.Subject] = append(at[rel.Subject], rel)
		}
	}
	for _, rel := range r.doc.Relations {
		if rel.Predicate != schema.Signed || r.types[rel.Subject] != schema.Person {
			continue
		}
		for _, ev := range at[rel.Object] {
			emit(rel.Subject, ev.Object, r.sentenceOf(rel.Evidence))
		}
	}
}

// visitPlaces: a visit to a country or city took place there.
func (r *relator) visitPlaces(emit emitFn) {
	for ei, e := range r.res.ents {
		if e.Type != schema.Event || len(e.Mentions) == 0 || r.ids[ei] == "" {
			continue
		}
		i := strings.Index(strings.ToLower(e.Name), "visit to ")
		if i < 0 {
			continue
		}
		place := e.Name[i+len("visit to "):]
		es := r.gaz.lookup(place)
		if len(es) == 0 {
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
		for _, e := range r.of(si, schema.Event) {
			em := r.res.ms[e]
			for _, p := range r.of(si, schema.Person, schema.Country, schema.Organization) {
				pm := r.res.ms[p]
				if pm.Start >= em.Start && pm.End <= em.End && possessive(r.text, pm.End) {
					emit(r.idOf(p), r.idOf(e), si)
				}
			}
		}
	}
}

var eventPartiesRE = regexp.MustCompile(`^\s*(?:between|with|among)\s+` + titleWordsRE + `$`)

// meetingBetween: the people and countries that "between", "with" or
// "among" introduce right after an event took part in it ("a meeting
// between Foreign Secretary Truss and Foreign Minister Marsudi").
func (r *relator) meetingBetween(emit emitFn) {
	for si := range r.sents {
		for _, e := range r.of(si, schema.Event) {
			from := r.res.ms[e].End
			listed := false
			for _, p := range r.bySent[si] {
				pm := r.res.ms[p]
				if pm.Start < from {
					continue
				}
				gap := r.text[from:pm.Start]
				if !isParty(pm) || !(eventPartiesRE.MatchString(gap) || listed && listIntroRE.MatchString(gap)) {
					break
				}
				emit(r.idOf(p), r.idOf(e), si)
				from, listed = pm.End, true
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
