package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// rank orders rules when two mentions claim the same words: the more
// specific evidence wins.
func rank(m mention) int {
	switch m.Rule {
	case "quoted-title":
		return 9
	case "title-name", "appositive-title":
		return 8
	case "gazetteer", "head-word", "demonym-body", "byline", "body-meeting", "field-country":
		return 7
	case "event-noun", "agreement-noun", "body-anaphor":
		if m.Generic {
			return 4
		}
		return 6
	case "person-context", "company-shape", "place-preposition", ruleTagger:
		return 5
	case "role-noun", "role-appositive":
		// a sector's word inside a name its role noun typed is the name's:
		// "Canadian pipeline operator TC Energy"
		return 4
	case "sector-vocabulary":
		return 3
	}
	return 2
}

// nestable: mentions that may stand inside another: the countries of a pair
// or a title, and the sectors an agreement or event is named after.
func nestable(inner, outer mention) bool {
	if inner.Type == schema.Country && (inner.Rule == "country-pair" || inner.Rule == "title-country") {
		return true
	}
	if inner.Type == schema.Country && outer.Type != schema.Country && outer.Type != schema.Location {
		return true
	}
	if inner.Type == schema.Sector && (outer.Type == schema.Agreement || outer.Type == schema.Event) {
		return true
	}
	// "Xi Jinping's state visit to Brazil", "Albanese-Natano joint
	// statement": a thing named by description holds the names of who
	// takes part in it
	if outer.Rule == "event-noun" && inner.Type == schema.Event && inner.Start > outer.Start {
		return true // "the 6th meeting of the U.S.-India Commercial Dialogue"
	}
	return (outer.Rule == "event-noun" || outer.Rule == "agreement-noun") && inner.Type != schema.Event && inner.Type != schema.Agreement
}

// settle drops untyped mentions and, where mentions overlap, keeps the one
// with the better rule (then the longer one), unless one may nest.
func settle(ms []mention) []mention {
	typed := ms[:0:0]
	for _, m := range ms {
		if m.Type != "" {
			typed = append(typed, m)
		}
	}
	order := make([]int, len(typed))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := typed[order[a]], typed[order[b]]
		if rank(x) != rank(y) {
			return rank(x) > rank(y)
		}
		return x.End-x.Start > y.End-y.Start
	})
	var kept []mention
	for _, i := range order {
		m := typed[i]
		ok := true
		for _, k := range kept {
			if m.overlaps(k) && !nestable(m, k) && !nestable(k, m) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, m)
		}
	}
	sort.SliceStable(kept, func(a, b int) bool { return kept[a].Start < kept[b].Start })
	return dedupSame(kept)
}

// dedupSame removes mentions of the same span and type.
func dedupSame(ms []mention) []mention {
	out := ms[:0]
	for i, m := range ms {
		if i > 0 && m.Start == out[len(out)-1].Start && m.End == out[len(out)-1].End && m.Type == out[len(out)-1].Type {
			continue
		}
		out = append(out, m)
	}
	return out
}

// entityBuild gathers the mentions of one entity.
type entityBuild struct {
	Type     schema.EntityType
	Key      string
	Name     string
	Country  string
	Generic  bool
	Mentions []int
	Titles   []string
	Aliases  []string
	Conf     float64
	// Parties are the entities that signed an untitled agreement, in the
	// order the text names them: the agreement is told apart from the
	// article's others by them, and named after them.
	Parties []int
	// Counterparts: every party came after a "with" ("MOUs signed with
	// BlackRock and OpenAI"); the other side goes unnamed.
	Counterparts bool
	// MemberOf is the key of the several agreements this one is one of
	// ("two grants" for "the first grant"); empty when none.
	MemberOf string
}

// resolver turns settled mentions into entities, one per thing.
type resolver struct {
	g        *gazetteer
	text     string
	sents    []sentence
	signings []signing
	ms       []mention
	ents     []*entityBuild
	byKey    map[string]int
	mentOf   []int   // mention index -> entity index
	bySent   [][]int // each sentence's mention indexes in text order, once the acronyms are read
}

