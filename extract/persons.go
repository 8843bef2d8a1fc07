package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// mergeEnumerations joins a title or body name that a comma list splits
// ("Minister for Innovation, Science, and Industry François-Phillippe
// Champagne"; "Commissioner for Internal Market, Thierry Breton").
func (r *recognizer) mergeEnumerations(toks []token, cs []chunk) []chunk {
	out := cs[:0:0]
	for _, c := range cs {
		if n := len(out); n > 0 && r.continuesTitle(toks, out[n-1], c) {
			out[n-1].J = c.J
			continue
		}
		out = append(out, c)
	}
	return out
}

// continuesTitle: run b, after a comma, continues run a's title or body
// domain: its first word is a domain word ("for Innovation, Science, and
// Industry"), or, after a bare comma, it is the name a title introduces
// ("Commissioner for Internal Market, Thierry Breton").
func (r *recognizer) continuesTitle(toks []token, a, b chunk) bool {
	gap := make([]string, 0, 3)
	for k := a.J; k < b.I; k++ {
		gap = append(gap, strings.ToLower(toks[k].Text))
	}
	g := strings.Join(gap, " ")
	if g != "," && g != ", and" && g != ", and the" && g != ", &" {
		return false
	}
	if g == "," && r.g.titleHead[strings.ToLower(toks[a.J-1].Text)] && personShaped(r, span(r.text, toks, b.I, b.J)) {
		return true // "the Transport Secretary, Heidi Alexander"
	}
	if !r.hasTitleDomain(toks, a) || r.endsWithName(toks, a) {
		return false
	}
	first := strings.ToLower(toks[b.I].Text)
	if r.g.domain[first] && r.g.heads[first] == "" {
		return true
	}
	return g == "," && r.hasTitleHead(toks, a) && personShaped(r, span(r.text, toks, b.I, b.J))
}

// hasTitleDomain: the run holds "<head> of|for <Domain>", so what follows a
// comma may continue its domain.
func (r *recognizer) hasTitleDomain(toks []token, c chunk) bool {
	for k := c.I; k+1 < c.J; k++ {
		w := strings.ToLower(toks[k].Text)
		next := toks[k+1].Text
		if (next == "for" || next == "of") && (r.g.domainHead[w] || w == "ministry" || w == "department") {
			return true
		}
	}
	return false
}

// endsWithName: the run already ends in a person's name ("... Commissioner
// for Trade Valdis Dombrovskis"), so a comma after it starts a new item.
func (r *recognizer) endsWithName(toks []token, c chunk) bool {
	n := 0
	for k := c.J - 1; k >= c.I && n < 3; k-- {
		w := strings.ToLower(toks[k].Text)
		if !isNameToken(toks[k].Text) || r.g.domain[w] || r.g.titleHead[w] || r.g.heads[w] != "" {
			break
		}
		n++
	}
	return n >= 2
}

