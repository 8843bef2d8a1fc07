package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// typeUnknowns gives the names no head word typed a type from their
// context: a speech verb or a sign verb next to a person-shaped name, a
// preposition of place, a company-shaped word.
func (r *recognizer) typeUnknowns(si int, toks []token, first int) {
	r.roleLists(si, toks, first)
	for mi := first; mi < len(r.out); mi++ {
		m := &r.out[mi]
		if m.Sent != si || m.Type != "" || m.Rule == ruleNotAName {
			continue
		}
		k := tokenAfter(toks, m.Start)
		e := tokenAfter(toks, m.End)
		if k > 0 && r.g.thingRoles[toks[k-1].Text] || e >= 0 && e < len(toks) && r.g.thingHeads[toks[e].Text] {
			m.Rule = ruleNotAName // "the 1969 film Easy Rider", "the National Iodine Nutrition study"
			continue
		}
		// "Nonpartisan Paul Tse ...": the sentence's capital, not the name's;
		// "Pan-democrat Gary Fan": a descriptor, then the name
		if k == 0 && r.openedByCommonWord(toks, m) || r.descriptorFirst(m) {
			k++
			m.Start = toks[k].Start
			m.Name = r.text[m.Start:m.End]
		}
		prev, next := "", ""
		if k > 0 {
			prev = strings.ToLower(toks[k-1].Text)
		}
		if e >= 0 && e < len(toks) {
			next = strings.ToLower(toks[e].Text)
		}
		words := strings.Fields(m.Name)
		roleNoun := k > 0 && toks[k-1].Tag == "NN" && startsLower(toks[k-1].Text) && len(toks[k-1].Text) > 3
		who := next == "who" || next == "," && e+1 < len(toks) && toks[e+1].Text == "who"
		role, hasRole := r.g.roles[prev]
		seen, seenOK := r.typedBefore(m.Name, mi)
		after := r.headAfter(toks, e)
		switch {
		case seenOK:
			// "Mexican state oil company Pemex ... Pemex chief executive X":
			// a name the article typed before keeps its type
			m.Type, m.Rule, m.Conf = seen, "name-seen", 0.7
		case hasRole && k > 0 && startsLower(toks[k-1].Text):
			// "state energy company Pertamina", "the port city Mombasa"
			m.Type, m.Rule, m.Conf = role, "role-noun", 0.7
		case k > 0 && startsLower(toks[k-1].Text) && ownershipWord(prev):
			// "Argentina's state-owned YPF": what is owned or run is an organization
			m.Type, m.Rule, m.Conf = schema.Organization, "role-noun", 0.7
		case len(words) <= 3 && sidelinesOf(toks, k):
			// "on the sidelines of COP29 in Baku": what has sidelines is an event
			m.Type, m.Rule, m.Conf = schema.Event, "sidelines-event", 0.7
		case len(words) <= 3 && r.appositiveRole(toks, e) != "":
			// "Masdar, the Abu Dhabi-based renewable energy company, will"
			m.Type, m.Rule, m.Conf = r.appositiveRole(toks, e), "role-appositive", 0.7
		case len(words) == 1 && r.personWord(m.Name):
			// "Lula later addressed ..." after "President Luiz Inacio Lula da Silva"
			m.Type, m.Rule, m.Conf = schema.Person, "name-seen", 0.7
		case r.companyBefore(m.Name):
			// "Pertamina said" after "state energy company PT Pertamina"
			m.Type, m.Rule, m.Conf = schema.Organization, "name-seen", 0.7
		case len(words) == 1 && acronym(m.Name) && prev != "of" && (next == "'s" || next == "’s") || r.memberOf(toks, k, first):
			// "DAB's Starry Lee", "Leung Yiu-chung of NWSC", "Nick Rhodes of
			// Duran Duran": what has people is a party, a company, a band
			m.Type, m.Rule, m.Conf = schema.Organization, "member-of", 0.55
		case len(words) == 1 && r.signingParty(toks, k, prev):
			// "signed an MoU with KEPCO and Ecopetrol": a party named by one word
			m.Type, m.Rule, m.Conf = schema.Organization, "party-name", 0.6
		case e > 0 && possessed(toks, e-1) && r.ownsUnit(toks, e+1):
			// "a stake in Daimler Truck's Japanese unit": what has units is a company
			m.Type, m.Rule, m.Conf = schema.Organization, "role-noun", 0.65
		case len(words) <= 3 && accordingTo(toks, k) && (len(words) > 1 || !r.lastWordElsewhere(m.Name)):
			// "according to Eurostat", "according to Jane Doe": a source
			// is a person by a person's name, else a body; one word the
			// article also writes after a first name is a family name
			if len(words) >= 2 && personShaped(r, m.Name) {
				m.Type, m.Rule, m.Conf = schema.Person, "person-context", 0.7
			} else {
				m.Type, m.Rule, m.Conf = schema.Organization, "source-body", 0.6
			}
		case personShaped(r, m.Name) && len(words) >= 2 && len(words) <= 3 && !r.writtenLower(words[0]) && r.ownedByBody(toks, k):
			// "New People Party's Regina Ip", "Youngspiration's Baggio
			// Leung": a body's or a country's person
			m.Type, m.Rule, m.Conf = schema.Person, "person-context", 0.75
		case personShaped(r, m.Name) && (r.g.verbs.speech[prev] || r.g.verbs.speech[next] || next == "signed" && len(words) >= 2 || who || koreanStyle(words) ||
			roleNoun && len(words) >= 2):
			m.Type, m.Rule, m.Conf = schema.Person, "person-context", 0.75
		case len(words) >= 2 && next == "of" && personShaped(r, m.Name) && !r.writtenLower(words[0]) && r.ofName(toks, e):
			// "Gary Fan of the Neo Democrats", "Priscilla Leung of BPA": a
			// name the chunker parted from the body it is of
			m.Type, m.Rule, m.Conf = schema.Person, "person-of", 0.7
		case len(words) == 1 && prev == "the" && r.g.heads[next] == schema.Ministry && personShaped(r, m.Name):
			// "the Monti government", "the Trump administration": a leader
			// named by the family name
			m.Type, m.Rule, m.Conf = schema.Person, "leader-government", 0.7
		case len(words) >= 2 && after != "" || after == schema.Location && r.g.roles[next] == schema.Location:
			// "the Qasr Al Watan palace", "the Sunwise group", "the Hells
			// Angels biker gang": a head word in lower case after the name;
			// after one word only a kind of place ("the Lombardy region")
			m.Type, m.Rule, m.Conf = after, "head-after", 0.7
			if facilityAfter(toks, e) && r.companyWordIn(toks, k, e) {
				m.Type = schema.Organization // "a Hyundai Rotem plant": whose plant; "the Ras Tanura refinery" is where
			}
		case camelCase(m.Name) && len(words) == 1:
			m.Type, m.Rule, m.Conf = schema.Organization, "company-shape", 0.6
		case len(words) <= 3 && placeBefore[prev] && r.regionAfter(toks, e):
			// "from Irving, Texas": a town and then its state or country
			m.Type, m.Rule, m.Conf = schema.Location, "place-region", 0.7
		case (prev == "in" || prev == "at" || prev == "near" || prev == "the" && len(words) >= 2 && k > 1 && (toks[k-2].Text == "at" || toks[k-2].Text == "in")) && len(words) <= 3 && !isAllCaps(words[0]) && !r.sectorWord(m.Name) && !languageWord(m.Name) &&
			!(len(words) >= 2 && r.givenFirst(words[0]) && e > 0 && possessed(toks, e-1)):
			// not "at Jane Doe's house": a person's, where the place is
			m.Type, m.Rule, m.Conf = schema.Location, "place-preposition", 0.55
		case personShaped(r, m.Name) && len(words) >= 2 && len(words) <= 4 && r.givenFirst(words[0]):
			m.Type, m.Rule, m.Conf = schema.Person, "given-name", 0.55
		case personShaped(r, m.Name) && len(words) >= 2 && len(words) <= 4 && !r.writtenLower(words[0]):
			// "Iodine Nutrition" is no one's name where the article writes "iodine"
			m.Type, m.Rule, m.Conf = schema.Person, "name-shape", 0.5
		}
	}
}

