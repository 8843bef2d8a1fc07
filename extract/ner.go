package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// mention is one place the article names (or points at) a thing.
type mention struct {
	Start, End int
	Sent       int // index of the sentence it stands in
	Type       schema.EntityType
	Name       string // the name as written (or as rebuilt from a pattern)
	Canon      string // canonical name from the gazetteer, when known
	Country    string // ISO code the mention names or is qualified by
	Demonym    bool   // an adjective of a country ("Korean")
	Generic    bool   // "the MOU", "the ministry": resolved to a named entity when one fits
	Titles     []string
	Rule       string
	Conf       float64
}

func (m mention) overlaps(o mention) bool { return m.Start < o.End && o.Start < m.End }

// recognizer finds the mentions of one article.
type recognizer struct {
	g    *gazetteer
	text string
	out  []mention
	// headline is set while reading a title-cased headline, where
	// capitals say nothing: only gazetteer names are taken from it.
	headline bool
	// names is the trained tagger and how it joins the rules (tagger_names.go).
	names *nameTagging
	// lower holds the words the article writes in lower case, made on
	// first use (lowercase.go).
	lower map[string]bool
	// afterCapital holds the capitalised words the article writes after
	// another, made on first use (lastWordElsewhere).
	afterCapital map[string]bool
}

// chunkMentions classifies each capitalised run of a sentence.
func (r *recognizer) chunkMentions(si int, toks []token) {
	defer r.shareTitleCountry(len(r.out))
	r.seats(si, toks)
	cs := joinSeats(toks, r.extendSuffixes(toks, r.withCommaNames(toks, r.cutDemonymTails(toks, chunksKnowing(toks, r.knownOpener)))))
	for _, c := range r.mergeEnumerations(toks, cs) {
		for _, co := range r.splitCompanies(toks, c) {
			for _, part := range r.splitTitledList(toks, co) {
				for _, pl := range r.splitToPlace(toks, part) {
					for _, item := range r.splitPeopleOfList(toks, pl) {
						for _, p := range r.splitPersonOf(toks, item) {
							r.classify(si, toks, p.I, p.J)
						}
					}
				}
			}
		}
	}
}

// shareTitleCountry gives a titled person of r.out[from:] with no country
// of its own the country that qualifies the title of the person listed
// just before ("Japanese Foreign Minister Yoko Kamikawa and Defense
// Minister Minoru Kihara": one government's two members). A country the
// first has from elsewhere (a body: "USTDA Director ... Geoffrey Jackson
// and Vice Minister of Commerce Ma Xiuhong") is not shared.
func (r *recognizer) shareTitleCountry(from int) {
	prev := -1
	for k := from; k < len(r.out); k++ {
		m := &r.out[k]
		if m.Type != schema.Person || m.Rule != "title-name" {
			continue
		}
		if prev >= 0 && m.Country == "" && len(m.Titles) == 1 &&
			strings.TrimSpace(r.text[r.out[prev].End:m.Start]) == "and "+m.Titles[0] && r.countryBeforeTitled(from, r.out[prev]) {
			m.Country = r.out[prev].Country
		}
		prev = k
	}
}

// countryBeforeTitled: p, a titled person of r.out[from:], has its country
// from a country's name or demonym right before its title ("Japanese
// Foreign Minister", "Japan's Foreign Minister").
func (r *recognizer) countryBeforeTitled(from int, p mention) bool {
	if len(p.Titles) != 1 || p.Country == "" {
		return false
	}
	for _, c := range r.out[from:] {
		if c.Type != schema.Country || c.End > p.Start || c.Canon == "" {
			continue
		}
		between := strings.TrimPrefix(strings.TrimPrefix(r.text[c.End:p.Start], "'s"), "’s")
		if strings.TrimSpace(between) == p.Titles[0] && c.Country == p.Country {
			return true
		}
	}
	return false
}

// knownOpener: the word at i, which opens its sentence, is a name: a word
// of the person the article named, or one an appositive's role noun
// describes ("Sunrays, the Abu Dhabi-based energy company, ...").
func (r *recognizer) knownOpener(toks []token, i int) bool {
	return r.personWord(toks[i].Text) || r.appositiveRole(toks, i+1) != ""
}

func (r *recognizer) hasTitleHead(toks []token, c chunk) bool {
	for k := c.I; k < c.J; k++ {
		if r.g.titleHead[strings.ToLower(toks[k].Text)] {
			return true
		}
	}
	return false
}

