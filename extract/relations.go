package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

var (
	signVerbRE   = regexp.MustCompile(`(?i)\b(sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|seal(?:ed|s)?|exchanged|signator(?:y|ies)|adopted|joined|agreed)\b`)
	announceRE   = regexp.MustCompile(`(?i)\b(announc(?:ed|es|ing)|unveil(?:ed|s)|launch(?:ed|es))\b`)
	attendRE     = regexp.MustCompile(`(?i)\b(attend(?:ed|s|ing)?|participat(?:ed|es|ing)|took part|joined by|met with|hosted|welcomed|featur(?:ed|es|ing)|brings together|bringing together)\b`)
	partOfRE     = regexp.MustCompile(`(?i)\b(?:on the (?:sidelines|margins) of|as part of|within the framework of|during)\b`)
	twoCountryRE = regexp.MustCompile(`(?i)\b(?:(?:the|our) (?:two|2) (?:countries|nations|sides|governments)|both (?:countries|nations|sides|governments)|the two)\b`)
)

// relator applies the relation rules to one article.
type relator struct {
	doc   *schema.Document
	res   *resolver
	ids   []string
	sents []sentence
	text  string
	gaz   *gazetteer

	bySent map[int][]int // sentence -> mention indexes, in order
	types  map[string]schema.EntityType
	counts map[string]int
}

func (r *relator) run() {
	r.bySent = map[int][]int{}
	r.types = map[string]schema.EntityType{}
	r.counts = map[string]int{}
	for mi, m := range r.res.ms {
		ei := r.res.mentOf[mi]
		if ei < 0 || r.ids[ei] == "" {
			continue
		}
		r.bySent[m.Sent] = append(r.bySent[m.Sent], mi)
		r.types[r.ids[ei]] = m.Type
		r.counts[r.ids[ei]]++
	}
	for _, ms := range r.bySent {
		sort.SliceStable(ms, func(a, b int) bool { return r.res.ms[ms[a]].Start < r.res.ms[ms[b]].Start })
	}
	for si := range r.sents {
		r.signing(si)
		r.announcing(si)
		r.attending(si)
		r.eventParts(si)
		r.eventPlaces(si)
		r.membership(si)
		r.behalf(si)
	}
	r.sectorCoverage()
	r.nameParties()
	r.titleCountries()
	r.delegations()
	r.titleBodies()
	r.affiliations()
	r.signersAttend()
	r.visitPlaces()
	r.cityCountries()
	r.dropIncidentalSectors()
}

// dropIncidentalSectors: in an article about an agreement, a sector that no
// agreement covers was named in passing ("investments" in a quote) and is
// not one of the article's subjects.
func (r *relator) dropIncidentalSectors() {
	if r.mainAgreement() == "" {
		return
	}
	covered := map[string]bool{}
	for _, rel := range r.doc.Relations {
		if rel.Predicate == schema.CoversSector {
			covered[rel.Object] = true
		}
	}
	keep := r.doc.Entities[:0]
	for _, e := range r.doc.Entities {
		if e.Type != schema.Sector || covered[e.ID] {
			keep = append(keep, e)
		}
	}
	r.doc.Entities = keep
}

func (r *relator) idOf(mi int) string {
	ei := r.res.mentOf[mi]
	if ei < 0 {
		return ""
	}
	return r.ids[ei]
}

func (r *relator) add(subj string, p schema.Predicate, obj string, conf float64, rule string, si int) {
	if subj == "" || obj == "" || subj == obj {
		return
	}
	spec, _ := schema.Spec(p)
	if !spec.Allows(r.types[subj], r.types[obj]) {
		return
	}
	ev := schema.Evidence{}
	if si >= 0 && si < len(r.sents) {
		s := r.sents[si]
		ev = schema.Evidence{Text: r.text[s.Start:s.End], Start: s.Start, End: s.End}
	}
	r.doc.Relations = append(r.doc.Relations, schema.Relation{Subject: subj, Predicate: p, Object: obj,
		Confidence: conf, Rule: rule, Evidence: ev})
}

func (r *relator) sentText(si int) string {
	s := r.sents[si]
	return r.text[s.Start:s.End]
}

// of returns the ids of the given types mentioned in sentence si, in order.
func (r *relator) of(si int, types ...schema.EntityType) []int {
	var out []int
	for _, mi := range r.bySent[si] {
		for _, t := range types {
			if r.res.ms[mi].Type == t {
				out = append(out, mi)
				break
			}
		}
	}
	return out
}

