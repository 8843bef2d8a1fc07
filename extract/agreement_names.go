package extract

// The names of an untitled agreement: after its kind and its parties, as
// the guidelines name what the text does not ("MoU between KEPCO and
// Ecopetrol"), with the other forms news calls it by as aliases.

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// withThe writes a name as English runs it into a phrase: "the Ministry
// of Economy", "the Embassy of ...", "the United States", but "Peru",
// "KEPCO", "USTDA".
func (g *gazetteer) withThe(name string) string {
	ws := strings.Fields(name)
	if len(ws) == 0 || isAllCaps(ws[0]) {
		return name // "KEPCO", "ACWA Power"
	}
	first, last := strings.ToLower(ws[0]), strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))
	_, front := g.fronts[first]
	_, head := g.heads[last]
	if front || head && len(ws) > 1 && !g.companySuffix(ws[len(ws)-1]) || first == "united" || strings.Contains(name, " of ") {
		return "the " + name // "the Economic Development Secretariat", "the World Bank"
	}
	return name
}

// maxAgreementAliases bounds the forms an untitled agreement is listed
// under: enough for the ways news names it, few enough to read.
const maxAgreementAliases = 48

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
					add(k.Kind + " between " + g.withThe(a) + " and " + g.withThe(b))
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
				add(k.Kind + " with " + g.withThe(n[0]))
				add(singular(k.Kind) + " with " + n[0])
			}
		}
		if f := kindFamily(k.Kind); f == "grant" || f == "contract" || f == "loan" {
			// made by one party to another: "USTDA grant to the Secretariat"
			for _, a := range names[0] {
				add(k.Kind + " to " + a[0])
				add(k.Kind + " to " + g.withThe(a[0]))
				add(a[0] + " " + k.Kind)
				for _, b := range names[0] {
					if a[0] != b[0] {
						add(a[0] + " " + k.Kind + " to " + b[0])
						add(a[0] + " " + k.Kind + " to " + g.withThe(b[0]))
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
		// the article's two main countries, named twice each; once will
		// do when only people signed, whom no agreement is named after
		least := 2
		if allOf(res, direct, schema.Person) {
			least = 1
		}
		codes = nil
		for _, c := range res.mainCountryEnts(2) {
			if len(res.ents[c].Mentions) >= least {
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
	if allPersonsOrCountries(res, direct) {
		// named after the countries its signers stand for ("Ghana's
		// Finance Minister X and Ivorian Agriculture Minister Y signed")
		return [][][]string{byCountry, first}
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

func allPersonsOrCountries(res *resolver, ps []int) bool {
	return allOf(res, ps, schema.Person, schema.Country)
}

func allOf(res *resolver, ps []int, ts ...schema.EntityType) bool {
	for _, p := range ps {
		if !slices.Contains(ts, res.ents[p].Type) {
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
