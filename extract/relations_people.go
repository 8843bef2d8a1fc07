package extract

import (
	"regexp"
	"slices"
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
		if n := r.nextBody(ms, k); n >= 0 {
			nm := r.res.ms[n]
			between := txt[m.End-base : nm.Start-base]
			if nm.Start-m.End < 90 && !strings.ContainsAny(between, ";") && r.gaz.hasTitleWord(between) &&
				(strings.HasSuffix(between, " of the ") || strings.HasSuffix(between, " at the ") || strings.HasSuffix(between, " of ") || strings.HasSuffix(between, " at ")) {
				r.add(r.idOf(mi), schema.MemberOf, r.idOf(n), 0.75, "title-of-body", si)
			}
		}
		if p := r.prevBody(ms, k); p >= 0 {
			pm := r.res.ms[p]
			if pm.Type == schema.Ministry && m.Start-pm.End < 20 && !strings.ContainsAny(txt[pm.End-base:m.Start-base], ",;") {
				r.add(r.idOf(mi), schema.MemberOf, r.idOf(p), 0.7, "body-title-name", si)
				r.titleBeforeBody(mi, txt[:pm.Start-base])
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
func (r *relator) prevBody(ms []int, k int) int {
	m := r.res.ms[ms[k]]
	best := -1
	for _, p := range ms[:k] {
		pm := r.res.ms[p]
		if (pm.Type == schema.Ministry || pm.Type == schema.Organization) && pm.End <= m.Start {
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

var onBehalfRE = regexp.MustCompile(`(?i)\b(?:on behalf of|signatory for|signatories for)\s+(?:the\s+)?`)

// behalf: people who sign "on behalf of" a country represent it, and on
// behalf of a body work for it; so do "the signatories for Australia".
func (r *relator) behalf(si int) {
	txt := r.sentText(si)
	base := r.sents[si].Start
	for _, loc := range onBehalfRE.FindAllStringIndex(txt, -1) {
		var whom = -1
		for _, mi := range r.bySent[si] {
			if r.res.ms[mi].Start == base+loc[1] {
				whom = mi
				break
			}
		}
		if whom < 0 {
			continue
		}
		p := schema.MemberOf
		if r.res.ms[whom].Type == schema.Country {
			p = schema.Represents
		}
		for _, person := range r.of(si, schema.Person) {
			r.add(r.idOf(person), p, r.idOf(whom), 0.75, "on-behalf-of", si)
		}
	}
}
