package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

var (
	partOfRE = regexp.MustCompile(`(?i)\b(?:on the (?:sidelines|margins) of|as part of|within the framework of|during)\b`)
	// twoBodiesRE: "the two firms said": two parties that are not countries.
	twoBodiesRE  = regexp.MustCompile(`(?i)\bthe two (?:[\w-]+\s+){0,3}?(?:firms|companies|banks|groups|utilities|institutions|organi[sz]ations|universities|agencies|operators|producers|carriers|exchanges|ministries|departments)\b`)
	twoCountryRE = regexp.MustCompile(`(?i)\b(?:(?:the|our) (?:two|2) (?:countries|nations|sides|governments)|both (?:countries|nations|sides|governments)|the two)\b`)
	// bareSigningRE: a signing verb with no object ("The Treasury also
	// signed.", "signed on Monday").
	bareSigningRE = regexp.MustCompile(`(?i)^\w+(?:\s+(?:too|also|as well|later|today|yesterday|on \w+|in \w+|for (?:the )?[\w\s-]{1,40}?|on behalf of [\w\s-]{1,40}?|the (?:documents|papers|instruments|texts))(?:\s+at [\w\s-]{1,60}?)?)*\s*[.;,]?\s*$`)
	signedByRE    = regexp.MustCompile(`(?i)\b(signator(?:y|ies)|signed (?:(?:in|at|on) [^,.;]{1,40}? )?by|signed on behalf)\b`)
	listGap       = regexp.MustCompile(`^(?:\s*(?:,|and|as well as|the|a|an|two|several)\s*)*$`)

	witnessRE = regexp.MustCompile(`(?i)^as\s+(?:an?\s+)?witness`)
	todayRE   = regexp.MustCompile(`(?i)\btoday\b`)
	willRE    = regexp.MustCompile(`(?i)\bwill\s+(?:\w+\s+){0,2}$`)
	unsigned  = regexp.MustCompile(`(?i)\b(?:no|not|never|yet to|plans? to|planned to|will|would|could|may|might|expected to|intends? to|hopes? to|ready to|to be)\s+(?:\w+\s+){0,2}$`)
	talksOnly = regexp.MustCompile(`(?i)^(?:that|on|with|upon)\b|^to\s+(?:start|begin|launch|hold|continue|discuss|negotiate|explore|consider|study|work|keep)\b`)
)

// isSigningVerb: the sign verb at txt[start:end] says something was
// signed; "signing ceremony" names an event, "No agreement was signed",
// "will sign" and "agreed to start talks" say nothing was.
func isSigningVerb(txt string, start, end int) bool {
	rest := strings.TrimSpace(txt[end:])
	if strings.HasPrefix(rest, "ceremony") || strings.HasPrefix(rest, "event") || witnessRE.MatchString(rest) {
		return false // "signed as witnesses"
	}
	if strings.HasPrefix(rest, "force") {
		return false // "before the agreement enters into force": it takes effect, no one signs
	}
	before := txt[max(0, start-40):start]
	if unsigned.MatchString(before) && !(todayRE.MatchString(txt) && willRE.MatchString(before)) {
		return false
	}
	return !(strings.EqualFold(txt[start:end], "agreed") && talksOnly.MatchString(rest))
}

// eachSigned calls fn for every agreement of every signing frame that names one.
func (r *relator) eachSigned(fn func(f *signing, agreement string)) {
	for i := range r.signings {
		f := &r.signings[i]
		for _, a := range r.idsOf(f.Agreements) {
			fn(f, a)
		}
	}
}

func (r *relator) signingSubjects(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		for _, p := range f.Subjects {
			emit(r.idOf(p), a, f.Sent)
		}
	})
}

func (r *relator) signingObjects(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		for _, p := range f.Objects {
			emit(r.idOf(p), a, f.Sent)
		}
	})
}

func (r *relator) bothSidesSigned(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		if f.BothSides {
			for _, c := range r.mainCountries(2) {
				emit(c, a, f.Sent)
			}
		}
	})
}