// copRE: a Conference of the Parties by its number, as news names the UN
// climate talks ("COP27", "COP 28", "COP-29").
var copRE = regexp.MustCompile(`^COP[ -]?\d{1,2}$`)

// classify types the tokens [i, j): a gazetteer name, a name whose head word
// tells its type, a title followed by a person's name, or, failing those,
// the gazetteer names inside it and unknown names for later rules.
func (r *recognizer) classify(si int, toks []token, i, j int) {
	for i < j && j-i > 1 {
		if n := r.honorificLen(toks, i, j); n > 0 && j-i > n {
			i += n // "Mr.", "H.E.", "Right Honourable"
			continue
		}
		if !leadingWord(toks[i].Text) && !(strings.HasPrefix(toks[i].Tag, "VB") && (r.headline || opensSentence(toks, i))) ||
			r.g.titleHead[strings.ToLower(toks[i].Text)] {
			break // a title is no verb: "King Mohammed VI received ..."
		}
		i++ // a sentence's "A" or "The", a headline's "Signs"
	}
	for j-i > 1 && (r.g.postnominal[toks[j-1].Text] || functionWord[toks[j-1].Text] && j < len(toks) && startsLower(toks[j].Text) ||
		j < len(toks) && toks[j].Text == ":" && bylineVocab().label[strings.ToLower(toks[j-1].Text)]) {
		// "Elizabeth Truss MP"; a caption run into the text, "DAB's
		// Elizabeth Quat In the New Territories"; a credit's label,
		// "Ahmed Mohamed Image: Twitter"
		j--
	}
	if i >= j {
		return
	}
	if r.headline {
		r.splitUnknown(si, toks, i, j)
		return
	}
	if j < len(toks) && r.g.thingHeads[toks[j].Text] {
		r.notAName(si, toks[i].Start, toks[j-1].End) // "the National Iodine Nutrition study"
		return
	}
	whole := span(r.text, toks, i, j)
	if isGenericAgreement(whole) {
		if m := genericAgrRE.FindString(whole); m != whole {
			r.capitalisedKind(si, toks, i, j) // "a Joint Statement", "the Treaty"
		}
		return // else the agreement-noun pattern reads it, with its topic
	}
	if es := r.g.lookup(whole); len(es) > 0 {
		r.addGaz(si, toks[i].Start, toks[j-1].End, whole, es[0], "gazetteer")
		return
	}
	if copRE.MatchString(whole) {
		at := len(r.out)
		r.addNamed(si, toks, i, j, schema.Event, "numbered-gathering")
		r.out[at].Canon = "COP" + strings.TrimLeft(whole[3:], " -") // "COP 28" is "COP28"
		return
	}
	if r.titledPerson(si, toks, i, j) {
		return
	}
	if r.governmentOf(si, toks, i, j) {
		return
	}
	if r.titleOfBody(si, toks, i, j) {
		return
	}
	if r.bareTitle(toks, i, j) {
		return // "the UAE's Minister of Energy and Infrastructure": a title, no one's name
	}
	if r.countryAfterOrganization(si, toks, i, j) {
		return
	}
	if k := r.countryEnd(toks, i, j); k > i && r.fieldAndCountry(toks, i, k) {
		// "Health Canada", "Fisheries and Oceans Canada" are departments;
		// "Universities UK", "Energy UK", with the country's short name,
		// are the associations of a trade
		t := schema.Ministry
		if acronym(toks[j-1].Text) {
			t = schema.Organization
		}
		r.addNamed(si, toks, i, j, t, "field-country")
		return
	}
	if j-i > 2 && r.g.titleHead[strings.ToLower(toks[j-1].Text)] && !connectors[toks[j-2].Text] {
		// "Museum of Flight CEO", "State Department Spokesperson": a body
		// and a title no name follows
		if t, ok := r.headType(toks, i, j-1); ok {
			r.addHeaded(si, toks, i, j-1, t)
			return
		}
	}
	if t, ok := r.headType(toks, i, j); ok {
		r.addHeaded(si, toks, i, j, t)
		return
	}
	if j-i > 1 && r.g.thingHeads[strings.ToLower(toks[j-1].Text)] {
		r.notAName(si, toks[i].Start, toks[j-1].End) // "the Clean Air Act"
		return
	}
	if j-i > 1 && r.placeHeadAfter(toks, j) && !hasWord(toks[i:j], "and") {
		// "the Casa de Nariño presidential palace", "the Qasr Al Watan
		// palace": a name and its head in lower case, though a place of
		// the gazetteer stands inside it
		t := schema.Location
		if facilityAfter(toks, j) && r.companyWordIn(toks, i, j) {
			t = schema.Organization // "a Hyundai Rotem plant": whose plant; "the Ras Tanura refinery" is where
		}
		r.addHeaded(si, toks, i, j, t)
		return
	}
	if j-i > 2 && acronymOfRun(toks, i, j) {
		// "British International Investment (BII)": the acronym's letters
		// are every word's, the demonym's too, so the run is one name
		r.flushUnknown(si, toks, i, j)
		return
	}
	r.splitUnknown(si, toks, i, j)
}

