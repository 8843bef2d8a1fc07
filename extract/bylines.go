package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// byline is what a byline or credit line states. Spans are byte ranges of
// the parsed string.
type byline struct {
	authors []bspan // the people who wrote the story, in order
	others  []bspan // people credited for something else (editing, photos)
	outlet  bspan   // the outlet or agency: "Reuters" in "By Jane Doe, Reuters"
	role    bool    // the line gives a role ("Staff Reporter")
	places  []bspan // "Nairobi" in "By Jane Doe in Nairobi": a place only if the gazetteer knows it
	date    statedDate
	dated   bool
}

var (
	bylinePrefixRE = regexp.MustCompile(`(?i)^(?:(?:written|reported|story|words|text|posted|compiled)\s+)?by:?\s+`)
	emailRE        = regexp.MustCompile(`^(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|^@\w+`)
	// what a page puts in brackets after a name to reach its writer, the
	// address itself or what a scraper left of it ("[email protected]")
	contactRE = regexp.MustCompile(`(?i)@|\be-?mail\b|\btwitter\b`)
)

// parseByline reads s as a byline: "By Jane Doe", "BY JANE DOE
// [jane@example.com]", "By Jane Doe and John Roe, Reuters", "Jane Doe |
// Staff Reporter", "Written by Jane Doe", "By PTI". bare is true when s
// does not open with "By" (or "Written by"...): names alone are no byline,
// so the caller wants a role or an outlet, or a date line beside it.
func parseByline(s string, ds *dateStyle) (b byline, bare, ok bool) {
	v := bylineVocab()
	lead, trail := trimWrap(s)
	pre := bylinePrefixRE.FindStringIndex(s[lead:trail])
	bare = pre == nil
	at := lead
	if pre != nil {
		at += pre[1]
	}
	// "By PTI", "By Special Correspondent": no name, an outlet or a role
	if !bare {
		if seg, end := segment(s, at, trail); !seg.empty() {
			text := s[seg.Start:seg.End]
			switch {
			case v.isOutlet(text) && !nameThenOutlet(s, seg):
				b.outlet = seg
				return b, bare, b.tail(s, end, trail, ds)
			case v.isRole(text):
				b.role = true
				return b, bare, b.tail(s, end, trail, ds)
			}
		}
	}
	names, places, end := parseNames(s, at, trail)
	if len(names) == 0 {
		return byline{}, bare, false
	}
	b.authors, b.places = names, places
	if !b.tail(s, end, trail, ds) {
		return byline{}, bare, false
	}
	return b, bare, true
}

// nameThenOutlet: seg is a name and an outlet with no comma between
// ("JANE DOE Associated Press"), not an outlet's name ("Express News Service").
func nameThenOutlet(s string, seg bspan) bool {
	n, ok := parseName(s, seg.Start, seg.End)
	return ok && n.End < seg.End && bylineVocab().isOutlet(s[n.End:seg.End])
}

// parseCredits reads a credit line: "Reporting by Jane Doe in Nairobi;
// Additional reporting by John Roe; Editing by Ann Poe", often in brackets.
func parseCredits(s string) (b byline, ok bool) {
	v := bylineVocab()
	lead, trail := trimWrap(s)
	ms := v.creditRE.FindAllStringSubmatchIndex(s[lead:trail], -1)
	if len(ms) == 0 || ms[0][0] != 0 {
		return byline{}, false
	}
	for k, m := range ms {
		label := strings.ToLower(strings.Join(strings.Fields(s[lead+m[2]:lead+m[3]]), " "))
		end := trail
		if k+1 < len(ms) {
			end = lead + ms[k+1][0]
		}
		at := lead + m[1]
		names, places, next := parseNames(s, at, end)
		if len(names) == 0 {
			// "Editing by the Nairobi desk": a role, no name
			seg, stop := segment(s, at, end)
			if seg.empty() || !v.isRole(s[seg.Start:seg.End]) && !v.isOutlet(s[seg.Start:seg.End]) {
				return byline{}, false
			}
			next = stop
		}
		if skipSeps(s, next, end) != end {
			return byline{}, false
		}
		if v.author[label] {
			b.authors = append(b.authors, names...)
		} else {
			b.others = append(b.others, names...)
		}
		b.places = append(b.places, places...)
	}
	return b, true
}