// mainPairSigned: an agreement no rule found a party of, signed where the
// text names no one ("Wong and Lam witnessed the exchange of four MoUs"),
// is the article's two main countries'.
func (r *relator) mainPairSigned(emit emitFn) {
	pair := r.res.mainPair()
	if pair == nil {
		return
	}
	signed := map[string]bool{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.Signed {
			signed[rel.Object] = true
		}
	}
	r.eachSigned(func(f *signing, a string) {
		if signed[a] || len(f.Subjects) > 0 || len(f.Objects) > 0 {
			return
		}
		for _, c := range pair {
			emit(r.ids[c], a, f.Sent)
		}
	})
}

// signedEarlier: "The signatories for Australia were ...", "The Treasury
// also signed.": a signing that names its parties but no agreement signed
// the one named just before.
func (r *relator) signedEarlier(emit emitFn) {
	for _, f := range r.signings {
		if len(f.Agreements) > 0 || !signedByRE.MatchString(r.sentText(f.Sent)) && !bareSigningRE.MatchString(r.text[f.Verb:f.End]) {
			continue
		}
		a := r.recentAgreement(f.Sent)
		for _, p := range append(f.Subjects, f.Objects...) {
			emit(r.idOf(p), a, f.Sent)
		}
	}
}

func (r *relator) idsOf(mis []int) []string {
	var out []string
	seen := map[string]bool{}
	for _, mi := range mis {
		if id := r.idOf(mi); id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// recentAgreement is the last agreement named in the two sentences before si.
func (r *relator) recentAgreement(si int) string {
	for k := si - 1; k >= 0 && k >= si-2; k-- {
		if as := r.of(k, schema.Agreement); len(as) > 0 {
			return r.idOf(as[len(as)-1])
		}
	}
	return ""
}

// nameParties: the countries an agreement's name pairs ("Korea-U.S.
// Technology Prosperity Deal") are its parties.
func (r *relator) nameParties(emit emitFn) {
	for ei, e := range r.res.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || r.ids[ei] == "" {
			continue
		}
		for _, mi := range e.Mentions {
			m := r.res.ms[mi]
			for _, c := range r.res.ms {
				if c.Type == schema.Country && c.Rule == "country-pair" && c.Start >= m.Start && c.End <= m.End {
					emit(schema.EntityID(schema.Country, c.Country), r.ids[ei], m.Sent)
				}
			}
		}
	}
}

// signedAt: a place or event that "at", "in", "during" or "on the
// sidelines of" introduces in a signing clause is where it was signed; an
// event so introduced anywhere in the signing's sentence ("As part of the
// EU-CELAC Summit ..., the leaders witnessed the signing of ...") too.
func (r *relator) signedAt(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		purpose := r.purposeAfter(f.Sent, f.Verb)
		for _, mi := range r.of(f.Sent, schema.Location, schema.Event) {
			m := r.res.ms[mi]
			inClause := m.Start >= f.Start && m.End <= f.End && m.Start < purpose
			if !inClause && m.Type != schema.Event {
				continue
			}
			if m.Type == schema.Location && m.End <= f.Verb && andClauseRE.MatchString(r.text[m.End:f.Verb]) && verbBetween(r.sents[f.Sent].Tokens, f.Start, m.Start) {
				continue // "pledged $4.5 billion for projects in Africa, and Masdar signed": the pledge's place
			}
			before := strings.TrimSpace(strings.ToLower(r.text[r.sents[f.Sent].Start:m.Start]))
			if seatIntroRE.MatchString(before) {
				continue // "KHNP, based in Gyeongju, signed": its seat, not the signing's place
			}
			if inClause && placeIntroRE.MatchString(before) || m.Type == schema.Event && (eventIntroRE.MatchString(before) ||
				strings.Contains(m.Name, "'s ") && possessorIntroRE.MatchString(before) ||
				titledPossessorRE.MatchString(strings.TrimSpace(r.text[r.sents[f.Sent].Start:m.Start]))) {
				emit(a, r.idOf(mi), f.Sent)
			}
		}
	})
}

// andClauseRE: a comma and "and" start another clause.
var andClauseRE = regexp.MustCompile(`,\s+and\s`)