// headAfter is the type of a place's or an organization's head word in
// lower case at token e, or after one noun or adjective there, or "".
func (r *recognizer) headAfter(toks []token, e int) schema.EntityType {
	for n := e; n >= 0 && n < len(toks) && n <= e+1; n++ {
		if !startsLower(toks[n].Text) {
			return ""
		}
		if t := r.g.heads[strings.ToLower(toks[n].Text)]; t == schema.Location || t == schema.Organization {
			return t
		}
		if tag := toks[n].Tag; tag != "NN" && tag != "JJ" {
			return ""
		}
	}
	return ""
}

// lastWordElsewhere: the article writes w after another capitalised word
// ("Mark Rathbun"), as a family name is.
func (r *recognizer) lastWordElsewhere(w string) bool {
	if r.afterCapital == nil {
		r.afterCapital = map[string]bool{}
		for _, m := range capitalPairRE.FindAllStringSubmatch(r.text, -1) {
			r.afterCapital[m[1]] = true
		}
	}
	return r.afterCapital[w]
}

// capitalPairRE: a capitalised word and the capitalised word after it.
var capitalPairRE = regexp.MustCompile(`\p{Lu}[\p{L}.'’-]*\s+(\p{Lu}[\p{L}'’-]*)`)

// ownsUnit: from token k, after an owner's "'s", one adjective perhaps and
// then a company's part in lower case ("Japanese unit", "subsidiary").
func (r *recognizer) ownsUnit(toks []token, k int) bool {
	for n := k; n < len(toks) && n <= k+1; n++ {
		switch w := toks[n].Text; w {
		case "unit", "units", "subsidiary", "subsidiaries", "affiliate", "arm", "division", "brand", "plant", "factory":
			return true
		default:
			if !capWord(w) && toks[n].Tag != "JJ" {
				return false
			}
		}
	}
	return false
}