// tail reads what may follow the names of a byline: separators, a role, an
// outlet, a place, a date and time, an e-mail address or handle, each maybe
// in brackets. Anything else means the line is no byline ("By Monday,
// officials said ...").
func (b *byline) tail(s string, at, end int, ds *dateStyle) bool {
	v := bylineVocab()
	for {
		at = skipSeps(s, at, end)
		if at >= end {
			return true
		}
		rest := s[at:end]
		if m := emailRE.FindStringIndex(rest); m != nil {
			at += m[1]
			continue
		}
		if d, n, ok := leadingDate(rest, ds); ok {
			b.date, b.dated = d, true
			at += n
			continue
		}
		if c := rest[0]; c == '(' || c == '[' || c == '<' {
			k := closing(rest)
			if k < 0 || !contactRE.MatchString(rest[1:k]) && !b.tail(s, at+1, at+k, ds) {
				return false
			}
			at += k + 1
			continue
		}
		if w, n := firstWord(rest); w == "in" || w == "from" {
			seg, stop := segment(s, at+n, end)
			if seg.empty() || !placeShaped(s[seg.Start:seg.End]) {
				return false
			}
			b.places = append(b.places, seg)
			at = stop
			continue
		} else if w == "for" || w == "with" {
			seg, stop := segment(s, at+n, end)
			if seg.empty() || !v.isOutlet(s[seg.Start:seg.End]) {
				return false
			}
			b.setOutlet(s, seg)
			at = stop
			continue
		}
		seg, stop := segment(s, at, end)
		text := s[seg.Start:seg.End]
		switch {
		case seg.empty():
			return false
		case v.isRole(text):
			b.role = true
		case v.isOutlet(text):
			b.setOutlet(s, seg)
		case placeShaped(text):
			b.places = append(b.places, seg)
		default:
			return false
		}
		at = stop
	}
}

// setOutlet keeps the first outlet, without a leading "the".
func (b *byline) setOutlet(s string, seg bspan) {
	if !b.outlet.empty() {
		return
	}
	if strings.HasPrefix(s[seg.Start:seg.End], "the ") {
		seg.Start += 4
	}
	b.outlet = seg
}

// readCredits classifies a credit line ("Reporting by Jane Doe; Editing by
// John Roe"): its reporters are the article's authors when no byline names one.
func readCredits(s string, l *line, st *stated, ds *dateStyle) bool {
	b, ok := parseCredits(s)
	if !ok {
		return false
	}
	l.Kind = bylineLine
	addBylineNames(s, l, b)
	if len(b.authors) > 0 {
		st.author.offer(nameCase(s[b.authors[0].Start:b.authors[0].End]), byDateline)
	}
	return true
}

// readByline classifies a byline: "By Jane Doe", anywhere; one without
// "By" ("Jane Doe | Staff Reporter", "Jane Doe, Reuters") near the top only,
// when it gives a role or an outlet. mid is true for a line in the middle
// of the article, where a one-word name ("By Air") is not taken.
func readByline(text string, lines []line, i int, st *stated, ds *dateStyle, mid bool) bool {
	l := &lines[i]
	s := text[l.Start:l.End]
	if len(strings.Fields(s)) > 24 {
		return false
	}
	b, bare, ok := parseByline(s, ds)
	switch {
	case !ok:
		return false
	case bare && (mid || b.outlet.empty() && !b.role || !namesOfTwo(s, b.authors)):
		return false
	case mid && len(b.authors) > 0 && !namesOfTwo(s, b.authors):
		return false
	}
	l.Kind = bylineLine
	addBylineNames(s, l, b)
	rank := byLabel
	if bare {
		rank = byPlainLine
	}
	if len(b.authors) > 0 {
		st.author.offer(nameCase(s[b.authors[0].Start:b.authors[0].End]), rank)
	}
	if !b.outlet.empty() {
		st.publisher.offer(s[b.outlet.Start:b.outlet.End], byLabel)
	} else if i+1 < len(lines) {
		if m := withRE.FindStringSubmatch(text[lines[i+1].Start:lines[i+1].End]); m != nil {
			st.publisher.offer(m[1], byLabel)
		}
	}
	if b.dated {
		if full, ok := b.date.resolve(""); ok {
			st.published.offer(full, byPlainLine)
		}
	}
	return true
}

