package extract

// The capitalised runs of a sentence cut and joined before they are typed:
// a company's legal form after a comma joins its name, a gazetteer name
// that holds commas is one run, an embassy joins its seat, and a run holds
// as many names as its lists, titles and "of" say.

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// extendSuffixes carries a run over the company suffixes after it, with or
// without a comma ("Acme Devices, Inc.", "Hanwha Ocean Co., Ltd.").
func (r *recognizer) extendSuffixes(toks []token, cs []chunk) []chunk {
	out := cs[:0:0]
	for n := 0; n < len(cs); n++ {
		c := cs[n]
		for {
			k := c.J
			if k < len(toks) && toks[k].Text == "," {
				k++
			}
			if k >= len(toks) || !r.g.companySuffix(toks[k].Text) {
				break
			}
			c.J = k + 1
			for n+1 < len(cs) && cs[n+1].I < c.J {
				n++ // the suffix was a run of its own ("Ltd.")
				c.J = max(c.J, cs[n].J)
			}
		}
		out = append(out, c)
	}
	return out
}

// cutDemonymTails ends a run before an "and" that links it to a lone
// demonym the next words describe ("PT Sumber Energi and Japanese trader
// Kanto"): the demonym qualifies what follows, it is no part of the name.
func (r *recognizer) cutDemonymTails(toks []token, cs []chunk) []chunk {
	for n, c := range cs {
		k := c.J - 2
		if c.J-c.I > 2 && c.J < len(toks) && toks[k].Text == "and" && startsLower(toks[c.J].Text) && r.g.demonymWord(toks[c.J-1].Text) &&
			!r.g.isCountry(span(r.text, toks, c.I, k)) { // "U.S. and Chinese governments": both qualify the noun
			cs[n].J = k
		}
	}
	return cs
}

// withCommaNames puts the gazetteer names that hold commas ("Foreign,
// Commonwealth, and Development Office"), which the chunker splits, in
// place of the runs they cover.
func (r *recognizer) withCommaNames(toks []token, cs []chunk) []chunk {
	var names []chunk
	for i := 0; i < len(toks); i++ {
		if !capWord(toks[i].Text) {
			continue
		}
		for n := min(len(toks)-i, 2*r.g.maxWords); n >= 3; n-- {
			if !hasWord(toks[i:i+n], ",") || !capWord(toks[i+n-1].Text) || len(r.g.lookup(span(r.text, toks, i, i+n))) == 0 {
				continue
			}
			names = append(names, chunk{i, i + n})
			i += n - 1
			break
		}
	}
	if len(names) == 0 {
		return cs
	}
	var out []chunk
	for _, c := range cs {
		for _, nm := range names {
			if c.I < nm.J && nm.I < c.J {
				if c.I < nm.I {
					out = append(out, chunk{c.I, nm.I})
				}
				c.I = max(c.I, nm.J)
			}
		}
		if c.I < c.J {
			out = append(out, c)
		}
	}
	out = append(out, names...)
	sort.Slice(out, func(a, b int) bool { return out[a].I < out[b].I })
	return out
}

// seatBodies are the bodies whose names say where they sit ("Embassy of
// Canada in Peru").
var seatBodies = map[string]bool{"embassy": true, "consulate": true, "delegation": true, "mission": true, "representation": true}