// acronymOfRun: "(ACRONYM)" follows the run [i, j), one capital for each
// of its words ("British International Investment (BII)").
func acronymOfRun(toks []token, i, j int) bool {
	if j+2 >= len(toks) || toks[j].Text != "(" || toks[j+2].Text != ")" {
		return false
	}
	acr := toks[j+1].Text
	if !isAllCaps(acr) || utf8.RuneCountInString(acr) != j-i {
		return false
	}
	for k, c := range acr {
		if r, _ := utf8.DecodeRuneInString(toks[i+k].Text); r != c {
			return false
		}
	}
	return true
}

// placeHeadAfter: a place's head word in lower case stands right after
// token j-1, or after one more lower-case word ("presidential palace").
// Lower-case heads of organizations ("natural partners", "sheriff's
// station") say less.
func (r *recognizer) placeHeadAfter(toks []token, j int) bool {
	return r.headAfter(toks, j) == schema.Location
}

// notAName records the capitals at [start, end) as no entity's name (a
// work, a law, a study), so that no rule after, nor the tagger, makes one
// of them.
func (r *recognizer) notAName(si, start, end int) {
	r.out = append(r.out, mention{Start: start, End: end, Sent: si, Name: r.text[start:end], Rule: ruleNotAName})
}

// ruleNotAName marks a mention of capitals that names no entity.
const ruleNotAName = "not-a-name"

// bareTitle: the run is a title and its domain alone, "Minister of Energy
// and Infrastructure", "Secretary of State": modifiers, a head, then "of"
// or "for" and the domain.
func (r *recognizer) bareTitle(toks []token, i, j int) bool {
	for k := i; k+2 < j; k++ {
		w := strings.ToLower(toks[k].Text)
		if r.g.titleHead[w] {
			next := toks[k+1].Text
			return next == "of" || next == "for"
		}
		if !r.g.titleMod[w] {
			return false
		}
	}
	return false
}

// countryAfterOrganization reads "University of Sheffield of the UK": an
// organization whose name holds its own "of", or opens with a place and
// ends with its head ("Colorado State University of the US"), then "of
// (the) <Country>", which says where it is and is no part of its name.
// "Technical University of Denmark" is a name whole.
func (r *recognizer) countryAfterOrganization(si int, toks []token, i, j int) bool {
	k := r.ofCountryTail(toks, i, j)
	if k < 0 || !hasWord(toks[i:k], "of") && !(k-i >= 2 && r.placeFirst(toks, i, k) && r.g.heads[strings.ToLower(toks[k-1].Text)] == schema.Organization) {
		return false
	}
	if t, ok := r.headType(toks, i, k); !ok || t != schema.Organization {
		return false
	}
	r.addHeaded(si, toks, i, k, schema.Organization)
	s := k + 1
	if toks[s].Text == "the" {
		s++
	}
	r.classify(si, toks, s, j)
	return true
}

// fieldAndCountry: tokens [i, k), before a country's name, are a
// government's fields (words of the title domains, joined by "and", the
// last a noun), the way some governments name their departments
// ("Environment Canada").
func (r *recognizer) fieldAndCountry(toks []token, i, k int) bool {
	if toks[k-1].Text == "and" || i > 0 && (toks[i-1].Text == "and" || toks[i-1].Text == "&") {
		return false // not "Oceans Canada" of a sentence that opens "Fisheries and Oceans Canada"
	}
	for _, t := range toks[i:k] {
		if w := strings.ToLower(t.Text); w != "and" && !r.g.domain[w] {
			return false
		}
	}
	return r.g.fieldNoun(strings.ToLower(toks[k-1].Text)) // "Natural Resources Canada"
}

