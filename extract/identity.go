package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// descriptive reports whether an entity is named only by description: an
// untitled agreement, an event the text calls by what it is ("signing
// ceremony", "Korea-U.S. summit", "Xi Jinping's state visit to Brazil").
// Such a thing belongs to its article: two articles' signing ceremonies
// are two entities. A titled agreement or a named event ("G20 Leaders'
// Summit") is one entity in the whole graph.
func descriptive(r *resolver, g *gazetteer, e *entityBuild) bool {
	switch e.Type {
	case schema.Agreement:
		if len(e.Parties) > 0 || e.Generic || r.onlyKindNouns(e) {
			return true // untitled: "an MoU", "12 cooperation documents"
		}
		// else, as an event: described when no mention names it ("Free
		// Trade Agreement", a kind in capitals many pairs of countries sign)
	case schema.Event:
	default:
		return false
	}
	var descriptions []string
	for _, mi := range e.Mentions {
		if m := r.ms[mi]; !g.namesThing(r, m) {
			descriptions = append(descriptions, m.Name)
		}
	}
	for _, mi := range e.Mentions {
		m := r.ms[mi]
		if m.Rule == "quoted-title" || m.Canon != "" || g.namesThing(r, m) && !initialsOfAny(m.Name, descriptions) {
			return false
		}
	}
	return true
}

// initialsOfAny: acronym is the initials of the capitalised words of one
// of names ("CEPA" of "Comprehensive Economic Partnership Agreement"), so
// it describes what that name describes.
func initialsOfAny(acronym string, names []string) bool {
	if !isAllCaps(acronym) || strings.ContainsAny(acronym, " .-") {
		return false
	}
	for _, n := range names {
		var b strings.Builder
		for _, w := range strings.Fields(n) {
			if capWord(w) {
				b.WriteRune(firstRune(w))
			}
		}
		if b.Len() > 1 && b.String() == acronym {
			return true
		}
	}
	return false
}

// namesThing: the mention holds a capitalised word that is neither a word
// of its kind (generic.tsv), nor a country, nor the possessor before "'s",
// nor the place after "visit to", nor a sentence's first word.
func (g *gazetteer) namesThing(res *resolver, m mention) bool {
	name := m.Name
	if i := strings.LastIndex(name, "'s "); i >= 0 {
		name = name[i+3:]
	} else if i := strings.LastIndex(name, "’s "); i >= 0 {
		name = name[i+len("’s "):]
	}
	for _, sep := range []string{" to ", " in "} {
		if i := strings.Index(name, sep); i >= 0 && m.Type == schema.Event {
			name = name[:i]
		}
	}
	sentStart := m.Sent >= 0 && m.Sent < len(res.sents) && strings.TrimSpace(res.text[res.sents[m.Sent].Start:m.Start]) == ""
	for k, w := range strings.Fields(name) {
		if k == 0 && sentStart && name == m.Name {
			continue
		}
		if !capWord(w) && !startsDigit(w) {
			continue
		}
		lw := strings.ToLower(strings.Trim(w, ",.;:()\"“”"))
		if g.generic[m.Type][lw] || g.countryWord(w) {
			continue
		}
		return true
	}
	return false
}

func startsDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// countryWord: w is a country, its demonym, or a pair of countries
// ("Korea-U.S.").
func (g *gazetteer) countryWord(w string) bool {
	w = strings.Trim(w, ",.;:()\"“”")
	for _, part := range strings.Split(w, "-") {
		es := g.lookup(part)
		if len(es) == 0 || es[0].Type != schema.Country {
			return false
		}
	}
	return true
}

// onlyKindNouns: every mention of the agreement is a kind noun the
// agreement pattern read ("two agreements", "the deal"), none a name.
func (r *resolver) onlyKindNouns(e *entityBuild) bool {
	for _, mi := range e.Mentions {
		if r.ms[mi].Rule != "agreement-noun" {
			return false
		}
	}
	return true
}

// sharedBodyName: a government body named by what it does, with no country
// in its name ("Ministry of Economy", "Foreign Ministry"), which many
// countries have, when the article says whose it is. The gazetteer's
// bodies have names of their own.
func sharedBodyName(r *resolver, g *gazetteer, e *entityBuild, name string) bool {
	if e.Type != schema.Ministry || e.Country == "" || g.firstCountry(name) != "" {
		return false
	}
	for _, w := range strings.Fields(name) {
		if g.demonymWord(w) {
			return false // "Peruvian Ministry of Economy"
		}
	}
	for _, mi := range e.Mentions {
		if r.ms[mi].Canon != "" {
			return false
		}
	}
	return true
}
