package extract

import (
	"embed"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	fakedata "github.com/brianvoe/gofakeit/v7/data"

	"github.com/pariz/gountries"

	"github.com/newsgraph/newsgraph/schema"
)

//go:embed data/*.tsv
var dataFS embed.FS

// gazEntry is one thing a surface form can name.
type gazEntry struct {
	Type    schema.EntityType
	Name    string // canonical name
	Country string // ISO code: the country itself, or the country a body or city belongs to
	Demonym bool   // the surface is an adjective of the country ("Korean")
	// Weak: a region's one-word name that is also a family or given name
	// ("Kerry", "Clare", "Georgia" the state): it names the place when it
	// stands alone, not inside a longer capitalised run ("John Kerry").
	Weak bool
	// Region: a state, province or region of a country, from the country
	// module.
	Region bool
}

// gazetteer holds the knowledge the rules look names up in: countries with
// their aliases, demonyms and capitals, well-known government bodies and
// organizations, the sector vocabulary and the words titles are made of.
type gazetteer struct {
	exact    map[string][]gazEntry // case-sensitive surface -> entries
	folded   map[string][]gazEntry // lower-case surfaces that match in any case
	loose    map[string][]gazEntry // schema.Fold of names of two or more words
	maxWords int

	countryName map[string]string   // ISO code -> common English short name
	countryAbbr map[string][]string // ISO code -> the abbreviations news writes it as ("UK", "U.S.")
	abbr        map[string][]string // canonical name of a body or organization -> its abbreviations ("EU")
	capital     map[string]string   // ISO code -> capital city
	demonym     map[string]string   // demonym -> ISO code

	titleHead, titleMod, honorific, domain, domainHead map[string]bool
	postnominal                                        map[string]bool                       // letters after a name: "MP", "QC", "Jr."
	heads                                              map[string]schema.EntityType          // head word -> type (lower case)
	generic                                            map[schema.EntityType]map[string]bool // words of a kind, not a name (generic.tsv)
	fronts                                             map[string]schema.EntityType          // words that type a name from anywhere in it (fronts.tsv)
	roles                                              map[string]schema.EntityType          // role nouns before a name (roles.tsv)
	thingRoles, thingHeads                             map[string]bool                       // what names no entity (things.tsv)
	suffixes                                           map[string]bool                       // company legal forms (suffixes.tsv)
	prefixes                                           map[string]bool                       // company legal forms written first (suffixes.tsv)
	verbs                                              lexicon                               // verbs.tsv
	givenNames                                         map[string]bool                       // given names (gofakeit's list of first names)
	sectors                                            []sectorForm
}

type sectorForm struct {
	Surface string // lower case
	Orig    string // as the vocabulary writes it
	Sector  string
}