// mayBeByline: s opens as a byline with "By" does ("By", "Written by").
func mayBeByline(s string) bool {
	a, z := trimWrap(s)
	return bylinePrefixRE.MatchString(s[a:z])
}

// namesOfTwo: every name has two words or more.
func namesOfTwo(s string, names []bspan) bool {
	for _, n := range names {
		if len(strings.Fields(s[n.Start:n.End])) < 2 {
			return false
		}
	}
	return len(names) > 0
}

// addBylineNames records the authors, the outlet and the places of a
// byline parsed from the line l.
func addBylineNames(s string, l *line, b byline) {
	for _, n := range b.authors {
		l.names = append(l.names, statedName{Start: l.Start + n.Start, End: l.Start + n.End, Type: schema.Person,
			Name: nameCase(s[n.Start:n.End]), Rule: "byline", Sure: true})
	}
	if !b.outlet.empty() {
		l.names = append(l.names, statedName{Start: l.Start + b.outlet.Start, End: l.Start + b.outlet.End,
			Type: schema.Organization, Name: s[b.outlet.Start:b.outlet.End], Rule: "byline", Sure: true})
	}
	for _, p := range b.places {
		l.names = append(l.names, statedName{Start: l.Start + p.Start, End: l.Start + p.End, Type: schema.Location,
			Name: placeCase(s[p.Start:p.End]), Rule: "byline"})
	}
}

// bareBylines takes a line near the top that is only people's names
// ("Jane Doe and John Roe") as a byline when the line beside it is a date
// line or a byline, and it is not the article's first line (the headline).
func bareBylines(text string, lines []line, st *stated, ds *dateStyle) {
	first := true
	for i := 0; i < len(lines) && i < nearTop; i++ {
		l := &lines[i]
		if l.Kind != bodyLine {
			continue
		}
		if first {
			first = false
			continue
		}
		s := text[l.Start:l.End]
		b, bare, ok := parseByline(s, ds)
		if !ok || !bare || !namesOfTwo(s, b.authors) || !b.outlet.empty() || !besideMetadata(text, lines, i, ds) {
			continue
		}
		l.Kind = bylineLine
		addBylineNames(s, l, b)
		st.author.offer(nameCase(s[b.authors[0].Start:b.authors[0].End]), byPlainLine)
	}
}

// besideMetadata: the nearest line with words before or after line i is a
// date line or a byline.
func besideMetadata(text string, lines []line, i int, ds *dateStyle) bool {
	for _, step := range []int{-1, 1} {
		k := i + step
		for k >= 0 && k < len(lines) && strings.TrimSpace(text[lines[k].Start:lines[k].End]) == "" {
			k += step
		}
		if k < 0 || k >= len(lines) {
			continue
		}
		if lines[k].Kind == bylineLine {
			return true
		}
		if _, _, ok := parseDateLine(text[lines[k].Start:lines[k].End], ds); ok && lines[k].Kind == headerLine {
			return true
		}
	}
	return false
}

// nameCase turns a name in capitals into name case, hyphenated parts
// included and particles in lower case ("KANG KWANG-WOO" -> "Kang
// Kwang-woo", "TAMIM BIN HAMAD AL THANI" -> "Tamim bin Hamad Al Thani").
func nameCase(s string) string {
	s = strings.TrimSpace(s)
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && nameParticle(w) && w != "al" && w != "el" {
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// placeCase is nameCase for a place, which keeps short capitals and
// abbreviations as written ("WASHINGTON, D.C.", "LONDON, UK").
func placeCase(s string) string {
	s = strings.TrimSpace(s)
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		if utf8.RuneCountInString(w) > 3 && !strings.Contains(w, ".") {
			words[i] = nameCase(w)
		}
	}
	return strings.Join(words, " ")
}

// bylineOf reads a page's byline ("By Jane Doe, Staff Reporter", "Jane
// Doe and John Roe, Reuters") into its first author and its outlet.
func bylineOf(s string) (author, outlet string) {
	b, _, ok := parseByline(s, nil)
	if !ok {
		return "", ""
	}
	if len(b.authors) > 0 {
		author = nameCase(s[b.authors[0].Start:b.authors[0].End])
	}
	if !b.outlet.empty() {
		outlet = s[b.outlet.Start:b.outlet.End]
	}
	return author, outlet
}