// signing: in a sentence with a signing verb, the countries, people, bodies
// and organizations named are parties to the agreements named; "the two
// countries" are the article's two main countries; the places and events it
// was signed at and the date it was signed on come from the same sentence.
func (r *relator) signing(si int) {
	txt := r.sentText(si)
	verb := signVerb(txt)
	if verb < 0 {
		return
	}
	verb += r.sents[si].Start
	ids := r.idsOf(r.signedObjects(si, verb))
	conf := 0.75
	if len(ids) == 0 && signedByRE.MatchString(txt) {
		// "The signatories for Australia were ...": the agreement of the
		// sentences just before
		if a := r.recentAgreement(si); a != "" {
			ids, conf = []string{a}, 0.65
		}
	}
	for _, aid := range ids {
		for _, p := range r.of(si, schema.Country, schema.Person, schema.Ministry, schema.Organization) {
			if r.res.ms[p].Demonym || r.res.ms[p].Rule == "country-pair" || r.res.ms[p].Rule == "byline" || !r.partyPosition(si, verb, r.res.ms[p]) {
				continue
			}
			r.add(r.idOf(p), schema.Signed, aid, conf, "signing-verb", si)
		}
		if twoCountryRE.MatchString(txt) {
			for _, c := range r.mainCountries(2) {
				r.add(c, schema.Signed, aid, 0.8, "two-countries-signed", si)
			}
		}
		r.signedAt(si, aid)
		r.signedOn(si, aid)
	}
}

// signedObjects are the agreements a signing verb acts on: the first named
// after the verb and those listed with it ("signed the X and the Y"), or,
// when none follows ("The MoU was signed"), the last named before it.
func (r *relator) signedObjects(si, verb int) []int {
	agrs := r.of(si, schema.Agreement)
	var after []int
	for _, a := range agrs {
		m := r.res.ms[a]
		if m.Start < verb {
			continue
		}
		if len(after) > 0 {
			prev := r.res.ms[after[len(after)-1]]
			if m.Start < prev.End {
				continue // nested in the agreement before it ("the MOU" inside its title)
			}
			if !listGap.MatchString(r.text[prev.End:m.Start]) {
				break
			}
		}
		after = append(after, a)
	}
	if len(after) > 0 {
		return after
	}
	if len(agrs) > 0 {
		return agrs[len(agrs)-1:]
	}
	return nil
}

var listGap = regexp.MustCompile(`^(?:\s*(?:,|and|as well as|the|a|an|two|several)\s*)*$`)

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

var reportVerbRE = regexp.MustCompile(`(?i)\b(announced|announces|said|says|reported|stated|confirmed|noted|added)\b[^.;]*\bthat\b`)

var signedByRE = regexp.MustCompile(`(?i)\b(signator(?:y|ies)|signed by|signed on behalf)\b`)

// signVerb finds the signing verb of a sentence, ignoring "signing
// ceremony" and the like, where "signing" names an event.
func signVerb(txt string) int {
	for _, m := range signVerbRE.FindAllStringIndex(txt, -1) {
		rest := strings.TrimSpace(txt[m[1]:])
		if strings.HasPrefix(rest, "ceremony") || strings.HasPrefix(rest, "event") {
			continue
		}
		before := txt[max(0, m[0]-40):m[0]]
		if unsigned.MatchString(before) && !(todayRE.MatchString(txt) && willRE.MatchString(before)) || strings.EqualFold(txt[m[0]:m[1]], "agreed") && talksOnly.MatchString(rest) {
			continue // "No agreement was signed", "will sign", "agreed to start talks"
		}
		return m[0]
	}
	return -1
}

var (
	todayRE   = regexp.MustCompile(`(?i)\btoday\b`)
	willRE    = regexp.MustCompile(`(?i)\bwill\s+(?:\w+\s+){0,2}$`)
	unsigned  = regexp.MustCompile(`(?i)\b(?:no|not|never|yet to|plans? to|planned to|will|would|could|may|might|expected to|intends? to|hopes? to|ready to|to be)\s+(?:\w+\s+){0,2}$`)
	talksOnly = regexp.MustCompile(`(?i)^(?:that|on|with|upon)\b|^to\s+(?:start|begin|launch|hold|continue|discuss|negotiate|explore|consider|study|work|keep)\b`)
)

// partyPosition: a party stands before the signing verb, or after it
// introduced by "by", "with", "between" or "on behalf of"; what follows the
// agreement noun otherwise is its content ("notes for the grant of goods of
// the Self-Defense Forces").
func (r *relator) partyPosition(si, verb int, m mention) bool {
	if m.End <= verb {
		// "The Ministry announced that the two countries signed": the
		// reporter of a signing is not a party to it
		return !reportVerbRE.MatchString(r.text[m.End:verb])
	}
	between := strings.ToLower(r.text[verb:m.Start])
	for _, w := range []string{" by ", " with ", " between ", "behalf of ", " among ", " were ", " was ", " are ", " is "} {
		if strings.Contains(between, w) {
			return true
		}
	}
	return false
}