// accordingTo: "according to" ends right before token k.
func accordingTo(toks []token, k int) bool {
	return k >= 2 && toks[k-1].Text == "to" && strings.EqualFold(toks[k-2].Text, "according")
}

// ownedByBody: tokens k-2 and k-1 are a body's or a country's name (an
// acronym, or one this sentence typed) and its "'s".
func (r *recognizer) ownedByBody(toks []token, k int) bool {
	if k < 2 || !possessed(toks, k-2) {
		return false
	}
	if acronym(toks[k-2].Text) {
		return true
	}
	for _, o := range r.out {
		if o.End == toks[k-2].End && (o.Type == schema.Organization || o.Type == schema.Ministry || o.Type == schema.Country && !o.Demonym) {
			return true
		}
	}
	return false
}

// facilityAfter: token e is a works a company runs, in lower case ("plant",
// "factory", "refinery"), which the name before it owns rather than names.
func facilityAfter(toks []token, e int) bool {
	if e < 0 || e >= len(toks) {
		return false
	}
	switch toks[e].Text {
	case "plant", "plants", "factory", "factories", "refinery", "smelter", "shipyard", "warehouse", "mill", "headquarters":
		return true
	}
	return false
}

// givenFirst: w, a name's first word, is a given name the article does not
// also write in lower case ("Will", "Grace").
func (r *recognizer) givenFirst(w string) bool { return r.g.givenNames[w] && !r.writtenLower(w) }

// descriptorFirst: the name's first word, of three or more, is a
// hyphened descriptor ("Pan-democrat Gary Fan") or a follower's noun
// before a given name ("Scientologist Tom Cruise", "Socialist Ana
// Gomes"), and the rest is a person's name.
func (r *recognizer) descriptorFirst(m *mention) bool {
	ws := strings.Fields(m.Name)
	if len(ws) < 3 || !personShaped(r, strings.Join(ws[1:], " ")) {
		return false
	}
	return lowerAfterHyphen(ws[0]) || strings.HasSuffix(ws[0], "ist") && !r.g.givenNames[ws[0]] && r.givenFirst(ws[1])
}

