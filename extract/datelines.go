package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// dateline is the opening of a wire story: "NAIROBI, June 2, 2025 (Xinhua)
// --", "BEIJING, June 2 (Reuters) -", "MANILA, Philippines —", "ABUJA (AFP)
// -", "BELO HORIZONTE, BRAZIL (September 19, 2008) –", "New Delhi, Mar 4
// (PTI)". Spans are byte ranges of the string read.
type dateline struct {
	places []bspan
	agency bspan
	date   statedDate
	dated  bool
	// end is where the story's own words start.
	end int
	// sure: the form says it is a dateline (a date, an agency, or a place
	// in capitals before a dash). Otherwise ("Buenos Aires – ...", "RIYADH:
	// ...") its place counts only if the gazetteer knows it.
	sure bool
	// split: the dateline is read apart from the story's first sentence;
	// not so for a place in title case, which may be the sentence's
	// subject, or a line in capitals alone ("NASA"), which may be a name.
	split bool
}

// parseDateline reads a dateline at the start of s.
func parseDateline(s string, ds *dateStyle) (dateline, bool) {
	var dl dateline
	at := skipSpace(s, 0, len(s))
	if d, n, ok := leadingDate(s[at:], ds); ok {
		dl.date, dl.dated = d, true
		dl.date.Start, dl.date.End = d.Start+at, d.End+at
		at += n
	} else {
		seg, stop := placeSegment(s, at)
		if seg.empty() || bylineVocab().label[strings.ToLower(s[seg.Start:seg.End])] {
			return dateline{}, false
		}
		dl.places = append(dl.places, seg)
		at = stop
		for n := 0; n < 3 && at < len(s) && s[at] == ','; n++ {
			rest := s[at+1:]
			if d, k, ok := leadingDate(rest, ds); ok {
				dl.date, dl.dated = d, true
				dl.date.Start, dl.date.End = d.Start+at+1, d.End+at+1
				at += 1 + k
				continue
			}
			seg, stop := placeSegment(s, at+1)
			if seg.empty() {
				return dateline{}, false
			}
			if name := s[seg.Start:seg.End]; dl.dated && (isAllCaps(name) && agencyShaped(name) || bylineVocab().isOutlet(name)) {
				dl.agency, at = seg, stop // "Riyadh, December 4, 2024, SPA --": the agency after the date
				break
			}
			dl.places = append(dl.places, seg)
			at = stop
		}
	}
	at = skipSpace(s, at, len(s))
	if at < len(s) && s[at] == '(' {
		k := strings.IndexByte(s[at:], ')')
		if k < 0 {
			return dateline{}, false
		}
		inner := bspan{at + 1, at + k}
		inner.Start, inner.End = trimSpan(s, inner.Start, inner.End)
		if d, n, ok := leadingDate(s[inner.Start:inner.End], ds); ok && inner.Start+n == inner.End {
			dl.date, dl.dated = d, true
			dl.date.Start, dl.date.End = d.Start+inner.Start, d.End+inner.Start
		} else if agencyShaped(s[inner.Start:inner.End]) {
			dl.agency = inner
		} else {
			return dateline{}, false
		}
		at += k + 1
	}
	first := ""
	if len(dl.places) > 0 {
		first = s[dl.places[0].Start:dl.places[0].End]
	}
	caps := isAllCaps(first) && utf8.RuneCountInString(first) >= 3
	sep, end := datelineSep(s, at)
	dl.sure = dl.dated || !dl.agency.empty() || caps && sep != "" && sep != ":"
	switch {
	case sep != "":
	case end == len(s):
		// the dateline alone on its line
	case !dl.agency.empty() && (isAllCaps(s[dl.agency.Start:dl.agency.End]) || bylineVocab().isOutlet(s[dl.agency.Start:dl.agency.End])) &&
		startsUpper(s[skipSpace(s, at, len(s)):]):
		// "New Delhi, Mar 4 (PTI) The government ...": a known agency ends
		// it, and a sentence starts; "British International Investment
		// (BII), the UK's ..." is a body and its acronym
		end = skipSpace(s, at, len(s))
	default:
		return dateline{}, false
	}
	if len(dl.places) == 0 && !dl.dated {
		return dateline{}, false
	}
	dl.end, dl.split = end, dl.sure || caps && sep == ":"
	return dl, true
}