func newGazetteer() (*gazetteer, error) {
	g := &gazetteer{
		exact: map[string][]gazEntry{}, folded: map[string][]gazEntry{}, loose: map[string][]gazEntry{},
		countryName: map[string]string{}, countryAbbr: map[string][]string{}, abbr: map[string][]string{}, capital: map[string]string{}, demonym: map[string]string{},
		titleHead: map[string]bool{}, titleMod: map[string]bool{}, honorific: map[string]bool{}, postnominal: map[string]bool{},
		domain: map[string]bool{}, domainHead: map[string]bool{}, heads: map[string]schema.EntityType{},
		generic: map[schema.EntityType]map[string]bool{},
		fronts:  map[string]schema.EntityType{}, roles: map[string]schema.EntityType{}, suffixes: map[string]bool{}, prefixes: map[string]bool{},
		thingRoles: map[string]bool{}, thingHeads: map[string]bool{},
	}
	g.loadCountryModule()
	g.givenNames = map[string]bool{}
	for _, n := range fakedata.Person["first"] {
		g.givenNames[n] = true
	}
	steps := []struct {
		file string
		load func([]string) error
	}{
		{"countries.tsv", g.loadCountryLine},
		{"govbodies.tsv", g.namedLines(schema.Ministry, true)},
		{"organizations.tsv", g.namedLines(schema.Organization, false)},
		{"titles.tsv", g.loadTitleLine},
		{"places.tsv", g.namedLines(schema.Location, true)},
		{"heads.tsv", g.wordTypes(g.heads)},
		{"fronts.tsv", g.wordTypes(g.fronts)},
		{"roles.tsv", g.wordTypes(g.roles)},
		{"things.tsv", g.loadThingLine},
		{"suffixes.tsv", g.loadSuffixes},
		{"verbs.tsv", g.verbs.load},
		{"generic.tsv", g.loadGenericLine},
	}
	for _, s := range steps {
		if err := g.loadTSV(s.file, s.load); err != nil {
			return nil, err
		}
	}
	if err := g.verbs.compile(); err != nil {
		return nil, err
	}
	for _, d := range schema.Sectors() {
		for _, f := range d.Surface {
			g.sectors = append(g.sectors, sectorForm{Surface: strings.ToLower(f), Orig: f, Sector: d.Name})
		}
	}
	// longest surface first, so "generative AI" wins over "AI"
	sort.SliceStable(g.sectors, func(i, j int) bool { return len(g.sectors[i].Surface) > len(g.sectors[j].Surface) })
	return g, nil
}

func (g *gazetteer) loadTSV(name string, load func([]string) error) error {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return fmt.Errorf("extract: gazetteer %s: %w", name, err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := load(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("extract: gazetteer %s line %d: %w", name, i+1, err)
		}
	}
	return nil
}

// loadCountryModule takes names, official names, codes and capitals from
// the maintained country module.
func (g *gazetteer) loadCountryModule() {
	all := gountries.New().FindAllCountries()
	// the module gives a map: go through it in code order, so that a name two
	// countries share (a capital, a region) always resolves the same way
	keys := slices.Sorted(maps.Keys(all))
	for _, key := range keys {
		c := all[key]
		code := c.Codes.Alpha2
		name := c.Name.Common
		g.countryName[code] = name
		g.add(name, gazEntry{Type: schema.Country, Name: name, Country: code})
		if off := c.Name.Official; off != "" && !strings.ContainsAny(off, "()") {
			g.add(off, gazEntry{Type: schema.Country, Name: name, Country: code})
		}
		for _, lang := range slices.Sorted(maps.Keys(c.Name.Native)) {
			// "Côte d'Ivoire", "Timor-Leste": a native name of several words
			// that English news uses as it is; one-word native names
			// ("Maurice", "Viti") are also common words or given names
			if n := c.Name.Native[lang].Common; latinName(n) && strings.ContainsAny(n, " -'") && len(g.lookup(n)) == 0 {
				g.add(n, gazEntry{Type: schema.Country, Name: name, Country: code})
			}
		}
		if cap := c.Geo.Capital; cap != "" {
			city := strings.TrimSuffix(strings.TrimSuffix(cap, " D.C."), ",")
			g.capital[code] = city
			g.add(city, gazEntry{Type: schema.Location, Name: city, Country: code})
			if city != cap {
				g.add(cap, gazEntry{Type: schema.Location, Name: city, Country: code})
				g.add(city+", D.C.", gazEntry{Type: schema.Location, Name: city, Country: code})
				g.add(city+" DC", gazEntry{Type: schema.Location, Name: city, Country: code})
			}
		}
	}
	// the regions last, so that a country or a capital of the same name
	// ("Djibouti", a region of Djibouti) is what the name says first
	for _, key := range keys {
		g.addSubdivisions(all[key])
	}
}

// latinName: s is written in Latin letters (with their accents).
func latinName(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && r > 0x24F {
			return false
		}
	}
	return s != ""
}