// countryEnd is where the country's name that ends the run [i, j) begins
// (after i), or -1.
func (r *recognizer) countryEnd(toks []token, i, j int) int {
	for k := i + 1; k < j; k++ {
		if n := r.longestGaz(toks, k, j); n > 0 && k+n == j {
			if es := r.g.lookup(span(r.text, toks, k, j)); es[0].Type == schema.Country && !es[0].Demonym {
				return k
			}
			return -1
		}
	}
	return -1
}

// sendersBody: the run [i, j) names a body a country keeps abroad (an
// embassy, a consulate, a high commission, a mission), which is its
// sender's, not its host's.
func (r *recognizer) sendersBody(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		switch toks[k].Text {
		case "Embassy", "Consulate", "Mission", "Commission":
			if toks[k].Text != "Commission" || k > i && toks[k-1].Text == "High" {
				return true
			}
		}
	}
	return false
}

// cityCountryAfter is the country of the city the gazetteer knows that
// "in" names right after token j-1, or "".
func (r *recognizer) cityCountryAfter(toks []token, j int) string {
	if j+1 >= len(toks) || toks[j].Text != "in" {
		return ""
	}
	n := r.longestGaz(toks, j+1, len(toks))
	if n == 0 {
		return ""
	}
	if e := r.g.lookup(span(r.text, toks, j+1, j+1+n))[0]; e.Type == schema.Location {
		return e.Country
	}
	return ""
}

// internationalFirst: the run [i, j) opens with "European" or the name of
// an international organization the gazetteer knows ("EU", "UN", "African
// Union").
func (r *recognizer) internationalFirst(toks []token, i, j int) bool {
	if toks[i].Text == "European" {
		return true
	}
	n := r.gazPrefix(toks, i, j-1, true)
	return n > 0 && r.g.lookup(span(r.text, toks, i, i+n))[0].Type == schema.Organization
}

// placeFirst: a place's or a country's name of the gazetteer, weak ones
// included ("Colorado"), opens the run [i, j) and is not all of it.
func (r *recognizer) placeFirst(toks []token, i, j int) bool {
	n := r.gazPrefix(toks, i, j-1, true)
	if n == 0 {
		return false
	}
	t := r.g.lookup(span(r.text, toks, i, i+n))[0].Type
	return t == schema.Location || t == schema.Country
}

// hasWord: one of toks is w, as written.
func hasWord(toks []token, w string) bool {
	for _, t := range toks {
		if t.Text == w {
			return true
		}
	}
	return false
}

// capitalisedKind adds a run that is only an agreement's kind, written
// with capitals ("signed a Joint Statement on fisheries"), as the
// agreement-noun pattern adds the kinds it reads in lower case: generic,
// with the topic after it.
func (r *recognizer) capitalisedKind(si int, toks []token, i, j int) {
	start, end := toks[i].Start, toks[j-1].End
	name := r.text[start:end]
	if n := topicLen(r.text[end:]); n > 0 {
		name = r.text[start : end+n]
	}
	r.out = append(r.out, mention{Start: start, End: end, Sent: si, Type: schema.Agreement, Name: name, Generic: true, Rule: "agreement-noun", Conf: 0.6})
}

// seats adds the places of "Madrid-based" and its like, which the runs
// leave out.
func (r *recognizer) seats(si int, toks []token) {
	for k, t := range toks {
		m := basedRE.FindStringSubmatch(t.Text)
		if m == nil {
			continue
		}
		// the longest place that ends in the stem: "Abu Dhabi-based"
		for b := max(0, k-3); b <= k; b++ {
			if !capitalRun(toks[b : k+1]) {
				continue
			}
			start := toks[b].Start
			name := r.text[start : t.Start+len(m[1])]
			if es := r.g.lookup(name); len(es) > 0 && (es[0].Type == schema.Location || es[0].Type == schema.Country) {
				r.addGaz(si, start, t.Start+len(m[1]), name, es[0], "gazetteer")
				break
			}
		}
	}
}

// capitalRun: the tokens are capitalised and each follows the one before
// after one space at most.
func capitalRun(toks []token) bool {
	for x := range toks {
		if !capWord(toks[x].Text) || x > 0 && toks[x].Start > toks[x-1].End+1 {
			return false
		}
	}
	return true
}

// basedRE: a capitalised adjective of where something is or who runs it
// ("Madrid-based", "State-run"), which stands before a name, not in it.
var basedRE = regexp.MustCompile(`^(\p{Lu}[\p{L}.]*)-(?:based|headquartered|owned|run|backed|controlled|listed)$`)