// purposeAfter is where the first "to" and a verb of building or
// supplying after the signing verb at off start the project the agreement
// is for ("signed a letter of intent to develop a plant in Patnow"), whose
// places are not where it was signed ("to strengthen cooperation ... in
// Washington" may say where); the sentence's end when there is none.
func (r *relator) purposeAfter(si, off int) int {
	toks := r.sents[si].Tokens
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].Start > off && toks[k].Tag == "TO" && r.gaz.verbs.project[strings.ToLower(toks[k+1].Text)] {
			return toks[k].Start
		}
	}
	return r.sents[si].End
}

var (
	seatIntroRE  = regexp.MustCompile(seatVerbs + `\s+in(?:\s+the)?$`)
	placeIntroRE = regexp.MustCompile(`(?:^|\s)(?:at|in|during|during a|during the|at the|margins of the|sidelines of the|held in|held at)$`)
	// possessorIntroRE: "during Chinese President Xi Jinping's state visit":
	// a title may stand between the word and an event named after its
	// possessor.
	// titledPossessorRE: "during the Foreign Minister's official visit":
	// the event's possessor a title in capitals, outside its name.
	titledPossessorRE = regexp.MustCompile(`(?:^|\s)(?:[Aa]t|[Dd]uring|on the (?:sidelines|margins) of|as part of|ahead of)\s+the(?:\s+\p{Lu}[\p{L}-]*){1,3}['’]s$`)
	possessorIntroRE  = regexp.MustCompile(`(?:^|\s)(?:at|during|on the (?:sidelines|margins) of|as part of|ahead of)(?:\s+the)?(?:\s+\S+){0,3}$`)
	eventIntroRE      = regexp.MustCompile(`(?:^|\s)(?:at|during|at the|at a|at an|in a|in an|in the|during the|during a|during an|on the (?:sidelines|margins) of(?: the)?|as part of(?: the)?|in the (?:framework|context) of(?: the)?|ahead of(?: the)?|on the occasion of(?: the)?)$`)
)

// signedDate is the date a signing's clause, else its sentence, gives.
func (r *relator) signedDate(f *signing, relative bool) (string, bool) {
	pub := r.doc.Article.Published
	for _, txt := range []string{r.text[f.Start:f.End], r.sentText(f.Sent)} {
		if !relative {
			if ds := findDates(txt, pub); len(ds) > 0 {
				return ds[0].Date, true
			}
			continue
		}
		if pub == "" || len(findDates(txt, pub)) > 0 {
			return "", false
		}
		if d, ok := resolveRelative(txt, pub); ok {
			return d.Date, true
		}
	}
	return "", false
}

func (r *relator) signedOnDate(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		if d, ok := r.signedDate(f, false); ok {
			emit(a, d, f.Sent)
		}
	})
}

func (r *relator) signedOnRelative(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		if _, explicit := r.signedDate(f, false); explicit {
			return
		}
		if d, ok := r.signedDate(f, true); ok {
			emit(a, d, f.Sent)
		}
	})
}

// announcing: the bodies, people and countries before "announced" in its
// clause (not those a preposition ties to another name) announced the
// agreements and events named after it.
func (r *relator) announcing(emit emitFn) {
	for si := range r.sents {
		base := r.sents[si].Start
		txt := r.sentText(si)
		for _, loc := range r.gaz.verbs.announce.FindAllStringIndex(txt, -1) {
			verb := base + loc[0]
			start, end := r.clauseAround(si, verb)
			if byNextRE.MatchString(txt[loc[1]:]) {
				r.announcedBy(si, base+loc[1], start, end, emit)
				continue
			}
			var subj []int
			for _, mi := range r.of(si, schema.Ministry, schema.Organization, schema.Person, schema.Country) {
				m := r.res.ms[mi]
				if m.Start >= start && m.End <= verb && isParty(m) && !notPartyRE.MatchString(r.text[start:m.Start]) {
					subj = append(subj, mi)
				}
			}
			for _, o := range r.of(si, schema.Agreement, schema.Event) {
				if om := r.res.ms[o]; om.Start > verb && om.End <= end {
					for _, s := range subj {
						emit(r.idOf(s), r.idOf(o), si)
					}
				}
			}
			if reportEndRE.MatchString(txt[loc[1]:]) {
				r.announcedAtEnd(si, verb, emit)
			}
		}
	}
}

