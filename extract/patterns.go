package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/schema"
)

var (
	quotedTitleRE = regexp.MustCompile(`(?i)\b(?:titled|called|named|dubbed|known as|entitled)\s+(?:the\s+)?["“‘']([^"”’]{3,160}?)["”’']`)
	genericAgrRE  = regexp.MustCompile(`\b(?:(\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of)\s+(?:new\s+)?(?:bilateral\s+|cooperation\s+)?)?(memorand(?:um|a|ums) of (?:understanding|cooperation)|[Mm]emorand(?:um|a|ums) of (?:[Uu]nderstanding|[Cc]ooperation)|MOUs?|MoUs?|agreements?|deals?|pacts?|accords?|treaty|treaties|framework|joint statement|(?:joint )?declarations? of intent|[Jj]oint [Dd]eclarations? of [Ii]ntent|joint declaration|declaration|partnership|(?:exchange of|exchanged) notes|[Ee]xchange of [Nn]otes|[Gg]rant [Aa]greements?|grant agreements?|grants?|contracts?(?: extension)?|letters? of intent|[Ll]etters? of [Ii]ntent|(?:implementing )?arrangements?|protocols?|memorand(?:um|a|ums)|cooperation documents?|documents? on cooperation)\b`)
	eventRE       = regexp.MustCompile(`\b(?:((?:[A-Z][\w.]*-)+[A-Z][\w.]*|[A-Z][a-z]+)\s+)?((?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?(?:(?:closed-door|first|bilateral|joint|official|high-level|annual|inaugural|trilateral|unique|ministerial(?:[ -]level)?|leaders'?|summit-level|working|two-day|three-day|four-day)\s+){0,2})?(signing ceremony|ceremony|summit|state visit|meeting|conference|talks|joint committee|luncheon|dialogue|forum|symposium|roundtable|workshop|negotiations|event|visit|session)\b`)
	eventTailRE   = regexp.MustCompile(`^\s+(?:to\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)|on\s+((?:[a-z][a-z-]*\s+){0,6}?[a-z][a-z-]*)(?:\s+(?:in|at|to|with|by)\b|[,.;:]|$))`)
	// modifiedEventRE: a determiner and one lower-case noun before an event
	// noun, at the end of the text before it.
	modifiedEventRE = regexp.MustCompile(`(?:^|\s)(\w+)\s+([a-z][a-z-]+)\s+$`)
	eventOfRE       = regexp.MustCompile(`^\s+of\s+(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|of|and|the|for|on))*\p{L}\.?`)
	demonymBodyRE   = regexp.MustCompile(`\b([A-Z][a-z]+)\s+((?:[a-z]+\s+){0,2}(?:agency|ministry|department|space agency))\b`)
	determiners     = map[string]bool{"a": true, "an": true, "the": true, "this": true, "that": true, "its": true, "their": true, "his": true, "her": true, "our": true, "next": true, "first": true, "last": true, "during": true}
)

// bodyMeetingRE: an event noun in lower case right after a name.
var bodyMeetingRE = regexp.MustCompile(`^\s+(meeting|session|plenary|conference|summit|forum|talks)\b`)

// bodyMeetings reads a meeting of a body named before its noun ("the 10th
// Thailand-Cambodia Joint Trade Committee meeting"), an event named by the
// body, with the ordinal before it.
func (r *recognizer) bodyMeetings(si, base int, txt string) {
	// the sentence's mentions are the last ones: those before them are
	// earlier sentences', which a scan of the whole article would reread
	// at every sentence
	first := len(r.out)
	for first > 0 && r.out[first-1].Sent == si {
		first--
	}
	for _, m := range r.out[first:] {
		if m.Type != schema.Ministry && m.Type != schema.Organization || m.End-base > len(txt) || m.Start < base {
			continue
		}
		t := bodyMeetingRE.FindStringIndex(txt[m.End-base:])
		if t == nil {
			continue
		}
		start, end := m.Start-base, m.End-base+t[1]
		if o := ordinalBeforeRE.FindStringIndex(txt[:start]); o != nil {
			start = o[0] + strings.IndexFunc(txt[o[0]:], func(c rune) bool { return c != ' ' })
		}
		r.out = append(r.out, mention{Start: base + start, End: base + end, Sent: si, Type: schema.Event,
			Name: txt[start:end], Rule: "body-meeting", Conf: 0.75})
	}
}

var ordinalBeforeRE = regexp.MustCompile(`(?:^|\s)(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|annual|inaugural)\s+$`)