// titledPerson reads "[Country] TITLE NAME" in the run [i, j): "U.S.
// Secretary of the Treasury Steven T. Mnuchin", "Commerce Secretary Gary
// Locke", "Prime Minister Anthony Albanese".
func (r *recognizer) titledPerson(si int, toks []token, i, j int) bool {
	tailCountry := ""
	if k := r.ofCountryTail(toks, i, j); k > 0 {
		// "Foreign Minister Jonas Berg of Norway": the person's country
		s := k + 1
		if toks[s].Text == "the" {
			s++
		}
		surface := span(r.text, toks, s, j)
		e := r.g.lookup(surface)[0]
		if r.nameStart(toks, i, k) >= k {
			return false
		}
		r.addGaz(si, toks[s].Start, toks[j-1].End, surface, e, "title-country")
		tailCountry, j = e.Country, k
	}
	n := r.nameStart(toks, i, j)
	if n <= i || n >= j {
		return false
	}
	_, h := r.titleHeads(toks, i, n)
	if h < 0 {
		return false
	}
	if !r.g.titleHead[strings.ToLower(toks[h].Text)] {
		return r.pluralTitled(si, toks, i, h, j)
	}
	if r.namedAfterTitled(toks, i, n) {
		return false // "the King Abdulaziz Foundation for Research and Archives": a body named after a king
	}
	for a := h + 2; a < n; a++ {
		if toks[a].Text == "and" && personShaped(r, span(r.text, toks, h+1, a)) && personShaped(r, span(r.text, toks, n, j)) {
			// "Energy Cabinet Secretary Opiyo Wandayi and Suhail Al
			// Mazrouei": the title is the first name's; the second is read
			// on its own
			r.titledPerson(si, toks, i, a)
			r.classify(si, toks, a+1, j)
			return true
		}
	}
	if a := r.listBeforeTitle(toks, i, h); a > i {
		// "Modi and UAE President Sheikh Mohamed": a name, then a title
		r.classify(si, toks, i, a)
		i = a + 1
	}
	ts := i
	country := r.possessorCountry(toks, i)
	for ts < h {
		es := r.g.lookup(toks[ts].Text)
		if len(es) == 0 || es[0].Type != schema.Country {
			break
		}
		country = es[0].Country
		r.addGaz(si, toks[ts].Start, toks[ts].End, toks[ts].Text, es[0], "title-country")
		ts++
	}
	if country == "" {
		country = r.countryWithin(si, toks, ts, n)
	}
	if country == "" {
		country = tailCountry
	}
	if c := r.bodiesBeforeTitle(si, toks, ts, h); country == "" {
		country = c
	}
	title := strings.TrimSpace(span(r.text, toks, ts, r.beforeHonorific(toks, ts, n)))
	r.out = append(r.out, mention{Start: toks[n].Start, End: toks[j-1].End, Sent: si, Type: schema.Person,
		Name: span(r.text, toks, n, j), Country: country, Titles: []string{title}, Rule: "title-name", Conf: 0.85})
	r.bodyInTitle(si, toks, ts, n)
	return true
}

// namedAfterTitled: the run [i, n) holds a title's head, a name and the
// head of a body ("King Abdulaziz Foundation", "President Nyerere
// University"): a body named after someone, not a title.
func (r *recognizer) namedAfterTitled(toks []token, i, n int) bool {
	for k := i; k+2 < n; k++ {
		if !r.g.titleHead[strings.ToLower(toks[k].Text)] || !isNameToken(toks[k+1].Text) {
			continue
		}
		lw := strings.ToLower(toks[k+2].Text)
		if t := r.g.heads[lw]; t == schema.Organization || t == schema.Location || r.g.fronts[lw] == schema.Organization {
			return true
		}
	}
	return false
}

// beforeHonorific is where a title that starts at ts ends, before the
// name at n: at the first honorific after the title's first head word
// ("Undersecretary for Education Mr. Toccafondi", "President His Highness
// Sheikh Mohamed"; "First Lady" is a title, not an honorific).
func (r *recognizer) beforeHonorific(toks []token, ts, n int) int {
	if head, _ := r.titleHeads(toks, ts, n); head >= 0 {
		for k := head + 1; k < n; k++ {
			if r.honorificLen(toks, k, n) > 0 {
				return k
			}
		}
	}
	return n
}