// reportEndRE: what may follow a verb that ends its sentence ("..., the
// agency announced on Tuesday.").
var reportEndRE = regexp.MustCompile(`^\s*(?:(?:on|last)\s+\w+|today|yesterday|in\s+a\s+statement)?\s*[.!]?\s*$`)

// announcedAtEnd: "Japan and the Philippines signed a loan agreement ...,
// the Japan International Cooperation Agency (JICA) announced.": the
// party right before a verb that ends the sentence, after a comma,
// announced the agreements and events before it.
func (r *relator) announcedAtEnd(si, verb int, emit emitFn) {
	subj := -1
	for _, mi := range r.of(si, schema.Ministry, schema.Organization, schema.Person, schema.Country) {
		if m := r.res.ms[mi]; m.End <= verb && isParty(m) && reporterGapRE.MatchString(r.text[m.End:verb]) {
			subj = mi
			break
		}
	}
	if subj < 0 {
		return
	}
	sm := r.res.ms[subj]
	if !commaBeforeRE.MatchString(r.text[r.sents[si].Start:sm.Start]) {
		return
	}
	for _, o := range r.of(si, schema.Agreement, schema.Event) {
		if r.res.ms[o].End <= sm.Start {
			emit(r.idOf(subj), r.idOf(o), si)
		}
	}
}

var (
	// reporterGapRE: between the reporter and its verb, an acronym in
	// parentheses at most.
	reporterGapRE = regexp.MustCompile(`^\s*(?:\([^)]{1,12}\)\s*)?$`)
	// commaBeforeRE: the reporter follows a comma and, perhaps, "the".
	commaBeforeRE = regexp.MustCompile(`,\s+(?:the\s+)?(?:\p{L}+['’]s\s+)?$`)
)

// announcedBy: "measures announced by the UK and Germany": the parties
// after "by" (verbEnd) in the clause announced the agreements and events
// before the verb in it.
func (r *relator) announcedBy(si, verbEnd, start, end int, emit emitFn) {
	var agents []int
	for _, mi := range r.of(si, schema.Ministry, schema.Organization, schema.Person, schema.Country) {
		if m := r.res.ms[mi]; m.Start > verbEnd && m.End <= end && isParty(m) {
			agents = append(agents, mi)
		}
	}
	for _, o := range r.of(si, schema.Agreement, schema.Event) {
		if om := r.res.ms[o]; om.Start >= start && om.End <= verbEnd {
			for _, a := range agents {
				emit(r.idOf(a), r.idOf(o), si)
			}
		}
	}
}

// agreementsBetween: "the pact between Chile and Peru", "an accord with
// Japan": the parties an agreement's own phrase names, signed or not.
func (r *relator) agreementsBetween(emit emitFn) {
	for si := range r.sents {
		for _, a := range r.of(si, schema.Agreement) {
			for _, p := range r.partiesAfter(si, a, agreementPartiesRE) {
				emit(r.idOf(p), r.idOf(a), si)
			}
		}
	}
}

// partiesAfter: the parties that intro introduces right after mention mi
// of sentence si, and those listed with them; a demonym on the way is
// passed ("with Japanese Prime Minister Shigeru Ishiba").
func (r *relator) partiesAfter(si, mi int, intro *regexp.Regexp) []int {
	var out []int
	from := r.res.ms[mi].End
	sent := r.bySent[si]
	for k, p := range sent {
		pm := r.res.ms[p]
		if pm.Start < from || pm.Demonym {
			continue
		}
		if pm.Type == schema.Country && possessive(r.text, pm.End) && k+1 < len(sent) && isParty(r.res.ms[sent[k+1]]) {
			continue // "and Egypt's Electricity Holding Company": the company is the party
		}
		if len(out) > 0 && r.idOf(p) == r.idOf(out[len(out)-1]) {
			from = pastRepeat(r.text, pm.End) // "the Abu Dhabi National Oil Company (ADNOC)"
			continue
		}
		gap := r.gaz.trimDescriptors(r.text[from:pm.Start])
		if len(out) == 0 && pm.Type == schema.Location && inOrAtRE.MatchString(r.text[from:pm.Start]) {
			from = pm.End // "talks in Phnom Penh between A and B"
			continue
		}
		if !isParty(pm) || !(intro.MatchString(gap) || len(out) > 0 && listIntroRE.MatchString(gap)) {
			break
		}
		out = append(out, p)
		from = pm.End
	}
	return out
}