// patternMentions finds what capitalisation alone does not show: quoted
// agreement titles, agreement nouns, events, bodies named with a demonym,
// and sectors.
func (r *recognizer) patternMentions(si int, s sentence) {
	txt := r.text[s.Start:s.End]
	r.quotedAgreements(si, s.Start, txt)
	r.genericAgreements(si, s)
	r.events(si, s.Start, txt)
	r.demonymBodies(si, s.Start, txt)
	r.bodyAnaphora(si, s.Start, txt)
	r.sectorMentions(si, s.Start, txt)
}

func (r *recognizer) quotedAgreements(si, base int, txt string) {
	for _, m := range quotedTitleRE.FindAllStringSubmatchIndex(txt, -1) {
		name := strings.TrimSpace(txt[m[2]:m[3]])
		r.out = append(r.out, mention{Start: base + m[2], End: base + m[3], Sent: si, Type: schema.Agreement,
			Name: name, Rule: "quoted-title", Conf: 0.95})
	}
}

func (r *recognizer) genericAgreements(si int, s sentence) {
	base, txt := s.Start, r.text[s.Start:s.End]
	topicEnd := 0 // where the topic of the last agreement noun ends
	for _, m := range genericAgrRE.FindAllStringSubmatchIndex(txt, -1) {
		start, end := m[4], m[5]
		if start < topicEnd {
			continue // "a joint declaration on strategic partnership": the topic's noun is no agreement
		}
		kind := strings.ToLower(txt[start:end])
		if strings.HasPrefix(kind, "grant") && !grantNoun(txt, start, end) {
			continue // "to grant", "the grant of equipment"
		}
		if needsTopic(kind) && topicLen(txt[end:]) == 0 && !r.signedThere(txt, start, end) {
			// "an explanatory memorandum", "transformational arrangements",
			// "diplomatic protocol": no agreement, unless "a memorandum on
			// gas" or "signed a separate memorandum"
			continue
		}
		if m[2] >= 0 {
			start = m[0] // "37 new bilateral agreements", named without "new"
		} else {
			start = modifiersBefore(s.Tokens, base+start, r.g.verbs.signWords) - base // "hydrogen supply agreement"
		}
		name := strings.Replace(txt[start:end], " new ", " ", 1)
		if skip := parenRE.FindStringIndex(txt[end:]); skip != nil {
			if n := topicLen(txt[end+skip[1]:]); n > 0 {
				// "Memorandum of Understanding (MOU) on commercial cooperation"
				name += txt[end+skip[1] : end+skip[1]+n]
			}
		} else if n := topicLen(txt[end:]); n > 0 {
			name = txt[start : end+n] // "Memorandum of Understanding on commercial cooperation"
			topicEnd = end + n
		}
		if strings.HasPrefix(kind, "exchange") {
			name = "exchange of notes"
		}
		r.out = append(r.out, mention{Start: base + start, End: base + end, Sent: si, Type: schema.Agreement,
			Name: name, Generic: true, Rule: "agreement-noun", Conf: 0.6})
	}
}

// signedThere: a signing verb acts on the noun at txt[start:end]: one of
// the three words before it ("signed a separate memorandum"), or "was
// signed" right after it.
func (r *recognizer) signedThere(txt string, start, end int) bool {
	before := strings.Fields(strings.ToLower(txt[max(0, start-40):start]))
	for k := len(before) - 1; k >= 0 && k >= len(before)-3; k-- {
		if r.g.verbs.signWords[before[k]] {
			return true
		}
	}
	return passiveSignedRE.MatchString(txt[end:])
}

var passiveSignedRE = regexp.MustCompile(`(?i)^\s+(?:was|were|has been|have been|had been)\s+(?:signed|concluded|initialled|inked)\b`)

// needsTopic: the kind names an agreement only with its topic after it: a
// bare "memorandum" (without "of understanding"), "arrangement" or
// "protocol" is as often a document, a plan or a ceremony's rules.
func needsTopic(kind string) bool {
	switch kind {
	case "memorandum", "memoranda", "memorandums", "arrangement", "arrangements", "protocol", "protocols":
		return true
	}
	return false
}

// grantNoun: "grant" at txt[start:end] is the noun of a grant agreement,
// not the verb ("agreed to grant") or the act ("the grant of equipment").
func grantNoun(txt string, start, end int) bool {
	before := strings.Fields(strings.ToLower(txt[max(0, start-12):start]))
	if len(before) > 0 {
		switch before[len(before)-1] {
		case "to", "will", "would", "may", "can", "could", "shall", "not":
			return false
		}
	}
	return !strings.HasPrefix(strings.TrimSpace(txt[end:]), "of ")
}