// lowerAfterHyphen: a capitalised word whose part after a hyphen is in
// lower case ("Pan-democrat", "Anti-government"), a descriptor rather than
// a name ("Jean-Pierre"; Korean given names stand second: "Ha Jung-woo").
func lowerAfterHyphen(w string) bool {
	i := strings.LastIndexByte(w, '-')
	return i > 0 && i+1 < len(w) && capWord(w) && startsLower(w[i+1:])
}

// ofName: token e is "of", then (after "the") a capitalised word.
func (r *recognizer) ofName(toks []token, e int) bool {
	k := e + 1
	if k < len(toks) && toks[k].Text == "the" {
		k++
	}
	return k < len(toks) && capWord(toks[k].Text)
}

var articles = map[string]bool{"the": true, "a": true, "an": true}

// sidelinesOf: "on the sidelines of" or "on the margins of" (the) ends
// right before token k.
func sidelinesOf(toks []token, k int) bool {
	if k > 0 && toks[k-1].Text == "the" {
		k--
	}
	return k >= 2 && toks[k-1].Text == "of" && (toks[k-2].Text == "sidelines" || toks[k-2].Text == "margins")
}

// appositiveRole is the type the role noun or the event noun that ends an
// appositive after token e-1 gives (", the renewable energy company,", ",
// the UN climate conference,"), or "".
func (r *recognizer) appositiveRole(toks []token, e int) schema.EntityType {
	if e >= 0 && e+3 < len(toks) && toks[e].Text == "(" && toks[e+2].Text == ")" {
		e += 3 // "British International Investment (BII), the UK's development finance institution,"
	}
	if e < 0 || e+2 >= len(toks) || toks[e].Text != "," || !articles[strings.ToLower(toks[e+1].Text)] {
		return ""
	}
	for k := e + 2; k < len(toks) && k < e+10; k++ {
		if t := toks[k].Text; t == "," || t == "." || t == ";" {
			head := toks[k-1].Text
			if !startsLower(head) {
				return ""
			}
			if t, ok := r.g.roles[head]; ok {
				return t
			}
			if r.g.heads[head] == schema.Event {
				return schema.Event // "COP29, the UN climate conference,"
			}
			return ""
		}
	}
	return ""
}

// roleLists types the names a role noun lists: "Brazilian industries like
// WEG, Suzano, and Randon", "lenders such as Afreximbank", "firms
// including Initech and Acme": each name after "like", "such as" or
// "including", and those listed after it, is of the role's type; and the
// places a kind of place has "of": "the town of Yeoncheon", "the ports of
// Antofagasta and Iquique".
func (r *recognizer) roleLists(si int, toks []token, first int) {
	for k := 1; k+1 < len(toks); k++ {
		intro := k // the word after which the list starts
		noun := strings.ToLower(toks[k-1].Text)
		role, ok := r.g.roles[noun]
		plural := strings.HasSuffix(noun, "s")
		switch {
		case toks[k].Text == "like" || toks[k].Text == "including":
		case toks[k].Text == "such" && toks[k+1].Text == "as":
			intro = k + 1
		case toks[k].Text == "of" && startsLower(toks[k-1].Text) && r.placeKind(noun) != "":
			// "the town of Yeoncheon": one place; "the ports of
			// Antofagasta and Iquique": each
			role, ok = schema.Location, true
			plural = r.g.roles[noun] != schema.Location
		default:
			continue
		}
		if !ok || !plural && toks[k].Text != "of" || !startsLower(toks[k-1].Text) && k-1 > 0 {
			continue // a plural lists its kind; "the organization, including X" its members
		}
		end := toks[intro].End
		for mi := first; mi < len(r.out); mi++ {
			m := &r.out[mi]
			if m.Sent != si || m.Start < end {
				continue
			}
			if !listGapRE.MatchString(r.text[end:m.Start]) {
				break
			}
			if m.Type == "" {
				m.Type, m.Rule, m.Conf = role, "role-list", 0.7
			}
			end = m.End
			if !plural {
				break
			}
		}
	}
}

