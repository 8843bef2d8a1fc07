package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/schema"
)

var parenAcronymRE = regexp.MustCompile(`^\s*\(\s*([A-Z][A-Za-z&]{1,9}(?:\s+(?:Ltd|Limited|Inc|Plc|PLC|Co|Corp|SA|AG|LLC|Tbk|Bhd)\.?)?)\s*\)`)

// buildEntities writes the resolver's entities into doc and returns each
// entity's id by its index.
func buildEntities(doc *schema.Document, res *resolver, g *gazetteer, text string) []string {
	res.titleCountries(g)
	ids := make([]string, len(res.ents))
	byID := map[string]int{}
	for ei, e := range res.ents {
		if len(e.Mentions) == 0 {
			continue
		}
		ent := schema.Entity{Type: e.Type, Name: e.Name, Confidence: e.Conf}
		var described []string
		switch {
		case e.Type == schema.Country:
			ent.Name = g.countryName[e.Country]
			ent.ID = schema.EntityID(schema.Country, e.Country)
		case e.Type == schema.Agreement && len(e.Parties) > 0:
			ent.Name, described = nameByParties(res, g, e)
		case e.Type == schema.Agreement && e.Generic && (res.ownParties(e) != nil || res.mainPair() != nil):
			// "a deal between ACWA Power and Egypt's Electricity Holding
			// Company"; "the joint statement" of an article about two countries
			if e.Parties = res.ownParties(e); e.Parties == nil {
				e.Parties = res.mainPair()
			}
			ent.Name, described = nameByParties(res, g, e)
		default:
			ent.Name = bestName(res, g, e)
		}
		switch {
		case ent.ID != "":
		case descriptive(res, g, e):
			ent.ID = schema.ScopedEntityID(e.Type, ent.Name, doc.Article.ID)
		case sharedBodyName(res, g, e, ent.Name):
			ent.ID = schema.CountryEntityID(e.Type, ent.Name, e.Country)
		default:
			ent.ID = schema.EntityID(e.Type, ent.Name)
		}
		seen := map[string]bool{schema.Fold(ent.Name): true}
		for _, mi := range e.Mentions {
			m := res.ms[mi]
			ent.Mentions = append(ent.Mentions, schema.Span{Start: m.Start, End: m.End})
			if f := schema.Fold(m.Name); !seen[f] && !m.Demonym {
				seen[f] = true
				ent.Aliases = append(ent.Aliases, normSurface(m.Name))
			}
		}
		for _, a := range append(e.Aliases, described...) {
			if f := schema.Fold(a); !seen[f] {
				seen[f] = true
				ent.Aliases = append(ent.Aliases, a)
			}
		}
		if e.Type == schema.Person {
			ent.Titles = uniqueTitles(e.Titles)
			if ws := strings.Fields(ent.Name); len(ws) > 2 && nameSuffix(ws[len(ws)-1]) {
				// "Ferdinand Marcos Jr." is also written without it
				if short := strings.Join(ws[:len(ws)-1], " "); !seen[schema.Fold(short)] {
					seen[schema.Fold(short)] = true
					ent.Aliases = append(ent.Aliases, short)
				}
			}
			if fam := familyName(ent.Name, e.Country, g.givenNames); fam != "" && !seen[schema.Fold(fam)] {
				ent.Aliases = append(ent.Aliases, fam)
			}
		}
		sort.Slice(ent.Mentions, func(a, b int) bool { return ent.Mentions[a].Start < ent.Mentions[b].Start })
		if prev, dup := byID[ent.ID]; dup {
			mergeInto(&doc.Entities[prev], ent)
			ids[ei] = ent.ID
			continue
		}
		byID[ent.ID] = len(doc.Entities)
		ids[ei] = ent.ID
		doc.Entities = append(doc.Entities, ent)
	}
	return ids
}

func mergeInto(dst *schema.Entity, src schema.Entity) {
	dst.Mentions = append(dst.Mentions, src.Mentions...)
	sort.Slice(dst.Mentions, func(a, b int) bool { return dst.Mentions[a].Start < dst.Mentions[b].Start })
	have := map[string]bool{schema.Fold(dst.Name): true}
	for _, a := range dst.Aliases {
		have[schema.Fold(a)] = true
	}
	for _, a := range src.Aliases {
		if !have[schema.Fold(a)] {
			dst.Aliases = append(dst.Aliases, a)
		}
	}
	dst.Titles = uniqueTitles(append(dst.Titles, src.Titles...))
}