// governmentOf reads "Government of X": a country's government is the
// country ("signed with the Government of Mongolia"); any other's (a
// state's, a province's) is a government body ("the Government of
// Karnataka").
func (r *recognizer) governmentOf(si int, toks []token, i, j int) bool {
	if j-i < 3 || !strings.EqualFold(toks[i].Text, "government") || toks[i+1].Text != "of" {
		return false
	}
	s := i + 2
	if toks[s].Text == "the" && s+1 < j {
		s++
	}
	whole := span(r.text, toks, i, j)
	if es := r.g.lookup(span(r.text, toks, s, j)); len(es) > 0 && es[0].Type == schema.Country && !es[0].Demonym {
		r.addGaz(si, toks[i].Start, toks[j-1].End, whole, es[0], "gazetteer")
		return true
	}
	r.out = append(r.out, mention{Start: toks[i].Start, End: toks[j-1].End, Sent: si, Type: schema.Ministry,
		Name: whole, Rule: "head-word", Conf: 0.8})
	return true
}

// honorificLen is the number of tokens of the honorific that starts at i
// ("Mr.", "Right Honourable", "His Excellency"), or 0.
func (r *recognizer) honorificLen(toks []token, i, j int) int {
	for n := min(3, j-i); n > 0; n-- {
		if r.g.honorific[span(r.text, toks, i, i+n)] {
			return n
		}
	}
	return 0
}

// headBeforeOf is the type the head word before the first "of", "for" or
// "on" of [i, j) gives: "Joint Council for the Welfare of Immigrants",
// "Council on American-Islamic Relations", "Museum of Modern Art".
func (r *recognizer) headBeforeOf(toks []token, i, j int) (schema.EntityType, bool) {
	for k := i + 1; k < j-1; k++ {
		if w := toks[k].Text; w == "of" || w == "for" || w == "on" {
			// "on" runs on a body's or an event's name ("Committee on
			// ...", "Forum on China-Africa Cooperation"), not a place's
			// ("Kennedy Space Center on STS-1")
			if t, ok := r.g.heads[strings.ToLower(toks[k-1].Text)]; ok && (w != "on" || t != schema.Location) {
				return t, true
			}
			return "", false
		}
	}
	return "", false
}

// ofGazName: [i, j) ends with "of (the)" and a gazetteer name ("... of the
// African Union").
func (r *recognizer) ofGazName(toks []token, i, j int) bool {
	for k := i + 1; k < j-1; k++ {
		if toks[k].Text != "of" {
			continue
		}
		s := k + 1
		if toks[s].Text == "the" {
			s++
		}
		if s < j && len(r.g.lookup(span(r.text, toks, s, j))) > 0 {
			return true
		}
	}
	return false
}

// titleOfBody reads a title of office with no name after it, "TITLE of
// (the) BODY" ("Permanent Under-Secretary of the Foreign and Commonwealth
// Office"): the body is a mention; the title belongs to a person an
// apposition names.
func (r *recognizer) titleOfBody(si int, toks []token, i, j int) bool {
	for k := i + 1; k < j-1; k++ {
		if toks[k].Text != "of" && toks[k].Text != "at" {
			continue
		}
		if !r.hasTitleHead(toks, chunk{i, k}) || r.nameStart(toks, i, k) < k {
			return false
		}
		s := k + 1
		if toks[s].Text == "the" && s+1 < j {
			s++
		}
		if es := r.g.lookup(span(r.text, toks, s, j)); len(es) > 0 && (es[0].Type == schema.Ministry || es[0].Type == schema.Organization) {
			r.addGaz(si, toks[s].Start, toks[j-1].End, span(r.text, toks, s, j), es[0], "gazetteer") // "President of the European Commission"
			return true
		}
		t, ok := r.headType(toks, s, j)
		if !ok || t != schema.Ministry && t != schema.Organization {
			return false
		}
		r.addHeaded(si, toks, s, j, t)
		return true
	}
	return false
}