// modifiersBefore extends an agreement noun at offset off back over the
// lower-case nouns and adjectives that say what kind it is ("hydrogen
// supply agreement", "landmark deal", "export contract"), at most three,
// and returns where the phrase starts. A form of a signing verb (signed)
// ends the phrase, however tagged: a headline writes "Ghana, Ivory Coast
// ink cocoa pricing deal", and the deal is a "cocoa pricing deal".
func modifiersBefore(toks []token, off int, signed map[string]bool) int {
	k := tokenAfter(toks, off)
	start := off
	if k > 2 && toks[k-1].Text == "of" && collectiveNoun[strings.ToLower(toks[k-2].Text)] {
		k -= 2 // "a dual set of agreements", "a package of deals"
		start = toks[k].Start
	}
	for n := 0; n < 3 && k > 0; n++ {
		t := toks[k-1]
		participle := (t.Tag == "VBN" || t.Tag == "VBD") && k > 1 && determiners[strings.ToLower(toks[k-2].Text)]
		w := strings.ToLower(t.Text)
		if !modifierTag(t.Tag) && !participle || !startsLower(t.Text) || kindStopword[w] || signed[w] || !isWordToken(t.Text) {
			break // a participle only after a determiner: "a refreshed partnership"
		}
		start = t.Start
		k--
	}
	return start
}

func modifierTag(tag string) bool {
	return tag == "NN" || tag == "NNS" || tag == "JJ"
}

func isWordToken(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return s != ""
}

// collectiveNoun: a noun that counts agreements ("a set of agreements").
var collectiveNoun = map[string]bool{"set": true, "series": true, "package": true, "raft": true, "pair": true, "slew": true,
	"suite": true, "bundle": true, "host": true, "range": true, "number": true, "batch": true, "string": true}

// kindStopword: words before an agreement noun that do not say its kind.
var kindStopword = map[string]bool{"new": true, "such": true, "other": true, "first": true, "same": true, "further": true,
	"previous": true, "earlier": true, "latest": true, "final": true, "separate": true, "several": true, "many": true,
	"more": true, "each": true, "this": true, "that": true, "which": true, "what": true, "whose": true, "any": true}

// topicLen measures "on commercial cooperation" after an agreement noun:
// "on" and up to five lower-case words that are not verbs or clause words.
// It returns 0 when no topic follows.
func topicLen(s string) int {
	m := topicStartRE.FindStringIndex(s)
	if m == nil {
		return 0
	}
	end, words := 0, 0
	pos := m[1]
	if verbalTopicRE.MatchString(s[pos:]) || notTopicRE.MatchString(s[pos:]) {
		// "on establishing a partnership": what it does, not its topic;
		// "on behalf of", "on the sidelines of": who and where
		return 0
	}
	for words < 6 {
		w := topicWordRE.FindStringIndex(s[pos:])
		if w == nil {
			// "on the Black Sea submarine cable project": names inside a
			// topic that goes on in lower case
			if n := topicNameRE.FindStringSubmatchIndex(s[pos:]); n != nil && !isCalendarWord(s[pos+n[2]:pos+n[3]]) {
				pos += n[3]
				words++
				continue
			}
			break
		}
		word := s[pos+w[0] : pos+w[1]]
		if strings.TrimSpace(word) == "of" && ofTopicRE.MatchString(s[pos+w[1]:]) {
			// "on the supply of green ammonia": what is supplied goes on the topic
			pos += w[1]
			continue
		}
		if topicStop[strings.TrimSpace(word)] {
			break
		}
		pos += w[1]
		words++
		if strings.TrimSpace(word) != "and" {
			end = pos
		}
	}
	if end == 0 {
		return 0
	}
	return end
}