// bestName picks an entity's canonical name: the gazetteer's, else the
// longest name a non-generic mention gives.
func bestName(res *resolver, g *gazetteer, e *entityBuild) string {
	best := e.Name
	for _, mi := range e.Mentions {
		m := res.ms[mi]
		if m.Canon != "" {
			return m.Canon
		}
		if !m.Generic && len(m.Name) > len(best) && e.Type != schema.Event {
			best = m.Name
		}
	}
	best = strings.Trim(best, " ,;:")
	if ws := strings.Fields(best); len(ws) > 0 && !g.companySuffix(ws[len(ws)-1]) && !nameSuffix(ws[len(ws)-1]) {
		best = strings.TrimRight(best, ".") // a sentence's period, not "Inc."'s or "Jr."'s
	}
	return normSurface(best)
}

// familyName is the name a person of a country (its ISO code, or "") is
// called by alone: the first word of an East Asian name written family
// name first ("Ha Jung-woo", "LEE Jae-myung", "Li Qiang" of China, "Yoon
// Suk Yeol" of South Korea), unless that word is a given name of given
// ("William Lai", "Carrie Lam"), the last otherwise.
func familyName(name, country string, given map[string]bool) string {
	ws := strings.Fields(name)
	if len(ws) > 2 && nameSuffix(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1] // "Ferdinand Marcos Jr." is "Marcos"
	}
	if len(ws) < 2 || nameSuffix(ws[len(ws)-1]) {
		return "" // "Mohammed VI" has none
	}
	if koreanStyle(ws) || familyFirst[country] && !strings.Contains(ws[0], ".") && !given[ws[0]] || isAllCaps(ws[0]) && len(ws[0]) > 2 && !strings.Contains(ws[0], ".") && !isAllCaps(ws[len(ws)-1]) {
		return ws[0] // "LEE Jae-myung"; not the initials of "S Jaishankar", "JD Vance" or "J.D. Vance"
	}
	return ws[len(ws)-1]
}

// familyFirst: the countries whose people English news names family name
// first (Japan's it names given name first; Vietnam's it calls by the
// last name).
var familyFirst = map[string]bool{"CN": true, "TW": true, "HK": true, "MO": true, "KR": true, "KP": true}

func uniqueTitles(ts []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range ts {
		t = normSurface(strings.Trim(t, " ,;"))
		if f := schema.Fold(t); f != "" && !seen[f] {
			seen[f] = true
			out = append(out, t)
		}
	}
	return out
}

// mergeAcronyms reads "Name (ACR)" and makes ACR an alias of Name's entity,
// folding any entity named ACR into it.
func mergeAcronyms(res *resolver, text string) {
	for _, e := range res.ents {
		for _, mi := range e.Mentions {
			m := res.ms[mi]
			am := parenAcronymRE.FindStringSubmatch(text[m.End:])
			if am == nil || !hasUpper(am[1][1:]) && len(am[1]) > 1 && strings.ToUpper(am[1]) != am[1] && !shortNameAfter(text, m, am[1]) {
				continue // an acronym, or a body's short name ("Petroleos Mexicanos (Pemex)")
			}
			if isAllCaps(text[m.Start:m.End]) {
				continue // a dateline's "HANOI (VNA)", "RABAT (Reuters)": the agency, not the place's acronym
			}
			if m.Type == schema.Country && !initialsHold(text[m.Start:m.End], am[1]) {
				continue // "Electricite du Laos (EDL)": the acronym of the name the country ends
			}
			acr := am[1]
			e.Aliases = append(e.Aliases, acr)
			for _, o := range res.ents {
				if o == e || len(o.Mentions) == 0 || o.Type == schema.Country {
					continue
				}
				if schema.Fold(o.Name) == schema.Fold(acr) {
					res.moveAll(o, e) // "ASES will host"
				} else if writtenOnlyAs(res, text, o, acr) {
					// "(PIF)" here is no gazetteer's Pacific Islands Forum
					for _, mi := range o.Mentions {
						res.ms[mi].Canon, res.ms[mi].Type = "", e.Type
					}
					res.moveAll(o, e)
				}
			}
			res.acronymMentions(e, acr)
		}
	}
}