// addSubdivisions adds a country's states, provinces and regions as
// locations. Names that are also common words are left out: they are
// matched as written, and one that is a single short word ("Centre",
// "North") would fire on ordinary prose.
func (g *gazetteer) addSubdivisions(c gountries.Country) {
	for _, sd := range c.SubDivisions() {
		name := sd.Name
		if len(name) < 4 || strings.ContainsAny(name, "()[]/,") || commonRegionWord[strings.ToLower(name)] {
			continue
		}
		if es := g.lookup(name); len(es) > 0 {
			continue // a country or a capital already has this name
		}
		g.add(name, gazEntry{Type: schema.Location, Name: name, Country: c.Codes.Alpha2, Weak: !strings.ContainsAny(name, " -"), Region: true})
	}
}

var commonRegionWord = map[string]bool{"centre": true, "center": true, "north": true, "south": true, "east": true, "west": true,
	"central": true, "capital": true, "western": true, "eastern": true, "northern": true, "southern": true, "coast": true,
	"island": true, "islands": true, "lakes": true, "mountain": true, "river": true, "valley": true, "upper": true, "lower": true,
	"national": true, "federal": true, "city": true, "district": true, "region": true, "province": true, "state": true,
	"amazon": true, "apple": true, "oriental": true, "littoral": true, "plateau": true, "savanes": true, "sud": true, "nord": true,
	"est": true, "ouest": true, "centro": true, "norte": true, "sur": true, "oeste": true, "este": true, "ash": true, "bay": true}

func (g *gazetteer) loadCountryLine(f []string) error {
	code := f[0]
	name, ok := g.countryName[code]
	if !ok {
		return fmt.Errorf("unknown country code %q", code)
	}
	if len(f) > 1 {
		for _, a := range splitForms(f[1]) {
			g.add(a, gazEntry{Type: schema.Country, Name: name, Country: code})
			if isAllCaps(a) {
				g.countryAbbr[code] = append(g.countryAbbr[code], a)
			}
		}
	}
	if len(f) > 2 {
		for _, d := range splitForms(f[2]) {
			g.demonym[d] = code
			g.add(d, gazEntry{Type: schema.Country, Name: name, Country: code, Demonym: true})
		}
	}
	return nil
}

// namedLines loads a file of names of one type: name, then (withCountry)
// the ISO code of the country the thing belongs to, then aliases.
func (g *gazetteer) namedLines(t schema.EntityType, withCountry bool) func([]string) error {
	return func(f []string) error {
		e := gazEntry{Type: t, Name: f[0]}
		aliases := 1
		if withCountry {
			if len(f) < 2 {
				return fmt.Errorf("want name<TAB>country<TAB>aliases")
			}
			e.Country, aliases = f[1], 2
		}
		g.add(f[0], e)
		if len(f) > aliases {
			for _, a := range splitForms(f[aliases]) {
				g.add(a, e)
				if isAllCaps(a) {
					g.abbr[f[0]] = append(g.abbr[f[0]], a)
				}
			}
		}
		return nil
	}
}

// wordTypes loads lines of type<TAB>words into words, a word -> type map;
// a word may have one type only.
func (g *gazetteer) wordTypes(words map[string]schema.EntityType) func([]string) error {
	return func(f []string) error {
		t, err := schema.ParseEntityType(f[0])
		if err != nil || len(f) != 2 {
			return fmt.Errorf("want type<TAB>words: %v", err)
		}
		for _, w := range splitForms(f[1]) {
			w = strings.ToLower(w)
			if prev, dup := words[w]; dup && prev != t {
				return fmt.Errorf("word %q is both %s and %s", w, prev, t)
			}
			words[w] = t
		}
		return nil
	}
}

func (g *gazetteer) loadThingLine(f []string) error {
	set := map[string]map[string]bool{"role": g.thingRoles, "head": g.thingHeads}[f[0]]
	if set == nil || len(f) != 2 {
		return fmt.Errorf("want role or head<TAB>words")
	}
	for _, w := range splitForms(f[1]) {
		set[strings.ToLower(w)] = true
	}
	return nil
}