// headType types a name by its head: the last word for most types, any word
// for government bodies ("Ministry of Science and ICT").
func (r *recognizer) headType(toks []token, i, j int) (schema.EntityType, bool) {
	if j-i > 1 && (r.g.companySuffix(toks[j-1].Text) || toks[j-1].Text == "." && j-i > 2 && r.g.companySuffix(toks[j-2].Text)) {
		return schema.Organization, true
	}
	if j-i > 1 && (strings.EqualFold(toks[j-1].Text, "agency") && (strings.EqualFold(toks[j-2].Text, "news") || strings.EqualFold(toks[j-2].Text, "press"))) {
		return schema.Organization, true // "Saudi Press Agency": a news outlet, state-run or not
	}
	for k := i; k+2 < j; k++ {
		if next := toks[k+1].Text; r.g.fronts[strings.ToLower(toks[k].Text)] == schema.Ministry && (next == "of" || next == "for") {
			return schema.Ministry, true // "Federal Ministry of Power": the ministry's, whatever its domain's last word
		}
	}
	last := strings.ToLower(strings.TrimSuffix(toks[j-1].Text, "."))
	if r.endsInCountry(toks, i, j) {
		last = "" // "Ghana and Ivory Coast": the coast is a country's name, not a head
	}
	if j-i > 1 && last != "" {
		// a head of two words types before its last one ("Independent
		// School District", "Catholic Church", "High Commission")
		if t, ok := r.g.heads[strings.ToLower(toks[j-2].Text)+" "+last]; ok {
			return t, true
		}
	}
	if t, ok := r.g.heads[last]; ok && j-i > 1 {
		if t2, ok := r.headBeforeOf(toks, i, j); ok && r.ofGazName(toks, i, j) {
			// "Ordinary Session of the Assembly of the African Union": what
			// it is of is a name of its own, whose head types only that
			return t2, true
		}
		return t, true
	}
	if t, ok := r.g.heads[strings.ToLower(toks[j-1].Text)]; ok && j-i > 1 && last != "" {
		return t, true
	}
	if j-i > 1 {
		for k := i; k < j; k++ {
			if t, ok := r.g.fronts[strings.ToLower(toks[k].Text)]; ok {
				return t, true // "Ministry of Mines and Energy", "University of Nairobi"
			}
		}
		if t, ok := r.headBeforeOf(toks, i, j); ok {
			return t, true
		}
	}
	// "Framework to Strengthen ...", "Joint Declaration of Intent": an
	// agreement noun followed by what the agreement is of or for.
	for k := i; k < j-1; k++ {
		w := strings.ToLower(toks[k].Text)
		next := toks[k+1].Text
		if agreementHeads[w] && (next == "to" || next == "of" || next == "on" || next == "for") {
			return schema.Agreement, true
		}
	}
	return "", false
}

// endsInCountry: a country's name of the gazetteer ends run [i, j) and
// starts after i.
func (r *recognizer) endsInCountry(toks []token, i, j int) bool { return r.countryEnd(toks, i, j) >= 0 }

func (r *recognizer) addHeaded(si int, toks []token, i, j int, t schema.EntityType) {
	r.addNamed(si, toks, i, j, t, "head-word")
}

// addNamed adds the name [i, j) of type t, which rule read, with the
// country it names or belongs to.
func (r *recognizer) addNamed(si int, toks []token, i, j int, t schema.EntityType, rule string) {
	// A leading country or demonym qualifies the body ("U.S. Department of
	// Commerce", "Korean Ministry of ..."); it stays in the name.
	country := ""
	for k := i; k < j && country == ""; k++ {
		if toks[k].Text == "in" {
			break // "Embassy of Canada in Peru" belongs to Canada
		}
		if n := r.longestGaz(toks, k, j); n > 0 {
			if es := r.g.lookup(span(r.text, toks, k, k+n)); es[0].Type == schema.Country {
				country = es[0].Country
			}
			k += n - 1
			continue
		}
		if c := r.pairCountries(toks[k].Text); len(c) > 0 {
			country = c[0]
		}
	}
	if country == "" && (t == schema.Ministry || t == schema.Organization) {
		country = r.possessorCountry(toks, i) // "Argentina's Foreign Ministry"
	}
	if country == "" && t == schema.Ministry && !r.sendersBody(toks, i, j) {
		country = r.cityCountryAfter(toks, j) // "the Ministry of Finance in Accra"
	}
	if t == schema.Ministry && r.internationalFirst(toks, i, j) {
		t = schema.Organization // "European Parliament", "UN Security Council": no one country's
	}
	if t == schema.Event && i > 0 && ordinalRE.MatchString(toks[i-1].Text) {
		i-- // "31st ASEAN Summit", "6th Ministerial Meeting"
	}
	m := mention{Start: toks[i].Start, End: toks[j-1].End, Sent: si, Type: t,
		Name: span(r.text, toks, i, j), Country: country, Rule: rule, Conf: 0.8}
	if t == schema.Agreement && isGenericAgreement(m.Name) {
		m.Generic = true
	}
	r.out = append(r.out, m)
	r.countryParts(si, toks, i, j)
}

