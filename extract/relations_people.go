package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// membership: a person whose title runs into "of/at <body>" works there;
// so does a person named right after a title that names the body.
func (r *relator) membership(si int) {
	txt := r.sentText(si)
	base := r.sents[si].Start
	ms := r.bySent[si]
	for k, mi := range ms {
		m := r.res.ms[mi]
		if m.Type != schema.Person {
			continue
		}
		if k+1 < len(ms) {
			n := r.res.ms[ms[k+1]]
			if (n.Type == schema.Ministry || n.Type == schema.Organization) && n.Start-m.End < 90 {
				between := txt[m.End-base : n.Start-base]
				if !strings.ContainsAny(between, ";") && (strings.Contains(between, " of the") || strings.Contains(between, " at the") || strings.HasSuffix(between, " of ") || strings.HasSuffix(between, " at ")) {
					r.add(r.idOf(mi), schema.MemberOf, r.idOf(ms[k+1]), 0.75, "title-of-body", si)
				}
			}
		}
		if k > 0 {
			p := r.res.ms[ms[k-1]]
			if p.Type == schema.Ministry && m.Start-p.End < 20 && !strings.ContainsAny(txt[p.End-base:m.Start-base], ",;") {
				r.add(r.idOf(mi), schema.MemberOf, r.idOf(ms[k-1]), 0.7, "body-title-name", si)
			}
		}
	}
}

// affiliations: a body qualified by a country is part of it; a person
// titled by a country, or a member of a country's body, represents it.
func (r *relator) affiliations() {
	for ei, e := range r.res.ents {
		if len(e.Mentions) == 0 || r.ids[ei] == "" || e.Country == "" {
			continue
		}
		cid := schema.EntityID(schema.Country, e.Country)
		if _, ok := r.types[cid]; !ok {
			continue
		}
		si := r.res.ms[e.Mentions[0]].Sent
		switch e.Type {
		case schema.Ministry:
			r.add(r.ids[ei], schema.PartOf, cid, 0.8, "body-of-country", si)
		case schema.Person:
			r.add(r.ids[ei], schema.Represents, cid, 0.8, "country-title", si)
		}
	}
	for _, rel := range r.doc.Relations {
		if rel.Predicate != schema.MemberOf {
			continue
		}
		for _, p := range r.doc.Relations {
			if p.Predicate == schema.PartOf && p.Subject == rel.Object && r.types[p.Object] == schema.Country {
				r.add(rel.Subject, schema.Represents, p.Object, 0.7, "member-of-country-body", -1)
			}
		}
	}
}

// titleCountries: a person whose title names a country ("Minister for
// Foreign Affairs of Japan", "ambassador of Senegal to the United States")
// represents the first country it names.
func (r *relator) titleCountries() {
	for ei, e := range r.res.ents {
		if e.Type != schema.Person || len(e.Mentions) == 0 || e.Country != "" {
			continue
		}
		for _, t := range e.Titles {
			if c := r.gaz.firstCountry(t); c != "" {
				e.Country = c
				break
			}
		}
		_ = ei
	}
}

var delegationRE = regexp.MustCompile(`\b(\S+)\s+delegation\b`)

// delegations: the people a sentence says a country's delegation included
// represent that country.
func (r *relator) delegations() {
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
			r.add(r.idOf(p), schema.Represents, cid, 0.7, "country-delegation", si)
		}
	}
}

// titleBodies: a person whose title names a body's field works there
// ("Commerce Secretary" and the "Department of Commerce"; "Minister of
// Knowledge Economy" and the "Ministry of Knowledge Economy").
func (r *relator) titleBodies() {
	for pi, p := range r.res.ents {
		if p.Type != schema.Person || len(p.Mentions) == 0 || r.ids[pi] == "" {
			continue
		}
		for bi, b := range r.res.ents {
			if b.Type != schema.Ministry || len(b.Mentions) == 0 || r.ids[bi] == "" {
				continue
			}
			if p.Country != "" && b.Country != "" && p.Country != b.Country {
				continue
			}
			for _, t := range p.Titles {
				if r.gaz.titleNamesBody(t, b.Name) {
					r.add(r.ids[pi], schema.MemberOf, r.ids[bi], 0.65, "title-field-body", r.res.ms[p.Mentions[0]].Sent)
					break
				}
			}
		}
	}
}