// placeKind is the singular of a kind of place, the noun given or its
// plural ("ports", "cities"), or "".
func (r *recognizer) placeKind(noun string) string {
	for _, n := range []string{noun, strings.TrimSuffix(noun, "s"), strings.TrimSuffix(noun, "ies") + "y"} {
		if r.g.roles[n] == schema.Location {
			return n
		}
	}
	return ""
}

// listGapRE: what stands between the items of a list of names.
var listGapRE = regexp.MustCompile(`^\s*(?:,\s*)?(?:(?:and|or)\s+)?$`)

// openedByCommonWord: the name m opens a sentence with a word the article
// writes in lower case elsewhere, and the rest, of two words or more, is
// person-shaped: the first word is capitalised as the sentence's first.
func (r *recognizer) openedByCommonWord(toks []token, m *mention) bool {
	words := strings.Fields(m.Name)
	if len(words) < 3 || len(toks) < 3 || !r.writtenLower(words[0]) || toks[0].Text != words[0] {
		return false
	}
	return personShaped(r, strings.Join(words[1:], " "))
}

// typedBefore is the type the mentions before r.out[upTo] gave name from
// more than its shape (at least 0.7), when they agree on one.
func (r *recognizer) typedBefore(name string, upTo int) (schema.EntityType, bool) {
	var t schema.EntityType
	for _, o := range r.out[:upTo] {
		if o.Name != name || o.Type == "" || o.Conf < 0.7 {
			continue
		}
		if t != "" && t != o.Type {
			return "", false
		}
		t = o.Type
	}
	return t, t != ""
}

// personWord: w is one of the words (not a particle) of the one person
// the article named, by more than the shape of the name, before or in this
// sentence, whose name holds it.
func (r *recognizer) personWord(w string) bool {
	if nameParticle(strings.ToLower(w)) {
		return false
	}
	found := ""
	for _, o := range r.out {
		if o.Type != schema.Person || o.Conf < 0.75 || o.Name == w || o.Name == found {
			continue
		}
		if ws := strings.Fields(o.Name); len(ws) > 1 && slices.Contains(ws, w) {
			if found != "" {
				return false // two people hold the word: which one is unsaid
			}
			found = o.Name
		}
	}
	return found != ""
}

// companyBefore: an organization the article named (from more than its
// shape), before or in this sentence, is name without its legal forms, or
// it gave name as its short name in parentheses ("Petroleos Mexicanos
// (Pemex)").
func (r *recognizer) companyBefore(name string) bool {
	for _, o := range r.out {
		if (o.Type == schema.Organization || o.Type == schema.Ministry) && shortNameAfter(r.text, o, name) {
			return true
		}
		if o.Type == schema.Organization && o.Conf >= 0.7 && o.Name != name && r.g.coreName(o.Name) == name {
			return true
		}
	}
	return false
}

// shortNameAfter: the text gives name in parentheses right after mention
// o, as its short name: one capitalised word that starts as o's name does.
func shortNameAfter(text string, o mention, name string) bool {
	rest := text[o.End:]
	if name == "" || o.Name == "" || strings.Contains(name, " ") || !strings.HasPrefix(rest, " ("+name+")") {
		return false
	}
	a, _ := utf8.DecodeRuneInString(name)
	b, _ := utf8.DecodeRuneInString(o.Name)
	return unicode.ToLower(a) == unicode.ToLower(b)
}

// memberOf: the name at token k follows "of (the)" after a person
// ("Gary Fan of the Neo Democrats").
func (r *recognizer) memberOf(toks []token, k, first int) bool {
	if k > 1 && toks[k-1].Text == "the" {
		k--
	}
	return k > 1 && toks[k-1].Text == "of" && r.personBefore(toks, k-1, first)
}