// titleHeads are the first and the last of the title heads (or their
// plurals) in [i, j); -1, -1 when there is none.
func (r *recognizer) titleHeads(toks []token, i, j int) (first, last int) {
	first, last = -1, -1
	for k := i; k < j; k++ {
		if r.g.titleHeadWord(strings.ToLower(toks[k].Text)) {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	return first, last
}

// pluralTitled reads "Prime Ministers Rishi Sunak and Fumio Kishida": a
// plural title (its head at h) and the people it lists, each with the
// title. False when what follows the title is no list of names.
func (r *recognizer) pluralTitled(si int, toks []token, i, h, j int) bool {
	title := span(r.text, toks, i, h+1)
	var names [][2]int
	a := h + 1
	for k := a; k <= j; k++ {
		if k < j && toks[k].Text != "and" && toks[k].Text != "," {
			continue
		}
		if k == a || !personShaped(r, span(r.text, toks, a, k)) {
			return false
		}
		names = append(names, [2]int{a, k})
		a = k + 1
	}
	if len(names) < 2 && !(len(names) == 1 && j < len(toks) && toks[j].Text == ",") {
		return false // "Prime Ministers Rishi Sunak, Fumio Kishida and ...": the list goes on past the run
	}
	for _, n := range names {
		r.out = append(r.out, mention{Start: toks[n[0]].Start, End: toks[n[1]-1].End, Sent: si, Type: schema.Person,
			Name: span(r.text, toks, n[0], n[1]), Titles: []string{title}, Rule: "title-name", Conf: 0.85})
	}
	return true
}

// listBeforeTitle finds the "and" (or "&") that ends a name listed before
// the title whose head is at h ("Modi and UAE President ..."), and returns
// its index, or -1 when the words before it belong to the title ("Trade
// and Industry Minister", "Prime Minister and Foreign Minister").
func (r *recognizer) listBeforeTitle(toks []token, i, h int) int {
	for a := h - 1; a > i; a-- {
		if toks[a].Text != "and" && toks[a].Text != "&" {
			continue
		}
		if a > i+2 && strings.EqualFold(toks[i].Text, "Government") && toks[i+1].Text == "of" {
			return a // "on behalf of the Government of India and Saudi Energy Minister ..."
		}
		for k := i; k < a; k++ {
			w := strings.ToLower(toks[k].Text)
			if !r.g.titleHead[w] && !r.g.titleMod[w] && !r.g.domain[w] && !r.g.countryWord(toks[k].Text) &&
				w != "of" && w != "for" && w != "the" && w != "," {
				return a
			}
		}
		return -1
	}
	return -1
}

// ofCountryTail finds "of (the) <Country>" ending the run [i, j) and
// returns the index of "of", or -1.
func (r *recognizer) ofCountryTail(toks []token, i, j int) int {
	for k := j - 2; k > i; k-- {
		if toks[k].Text != "of" {
			continue
		}
		s := k + 1
		if toks[s].Text == "the" {
			s++
		}
		if s < j {
			if es := r.g.lookup(span(r.text, toks, s, j)); len(es) > 0 && es[0].Type == schema.Country && !es[0].Demonym {
				return k
			}
		}
		return -1
	}
	return -1
}

// nameStart finds where a person's name begins at the end of [i, j): the
// longest tail of one to four name words (six in a lineage's "bin") that
// are not title, domain or country words. It returns j when there is none.
func (r *recognizer) nameStart(toks []token, i, j int) int {
	n := j
	words, most := 0, 4
	if hasLineage(toks[i:j]) {
		most = 6 // "Mohammed bin Salman bin Abdulaziz Al Saud": a lineage of names
	}
	for n > i && words < most {
		t := toks[n-1].Text
		lw := strings.ToLower(t)
		if !isNameToken(t) && !nameParticle(lw) || t == "I" {
			break // "The Home Secretary and I": the pronoun is no name
		}
		if !nameParticle(t) { // a particle in capitals is a name's word: "Do Hung Viet", "De Vincenti"
			words++
		}
		if n-2 >= i && r.familyTitleWord(t, toks[n-2].Text) {
			n-- // "Martin Luther King": a family name after a given one, no title
			continue
		}
		if r.g.heads[lw] != "" && !r.g.titleHead[lw] && n-2 >= i && r.g.titleHeadWord(strings.ToLower(toks[n-2].Text)) && words == 2 {
			n-- // "Foreign Minister Park Jin": a name right after a title, though a head word elsewhere
			continue
		}
		if n < j && nameParticle(strings.ToLower(toks[n].Text)) && r.g.titleHeadWord(lw) {
			if first, _ := r.titleHeads(toks, i, n-1); first >= 0 {
				n-- // "Chief Executive Sultan Al Jaber": a given name before the family name's particle, though a title elsewhere
				continue
			}
		}
		if lw == "to" && t == "To" && words == 2 && n-2 >= i && r.g.titleHeadWord(strings.ToLower(toks[n-2].Text)) {
			n-- // "General Secretary To Lam": a Vietnamese family name, no "to"
			continue
		}
		if r.g.titleHeadWord(lw) || r.g.titleMod[lw] || r.g.domain[lw] || r.g.heads[lw] != "" || r.g.honorific[t] || connectors[lw] || abstractNoun(lw) {
			break
		}
		if r.g.companySuffix(t) {
			break // "... Petroleum Company Limited": a company's legal form, no one's name
		}
		if r.g.names(t) || r.endsGazName(toks, i, n) {
			break
		}
		n--
	}
	if n > i && (toks[n-1].Text == "of" || toks[n-1].Text == "for" || toks[n-1].Text == "and") && words >= 3 {
		// "Governor of Washington Chris Gregoire", "Minister of Transport
		// and Logistics Alemu Sime": the first word is the title's domain
		n++
	}
	if n > i && r.g.honorific[toks[n-1].Text] {
		if h := r.honorificLen(toks, n-1, j); h > 1 && n-1+h < j {
			n += h - 1 // "Datuk Seri Anwar Ibrahim": the honorific is two words
		}
	}
	for n < j && nameParticle(toks[n].Text) {
		n++
	}
	return n
}

// abstractNoun: the lower-case word ends as English abstract nouns do
// ("Reclamation", "Commission", "Tourism", "Initiatives", "Communities"),
// never a person's name:
// "Minister of Agriculture and Land Reclamation Alaa Farouk" is a title,
// then the name. Endings that names share ("Clement", "Florence",
// "Felicity") are not among them.
func abstractNoun(lw string) bool {
	for _, suf := range []string{"ation", "ition", "ution", "ction", "ssion", "ism", "ology", "ship", "atives", "ities"} {
		if len(lw) > len(suf)+2 && strings.HasSuffix(lw, suf) {
			return true
		}
	}
	return len(lw) > 6 && strings.HasSuffix(lw, "ness")
}

// familyTitleWord: w is "King" or "Queen" after a given name, a family
// name ("Martin Luther King", "Stephen King"), not a title ("Saudi King
// Salman", "Morocco's King Mohammed VI").
func (r *recognizer) familyTitleWord(w, before string) bool {
	if lw := strings.ToLower(w); lw != "king" && lw != "queen" {
		return false
	}
	lb := strings.ToLower(before)
	return isNameToken(before) && !r.g.titleHead[lb] && !r.g.titleMod[lb] && !r.g.honorific[before] &&
		!r.g.demonymWord(before) && !r.g.isCountry(before)
}

// endsGazName: tokens ending at n-1 (with some before) form a gazetteer
// name ("Argentine Republic"), so the last is no first word of a name.
func (r *recognizer) endsGazName(toks []token, i, n int) bool {
	for k := max(i, n-r.g.maxWords); k < n-1; k++ {
		if len(r.g.lookup(span(r.text, toks, k, n))) > 0 {
			return true
		}
	}
	return false
}

// lastNamed is the last mention named name.
func (r *recognizer) lastNamed(name string) mention {
	for k := len(r.out) - 1; k >= 0; k-- {
		if r.out[k].Name == name {
			return r.out[k]
		}
	}
	return mention{Name: name}
}

// possessorCountry reads "Korea's" right before token i.
func (r *recognizer) possessorCountry(toks []token, i int) string {
	if i >= 2 && (toks[i-1].Text == "'s" || toks[i-1].Text == "’s") {
		if es := r.g.lookup(toks[i-2].Text); len(es) > 0 && es[0].Type == schema.Country {
			return es[0].Country
		}
	}
	return ""
}

// countryWithin finds a country named inside a title ("Treasury Minister of
// the Argentine Republic") and records it.
func (r *recognizer) countryWithin(si int, toks []token, i, j int) string {
	for k := i; k < j; k++ {
		if n := r.longestGaz(toks, k, j); n > 0 {
			s := span(r.text, toks, k, k+n)
			if es := r.g.lookup(s); es[0].Type == schema.Country {
				r.addGaz(si, toks[k].Start, toks[k+n-1].End, s, es[0], "title-country")
				if k > i && (toks[k-1].Text == "to" || toks[k-1].Text == "in") {
					k += n - 1
					continue // "Ambassador to Brazil": the host, not the country the envoy stands for
				}
				return es[0].Country
			}
			k += n - 1
		}
	}
	return ""
}

// bodiesBeforeTitle records the bodies named before a title's head ("USTDA
// Director Larry W. Walther", "NASA Administrator"), where the person works,
// and returns the country of the last, if the gazetteer knows it.
func (r *recognizer) bodiesBeforeTitle(si int, toks []token, i, h int) string {
	for h > i && r.g.titleMod[strings.ToLower(toks[h-1].Text)] {
		h-- // "Central Bank of the UAE Deputy Governor"
	}
	for b := i + 1; b <= h; b++ {
		// "Codelco Chairman Maximo Pacheco" after "state miner Codelco",
		// "Pertamina President Director ..." after "PT Pertamina"
		if b < h && !r.g.titleHead[strings.ToLower(toks[b].Text)] && !r.g.titleMod[strings.ToLower(toks[b].Text)] {
			continue
		}
		name := span(r.text, toks, i, b)
		if lw := strings.ToLower(name); r.g.domain[lw] || r.g.heads[lw] != "" {
			break // "Treasury Minister": the title's domain, whichever treasury the article named
		}
		t, ok := r.typedBefore(name, len(r.out))
		if !ok && r.companyBefore(name) {
			t, ok = schema.Organization, true // "JERA CEO ..." after "JERA Co., Inc."
		}
		if ok && (t == schema.Ministry || t == schema.Organization) {
			m := r.lastNamed(name)
			m.Type, m.Start, m.End, m.Sent, m.Rule, m.Conf, m.Titles = t, toks[i].Start, toks[b-1].End, si, "name-seen", 0.7, nil
			r.out = append(r.out, m)
			return m.Country
		}
	}
	if h-i < 2 {
		return ""
	}
	if t, ok := r.headType(toks, i, h); ok && (t == schema.Ministry || t == schema.Organization) && len(r.g.lookup(span(r.text, toks, i, h))) == 0 {
		// "Reserve Bank of India Governor": a body named by its head word
		r.addHeaded(si, toks, i, h, t)
		return r.out[len(r.out)-1].Country
	}
	country := ""
	for k := i; k < h; k++ {
		n := r.longestGaz(toks, k, h)
		if n == 0 {
			continue
		}
		surface := span(r.text, toks, k, k+n)
		if e := r.g.lookup(surface)[0]; e.Type == schema.Ministry || e.Type == schema.Organization {
			r.addGaz(si, toks[k].Start, toks[k+n-1].End, surface, e, "gazetteer")
			country = e.Country
		}
		k += n - 1
	}
	return country
}

// bodyInTitle records a government body named in a title's domain when the
// domain is itself a body ("Director General of the Senegalese space agency").
func (r *recognizer) bodyInTitle(si int, toks []token, i, j int) {
	for k := i; k < j; k++ {
		w := strings.ToLower(toks[k].Text)
		if (w == "of" || w == "at") && k+1 < j {
			s := k + 1
			if toks[s].Text == "the" {
				s++
			}
			e := j
			for e > s && !capWord(toks[e-1].Text) {
				e-- // "Governor of the Central Bank of Nigeria, Olayemi Cardoso"
			}
			if len(r.g.lookup(span(r.text, toks, s, e))) > 0 {
				return // "Minister of the Argentine Republic": a country, no body
			}
			if e-s == 1 && e == j && r.g.heads[strings.ToLower(toks[s].Text)] == schema.Ministry {
				r.addHeaded(si, toks, s, e, schema.Ministry) // "Secretary of the Treasury"
			} else if t, ok := r.headType(toks, s, e); ok && e-s > 1 && (t == schema.Ministry || t == schema.Organization && !portfolioTitle(toks[k-1].Text)) {
				r.addHeaded(si, toks, s, e, t)
			}
			return
		}
	}
}

// portfolioTitle: a title whose "of" names a government's portfolio, never
// a company ("Minister of Transport and Logistics").
func portfolioTitle(w string) bool { return strings.EqualFold(w, "minister") }

// appositives reads "NAME, (the) TITLE" after a person or an unknown name
// ("Ha Jung-woo, the senior presidential secretary for AI future strategy;")
// and makes the name a person with that title.
func (r *recognizer) appositives(si int, toks []token, first int) {
	for mi := first; mi < len(r.out); mi++ {
		m := &r.out[mi]
		if m.Sent != si || (m.Type != schema.Person && m.Type != "") || m.Generic {
			continue
		}
		k := tokenAfter(toks, m.End)
		if k < 0 || k >= len(toks) || toks[k].Text != "," {
			continue
		}
		title, ok := r.titlePhrase(toks, k+1)
		if !ok || (m.Type == "" && !personShaped(r, m.Name)) || r.personWithin(si, toks[k].End, toks[k].End+1+len(title)) {
			continue // "near Bengaluru, Chief Minister Siddaramaiah said": a titled person of its own
		}
		if c, rest := r.countryPossessive(title); c != "" {
			title = rest // "Piyush Goyal, India's Minister of Commerce and Industry"
			if m.Country == "" {
				m.Country = c
			}
		}
		m.Type = schema.Person
		m.Titles = append(m.Titles, title)
		m.Rule = "appositive-title"
		m.Conf = 0.85
	}
}

// countryPossessive splits a title that opens with a country's possessive
// ("India's Minister of Commerce") into the country's code and the rest;
// "" and the title when it opens otherwise.
func (r *recognizer) countryPossessive(title string) (string, string) {
	for _, mark := range []string{"'s ", "’s "} {
		name, rest, ok := strings.Cut(title, mark)
		if !ok || rest == "" {
			continue
		}
		if es := r.g.lookup(strings.TrimPrefix(name, "the ")); len(es) > 0 && es[0].Type == schema.Country {
			return es[0].Country, rest
		}
	}
	return "", title
}

// personWithin: the sentence si has a person's mention that starts within
// [start, end).
func (r *recognizer) personWithin(si, start, end int) bool {
	for _, o := range r.out {
		if o.Sent == si && o.Type == schema.Person && o.Start >= start && o.Start < end {
			return true
		}
	}
	return false
}

// titlesBefore reads "TITLE of COUNTRY, (the) (honorific) NAME" ("the
// Minister for Foreign Affairs of the Republic of Indonesia, Her
// Excellency Retno L.P. Marsudi"): the name is a person with that title,
// who stands for the country the title names.
func (r *recognizer) titlesBefore(si int, toks []token, first int) {
	for mi := first; mi < len(r.out); mi++ {
		m := &r.out[mi]
		if m.Sent != si || m.Type != schema.Person && !(m.Type == "" && personShaped(r, m.Name)) || len(m.Titles) > 0 {
			continue
		}
		k := tokenAfter(toks, m.Start)
		for k > 0 {
			if n := r.honorificEnds(toks, k); n > 0 {
				k -= n
			} else if toks[k-1].Text == "the" || r.g.honorific[toks[k-1].Text] {
				k--
			} else {
				break
			}
		}
		if k < 2 || toks[k-1].Text != "," {
			r.lowerTitleBefore(m, toks, k)
			continue
		}
		if toks[k-2].Text == "counterpart" {
			r.lowerTitleBefore(m, toks, k-1) // "her Chilean counterpart, Alberto van Klaveren"
			continue
		}
		te := k - 1 // where the title ends
		if o := parenBefore(toks, te); o >= 0 {
			// "The Group Chief Executive Officer of the ... Company Limited
			// (NNPC Ltd), Mele Kyari,": the body's acronym is no part of
			// the title; "Minister of State for Petroleum Resources (Gas)"
			// keeps its own
			if acronymParen(toks, o, te) {
				te = o
			}
		}
		ts := te
		if o := parenBefore(toks, ts); o >= 0 {
			ts = o
		}
		for ts > 0 && ts > k-24 && titleSpanWord(toks[ts-1].Text) && !r.endsName(si, toks[ts-1].End) && !opensTitle(toks, ts-1) {
			ts--
		}
		for ts < te && (!capWord(toks[ts].Text) || r.g.postnominal[toks[ts].Text] || leadingWord(toks[ts].Text)) {
			ts++ // "the", a comma, the "MP" of a name before
		}
		if ts >= te || !r.hasTitleHead(toks, chunk{ts, te}) {
			continue
		}
		m.Type, m.Rule, m.Conf = schema.Person, "title-before-name", 0.8
		m.Titles = append(m.Titles, span(r.text, toks, ts, te))
		if m.Country == "" {
			m.Country = r.g.firstCountry(span(r.text, toks, ts, te))
		}
	}
}

// opensTitle: the "the" at k opens a title read backwards from its name,
// not one inside it ("..., the Minister of State for Petroleum Resources
// (Gas), Ekperikpe Ekpo", but "the Minister for Foreign Affairs of the
// Republic of Indonesia").
func opensTitle(toks []token, k int) bool {
	if toks[k].Text != "the" || k == 0 {
		return false
	}
	switch toks[k-1].Text {
	case "of", "for", "and", "on", "to", "at", "in":
		return false
	}
	return true
}

// parenBefore is the index of the "(" of a parenthesis of one to four
// words that closes right before token e, or -1.
func parenBefore(toks []token, e int) int {
	if e < 3 || toks[e-1].Text != ")" {
		return -1
	}
	for o := e - 2; o >= 0 && o >= e-6; o-- {
		if toks[o].Text == "(" {
			return o
		}
	}
	return -1
}

// acronymParen: the parenthesis [o, e) holds an acronym, with its legal
// form ("(NNPC Ltd)", "(ONHYM)").
func acronymParen(toks []token, o, e int) bool {
	return o+1 < e-1 && isAllCaps(toks[o+1].Text) && len(toks[o+1].Text) > 1
}

// lowerTitleBefore reads a title written in lower case right before a
// name, as wire copy writes them ("his Japanese counterpart Shigeru
// Ishiba", "Indian prime minister Narendra Modi"): the name is a person
// with that title, of the country a demonym in it names.
func (r *recognizer) lowerTitleBefore(m *mention, toks []token, k int) {
	if k > 0 && (toks[k-1].Text == "of" || toks[k-1].Text == "for") {
		return // "the regional counsel of Lombardy": the title's domain, not its holder
	}
	ts := k
	for ts > 0 && k-ts < 8 {
		w := toks[ts-1].Text
		lw := strings.ToLower(w)
		lower := startsLower(w) && (r.g.titleHead[lw] || r.g.titleMod[lw] || r.g.domain[lw] || lw == "of" || lw == "for")
		if !lower && !r.g.countryWord(w) {
			break
		}
		ts--
	}
	named := ts // the country named before the title, as a noun
	for ts < k && !startsLower(toks[ts].Text) && r.g.countryWord(toks[ts].Text) && !r.g.demonymWord(toks[ts].Text) {
		ts++ // "Japan" of "Japan foreign minister" stays a country mention of its own
	}
	if ts >= k || !r.hasTitleHead(toks, chunk{ts, k}) {
		return
	}
	title := span(r.text, toks, ts, k)
	m.Type, m.Rule, m.Conf = schema.Person, "lower-title-name", 0.75
	m.Titles = append(m.Titles, strings.TrimSpace(title))
	if m.Country == "" {
		m.Country = r.g.firstCountry(title)
	}
	if m.Country == "" && named < ts && !servesAPlace(title) {
		// "his Singapore counterpart Lawrence Wong", "Japan foreign
		// minister Taro Kono"
		m.Country = r.g.firstCountry(span(r.text, toks, named, ts))
	}
}

// servesAPlace: the title is one held for a place rather than of it, so a
// country named before it is where the holder's work is ("Trump's Ukraine
// envoy Keith Kellogg").
func servesAPlace(title string) bool {
	for _, w := range strings.Fields(strings.ToLower(title)) {
		switch w {
		case "envoy", "negotiator", "coordinator", "czar", "mediator":
			return true
		}
	}
	return false
}

// endsName: a person's name, or a name not yet typed, ends at offset
// end in sentence si; a title read backwards stops there.
func (r *recognizer) endsName(si, end int) bool {
	for _, o := range r.out {
		if o.Sent == si && o.End == end && (o.Type == schema.Person || o.Type == "" && personShaped(r, o.Name)) {
			return true
		}
	}
	return false
}

// honorificEnds is the length of a honorific of several words that ends
// at token k ("Her Excellency", "Right Honourable"), or 0.
func (r *recognizer) honorificEnds(toks []token, k int) int {
	for n := 3; n >= 2; n-- {
		if k-n >= 0 && r.g.honorific[span(r.text, toks, k-n, k)] {
			return n
		}
	}
	return 0
}

// affiliation: the nouns and adjectives of a party's members, which end
// no one's name.
var affiliation = map[string]bool{"democrat": true, "democrats": true, "republican": true, "republicans": true,
	"conservative": true, "conservatives": true, "liberal": true, "liberals": true, "tory": true, "tories": true,
	"socialist": true, "socialists": true, "communist": true, "communists": true, "progressive": true, "progressives": true}

// hasLineage: a "bin", "bint" or "ibn" joins the names of toks, a
// person's to a father's.
func hasLineage(toks []token) bool {
	for _, t := range toks {
		switch t.Text {
		case "bin", "bint", "ibn", "Bin", "Ibn":
			return true
		}
	}
	return false
}

// titleSpanWord: a word a title of office is written with.
func titleSpanWord(w string) bool {
	return capWord(w) || w == "of" || w == "for" || w == "to" || w == "the" || w == "and" || w == "," || w == "&" || w == "'s" || w == "’s"
}

// titlePhrase reads a title after an appositive comma: an optional article,
// then words up to the next clause mark, cut before "at"/"with"/"who"; it
// must hold a title head within its first words.
func (r *recognizer) titlePhrase(toks []token, k int) (string, bool) {
	if k < len(toks) && (toks[k].Text == "and" || toks[k].Text == "or") {
		return "", false // "X, and Commissioner Y": a list, not an apposition
	}
	if k < len(toks) && (toks[k].Text == "the" || toks[k].Text == "a" || toks[k].Text == "an") {
		k++
	}
	if k < len(toks) && strings.HasPrefix(toks[k].Tag, "VB") {
		return "", false // "X, met her counterpart": a verb, not a title
	}
	if k < len(toks) && (toks[k].Tag == "IN" || toks[k].Tag == "TO") {
		return "", false // "X, in the presence of President Y": a circumstance
	}
	start := k
	hasHead := false
	for ; k < len(toks); k++ {
		w := strings.ToLower(toks[k].Text)
		if w == "," && hasHead {
			if e := r.domainListEnd(toks, k+1); e > k+1 {
				k = e - 1 // "Cabinet Secretary for Investments, Trade and Industry"
				continue
			}
		}
		if w == "," || w == ";" || w == "." || w == "(" || w == ")" || w == "at" || w == "with" || w == "who" || w == "said" || w == "—" {
			break
		}
		if r.g.titleHead[w] {
			hasHead = true
		}
		if k-start > 12 {
			return "", false
		}
	}
	if !hasHead || k == start {
		return "", false
	}
	return span(r.text, toks, start, k), true
}

// domainListEnd: the tokens from k close a list of a title's domains
// ("Trade and Industry", "Trade, and Industry"), each a domain word, up to
// the sentence's or the clause's end; it returns where the list ends, or k.
func (r *recognizer) domainListEnd(toks []token, k int) int {
	and := false
	e := k
	for ; e < len(toks); e++ {
		w := toks[e].Text
		switch {
		case w == "and" || w == "&":
			and = true
		case w == ",":
			if and && capWord(toks[e-1].Text) {
				return e // "Commerce, Industry and Tourism, at ..."
			}
		case capWord(w) && r.g.domain[strings.ToLower(w)]:
		default:
			if !and || !capWord(toks[e-1].Text) || !endsClause(w) {
				return k
			}
			return e
		}
	}
	if and && capWord(toks[e-1].Text) {
		return e
	}
	return k
}

func endsClause(w string) bool { return w == "." || w == "," || w == ";" || w == ")" }

// tokenAfter is the index of the first token starting at or after offset.
func tokenAfter(toks []token, off int) int {
	for i, t := range toks {
		if t.Start >= off {
			return i
		}
	}
	return -1
}

var initialsRE = regexp.MustCompile(`^(?:\p{Lu}\.)+$`)

// personShaped: one to four name words, none of them a title, domain,
// head or gazetteer word.
func personShaped(r *recognizer, name string) bool {
	ws := strings.Fields(name)
	if len(ws) == 0 || len(ws) > 5 || strings.Contains(name, "..") {
		return false
	}
	if len(ws) > 1 && nameSuffix(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1] // "Martin Luther King III"
	}
	if r.g.thingHeads[strings.ToLower(ws[len(ws)-1])] {
		return false // "Clean Air Act"
	}
	if affiliation[strings.ToLower(ws[len(ws)-1])] {
		return false // "an Ottawa New Democrat MP", "the Conservative government": a party's member
	}
	korean := koreanStyle(ws)
	for k, w := range ws {
		lw := strings.ToLower(w)
		if nameParticle(lw) || k > 0 && r.familyTitleWord(w, ws[k-1]) || k == 0 && korean && isNameToken(w) {
			continue // "Park Joo-ho": a family name, though a head word elsewhere
		}
		if isAllCaps(w) && len(w) <= 4 && !initialsRE.MatchString(w) {
			return false // an acronym: "KORUS FTA"; "L.P." are initials
		}
		if !isNameToken(w) || r.g.titleHead[lw] || r.g.domain[lw] || r.g.heads[lw] != "" || r.g.names(w) {
			return false
		}
	}
	return true
}