// mainCountries are the n countries the article mentions most.
func (r *relator) mainCountries(n int) []string {
	var cs []string
	for id, t := range r.types {
		if t == schema.Country {
			cs = append(cs, id)
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if r.counts[cs[a]] != r.counts[cs[b]] {
			return r.counts[cs[a]] > r.counts[cs[b]]
		}
		return cs[a] < cs[b]
	})
	if len(cs) > n {
		cs = cs[:n]
	}
	return cs
}

func (r *relator) signedAt(si int, aid string) {
	txt := r.sentText(si)
	base := r.sents[si].Start
	for _, mi := range r.of(si, schema.Location, schema.Event) {
		m := r.res.ms[mi]
		before := strings.ToLower(txt[:m.Start-base])
		if strings.HasSuffix(strings.TrimSpace(before), " at the") || strings.HasSuffix(before, " in ") ||
			strings.HasSuffix(before, " at ") || strings.HasSuffix(strings.TrimSpace(before), " during a") ||
			strings.HasSuffix(strings.TrimSpace(before), " during the") || strings.HasSuffix(strings.TrimSpace(before), "margins of the") ||
			strings.HasSuffix(strings.TrimSpace(before), "sidelines of the") {
			r.add(aid, schema.SignedAt, r.idOf(mi), 0.7, "signed-at", si)
		}
	}
}

func (r *relator) signedOn(si int, aid string) {
	txt := r.sentText(si)
	pub := r.doc.Article.Published
	if ds := findDates(txt, pub); len(ds) > 0 {
		r.add(aid, schema.SignedOn, ds[0].Date, 0.8, "signed-on-date", si)
		return
	}
	if pub == "" {
		return
	}
	if d, ok := resolveRelative(txt, pub); ok {
		r.add(aid, schema.SignedOn, d.Date, 0.75, "signed-on-relative", si)
	}
}

// announcing: a body, person or country before "announced" announced the
// agreements and events of the sentence.
func (r *relator) announcing(si int) {
	txt := r.sentText(si)
	loc := announceRE.FindStringIndex(txt)
	if loc == nil {
		return
	}
	verb := r.sents[si].Start + loc[0]
	var subj []int
	for _, mi := range r.of(si, schema.Ministry, schema.Organization, schema.Person, schema.Country) {
		if r.res.ms[mi].End <= verb && !r.res.ms[mi].Demonym {
			subj = append(subj, mi)
		}
	}
	if len(subj) == 0 {
		return
	}
	s := subj[len(subj)-1]
	for _, o := range r.of(si, schema.Agreement) {
		if r.res.ms[o].Start > verb {
			r.add(r.idOf(s), schema.Announced, r.idOf(o), 0.7, "announce-verb", si)
		}
	}
}

// sectorCoverage: each sector the article names is covered by the agreement
// it shares a sentence with, or else by the article's main agreement.
func (r *relator) sectorCoverage() {
	main := r.mainAgreement()
	for si := range r.sents {
		agrs := r.of(si, schema.Agreement)
		for _, s := range r.of(si, schema.Sector) {
			if len(agrs) > 0 {
				for _, a := range agrs {
					r.add(r.idOf(a), schema.CoversSector, r.idOf(s), 0.75, "sector-with-agreement", si)
				}
				continue
			}
			if main != "" && cooperationRE.MatchString(r.sentText(si)) {
				r.add(main, schema.CoversSector, r.idOf(s), 0.6, "sector-in-article", si)
			}
		}
	}
}

// cooperationRE: a sentence that says what the parties will work on; a
// sector named in it is one the article's agreement covers.
var cooperationRE = regexp.MustCompile(`(?i)\b(cooperat\w*|collaborat\w*|partnership|areas?|sectors?|fields?|includ\w*|focus\w*|work(?:ing)? together|covers?|span\w*|technologies|initiatives|pledged|deepen\w*|strengthen\w*|develop\w*|support\w*)\b`)

func (r *relator) mainAgreement() string {
	best, n := "", 0
	for _, e := range r.doc.Entities {
		if e.Type == schema.Agreement && (len(e.Mentions) > n || len(e.Mentions) == n && e.ID < best) {
			best, n = e.ID, len(e.Mentions)
		}
	}
	return best
}

// nameParties: the countries an agreement's name pairs ("Korea-U.S.
// Technology Prosperity Deal") are its parties.
func (r *relator) nameParties() {
	for ei, e := range r.res.ents {
		if e.Type != schema.Agreement || len(e.Mentions) == 0 || r.ids[ei] == "" {
			continue
		}
		for _, mi := range e.Mentions {
			m := r.res.ms[mi]
			for _, c := range r.res.ms {
				if c.Type == schema.Country && c.Rule == "country-pair" && c.Start >= m.Start && c.End <= m.End {
					r.add(schema.EntityID(schema.Country, c.Country), schema.Signed, r.ids[ei], 0.8, "agreement-name-parties", m.Sent)
				}
			}
		}
	}
}