func resolve(g *gazetteer, text string, sents []sentence, ms []mention) *resolver {
	r := &resolver{g: g, text: text, sents: sents, ms: ms, byKey: map[string]int{}, mentOf: make([]int, len(ms))}
	for i := range r.mentOf {
		r.mentOf[i] = -1
	}
	r.named()
	r.mergeVisits()
	r.mergeNumberedEvents()
	r.persons()
	mergeAcronyms(r, text)
	r.bySent = mentionsBySentence(r.ms, len(sents))
	r.signings = findSignings(g, text, sents, r.ms, r.bySent)
	r.agreements()
	r.generics()
	r.sportsTeams()
	return r
}

// sportsTeams: in a sports report, a country named as no place ("Sweden
// defeated South Korea 1-0", "Korea's Kim Shin-wook") is its national
// team, an organization.
func (r *resolver) sportsTeams() {
	if !r.sportsReport() {
		return
	}
	for _, e := range r.ents {
		if len(e.Mentions) == 0 || e.Type != schema.Country && !r.bareTeamName(e) {
			continue
		}
		places, teams := 0, 0
		for _, mi := range e.Mentions {
			switch m := r.ms[mi]; {
			case m.Demonym: // "English captain Harry Kane": either
			case teamPlaceRE.MatchString(r.text[max(0, m.Start-12):m.Start]):
				places++
			default:
				teams++
			}
		}
		if teams <= places {
			continue // mostly where things happen: a country
		}
		e.Type, e.Key = schema.Organization, "Organization/team/"+e.Country+"/"+schema.Fold(e.Name)
		for _, mi := range e.Mentions {
			r.ms[mi].Type = schema.Organization
		}
	}
}

// bareTeamName: a place named by one word that neither the gazetteer nor a
// head word says is one ("England", "Barcelona" in a match report): what
// the text calls it, a team or a place, decides.
func (r *resolver) bareTeamName(e *entityBuild) bool {
	if e.Type != schema.Location || strings.Contains(e.Name, " ") {
		return false
	}
	for _, mi := range e.Mentions {
		if m := r.ms[mi]; m.Canon != "" || m.Rule == "gazetteer" || m.Rule == "head-word" {
			return false
		}
	}
	return true
}

// teamPlaceRE: a preposition of place before a country in a sports
// report ("at the World Cup in Russia"); "lost 1-2 to England" names a team.
var teamPlaceRE = regexp.MustCompile(`(?i)(?:^|\s)(?:in|at|into|near|across|around|from)\s+(?:the\s+)?$`)

// sportsReport: two different words only sport uses, and a score.
func (r *resolver) sportsReport() bool {
	if !scoreRE.MatchString(r.text) {
		return false
	}
	seen := map[string]bool{}
	for _, w := range r.g.verbs.sport.FindAllString(r.text, -1) {
		seen[strings.ToLower(w)] = true
		if len(seen) >= 2 {
			return true
		}
	}
	return false
}

// scoreRE: a match's score ("1-0", "3 – 0").
var scoreRE = regexp.MustCompile(`\b\d{1,2}\s?[-–]\s?\d{1,2}\b`)

func entityKey(m mention) string {
	switch {
	case m.Type == schema.Country:
		return "country/" + m.Country
	case m.Canon != "":
		return string(m.Type) + "/" + schema.Fold(m.Canon)
	}
	return string(m.Type) + "/" + schema.Fold(m.Name)
}

func (r *resolver) attach(mi int, key string) {
	m := r.ms[mi]
	ei, ok := r.byKey[key]
	if !ok {
		ei = len(r.ents)
		name := m.Name
		if m.Canon != "" {
			name = m.Canon
		}
		r.ents = append(r.ents, &entityBuild{Type: m.Type, Key: key, Name: name, Country: m.Country, Generic: m.Generic})
		r.byKey[key] = ei
	}
	e := r.ents[ei]
	e.Mentions = append(e.Mentions, mi)
	e.Titles = append(e.Titles, m.Titles...)
	if e.Country == "" {
		e.Country = m.Country
	}
	if m.Conf > e.Conf {
		e.Conf = m.Conf
	}
	if !m.Generic {
		e.Generic = false
	}
	r.mentOf[mi] = ei
}

// named groups every mention that names its thing outright.
func (r *resolver) named() {
	for i, m := range r.ms {
		if m.Generic || m.Type == schema.Person {
			continue
		}
		r.attach(i, entityKey(m))
	}
	r.mergeContainedAgreements()
	r.mergeShortOrganizations()
	r.oneTypePerName()
}

// weakTypeConf is the confidence at or under which a mention's type comes
// from its shape or a preposition alone ("at Pemex headquarters").
const weakTypeConf = 0.6