var ordinalRE = regexp.MustCompile(`^(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)$`)

// countryParts records the countries named inside a larger name as mentions
// of their own ("Korea-U.S." in "Korea-U.S. summit").
func (r *recognizer) countryParts(si int, toks []token, i, j int) {
	for k := i; k < j; k++ {
		t := toks[k]
		if strings.Contains(t.Text, "-") {
			r.pairMentions(si, t)
		}
	}
}

func (r *recognizer) addGaz(si, start, end int, surface string, e gazEntry, rule string) {
	name := e.Name
	// "the Ethiopian government", "Kenyan authorities": the demonym names
	// the country that acts
	demonym := e.Demonym && !governmentAfterRE.MatchString(r.text[end:])
	r.out = append(r.out, mention{Start: start, End: end, Sent: si, Type: e.Type, Name: surface,
		Canon: name, Country: e.Country, Demonym: demonym, Rule: rule, Conf: 0.9})
}

var governmentAfterRE = regexp.MustCompile(`^\s+(?:government|authorities|side)\b`)

// pairCountries reads a hyphenated pair of countries ("Korea-U.S.",
// "UK-Canada") and returns their codes; nil when it is not one.
func (r *recognizer) pairCountries(tok string) []string {
	parts := strings.Split(tok, "-")
	if len(parts) < 2 {
		return nil
	}
	var codes []string
	for _, p := range parts {
		es := r.g.lookup(p)
		if len(es) == 0 || es[0].Type != schema.Country && es[0].Type != schema.Organization {
			return nil
		}
		if es[0].Type == schema.Country {
			codes = append(codes, es[0].Country)
		}
	}
	return codes
}

// pairMentions records each country of a hyphenated pair with its offsets.
func (r *recognizer) pairMentions(si int, t token) {
	if r.pairCountries(t.Text) == nil {
		return
	}
	off := t.Start
	for _, p := range strings.Split(t.Text, "-") {
		if es := r.g.lookup(p); len(es) > 0 {
			r.addGaz(si, off, off+len(p), p, es[0], "country-pair")
		}
		off += len(p) + 1
	}
}

// splitUnknown finds gazetteer names inside an unclassified run, longest
// first, and keeps the rest as unknown names for the context rules.
func (r *recognizer) splitUnknown(si int, toks []token, i, j int) {
	k := i
	rest := i
	for k < j {
		n := r.longestGaz(toks, k, j)
		if n == 1 && r.companyShortName(toks, k, j) {
			n = 0 // "Hyundai Rotem" is not Hyundai Motor
		}
		if n == 0 {
			if r.pairCountries(toks[k].Text) != nil {
				r.flushUnknown(si, toks, rest, k)
				r.pairMentions(si, toks[k])
				rest = k + 1
			}
			k++
			continue
		}
		r.flushUnknown(si, toks, rest, k)
		surface := span(r.text, toks, k, k+n)
		r.addGaz(si, toks[k].Start, toks[k+n-1].End, surface, r.g.lookup(surface)[0], "gazetteer")
		k += n
		rest = k
	}
	r.flushUnknown(si, toks, rest, j)
}

// companyWordIn: a word of the run [i, j) is a company's name or short
// name the gazetteer knows ("Hyundai" of "Hyundai Rotem").
func (r *recognizer) companyWordIn(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if es := r.g.lookup(toks[k].Text); len(es) > 0 && es[0].Type == schema.Organization {
			return true
		}
	}
	return false
}

// companyShortName: token k, in the run [i, j), is the one-word short
// name the gazetteer gives a company ("Hyundai" of Hyundai Motor,
// "Samsung" of Samsung Electronics) and another capitalised word follows
// it in the run: the first word of another company of the group.
func (r *recognizer) companyShortName(toks []token, k, j int) bool {
	if k+1 >= j || !capWord(toks[k+1].Text) {
		return false
	}
	e := r.g.lookup(toks[k].Text)[0]
	return e.Type == schema.Organization && e.Name != toks[k].Text
}

// longestGaz is the length of the longest gazetteer name that starts at
// token k and ends by j, or 0. A weak name counts only when it is all of
// [k, j) and stands alone: "Kerry" in "in Kerry", not in "John Kerry".
func (r *recognizer) longestGaz(toks []token, k, j int) int { return r.gazPrefix(toks, k, j, false) }