// writtenOnlyAs: every mention of entity e is written acr.
func writtenOnlyAs(res *resolver, text string, e *entityBuild, acr string) bool {
	for _, mi := range e.Mentions {
		if m := res.ms[mi]; text[m.Start:m.End] != acr {
			return false
		}
	}
	return true
}

// initialsHold: the letters of acr are, in order, initials of the words
// of name ("UAE" of "United Arab Emirates", "DRC" of "Democratic Republic
// of the Congo").
func initialsHold(name, acr string) bool {
	ws := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' })
	k := 0
	for _, c := range acr {
		for k < len(ws) && !strings.HasPrefix(strings.ToUpper(ws[k]), string(unicode.ToUpper(c))) {
			k++
		}
		if k == len(ws) {
			return false
		}
		k++
	}
	return true
}

// finish orders a document for byte-identical output and drops what is
// below the confidence floor.
func finish(doc *schema.Document, floor float64) {
	keep := doc.Entities[:0]
	for _, e := range doc.Entities {
		if e.Confidence >= floor {
			keep = append(keep, e)
		}
	}
	doc.Entities = keep
	sort.SliceStable(doc.Entities, func(a, b int) bool {
		return firstMention(doc.Entities[a]) < firstMention(doc.Entities[b])
	})
	present := make(map[string]bool, len(doc.Entities))
	for _, e := range doc.Entities {
		present[e.ID] = true
	}
	best := map[string]int{}
	var rels []schema.Relation
	for _, r := range doc.Relations {
		if r.Confidence < floor || !present[r.Subject] || !present[r.Object] && !schema.IsDate(r.Object) {
			continue // below the floor, or an end the floor took away
		}
		if i, ok := best[r.Key()]; ok {
			if r.Confidence > rels[i].Confidence {
				rels[i] = r
			}
			continue
		}
		best[r.Key()] = len(rels)
		rels = append(rels, r)
	}
	sort.SliceStable(rels, func(a, b int) bool {
		if rels[a].Evidence.Start != rels[b].Evidence.Start {
			return rels[a].Evidence.Start < rels[b].Evidence.Start
		}
		return rels[a].Key() < rels[b].Key()
	})
	doc.Relations = rels
	if doc.Entities == nil {
		doc.Entities = []schema.Entity{}
	}
	if doc.Relations == nil {
		doc.Relations = []schema.Relation{}
	}
}

func firstMention(e schema.Entity) int {
	if len(e.Mentions) == 0 {
		return 1 << 30
	}
	return e.Mentions[0].Start
}

// acronymMentions adds every stand-alone use of an entity's acronym as a
// mention of it ("ASES will host ...").
func (r *resolver) acronymMentions(e *entityBuild, acr string) {
	have := map[int]bool{}
	for _, mi := range e.Mentions {
		have[r.ms[mi].Start] = true
	}
	for off := 0; ; {
		i := strings.Index(r.text[off:], acr)
		if i < 0 {
			return
		}
		s, end := off+i, off+i+len(acr)
		off = end
		if have[s] || !wordBoundary(r.text, s, end) || s > 0 && r.text[s-1] == '(' {
			continue
		}
		r.ms = append(r.ms, mention{Start: s, End: end, Sent: r.sentenceAt(s), Type: e.Type, Name: acr, Rule: "acronym", Conf: 0.7})
		r.mentOf = append(r.mentOf, r.byKey[e.Key])
		e.Mentions = append(e.Mentions, len(r.ms)-1)
	}
}

// sentenceAt is the index of the sentence that holds offset off, or -1
// when off lies outside every sentence (a byline).
func (r *resolver) sentenceAt(off int) int {
	i := sort.Search(len(r.sents), func(i int) bool { return r.sents[i].End > off })
	if i < len(r.sents) && r.sents[i].Start <= off {
		return i
	}
	return -1
}