func (g *gazetteer) loadSuffixes(f []string) error {
	if len(f) == 2 && f[0] == "prefix" {
		for _, w := range splitForms(f[1]) {
			g.prefixes[w] = true
		}
		return nil
	}
	if len(f) != 1 {
		return fmt.Errorf("want the suffixes, or \"prefix\" and the prefixes, got %d fields", len(f))
	}
	for _, w := range splitForms(f[0]) {
		g.suffixes[w] = true
	}
	return nil
}

// coreName is an organization's name without the legal forms before and
// after it ("PT Pertamina" and "JERA Co., Inc." are "Pertamina" and
// "JERA").
func (g *gazetteer) coreName(name string) string {
	ws := strings.Fields(strings.ReplaceAll(name, ",", " "))
	for len(ws) > 1 && g.prefixes[ws[0]] {
		ws = ws[1:]
	}
	for len(ws) > 1 && g.companySuffix(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// companySuffix: tok is a company's legal form ("Inc.", "Co.", "Ltd").
func (g *gazetteer) companySuffix(tok string) bool {
	return g.suffixes[strings.TrimSuffix(tok, ".")]
}

func (g *gazetteer) loadGenericLine(f []string) error {
	t, err := schema.ParseEntityType(f[0])
	if err != nil || len(f) != 2 {
		return fmt.Errorf("want type<TAB>words: %v", err)
	}
	if g.generic[t] == nil {
		g.generic[t] = map[string]bool{}
	}
	for _, w := range splitForms(f[1]) {
		g.generic[t][strings.ToLower(w)] = true
	}
	return nil
}

func (g *gazetteer) loadTitleLine(f []string) error {
	if len(f) != 2 {
		return fmt.Errorf("want kind<TAB>words")
	}
	set := map[string]map[string]bool{"head": g.titleHead, "modifier": g.titleMod, "honorific": g.honorific, "domain": g.domain,
		"domainhead": g.domainHead, "postnominal": g.postnominal}[f[0]]
	if set == nil {
		return fmt.Errorf("unknown title kind %q", f[0])
	}
	for _, w := range splitForms(f[1]) {
		if f[0] == "honorific" || f[0] == "postnominal" {
			set[w] = true
		} else {
			set[strings.ToLower(w)] = true
		}
	}
	return nil
}

func splitForms(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// add registers a surface form. Forms written in lower case ("science
// ministry") match in any case; others match as written, so "US" is a
// country and "us" is not.
func (g *gazetteer) add(surface string, e gazEntry) {
	surface = normSurface(surface)
	if strings.ToLower(surface) == surface {
		g.folded[surface] = appendEntry(g.folded[surface], e)
	} else {
		g.exact[surface] = appendEntry(g.exact[surface], e)
		if f := schema.Fold(surface); strings.Contains(f, " ") {
			g.loose[f] = appendEntry(g.loose[f], e)
		}
	}
	if n := len(strings.Fields(surface)); n > g.maxWords {
		g.maxWords = n
	}
}

// appendEntry adds e to what a surface names, after what it named before,
// but before a weak name (a region the country module lists, "Gaza" of
// Mozambique), which yields to a place the data files name ("Gaza", the
// Gaza Strip).
func appendEntry(es []gazEntry, e gazEntry) []gazEntry {
	for _, x := range es {
		if x == e {
			return es
		}
	}
	if !e.Weak {
		for k, x := range es {
			if x.Weak {
				return slices.Insert(es, k, e)
			}
		}
	}
	return append(es, e)
}

// lookup returns what a surface form names, exact matches first.
func (g *gazetteer) lookup(surface string) []gazEntry {
	surface = normSurface(surface)
	if es, ok := g.exact[surface]; ok {
		return es
	}
	if es, ok := g.folded[strings.ToLower(surface)]; ok {
		return es
	}
	if strings.Contains(surface, " ") && capWord(surface) {
		// "Cote D'Ivoire", "Foreign, Commonwealth, and Development Office":
		// a capitalised name of two or more words, written with other
		// accents, apostrophes or commas
		return g.loose[schema.Fold(surface)]
	}
	return nil
}

// titleHeadWord: w (lower case) is a title's head, or its plural ("Prime
// Ministers A and B", "defence ministers A and B").
func (g *gazetteer) titleHeadWord(w string) bool {
	return g.titleHead[w] || len(w) > 3 && strings.HasSuffix(w, "s") && g.titleHead[w[:len(w)-1]]
}

// isCountry: the gazetteer knows s, as written, first as a country ("U.S."
// with its stop, which countryWord trims).
func (g *gazetteer) isCountry(s string) bool {
	es := g.lookup(s)
	return len(es) > 0 && es[0].Type == schema.Country
}

// demonymWord: w is a country's adjective ("Japanese").
func (g *gazetteer) demonymWord(w string) bool {
	es := g.lookup(w)
	return len(es) > 0 && es[0].Demonym
}

// names: the gazetteer knows surface as a name that is not weak, so it is
// no word of a person's name.
func (g *gazetteer) names(surface string) bool {
	es := g.lookup(surface)
	return len(es) > 0 && !es[0].Weak
}

// normSurface folds white space and typographic apostrophes.
func normSurface(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.Fields(s), " ")
}

// firstCountry returns the code of the first country (or demonym) a phrase
// names, trying the longest names first at each word.
func (g *gazetteer) firstCountry(phrase string) string {
	ws := strings.Fields(strings.NewReplacer(",", " ", "'s", " ", "’s", " ").Replace(phrase))
	for i := range ws {
		if i > 0 && strings.EqualFold(ws[i-1], "to") {
			continue // "Ambassador to Brazil" is not Brazil's
		}
		for n := min(len(ws)-i, g.maxWords); n > 0; n-- {
			for _, e := range g.lookup(strings.Join(ws[i:i+n], " ")) {
				if e.Type == schema.Country {
					return e.Country
				}
			}
		}
	}
	return ""
}

// notField: title domains that qualify a body or name a place or the body
// itself, not a field it governs.
var notField = map[string]bool{"higher": true, "kingdom": true, "government": true, "ministry": true,
	"minister": true, "department": true, "office": true, "excellency": true, "americas": true, "asia": true,
	"africa": true, "europe": true}

// fieldNoun: w, in lower case, is a field a government has a department
// for ("environment", "fisheries"), not an adjective ("national",
// "economic", "southern").
func (g *gazetteer) fieldNoun(w string) bool {
	if !g.domain[w] || notField[w] {
		return false
	}
	for _, suf := range []string{"al", "an", "ern", "ic", "ary"} {
		if strings.HasSuffix(w, suf) {
			return false
		}
	}
	return true
}

// titleNamesBody: every distinctive word of a body's name (not "Ministry",
// "Department", "of", a country) stands in the title, so the title is a post
// in that body.
func (g *gazetteer) titleNamesBody(title, body string) bool {
	tw := map[string]bool{}
	for _, w := range strings.Fields(schema.Fold(title)) {
		tw[w] = true
	}
	n := 0
	for _, orig := range strings.Fields(body) {
		w := schema.Fold(orig)
		if bodyFiller[w] || g.countryWord(orig) || g.heads[w] == schema.Ministry {
			continue // "Peruvian", "U.S.", "Ministry"
		}
		if !tw[w] {
			return false
		}
		if g.fieldNoun(w) {
			n++ // a field, not only a qualifier: "European" names no body
		}
	}
	return n > 0
}

var bodyFiller = map[string]bool{"of": true, "for": true, "the": true, "and": true, "us": true, "u": true, "s": true, "uk": true, "federal": true, "national": true}

// hasTitleWord: the phrase holds a title's head word ("official", "director").
func (g *gazetteer) hasTitleWord(phrase string) bool {
	for _, w := range strings.Fields(strings.ToLower(phrase)) {
		if g.titleHead[strings.Trim(w, ",.;:")] {
			return true
		}
	}
	return false
}