// oneTypePerName gives a name the article types two ways the type its
// surest mention has: "Mexican state oil company Pemex" and "at Pemex
// headquarters" are one organization, not an organization and a place.
func (r *resolver) oneTypePerName() {
	byName := map[string][]*entityBuild{}
	for _, e := range r.ents {
		if len(e.Mentions) > 0 && e.Type != schema.Agreement && e.Type != schema.Event && e.Type != schema.Sector {
			byName[schema.Fold(e.Name)] = append(byName[schema.Fold(e.Name)], e)
		}
	}
	for _, es := range byName {
		if len(es) < 2 {
			continue
		}
		sure := es[0]
		for _, e := range es[1:] {
			if e.Conf > sure.Conf {
				sure = e
			}
		}
		for _, e := range es {
			if e == sure || e.Type == sure.Type || e.Conf > weakTypeConf || sure.Conf <= weakTypeConf {
				continue
			}
			for _, mi := range e.Mentions {
				r.ms[mi].Type = sure.Type
			}
			r.moveAll(e, sure)
		}
	}
}

// mergeShortOrganizations makes an organization's name that opens the
// name of exactly one other organization of the article its short form
// ("Kenya Power" of "Kenya Power and Lighting Company", "Sunwise" of
// "Sunwise Energy Ltd"), as news writes a company after its full name.
func (r *resolver) mergeShortOrganizations() {
	for _, e := range r.ents {
		if e.Type != schema.Organization || len(e.Mentions) == 0 {
			continue
		}
		short := strings.Fields(schema.Fold(e.Name))
		if len(short) == 1 && r.g.heads[short[0]] != "" {
			continue // "Group", "Bank": a head word alone names nothing
		}
		var long *entityBuild
		for _, o := range r.ents {
			if o == e || o.Type != schema.Organization || len(o.Mentions) == 0 {
				continue
			}
			ws := strings.Fields(schema.Fold(o.Name))
			core := strings.Fields(schema.Fold(r.g.coreName(o.Name))) // "Pertamina" of "PT Pertamina"
			if len(ws) > len(short) && (slices.Equal(ws[:len(short)], short) || slices.Equal(core, short)) {
				if long != nil {
					long = nil // "Samsung" of "Samsung Electronics" and "Samsung C&T": neither
					break
				}
				long = o
			}
		}
		if long != nil {
			r.moveAll(e, long)
		}
	}
}

// mergeContainedAgreements makes "Technology Prosperity Deal" an alias of
// "Korea-U.S. Technology Prosperity Deal".
func (r *resolver) mergeContainedAgreements() {
	for _, e := range r.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 {
			continue
		}
		for _, o := range r.ents {
			if o == e || o.Type != schema.Agreement || len(o.Mentions) == 0 {
				continue
			}
			fe, fo := r.pairless(e.Name), r.pairless(o.Name)
			if fe == fo && e != o || len(fo) > len(fe) && (strings.HasSuffix(fo, " "+fe) || yearSuffixRE.MatchString(strings.TrimPrefix(fo, fe))) {
				// "Technology Prosperity Deal" in "Korea-U.S. Technology
				// Prosperity Deal"; "Indonesia-UK Partnership Roadmap" is
				// the "UK-Indonesia Partnership Roadmap 2022-2024"
				r.moveAll(e, o)
			}
		}
	}
}

var yearSuffixRE = regexp.MustCompile(`^ \d{4}(?: \d{2,4})?$`)

// pairless folds a name with the country pair it opens with put in one
// order ("UK-Indonesia" and "Indonesia-UK" alike).
func (r *resolver) pairless(name string) string {
	ws := strings.Fields(name)
	if len(ws) > 1 && r.g.countryWord(ws[0]) && strings.Contains(ws[0], "-") {
		parts := strings.Split(ws[0], "-")
		for i, p := range parts {
			parts[i] = schema.Fold(p)
		}
		sort.Strings(parts)
		ws[0] = strings.Join(parts, "-")
	}
	return schema.Fold(strings.Join(ws, " "))
}

func (r *resolver) moveAll(from, to *entityBuild) {
	ti := r.byKey[to.Key]
	for _, mi := range from.Mentions {
		to.Mentions = append(to.Mentions, mi)
		r.mentOf[mi] = ti
	}
	to.Titles = append(to.Titles, from.Titles...)
	from.Mentions = nil
}