var (
	parenRE      = regexp.MustCompile(`^\s*\([A-Za-z]{2,8}\)`)
	topicStartRE = regexp.MustCompile(`^\s+on(?:\s+the)?\b`)
	notTopicRE   = regexp.MustCompile(`^\s+(?:behalf|sidelines|margins|occasion|basis|condition|track|hold)\b`)
	topicWordRE  = regexp.MustCompile(`^\s+(?:[a-z][a-z-]*|[A-Z]{2,5})\b`)
	// ofTopicRE: after "of", a lower-case word, which the topic goes on
	// with unless topicStop ends it there ("of the", "of which").
	ofTopicRE = regexp.MustCompile(`^\s+(?:[a-z][a-z-]*[a-z]|[A-Z]{2,5})\b`)
	// topicNameRE: a capitalised word inside a topic, which counts only
	// when lower-case words of the topic follow it.
	topicNameRE = regexp.MustCompile(`^\s+(\p{Lu}\p{Ll}+)\b`)
	// verbalTopicRE: a gerund with its object after "on"
	verbalTopicRE = regexp.MustCompile(`^\s+[a-z]+ing\s+(?:a|an|the|its|their|new)\b`)
	topicStop     = map[string]bool{"is": true, "are": true, "was": true, "were": true, "will": true, "would": true, "has": true,
		"have": true, "had": true, "can": true, "could": true, "with": true, "between": true, "in": true, "at": true, "by": true,
		"which": true, "that": true, "to": true, "as": true, "for": true, "from": true, "during": true, "signed": true,
		"of": true, "the": true, "a": true, "an": true, "on": true, "this": true, "its": true, "their": true, "was,": true,
		// what stands after the topic: when and under what ("on semiconductors
		// after talks", "on trade amid tensions")
		"after": true, "before": true, "following": true, "amid": true, "among": true, "while": true, "when": true,
		"since": true, "until": true, "within": true, "ahead": true, "under": true, "later": true, "earlier": true,
		"today": true, "yesterday": true, "tomorrow": true, "last": true, "next": true}
)

// eventNouns are the words eventRE needs; a sentence without any is skipped
// before the (costlier) expression runs.
var eventNouns = []string{"ceremony", "summit", "visit", "meeting", "conference", "talks", "committee", "luncheon",
	"dialogue", "forum", "symposium", "roundtable", "workshop", "negotiations", "event", "session"}