// joinSeats joins a run naming an embassy or a mission to the place after
// "in" ("Embassy of the United Kingdom" + "in" + "Peru").
func joinSeats(toks []token, cs []chunk) []chunk {
	out := cs[:0:0]
	for n := 0; n < len(cs); n++ {
		c := cs[n]
		if n+1 < len(cs) && cs[n+1].I == c.J+1 && toks[c.J].Text == "in" {
			for k := c.I; k < c.J; k++ {
				if seatBodies[strings.ToLower(toks[k].Text)] {
					c.J = cs[n+1].J
					n++
					break
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// splitCompanies splits a run at an "and" or "&" that follows a company
// suffix ("Samsung C&T Corp. and Hanwha Ocean Co."), or that a body's front
// word repeats after: two names, not one; and ends it at an "on", "for" or
// "to" after a suffix.
func (r *recognizer) splitCompanies(toks []token, c chunk) []chunk {
	for k := c.I + 1; k+1 < c.J; k++ {
		if w := toks[k].Text; (w == "on" || w == "for" || w == "to") && r.g.companySuffix(toks[k-1].Text) {
			// "Indian Oil Corporation Limited on LNG supply": a company's
			// name ends at its legal form; what follows is the topic
			return []chunk{{c.I, k}}
		}
		if (toks[k].Text == "and" || toks[k].Text == "&") && (r.g.companySuffix(toks[k-1].Text) || r.repeatsFront(toks, c.I, k) || r.twoOrganizations(toks, c, k) ||
			r.personAndBody(toks, c, k) || acronymAndName(toks, c, k) || r.knownAndCompany(toks, c, k) || r.countryOpensSecond(toks, c, k) ||
			r.headedAndCompany(toks, c, k) || r.bodyAndUnheaded(toks, c, k)) {
			return append([]chunk{{c.I, k}}, r.splitCompanies(toks, chunk{k + 1, c.J})...)
		}
	}
	return []chunk{c}
}

// knownAndCompany: the "and" at k follows a name the gazetteer knows as an
// organization and comes before a company by its legal form
// ("TotalEnergies and Abu Dhabi National Oil Co"): two companies.
func (r *recognizer) knownAndCompany(toks []token, c chunk, k int) bool {
	if !r.g.companySuffix(toks[c.J-1].Text) && !(toks[c.J-1].Text == "." && c.J-2 > k && r.g.companySuffix(toks[c.J-2].Text)) {
		return false
	}
	es := r.g.lookup(span(r.text, toks, c.I, k))
	return len(es) > 0 && es[0].Type == schema.Organization
}

// acronymAndName: the "and" at k follows a name written in capitals
// alone and comes before one that is not ("state miner MIND ID and
// Sumitomo Metal Mining"): one name in capitals is not half of another's.
func acronymAndName(toks []token, c chunk, k int) bool {
	if k == c.I || k+1 >= c.J {
		return false
	}
	for _, t := range toks[c.I:k] {
		if !isAllCaps(t.Text) || len(t.Text) < 2 {
			return false
		}
	}
	for _, t := range toks[k+1 : c.J] {
		if !isAllCaps(t.Text) {
			return true
		}
	}
	return false
}

// twoOrganizations: the "and" at k follows a whole "<Front> of <Domain>"
// name, the last "and" of the run, and each side is an organization by its
// own head word
// ("Massachusetts Institute of Technology and Colorado State University"),
// where "Food and Agriculture Organization", "Kenya Power and Lighting
// Company" or "University of Science and Technology" leave one side
// without one or without its "of".
func (r *recognizer) twoOrganizations(toks []token, c chunk, k int) bool {
	if k+2 >= c.J || !hasWord(toks[c.I:k], "of") || hasWord(toks[k+1:c.J], "and") {
		return false
	}
	left, okL := r.headType(toks, c.I, k)
	right, okR := r.headType(toks, k+1, c.J)
	// "the Ministry of Trade and Industry and Acme Ltd.": a body, then a
	// company by its legal form
	return okL && okR && right == schema.Organization && (left == schema.Organization || left == schema.Ministry && r.g.companySuffix(toks[c.J-1].Text))
}

// countryOpensSecond: the "and" at k stands between two bodies their head
// words type, the second opened by a country's name ("Kenya Power and
// Ghana Grid Company"), where "Kenya Power and Lighting Company" is one.
func (r *recognizer) countryOpensSecond(toks []token, c chunk, k int) bool {
	n := r.longestGaz(toks, k+1, c.J)
	if n == 0 || k+1+n >= c.J || r.g.lookup(span(r.text, toks, k+1, k+1+n))[0].Type != schema.Country {
		return false
	}
	left, okL := r.headType(toks, c.I, k)
	right, okR := r.headType(toks, k+1, c.J)
	return okL && okR && left != schema.Agreement && left != schema.Event && right != schema.Agreement && right != schema.Event
}

// bodyAndUnheaded: the "and" at k follows a body its head word types,
// of two words or more, in a run no head types whole ("Kenya Power and
// Volta Grid"): the body and another name.
func (r *recognizer) bodyAndUnheaded(toks []token, c chunk, k int) bool {
	if k-c.I < 2 {
		return false
	}
	if t, ok := r.headType(toks, c.I, k); !ok || t != schema.Organization && t != schema.Ministry {
		return false
	}
	_, whole := r.headType(toks, c.I, c.J)
	return !whole
}

// headedAndCompany: the "and" at k follows a company its last word types
// and comes before one by its legal form with two words or more before it
// ("Tata Electronics and Tokyo Electron Ltd"), where "Kenya Power and
// Lighting Company" has one.
func (r *recognizer) headedAndCompany(toks []token, c chunk, k int) bool {
	e := c.J
	for e > k+1 && (r.g.companySuffix(toks[e-1].Text) || toks[e-1].Text == ".") {
		e--
	}
	if e == c.J || e-(k+1) < 2 || k-c.I < 2 {
		return false
	}
	return r.g.heads[strings.ToLower(toks[k-1].Text)] == schema.Organization
}

// personAndBody: the "and" at k follows a person's name of two words or
// more and comes before a name a head word types as a body ("Joseph Siror
// and Ethiopian Electric Power").
func (r *recognizer) personAndBody(toks []token, c chunk, k int) bool {
	if k-c.I < 2 || !personShaped(r, span(r.text, toks, c.I, k)) {
		return false
	}
	t, ok := r.headType(toks, k+1, c.J)
	return ok && (t == schema.Organization || t == schema.Ministry)
}

// repeatsFront: the word after "and" at k is a front word that also opens
// the run ("Department for International Development and Department for
// International Trade"): two bodies, not one.
func (r *recognizer) repeatsFront(toks []token, i, k int) bool {
	next := strings.ToLower(toks[k+1].Text)
	if _, ok := r.g.fronts[next]; !ok {
		return false
	}
	for m := i; m < k; m++ {
		if strings.ToLower(toks[m].Text) == next {
			return true
		}
	}
	return false
}

// splitTitledList splits "President Luiz Inácio Lula da Silva and First Lady
// Janja da Silva" into one run per titled person: at an "and" that follows
// a name and comes before a title.
func (r *recognizer) splitTitledList(toks []token, c chunk) []chunk {
	var out []chunk
	start := c.I
	for k := c.I + 1; k+1 < c.J; k++ {
		if toks[k].Text != "and" && toks[k].Text != "&" {
			continue
		}
		next := strings.ToLower(toks[k+1].Text)
		if !(r.g.titleHead[next] || r.g.titleMod[next] || r.g.honorific[toks[k+1].Text] || r.countryBeforeTitle(toks, k+1, c.J) ||
			r.hasTitleHead(toks, chunk{k + 1, c.J})) {
			continue // "USTDA Director ... Jackson": a title further on still makes a new item
		}
		left := chunk{start, k}
		end := k
		if t := r.ofCountryTail(toks, start, k); t > 0 {
			end = t // "Foreign Minister Ana Costa of Brazil and ..."
		}
		if r.hasTitleHead(toks, left) && r.nameStart(toks, left.I, end) < end {
			out = append(out, left)
			start = k + 1
		}
	}
	return append(out, chunk{start, c.J})
}

// countryBeforeTitle: "Canadian Minister ...", a country word then a title.
func (r *recognizer) countryBeforeTitle(toks []token, k, j int) bool {
	if k+1 >= j {
		return false
	}
	es := r.g.lookup(toks[k].Text)
	next := strings.ToLower(toks[k+1].Text)
	return len(es) > 0 && es[0].Type == schema.Country && (r.g.titleHead[next] || r.g.titleMod[next])
}

// splitToPlace ends a run before a "to" that a place or a country ends
// ("a visit by European Commission President Ursula von der Leyen to
// Cairo"): where someone went is no part of their name. "Framework to
// Strengthen ..." goes on.
func (r *recognizer) splitToPlace(toks []token, c chunk) []chunk {
	for k := c.I + 1; k < c.J-1; k++ {
		if toks[k].Text != "to" {
			continue
		}
		if es := r.g.lookup(span(r.text, toks, k+1, c.J)); len(es) > 0 && (es[0].Type == schema.Location || es[0].Type == schema.Country) {
			return []chunk{{c.I, k}, {k + 1, c.J}}
		}
	}
	return []chunk{c}
}

// splitPeopleOfList splits "Claudia Mo of the Civic Party and Wong Pik-wan
// of the Democratic Party" at the "and" that starts the next person-of.
func (r *recognizer) splitPeopleOfList(toks []token, c chunk) []chunk {
	for k := c.I + 1; k < c.J-1; k++ {
		if toks[k].Text != "and" {
			continue
		}
		right := chunk{k + 1, c.J}
		if parts := r.splitPersonOf(toks, right); len(parts) == 2 {
			left := r.splitPeopleOfList(toks, chunk{c.I, k})
			return append(left, right)
		}
		if parts := r.splitPersonOf(toks, chunk{c.I, k}); len(parts) == 2 && personShaped(r, span(r.text, toks, k+1, c.J)) {
			// "Jann Wenner of Rolling Stone Magazine and Carlo De Benedetti"
			return []chunk{{c.I, k}, right}
		}
	}
	return []chunk{c}
}

// titledName: tokens [i, k) of the run [i, j) are a title and then a name
// of two words or more ("Transportation Secretary Jaime Bautista"), which
// an "of" after them does not continue.
func (r *recognizer) titledName(toks []token, i, k, j int) bool {
	n := r.nameStart(toks, i, k)
	return n > i && k-n >= 2 && r.hasTitleHead(toks, chunk{i, n}) && personShaped(r, span(r.text, toks, n, k)) &&
		r.ofCountryTail(toks, i, j) < 0 // "Foreign Minister Jonas Berg of Norway" is read whole
}

// splitPersonOf splits "Fernando Cheung of the Labour Party" into the person
// and the body: a person-shaped run, "of (the)", then a run with a head
// word, a gazetteer name, an acronym ("Leung Kwok-hung of LSD") or two
// capitalised words or more ("Nick Rhodes of Duran Duran"); after a name
// that opens with a given name, any name ("analyst Maria Gomez of
// Bernstein").
func (r *recognizer) splitPersonOf(toks []token, c chunk) []chunk {
	for k := c.I + 2; k < c.J-1; k++ {
		if toks[k].Text != "of" {
			continue
		}
		if (!personShaped(r, span(r.text, toks, c.I, k)) || r.hasTitleHead(toks, chunk{c.I, k})) && !r.titledName(toks, c.I, k, c.J) {
			return []chunk{c} // "Minister of Energy": a title runs into its "of"
		}
		s := k + 1
		if toks[s].Text == "the" {
			s++
		}
		if len(r.g.lookup(span(r.text, toks, c.I, c.J))) > 0 {
			return []chunk{c} // a gazetteer's name that holds "of"
		}
		if _, ok := r.headType(toks, s, c.J); ok || len(r.g.lookup(span(r.text, toks, s, c.J))) > 0 || s+1 == c.J && acronym(toks[s].Text) || s+1 < c.J && capWord(toks[s].Text) ||
			k-c.I >= 2 && r.givenFirst(toks[c.I].Text) {
			return []chunk{{c.I, k}, {s, c.J}}
		}
		return []chunk{c}
	}
	return []chunk{c}
}

// acronym: a word of two to six capital letters ("LSD", "NWSC"), the way
// parties, companies and agencies are written.
func acronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, c := range w {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}