// knownAsRE: a name the text gives the person named right before it
// ("Joko Widodo, known as Jokowi,", "Luiz Inacio Lula da Silva, popularly
// known as Lula").
var knownAsRE = regexp.MustCompile(`^,\s+(?:(?:popularly|widely|commonly|also|better)\s+)?known\s+as\s+["“]?(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})["”]?(?:[,.;)]|\s+(?:and|said|says|was|is|has|had|will)\b|$)`)

// nicknames are the names knownAsRE gives people, folded, each with the
// key of its person, who takes it as an alias.
func (r *resolver) nicknames() map[string]string {
	out := map[string]string{}
	for mi, m := range r.ms {
		if m.Type != schema.Person || r.mentOf[mi] < 0 {
			continue
		}
		k := knownAsRE.FindStringSubmatch(r.text[m.End:min(len(r.text), m.End+80)])
		if k == nil {
			continue
		}
		e := r.ents[r.mentOf[mi]]
		if _, dup := out[schema.Fold(k[1])]; !dup {
			out[schema.Fold(k[1])] = e.Key
			e.Aliases = append(e.Aliases, k[1])
		}
	}
	return out
}

// persons groups person mentions: full names first, then a lone family or
// given name joins the one person whose name holds it, or whom the text
// says is known by it.
func (r *resolver) persons() {
	var single []int
	for i, m := range r.ms {
		if m.Type != schema.Person {
			continue
		}
		if len(strings.Fields(m.Name)) == 1 {
			single = append(single, i)
			continue
		}
		r.attach(i, "Person/"+schema.Fold(m.Name))
	}
	nick := r.nicknames()
	for _, i := range single {
		if key, ok := nick[schema.Fold(r.ms[i].Name)]; ok {
			r.attach(i, key) // "Jokowi said" after "Joko Widodo, known as Jokowi"
			continue
		}
		if e := r.personWithWord(r.ms[i].Name); e != nil {
			r.attach(i, e.Key)
			continue
		}
		r.attach(i, "Person/"+schema.Fold(r.ms[i].Name))
	}
	r.mergePersonsByWord()
	r.mergePersonsByTail()
}

// mergePersonsByTail folds a person named by the last words of another's
// longer name into it ("Perez Brito" after "Ydael Perez Brito", a Spanish
// double family name; "bin Salman" after "Mohammed bin Salman"), when
// exactly one name ends so.
func (r *resolver) mergePersonsByTail() {
	for _, e := range r.ents {
		if e.Type != schema.Person || len(e.Mentions) == 0 || len(strings.Fields(e.Name)) < 2 {
			continue
		}
		tail := " " + schema.Fold(e.Name)
		var full *entityBuild
		n := 0
		for _, f := range r.ents {
			if f != e && f.Type == schema.Person && len(f.Mentions) > 0 && strings.HasSuffix(schema.Fold(f.Name), tail) {
				full, n = f, n+1
			}
		}
		if n == 1 {
			r.moveAll(e, full)
		}
	}
}

// personWithWord is the one person whose name ends with w (a family name
// alone), or else the one whose name holds it; nil when none or several.
func (r *resolver) personWithWord(w string) *entityBuild {
	var last, any *entityBuild
	lastN, anyN := 0, 0
	fw := schema.Fold(w)
	for _, e := range r.ents {
		if e.Type != schema.Person || len(e.Mentions) == 0 {
			continue
		}
		ps := strings.Fields(schema.Fold(e.Name))
		if slices.Contains(ps, fw) {
			any, anyN = e, anyN+1
		}
		if len(ps) > 1 && ps[len(ps)-1] == fw {
			last, lastN = e, lastN+1
		}
	}
	switch {
	case lastN == 1:
		return last
	case lastN == 0 && anyN == 1:
		return any
	}
	return nil
}

// mergePersonsByWord folds "Mnuchin" mentions made before the full name was
// seen, and unknown names equal to a person's family name.
func (r *resolver) mergePersonsByWord() {
	for _, e := range r.ents {
		if e.Type != schema.Person || len(e.Mentions) == 0 || len(strings.Fields(e.Name)) != 1 {
			continue
		}
		if full := r.personWithWord(e.Name); full != nil && full != e && len(strings.Fields(full.Name)) > 1 {
			r.moveAll(e, full)
		}
	}
}