// pastRepeat is where a list goes on after a party named again, as an
// acronym in parentheses, ending at end: past its closing parenthesis.
func pastRepeat(text string, end int) int {
	if strings.HasPrefix(text[end:], ")") {
		return end + 1
	}
	return end
}

// inOrAtRE: "in" or "at" (the) between a name and a place right after it.
var inOrAtRE = regexp.MustCompile(`^\s+(?:in|at)\s+(?:the\s+)?$`)

var agreementPartiesRE = regexp.MustCompile(`^\s*(?:\([^)]*\)\s*)?(?:(?:on|for|to)\s+(?:\w+\s+){0,5})?(?:between|among|signed by|concluded by|reached by)\s+` + titleWordsRE + `$`)

// signedOnArticleDate: news reports a signing on the day it happened; a
// signing whose sentence gives no date and no other year was signed on the
// article's date.
func (r *relator) signedOnArticleDate(emit emitFn) {
	pub := r.doc.Article.Published
	if pub == "" {
		return
	}
	dated := map[string]bool{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.SignedOn {
			dated[rel.Subject] = true // a date the text gives wins
		}
	}
	r.eachSigned(func(f *signing, a string) {
		txt := r.sentText(f.Sent)
		if dated[a] {
			return
		}
		if _, ok := r.signedDate(f, false); ok || len(findDates(txt, pub)) > 0 {
			return
		}
		if _, ok := r.signedDate(f, true); ok {
			return // "on Wednesday": the relative rule's
		}
		for _, y := range yearRE.FindAllString(txt, -1) {
			if y != pub[:4] {
				return // "signed in 2019"
			}
		}
		if earlierRE.MatchString(txt) {
			return // "previous MOUs signed with ..."
		}
		emit(a, pub, f.Sent)
	})
}

var (
	yearRE    = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
	earlierRE = regexp.MustCompile(`(?i)\b(?:previous(?:ly)?|earlier|last (?:year|month|week)|ago|former|prior|had signed|since the signing)\b`)
)

// sectorsWithAgreement: a sector named in a sentence with an agreement is
// one it covers, unless the sentence names it in another agreement's topic
// and this one says what it is about itself ("an MoU on defence industry
// cooperation and an agreement on media": media is no defence).
func (r *relator) sectorsWithAgreement(emit emitFn) {
	for si := range r.sents {
		agrs := r.of(si, schema.Agreement)
		for _, s := range r.of(si, schema.Sector) {
			if r.portfolio(s) {
				continue
			}
			var holders []int
			for _, a := range agrs {
				if r.topicHolds(a, s) {
					holders = append(holders, a)
				}
			}
			for _, a := range r.clauseMates(si, s, agrs) {
				if len(holders) > 0 && !slices.Contains(holders, a) && r.describedAgreement(a) {
					continue
				}
				emit(r.idOf(a), r.idOf(s), si)
			}
		}
	}
}

// clauseMates are the mentions of ms in the clause of mention m ("A signed
// an agreement on hydrogen, while B signed an MoU": the sector is the
// first one's), or all of ms when none is.
func (r *relator) clauseMates(si, m int, ms []int) []int {
	start, end := r.clauseAround(si, r.res.ms[m].Start)
	var out []int
	for _, o := range ms {
		if om := r.res.ms[o]; om.Start >= start && om.End <= end {
			out = append(out, o)
		}
	}
	if len(out) == 0 {
		return ms
	}
	return out
}

