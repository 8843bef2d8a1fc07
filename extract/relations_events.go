package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// attending: people in a sentence that says an event was attended (or they
// took part in it) attended the events named there.
func (r *relator) attending(si int) {
	if !attendRE.MatchString(r.sentText(si)) {
		return
	}
	for _, e := range r.of(si, schema.Event) {
		for _, p := range r.of(si, schema.Person, schema.Organization) {
			if r.res.ms[p].Rule == "byline" {
				continue
			}
			r.add(r.idOf(p), schema.Attended, r.idOf(e), 0.65, "attend-verb", si)
		}
	}
}

// eventParts: "X held on the sidelines of Y" makes event X part of event Y.
func (r *relator) eventParts(si int) {
	txt := r.sentText(si)
	base := r.sents[si].Start
	evs := r.of(si, schema.Event)
	for _, loc := range partOfRE.FindAllStringIndex(txt, -1) {
		var inner, outer = -1, -1
		for _, e := range evs {
			m := r.res.ms[e]
			if m.End <= base+loc[0] {
				inner = e
			} else if m.Start >= base+loc[1] && outer < 0 {
				outer = e
			}
		}
		if inner >= 0 && outer >= 0 && r.idOf(inner) != r.idOf(outer) {
			r.add(r.idOf(inner), schema.PartOf, r.idOf(outer), 0.7, "event-within-event", si)
		}
	}
}

// eventPlaces: "an event ... in Washington" locates the event there, when
// the place follows the event closely.
func (r *relator) eventPlaces(si int) {
	txt := r.sentText(si)
	base := r.sents[si].Start
	for _, e := range r.of(si, schema.Event) {
		em := r.res.ms[e]
		for _, l := range r.of(si, schema.Location) {
			lm := r.res.ms[l]
			if lm.Start < em.End || lm.Start-em.End > 40 {
				continue
			}
			between := strings.ToLower(txt[em.End-base : lm.Start-base])
			if strings.HasSuffix(between, " in ") || strings.HasSuffix(between, " at ") || strings.HasSuffix(between, " at the ") {
				r.add(r.idOf(e), schema.LocatedIn, r.idOf(l), 0.7, "event-place", si)
			}
		}
	}
}

// cityCountries: a city the gazetteer places in a country the article
// names is located in it.
func (r *relator) cityCountries() {
	for ei, e := range r.res.ents {
		if e.Type != schema.Location || e.Country == "" || len(e.Mentions) == 0 || r.ids[ei] == "" {
			continue
		}
		cid := schema.EntityID(schema.Country, e.Country)
		if _, ok := r.types[cid]; ok {
			r.add(r.ids[ei], schema.LocatedIn, cid, 0.6, "city-of-country", r.firstSentence(e)) // meta: not a dateline's Sent -1
		}
	}
}

// signersAttend: people who signed an agreement at an event attended it.
func (r *relator) signersAttend() {
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
			r.doc.Relations = append(r.doc.Relations, schema.Relation{Subject: rel.Subject, Predicate: schema.Attended,
				Object: ev.Object, Confidence: 0.6, Rule: "signer-attended", Evidence: rel.Evidence})
		}
	}
}

// visitPlaces: a visit to a country or city took place there.
func (r *relator) visitPlaces() {
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
			r.add(r.ids[ei], schema.LocatedIn, id, 0.7, "visit-place", r.res.ms[e.Mentions[0]].Sent)
		}
	}
}