// generics resolves "the MOU", "the summit": to the named entity of the
// same type nearest before it (or after, if none before); when the article
// names none, the generic mentions form one entity of their own.
func (r *resolver) generics() {
	for i, m := range r.ms {
		if !m.Generic || m.Type == schema.Agreement {
			continue // agreements: agreements.go
		}
		if ei := r.nearestNamed(i); ei >= 0 {
			r.attach(i, r.ents[ei].Key)
			continue
		}
		if ei := r.onlyEventOfKind(m); ei >= 0 {
			r.attach(i, r.ents[ei].Key)
			continue
		}
		if m.Type == schema.Ministry {
			continue // "the ministry" with no ministry named before: nothing to point at
		}
		r.attach(i, string(m.Type)+"/generic/"+genericHead(m))
	}
	for _, e := range r.ents {
		if e.Generic && len(e.Mentions) > 0 {
			e.Name = r.bestGenericName(e)
		}
	}
}

// onlyEventOfKind: "during a visit by X" in the lead and "arrived for a
// two-day visit" paragraphs later are one visit when the article names no
// other: the one event of the generic mention's kind, wherever it stands;
// -1 when there is none or more than one.
func (r *resolver) onlyEventOfKind(m mention) int {
	if m.Type != schema.Event || genericHead(m) == "event" {
		return -1
	}
	gathering := definiteBefore(r.text, m.Start) && gatheringNoun(genericHead(m)) && !asideRE.MatchString(m.Name)
	found := -1
	for ei, e := range r.ents {
		if e.Type != schema.Event || e.Generic || len(e.Mentions) == 0 ||
			!sameEventKind(e.Name, m.Name) && !(gathering && gatheringNoun(lastWord(schema.Fold(e.Name)))) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ei
	}
	return found
}

// bodyFirst orders the mentions so that a headline's come after the body's:
// a headline's "Korea, U.S. sign MOU" is read once the body has said which
// MOU.
func (r *resolver) bodyFirst() []int {
	var body, head []int
	for i, m := range r.ms {
		if m.Sent >= 0 && m.Sent < len(r.sents) && r.sents[m.Sent].Headline {
			head = append(head, i)
		} else {
			body = append(body, i)
		}
	}
	return append(body, head...)
}

// sameSentenceAgreement: "a Memorandum of Understanding (MOU) on ..." names
// one agreement twice in a sentence; a generic agreement mention joins the
// entity of the agreement mention just before it in the same sentence.
func (r *resolver) sameSentenceAgreement(mi int) int {
	m := r.ms[mi]
	if m.Type != schema.Agreement || pluralAgreement(m.Name) {
		return -1
	}
	for j := mi - 1; j >= 0 && r.ms[j].Sent == m.Sent; j-- {
		if r.ms[j].Type == schema.Agreement && r.mentOf[j] >= 0 && m.Start-r.ms[j].End < 80 {
			e := r.ents[r.mentOf[j]]
			if r.pluralEntity(e) || r.otherTopic(kindOf(m.Name), e) {
				// "seven agreements, including a memorandum on defence and an
				// agreement on media": one of several, then another
				return -1
			}
			return r.mentOf[j]
		}
	}
	return -1
}

func genericHead(m mention) string {
	f := schema.Fold(m.Name)
	switch {
	case strings.Contains(f, "memorand") || strings.HasPrefix(f, "mou"):
		return "mou"
	case m.Type == schema.Event:
		ws := strings.Fields(f)
		return ws[len(ws)-1]
	}
	return strings.Fields(f)[0]
}

func (r *resolver) nearestNamed(mi int) int {
	m := r.ms[mi]
	best, bestDist := -1, 1<<30
	for ei, e := range r.ents {
		if e.Type != m.Type || len(e.Mentions) == 0 {
			continue
		}
		if m.Type == schema.Event && !sameEventKind(e.Name, m.Name) {
			continue
		}
		if m.Type == schema.Ministry && !strings.Contains(strings.ToLower(e.Name), strings.ToLower(m.Name)) && m.Name != "agency" {
			continue // "the ministry" is a Ministry of ..., "the department" a Department of ...
		}
		if e.Generic && !(m.Type == schema.Event && genericHead(m) == "event") {
			continue
		}
		if d := r.distance(m, e); d >= 0 && d < bestDist {
			best, bestDist = ei, d
		}
	}
	return best
}