// describedAgreement: agreement mention a says what it is about, by a
// topic or by the words of its kind ("an investment treaty"), unlike "the
// agreements" or "an MoU".
func (r *relator) describedAgreement(a int) bool {
	k := kindOf(r.res.ms[a].Name)
	return k.Topic != "" || !isGenericAgreement(k.Kind)
}

// topicHolds: agreement mention a's own words, its kind or its topic,
// name sector mention s ("an investment treaty", "a pact on energy").
func (r *relator) topicHolds(a, s int) bool {
	am, sm := r.res.ms[a], r.res.ms[s]
	return sm.Start >= am.Start && sm.End <= am.End || strings.Contains(" "+schema.Fold(am.Name)+" ", " "+schema.Fold(sm.Name)+" ")
}

// sectorsInArticle: a sector in a sentence that names no agreement but says
// what the parties will work on is covered by the article's main agreement.
func (r *relator) sectorsInArticle(emit emitFn) {
	main := r.mainAgreement()
	if main == "" {
		return
	}
	for si := range r.sents {
		if len(r.of(si, schema.Agreement)) > 0 || !cooperationRE.MatchString(r.sentText(si)) {
			continue
		}
		for _, s := range r.of(si, schema.Sector) {
			if !r.portfolio(s) {
				emit(main, r.idOf(s), si)
			}
		}
	}
}

var (
	portfolioAfterRE  = regexp.MustCompile(`^\s+(?:\p{Lu}[\p{L}-]*\s+){0,2}(?:Minister|Ministry|Secretary|Commissioner|Cabinet Secretary|Czar|Envoy)\b`)
	portfolioBeforeRE = regexp.MustCompile(`(?i)\b(?:minister|secretary|commissioner|ministry|department|cabinet secretary)\s+(?:of|for)\s+(?:[\p{L}-]+(?:,\s+|\s+and\s+))*$`)
)

// portfolio: sector mention mi names a person's or a body's portfolio
// ("Finance Minister X", "the Minister for Energy and Mines Y"), which says
// who signed, not what the agreement is about.
func (r *relator) portfolio(mi int) bool {
	m := r.res.ms[mi]
	return portfolioAfterRE.MatchString(r.res.text[m.End:min(len(r.res.text), m.End+60)]) ||
		portfolioBeforeRE.MatchString(r.res.text[max(0, m.Start-80):m.Start])
}

// cooperationRE: a sentence that says what the parties will work on; a
// sector named in it is one the article's agreement covers.
var cooperationRE = regexp.MustCompile(`(?i)\b(cooperat\w*|collaborat\w*|partnership|areas?|sectors?|fields?|includ\w*|focus\w*|work(?:ing)? together|covers?|span\w*|technologies|initiatives|pledged|deepen\w*|strengthen\w*|develop\w*|support\w*)\b`)

var (
	negotiatedRE = regexp.MustCompile(`(?i)\b(?:negotiations|talks|discussions)\s+between\s+(.{1,200}?)\s+(?:on|over|for)\s+(?:the\s+|a\s+|an\s+)?$`)
	concludedRE  = regexp.MustCompile(`(?i)\b(?:conclu(?:ded|sion|de)|finali[sz](?:ed|ation)|reached|sealed)\b`)
)

// negotiatedBetween: "the conclusion of the negotiations between A and B
// on the X Roadmap": the parties of concluded negotiations on an agreement
// are its parties.
func (r *relator) negotiatedBetween(emit emitFn) {
	for si := range r.sents {
		base := r.sents[si].Start
		txt := r.sentText(si)
		if !concludedRE.MatchString(txt) {
			continue
		}
		for _, a := range r.of(si, schema.Agreement) {
			am := r.res.ms[a]
			m := negotiatedRE.FindStringSubmatchIndex(txt[:am.Start-base])
			if m == nil {
				continue
			}
			from, to := base+m[2], base+m[3]
			for _, p := range r.bySent[si] {
				if pm := r.res.ms[p]; pm.Start >= from && pm.End <= to && isParty(pm) {
					emit(r.idOf(p), r.idOf(a), si)
				}
			}
		}
	}
}