// placeSegment reads a place's words from at up to a comma, a bracket or a
// separator: "NAIROBI", "BELO HORIZONTE", "Dar es Salaam", "D.C.".
func placeSegment(s string, at int) (bspan, int) {
	i := at
	for i < len(s) && s[i] != ',' && s[i] != '(' && !strings.HasPrefix(s[i:], " (") {
		if sep, _ := datelineSep(s, i); sep != "" {
			break
		}
		_, k := utf8.DecodeRuneInString(s[i:])
		i += k
		if i-at > 40 {
			return bspan{}, at
		}
	}
	a, z := trimSpan(s, at, i)
	if a >= z || !placeShaped(s[a:z]) {
		return bspan{}, at
	}
	return bspan{a, z}, z
}

// datelineSep reads the dash or colon that ends a dateline at at (after
// spaces) and returns it and where the text after it starts; "" when
// there is none. A dateline alone on its line ends at the line's end.
func datelineSep(s string, at int) (string, int) {
	i := skipSpace(s, at, len(s))
	if i == len(s) {
		return "", i
	}
	for _, sep := range []string{"--", "—", "–", ".-", "-", ":"} {
		if !strings.HasPrefix(s[i:], sep) {
			continue
		}
		j := i + len(sep)
		for j < len(s) {
			r, k := utf8.DecodeRuneInString(s[j:])
			if r != '-' && r != '—' && r != '–' {
				break
			}
			j += k
		}
		// a hyphen or colon must stand apart: "PORT-AU-PRINCE", "10:15" go on
		if (sep == "-" || sep == ":") && j < len(s) && s[j] != ' ' || sep == "-" && (i == 0 || s[i-1] != ' ') {
			return "", at
		}
		return sep, skipSpace(s, j, len(s))
	}
	return "", at
}

// agencyShaped: what a dateline's brackets give when it is no date: a
// known outlet ("dpa") or one to five capitalised words ("Xinhua", "AFP",
// "ANA-MPA", "AFP/Reuters"), not a label ("UPDATE") nor a caption's "(left)".
func agencyShaped(s string) bool {
	v := bylineVocab()
	if v.isOutlet(s) {
		return true
	}
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 5 || v.label[strings.ToLower(s)] {
		return false
	}
	for _, w := range ws {
		if !unicode.IsUpper(firstRune(w)) && w != "of" && w != "the" && w != "and" && w != "&" {
			return false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '.' && r != '&' && r != '/' {
				return false
			}
		}
	}
	return true
}

// readDateLine classifies a line that gives the article's date.
func readDateLine(s string, l *line, st *stated, ds *dateStyle) bool {
	d, kind, ok := parseDateLine(s, ds)
	if !ok {
		return false
	}
	l.Kind = headerLine
	rank := byPlainLine
	switch kind {
	case publishedDate:
		rank = byLabel
	case updatedDate:
		rank = byUpdate
	}
	if full, ok := d.resolve(""); ok {
		st.published.offer(full, rank)
	}
	return true
}