// distance is how far mention m stands from entity e's nearest mention:
// what came before counts as is, what comes after four times (a pointer
// points back), and a mention more than a sentence after does not count.
// -1 when none counts.
func (r *resolver) distance(m mention, e *entityBuild) int {
	best := -1
	for _, o := range e.Mentions {
		d := m.Start - r.ms[o].Start
		if d < 0 && r.ms[o].Sent-m.Sent > 1 {
			continue
		}
		if d < 0 {
			d = -d * 4
		}
		if best < 0 || d < best {
			best = d
		}
	}
	return best
}

// pluralEntity: an agreement entity the text names as several ("37
// bilateral agreements", "the MoUs").
func (r *resolver) pluralEntity(e *entityBuild) bool {
	for _, mi := range e.Mentions {
		if n := r.ms[mi].Name; numbered(n) || pluralAgreement(n) {
			return true
		}
	}
	return false
}

var visitRE = regexp.MustCompile(`^(.+?)['’]s\s+(?:[\p{L}-]+\s+){0,3}?(visit|trip|tour)\b`)

// mergeNumberedEvents: a headline's "BRICS summit" is the body's "17th
// BRICS Summit" when the article numbers one such event only.
func (r *resolver) mergeNumberedEvents() {
	numbered := map[string][]*entityBuild{}
	for _, e := range r.ents {
		if rest, ok := numberedName(e.Name); ok && e.Type == schema.Event && len(e.Mentions) > 0 {
			numbered[schema.Fold(rest)] = append(numbered[schema.Fold(rest)], e)
		}
	}
	for _, e := range r.ents {
		if _, ok := numberedName(e.Name); ok || e.Type != schema.Event || len(e.Mentions) == 0 || e.Generic {
			continue
		}
		if to := numbered[schema.Fold(e.Name)]; len(to) == 1 {
			r.moveAll(e, to[0])
		}
	}
}

// numberedName: the name after its ordinal ("17th BRICS Summit", "third
// session of ..."), and whether it has one.
func numberedName(name string) (string, bool) {
	w, rest, ok := strings.Cut(name, " ")
	if !ok {
		return "", false
	}
	c, n := utf8.DecodeRuneInString(w)
	return rest, ordinalRE.MatchString(string(unicode.ToUpper(c)) + w[n:])
}

// mergeVisits: "Xi Jinping's state visit to Brazil" and "Xi Jinping's
// visit to Brasília" are one visit: the same visitor and the same kind of
// journey, named twice.
func (r *resolver) mergeVisits() {
	first := map[string]*entityBuild{}
	for _, e := range r.ents {
		if e.Type != schema.Event || len(e.Mentions) == 0 {
			continue
		}
		m := visitRE.FindStringSubmatch(e.Name)
		if m == nil {
			continue
		}
		key := schema.Fold(m[1]) + "/" + m[2]
		if to, ok := first[key]; ok {
			r.moveAll(e, to)
			continue
		}
		first[key] = e
	}
}

// gatheringNoun: the nouns one gathering of many is called by, the one
// the article names ("the three-day meeting" of the Africa Climate
// Summit, "the forum" of Baku Energy Week).
func gatheringNoun(w string) bool {
	switch w {
	case "summit", "meeting", "conference", "forum", "gathering", "congress", "symposium", "convention",
		"week", "expo", "retreat", "dialogue":
		return true
	}
	return false
}

// asideRE: a meeting held beside a gathering, not the gathering.
var asideRE = regexp.MustCompile(`(?i)\b(?:bilateral|trilateral|one-on-one|closed-door|separate|private|side)\b`)

func sameEventKind(named, generic string) bool {
	g := strings.Fields(schema.Fold(generic))
	if len(g) > 0 && g[len(g)-1] == "event" {
		return true // "the event" is whichever event the article is about
	}
	return len(g) > 0 && strings.Contains(schema.Fold(named), g[len(g)-1])
}

// bestGenericName names an entity known only by generic mentions: the
// longest capitalised form, then the longest.
func (r *resolver) bestGenericName(e *entityBuild) string {
	best := ""
	for _, mi := range e.Mentions {
		n := r.ms[mi].Name
		if better(n, best) {
			best = n
		}
	}
	return best
}

func better(a, b string) bool {
	ca, cb := capWord(a), capWord(b)
	if ca != cb {
		return ca
	}
	return len(a) > len(b)
}