func containsAny(lower string, words []string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

func (r *recognizer) events(si, base int, txt string) {
	if !containsAny(strings.ToLower(txt), eventNouns) {
		return
	}
	r.bodyMeetings(si, base, txt)
	for _, m := range eventRE.FindAllStringSubmatchIndex(txt, -1) {
		if m[4] == m[5] {
			m[4], m[5] = -1, -1 // the modifiers' group matched nothing
		}
		start, end := m[4], m[7]
		if m[4] < 0 {
			start = m[6]
		}
		qual := ""
		if m[2] >= 0 {
			qual = txt[m[2]:m[3]]
			if r.qualifies(qual) {
				start = m[2]
			} else {
				qual = ""
			}
		}
		head := txt[m[6]:m[7]]
		if qual == "" && m[4] < 0 && !precededByDeterminer(txt, start) && !pluralTalks(head, txt[m[7]:]) {
			mod := modifiedEventRE.FindStringSubmatchIndex(txt[:start])
			if mod == nil || !determiners[strings.ToLower(txt[mod[2]:mod[3]])] {
				continue // "meeting the goals": not a noun
			}
			start = mod[4] // "a business forum", "the investment summit"
		}
		if t := eventTailRE.FindStringSubmatchIndex(txt[end:]); t != nil && (head == "state visit" || head == "visit" || head == "joint committee") {
			if t[2] >= 0 {
				end += t[3]
			} else {
				end += t[5]
			}
		} else if t := eventOfRE.FindStringIndex(txt[end:]); t != nil && (head == "meeting" || head == "session" || head == "summit" || head == "round" || head == "conference") {
			end += t[1] // "the 6th ministerial meeting of the U.S.-India Commercial Dialogue"
		}
		tail := end > m[7]
		start = r.eventPossessor(txt, start)
		name := txt[start:end]
		// "the summit" points at a named one; "a state visit to Japan",
		// "Xi Jinping's visit" say which they are
		generic := qual == "" && !tail && (m[4] < 0 && start == m[6] ||
			m[4] >= 0 && start == m[4] && durationOnly(txt[m[4]:m[5]]) && definiteBefore(txt, start))
		r.out = append(r.out, mention{Start: base + start, End: base + end, Sent: si, Type: schema.Event,
			Name: name, Generic: generic && head != "signing ceremony", Rule: "event-noun", Conf: 0.7})
	}
}

// durationOnly: an event's modifiers say only how long it lasts ("the
// two-day summit"), which after "the" names no event of its own.
func durationOnly(mods string) bool {
	for _, w := range strings.Fields(mods) {
		if !strings.HasSuffix(w, "-day") {
			return false
		}
	}
	return true
}

// qualifies: a capitalised word before an event noun that names who holds
// it: a country pair ("Korea-U.S."), a country, a demonym or a known body.
func (r *recognizer) qualifies(q string) bool {
	if r.pairCountries(q) != nil {
		return true
	}
	es := r.g.lookup(q)
	return len(es) > 0 && (es[0].Type == schema.Country || es[0].Type == schema.Organization)
}

// eventPossessor extends an event back over "Xi Jinping's" in "Xi Jinping's
// state visit".
func (r *recognizer) eventPossessor(txt string, start int) int {
	before := txt[:start]
	for _, suf := range []string{"'s ", "’s "} {
		if strings.HasSuffix(before, suf) {
			k := len(before) - len(suf) // the possessor ends here
			words := 0
			for words < 3 {
				j := strings.LastIndexByte(txt[:k], ' ') // -1 at the start of the sentence
				w := txt[j+1 : k]
				if !isNameToken(w) || r.g.titleHead[strings.ToLower(w)] || r.g.titleMod[strings.ToLower(w)] {
					break
				}
				words++
				k = max(j, 0)
				if j < 0 {
					break
				}
			}
			if words > 0 {
				return strings.IndexFunc(txt[k:], func(r rune) bool { return !unicode.IsSpace(r) }) + k
			}
		}
	}
	return start
}

// pluralTalks: "after talks between A and B", "talks in Phnom Penh between
// A and B", "negotiations with B": a plural event noun needs no determiner
// when its participants follow.
func pluralTalks(head, after string) bool {
	return (head == "talks" || head == "negotiations") && talksBetweenRE.MatchString(after)
}

var talksBetweenRE = regexp.MustCompile(`^\s+(?:(?:in|at)\s+\p{Lu}[^,.;]{0,40}?\s+)?(?:between|with|among)\s`)

func precededByDeterminer(txt string, start int) bool {
	before := strings.Fields(strings.ToLower(txt[:start]))
	if len(before) == 0 {
		return false
	}
	w := before[len(before)-1]
	return determiners[w] || strings.HasSuffix(w, "-door") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

var bodyAnaphorRE = regexp.MustCompile(`\b[Tt]he (ministry|department|agency)\b`)

// bodyAnaphora: "the ministry" points back at the body named before it.
func (r *recognizer) bodyAnaphora(si, base int, txt string) {
	for _, m := range bodyAnaphorRE.FindAllStringSubmatchIndex(txt, -1) {
		r.out = append(r.out, mention{Start: base + m[2], End: base + m[3], Sent: si, Type: schema.Ministry,
			Name: txt[m[2]:m[3]], Generic: true, Rule: "body-anaphor", Conf: 0.6})
	}
}

func (r *recognizer) demonymBodies(si, base int, txt string) {
	for _, m := range demonymBodyRE.FindAllStringSubmatchIndex(txt, -1) {
		code, ok := r.g.demonym[txt[m[2]:m[3]]]
		if !ok {
			continue
		}
		r.out = append(r.out, mention{Start: base + m[0], End: base + m[1], Sent: si, Type: schema.Ministry,
			Name: txt[m[0]:m[1]], Country: code, Rule: "demonym-body", Conf: 0.75})
	}
}

// sectorMentions finds the sector vocabulary's surface forms. Forms with
// capitals ("AI", "LNG") match as written, others in any case.
func (r *recognizer) sectorMentions(si, base int, txt string) {
	lower := asciiLower(txt)
	taken := make([]bool, len(txt)+1)
	for _, f := range r.g.sectors {
		needle := f.Surface
		for off := 0; ; {
			i := strings.Index(lower[off:], needle)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(needle)
			off = e
			if !wordBoundary(txt, s, e) || taken[s] || taken[e-1] || !sectorCaseOK(txt[s:e], f.Orig) {
				continue
			}
			for k := s; k < e; k++ {
				taken[k] = true
			}
			r.out = append(r.out, mention{Start: base + s, End: base + e, Sent: si, Type: schema.Sector,
				Name: txt[s:e], Canon: f.Sector, Rule: "sector-vocabulary", Conf: 0.7})
		}
	}
}

// asciiLower lower-cases ASCII letters only, so every byte keeps its offset
// (strings.ToLower changes the length of some letters, such as "İ"); the
// sector vocabulary is ASCII.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// sectorCaseOK: a form the vocabulary writes with capitals ("AI") must be
// written so; lower-case forms match in any case.
func sectorCaseOK(got, orig string) bool {
	if orig != strings.ToLower(orig) {
		return got == orig
	}
	return true
}

func wordBoundary(s string, i, j int) bool {
	if i > 0 {
		r := rune(s[i-1])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || s[i-1] >= 0x80 {
			return false
		}
	}
	if j < len(s) {
		r := rune(s[j])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || s[j] >= 0x80 {
			return false
		}
	}
	return true
}