// readSourceName reads a syndication header: "Source: Xinhua", "Source:
// Xinhua| 2025-06-02 10:15:00|Editor: Jane Doe".
func readSourceName(s string, l *line, st *stated, ds *dateStyle) bool {
	m := sourceNameRE.FindStringSubmatchIndex(s)
	if m == nil {
		return false
	}
	name := s[m[2]:m[3]]
	if !bylineVocab().isOutlet(name) && !agencyShaped(name) {
		return false
	}
	// every other part is a date or a labelled field ("Editor: ...")
	date := ""
	for _, part := range strings.Split(s[m[1]:], "|") {
		if p := strings.TrimSpace(part); p != "" && !fieldRE.MatchString(p) {
			d, _, ok := parseDateLine(p, ds)
			if !ok {
				return false
			}
			if full, ok := d.resolve(""); ok && date == "" {
				date = full
			}
		}
	}
	l.Kind = headerLine
	st.publisher.offer(name, byPlainLine)
	st.published.offer(date, byPlainLine)
	l.names = append(l.names, statedName{Start: l.Start + m[2], End: l.Start + m[3], Type: schema.Organization,
		Name: name, Rule: "byline", Sure: bylineVocab().isOutlet(name)})
	return true
}

// readSignOff reads an agency's sign-off at the end of a story ("--
// BERNAMA"): a known outlet, or one word in capitals.
func readSignOff(s string, l *line, st *stated) bool {
	m := signOffRE.FindStringSubmatchIndex(s)
	if m == nil {
		return false
	}
	name := s[m[2]:m[3]]
	known := bylineVocab().isOutlet(name)
	if !known && !(isAllCaps(name) && !strings.Contains(name, " ")) {
		return false
	}
	l.Kind = bylineLine
	st.publisher.offer(name, byGuess) // the dateline's agency, when there is one, says it plainer
	l.names = append(l.names, statedName{Start: l.Start + m[2], End: l.Start + m[3], Type: schema.Organization,
		Name: name, Rule: "dateline", Sure: known})
	return true
}

// fieldRE: a labelled field of a header ("Editor: Jane Doe").
var fieldRE = regexp.MustCompile(`^\p{L}[\p{L} ]*:`)

// readDateline looks for a dateline at the start of the first body lines
// after the headline. Its date, resolved against ref when it gives no
// year, dates the article; its agency publishes it; its place is named. A
// dateline the form makes sure of is cut from the line, so that the story's
// first sentence starts after it.
func readDateline(text string, lines []line, ref string, st *stated, ds *dateStyle) []line {
	start := 0
	for i, l := range lines {
		if l.Kind == titleLine {
			start = i + 1
			break
		}
	}
	seen := 0
	for i := start; i < len(lines) && i < start+nearTop && seen < 3; i++ {
		l := lines[i]
		if l.Kind != bodyLine {
			continue
		}
		seen++
		s := text[l.Start:l.End]
		dl, ok := parseDateline(s, ds)
		if !ok {
			continue
		}
		var names []statedName
		for _, p := range dl.places {
			names = append(names, statedName{Start: l.Start + p.Start, End: l.Start + p.End, Type: schema.Location,
				Name: placeCase(s[p.Start:p.End]), Rule: "dateline", Sure: dl.sure})
		}
		if !dl.agency.empty() {
			agency := s[dl.agency.Start:dl.agency.End]
			st.publisher.offer(agency, byDateline)
			names = append(names, statedName{Start: l.Start + dl.agency.Start, End: l.Start + dl.agency.End,
				Type: schema.Organization, Name: agency, Rule: "dateline", Sure: true})
		}
		if dl.dated {
			if full, ok := dl.date.resolve(ref); ok {
				st.published.offer(full, byDateline)
			}
		}
		if !dl.split {
			lines[i].names = append(lines[i].names, names...)
			return lines
		}
		head := line{Start: l.Start, End: l.Start + dl.end, Kind: datelineLine, names: names}
		head.Start, head.End = trimSpan(text, head.Start, head.End)
		if l.Start+dl.end >= l.End {
			head.End = l.End
			lines[i] = head
			return lines
		}
		rest := line{Start: l.Start + dl.end, End: l.End, Kind: bodyLine}
		return append(lines[:i], append([]line{head, rest}, lines[i+1:]...)...)
	}
	return lines
}