// personBefore: a person's mention of the sentence (after r.out[first]),
// or an untyped person-shaped name of two words or more, ends right before
// token k.
func (r *recognizer) personBefore(toks []token, k, first int) bool {
	if k < 1 {
		return false
	}
	end := toks[k-1].End
	for _, o := range r.out[first:] {
		if o.End == end && (o.Type == schema.Person || o.Type == "" && len(strings.Fields(o.Name)) >= 2 && personShaped(r, o.Name)) {
			return true
		}
	}
	return false
}

// placeBefore are the prepositions a town's name follows in "from Irving,
// Texas".
var placeBefore = map[string]bool{"in": true, "at": true, "near": true, "from": true, "to": true, "of": true,
	"outside": true, "into": true, "across": true}

// regionAfter: token e is a comma and then a country or region of the
// gazetteer closes the phrase (", Texas,", ", Nigeria."): the name before
// is a place within it.
func (r *recognizer) regionAfter(toks []token, e int) bool {
	if e < 0 || e+1 >= len(toks) || toks[e].Text != "," {
		return false
	}
	es := r.g.lookup(toks[e+1].Text)
	if len(es) == 0 || es[0].Demonym || es[0].Type != schema.Country && es[0].Type != schema.Location {
		return false
	}
	if e+2 == len(toks) {
		return true
	}
	switch toks[e+2].Text {
	case ",", ".", ")", ";", ":":
		return true
	}
	return false
}

// koreanStyle: a family name and a hyphenated given name ("Ha Jung-woo",
// "Park Joo-Ho": two short syllables when the second has a capital, and
// the first no Arabic article: "Rami El-Haj").
func koreanStyle(words []string) bool {
	if len(words) != 2 {
		return false
	}
	w := words[1]
	i := strings.IndexByte(w, '-')
	if i <= 0 || i+1 >= len(w) {
		return false
	}
	return startsLower(w[i+1:]) || i <= 4 && len(w)-i-1 <= 4 && !strings.Contains(w[i+1:], "-") && !nameParticle(strings.ToLower(w[:i]))
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// startsUpper: s starts with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// camelCase: an upper-case letter after a lower-case one inside a word
// ("BlackRock", "OpenAI"), the shape of a company name.
func camelCase(s string) bool {
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// sectorWord: the name is a form of the sector vocabulary ("AI").
func (r *recognizer) sectorWord(name string) bool {
	f := strings.ToLower(strings.Fields(name)[0])
	for _, s := range r.g.sectors {
		if s.Surface == f {
			return true
		}
	}
	return false
}

// languageWord: "in English", "in Korean" name a language, not a place.
func languageWord(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, "ish") || strings.HasSuffix(l, "ese") || l == "english" || l == "french" || l == "arabic" || l == "latin" || l == "hindi"
}

// signingParty: the name at token k follows a signing verb of its sentence
// and a word that introduces a party ("with", "between", "and").
func (r *recognizer) signingParty(toks []token, k int, prev string) bool {
	if k < len(toks)-1 && r.g.verbs.signWords[strings.ToLower(toks[k+1].Text)] && (k == 0 || !capWord(toks[k-1].Text) || basedRE.MatchString(toks[k-1].Text)) {
		return true // "Pemex signed a contract": one word is no person's name
	}
	if k > 2 && (prev == "'s" || prev == "’s") && r.g.countryWord(toks[k-2].Text) {
		prev = strings.ToLower(toks[k-3].Text) // "with China's Sinopec"
	}
	if k > 1 && basedRE.MatchString(toks[k-1].Text) {
		prev = strings.ToLower(toks[k-2].Text) // "with Madrid-based Repsol"
	}
	if k <= 0 || prev != "with" && prev != "between" && prev != "and" && prev != "by" {
		return false
	}
	before := r.text[toks[0].Start:toks[k].Start]
	return len(r.g.signingVerbs(before)) > 0
}