// gazPrefix is longestGaz, weak names counted wherever they stand when
// weak is set.
func (r *recognizer) gazPrefix(toks []token, k, j int, weak bool) int {
	for n := min(j-k, r.g.maxWords); n > 0; n-- {
		es := r.g.lookup(span(r.text, toks, k, k+n))
		if len(es) == 0 {
			continue
		}
		if !weak && es[0].Weak && (n < j-k || k > 0 && capWord(toks[k-1].Text) || k+n < len(toks) && capWord(toks[k+n].Text)) {
			continue
		}
		return n
	}
	return 0
}

// flushUnknown keeps an unclassified name for the context rules, trimmed of
// the small words a split can leave at its ends.
func (r *recognizer) flushUnknown(si int, toks []token, i, j int) {
	if r.headline {
		return
	}
	for i < j && !capWord(toks[i].Text) {
		i++
	}
	for j > i && !capWord(toks[j-1].Text) && !articledName(toks[j-1].Text) && !(j-1 > i && nameNumber(toks, j-1)) {
		j--
	}
	if i >= j {
		return
	}
	for k := i + 1; k < j-1; k++ {
		if toks[k].Text == "and" || toks[k].Text == "&" && toks[k].Start > toks[k-1].End {
			// "BlackRock and OpenAI": two names, not one
			r.flushUnknown(si, toks, i, k)
			r.flushUnknown(si, toks, k+1, j)
			return
		}
	}
	start, end := toks[i].Start, toks[j-1].End
	if last := toks[j-1].Text; strings.HasSuffix(last, ".") && len(last) > 3 && !strings.Contains(last[:len(last)-1], ".") {
		end-- // "said Bae." keeps the sentence's period out of the name
	}
	name := r.text[start:end]
	if isCommonCapitalised(name) || onlyCalendarWords(toks[i:j]) {
		return // "Friday March", "Monday"
	}
	r.out = append(r.out, mention{Start: start, End: end, Sent: si, Name: name, Rule: "capitalised", Conf: 0.5})
}

func onlyCalendarWords(toks []token) bool {
	for _, t := range toks {
		if !isCalendarWord(t.Text) && t.Text != "," {
			return false
		}
	}
	return true
}

// functionWord: a preposition, article or conjunction written with a
// capital, which never ends a name. Not "To", "Or", "On", "An": family
// names ("James To", "Wilson Or").
var functionWord = map[string]bool{"In": true, "At": true, "By": true, "For": true, "From": true,
	"With": true, "Of": true, "And": true, "But": true, "The": true}

// leadingWord: capitalised small words that start a run but not a name.
func leadingWord(s string) bool {
	switch s {
	case "A", "An", "The", "This", "That", "These", "Those", "Our", "Its", "Their", "His", "Her", "Both", "Each", "Every", "All":
		return true
	}
	return false
}

// isCommonCapitalised: words capitalised for reasons other than being names.
func isCommonCapitalised(s string) bool {
	switch strings.ToLower(s) {
	case "i", "a", "an", "the", "this", "that", "these", "those", "it", "we", "our", "they", "he", "she",
		"his", "her", "its", "their", "in", "on", "at", "as", "by", "for", "and", "but", "or", "with", "from",
		"today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"mr", "mrs", "ms", "dr", "press", "release", "news", "tag", "key", "beyond", "under", "after", "during", "signed", "signing":
		return true
	}
	return false
}

// agreementHeads are the nouns that head an agreement's title from the
// front ("Treaty of Rome", "Framework to Strengthen ...").
var agreementHeads = map[string]bool{"agreement": true, "framework": true, "treaty": true, "accord": true, "accords": true,
	"declaration": true, "memorandum": true, "charter": true, "convention": true, "protocol": true, "pact": true,
	"statement": true, "partnership": true, "arrangement": true, "compact": true}

// isGenericAgreement: an agreement noun with no name of its own
// ("Memorandum of Understanding", "MOU", "Agreement"): the guidelines' bare
// kind words and a few more kinds that name nothing alone.
func isGenericAgreement(s string) bool {
	if schema.BareKind(s) {
		return true
	}
	f := strings.TrimPrefix(schema.Fold(s), "the ")
	switch f {
	case "joint declaration", "statement", "plan", "initiative", "understanding", "charter", "grant", "grants",
		"joint communique", "communique",
		"grant agreement", "grant agreements", "contracts", "memorandum of cooperation", "moc", "letter of intent":
		return true
	}
	return false
}

func isNameToken(s string) bool {
	if !capWord(s) && !articledName(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' && r != '.' {
			return false
		}
	}
	return true
}
