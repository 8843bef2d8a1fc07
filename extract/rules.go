package extract

import (
	"sort"

	"github.com/newsgraph/newsgraph/schema"
)

// ruleName names a relation rule; a relation's Rule field says which one
// made it.
type ruleName string

// The relation rules, in the order they run. relationRules says what each
// matches.
const (
	ruleSigningVerb        ruleName = "signing-verb"
	ruleSignedWith         ruleName = "signed-with"
	ruleTwoCountries       ruleName = "two-countries-signed"
	ruleSignedEarlier      ruleName = "signed-earlier-agreement"
	ruleNameParties        ruleName = "agreement-name-parties"
	ruleSignedAt           ruleName = "signed-at"
	ruleSignedOnDate       ruleName = "signed-on-date"
	ruleSignedOnRelative   ruleName = "signed-on-relative"
	ruleSignedOnArticle    ruleName = "signed-on-article-date"
	ruleAgreementBetween   ruleName = "agreement-between"
	ruleNegotiatedBetween  ruleName = "negotiated-between"
	ruleAnnounceVerb       ruleName = "announce-verb"
	ruleSectorWith         ruleName = "sector-with-agreement"
	ruleSectorInArticle    ruleName = "sector-in-article"
	ruleAttendVerb         ruleName = "attend-verb"
	ruleVisitor            ruleName = "visitor-attended"
	ruleMeetingBetween     ruleName = "meeting-between"
	ruleSpokeAt            ruleName = "spoke-at"
	ruleMetAttended        ruleName = "met-then-meeting"
	ruleMetPlace           ruleName = "met-in-place"
	ruleSigningCeremony    ruleName = "signing-ceremony"
	ruleEventWithinEvent   ruleName = "event-within-event"
	ruleEventPlace         ruleName = "event-place"
	ruleVisitPlace         ruleName = "visit-place"
	ruleVenuePlace         ruleName = "venue-place"
	ruleCityOfCountry      ruleName = "city-of-country"
	ruleSeatPlace          ruleName = "seat-place"
	ruleBasedIn            ruleName = "based-in"
	ruleTitleOfBody        ruleName = "title-of-body"
	ruleBodyAfterVerb      ruleName = "body-after-verb"
	ruleBodyTitleName      ruleName = "body-title-name"
	ruleTitleFieldBody     ruleName = "title-field-body"
	ruleOnBehalfOfBody     ruleName = "on-behalf-of-body"
	ruleOnBehalfOfCountry  ruleName = "on-behalf-of-country"
	ruleBodyOfCountry      ruleName = "body-of-country"
	ruleBodyUnderBody      ruleName = "body-under-body"
	ruleCountryTitle       ruleName = "country-title"
	ruleCountryDelegation  ruleName = "country-delegation"
	ruleMemberCountryBody  ruleName = "member-of-country-body"
	ruleSignerAttended     ruleName = "signer-attended"
	ruleWitnessAttended    ruleName = "witness-attended"
	ruleSignerCountry      ruleName = "signer-country"
	ruleSignedAtEventPlace ruleName = "signed-at-event-place"
	ruleMainPairSigned     ruleName = "main-pair-signed"
	ruleMemberSigned       ruleName = "member-of-several"
	ruleMemberSignedAt     ruleName = "member-signed-at"
	ruleMemberSignedOn     ruleName = "member-signed-on"
)

// headlineDiscount lowers the confidence of what a headline says: its
// words are chosen to be short rather than exact, and the body usually
// says the same at full length.
const headlineDiscount = 0.05

// emitFn records that subj relates to obj, as sentence si says (-1: the
// article as a whole).
type emitFn func(subj, obj string, si int)

// A relationRule is one row of the relation table: what it is called, the
// predicate and confidence of what it finds, what it matches, and the code
// that matches it.
type relationRule struct {
	Name      ruleName
	Predicate schema.Predicate
	Conf      float64
	Matches   string
	find      func(r *relator, emit emitFn)
}

// relationRules is the relation table. Rules run in this order; a rule may
// read the relations the rules above it found.
var relationRules = []relationRule{
	{ruleSigningVerb, schema.Signed, 0.8, `a party before a signing verb in its clause: "Chile and Peru signed an MoU"`, (*relator).signingSubjects},
	{ruleSignedWith, schema.Signed, 0.8, `a party that "with", "between", "by", "among" or "on behalf of" introduces after a signing verb: "signed an MoU with Initech"`, (*relator).signingObjects},
	{ruleTwoCountries, schema.Signed, 0.8, `"the two countries", "both sides" signed: the article's two most named countries`, (*relator).bothSidesSigned},
	{ruleSignedEarlier, schema.Signed, 0.65, `a signing clause that names parties but no agreement: the agreement named in the two sentences before ("The signatories were ...", "The Treasury also signed.")`, (*relator).signedEarlier},
	{ruleNameParties, schema.Signed, 0.8, `the countries an agreement's name pairs: "Korea-U.S. Technology Prosperity Deal"`, (*relator).nameParties},
	{ruleSignedAt, schema.SignedAt, 0.7, `a place or event after "at", "in", "during" or "on the sidelines of" in a signing clause`, (*relator).signedAt},
	{ruleSignedOnDate, schema.SignedOn, 0.8, `an explicit date in a signing sentence`, (*relator).signedOnDate},
	{ruleSignedOnRelative, schema.SignedOn, 0.75, `"on Wednesday", "today" in a signing sentence, resolved against the article's date`, (*relator).signedOnRelative},
	{ruleSignedOnArticle, schema.SignedOn, 0.55, `a signing whose sentence gives no date, no other year and no "previous": the article's date`, (*relator).signedOnArticleDate},
	{ruleAgreementBetween, schema.Signed, 0.7, `the parties an agreement's own phrase names: "the pact between Chile and Peru"`, (*relator).agreementsBetween},
	{ruleNegotiatedBetween, schema.Signed, 0.6, `the parties of concluded "negotiations between A and B on" an agreement`, (*relator).negotiatedBetween},
	{ruleAnnounceVerb, schema.Announced, 0.7, `the bodies, people and countries before "announced" in its clause announced the agreements and events after it`, (*relator).announcing},
	{ruleSectorWith, schema.CoversSector, 0.75, `a sector named in a sentence with an agreement`, (*relator).sectorsWithAgreement},
	{ruleSectorInArticle, schema.CoversSector, 0.6, `a sector in a sentence about cooperation: the article's main agreement covers it`, (*relator).sectorsInArticle},
	{ruleAttendVerb, schema.Attended, 0.65, `the people and organizations of a sentence that says an event was attended, hosted or joined`, (*relator).attending},
	{ruleVisitor, schema.Attended, 0.75, `the one whose visit, trip or meeting it is: "Xi Jinping's state visit to Brazil"`, (*relator).visitors},
	{ruleSpokeAt, schema.Attended, 0.65, `who spoke at or during an event: "Lula stated during the signing ceremony", "Speaking at the forum, Makamba said"`, (*relator).speakersAt},
	{ruleMeetingBetween, schema.Attended, 0.7, `the people an event's "between" or "with" names: "a meeting between Truss and Marsudi"`, (*relator).meetingBetween},
	{ruleMetAttended, schema.Attended, 0.65, `the people before "met" attended the meeting that sentence or the next names: "A and B met in London. During the meeting, ..."`, (*relator).metAttended},
	{ruleMetPlace, schema.LocatedIn, 0.65, `that meeting took place where "met ... in" says`, (*relator).metPlaces},
	{ruleSigningCeremony, schema.SignedAt, 0.6, `a "signing ceremony" no signing clause places an agreement at: the agreements signed in its sentence, else the article's main one`, (*relator).signingCeremonies},
	{ruleEventWithinEvent, schema.PartOf, 0.7, `"X on the sidelines of / during / as part of Y": event X is part of event Y`, (*relator).eventParts},
	{ruleEventPlace, schema.LocatedIn, 0.7, `an event followed closely by "in" or "at" a place`, (*relator).eventPlaces},
	{ruleVisitPlace, schema.LocatedIn, 0.7, `a "visit to" a country or city took place there`, (*relator).visitPlaces},
	{ruleVenuePlace, schema.LocatedIn, 0.7, `a place right before "in" another ("the Marriott Hotel in Warsaw"), or a town before its country ("Patnow, Poland")`, (*relator).venuePlaces},
	{ruleSeatPlace, schema.LocatedIn, 0.75, `a body named with its seat: "Embassy of the United Kingdom in Peru"`, (*relator).seatPlaces},
	{ruleBasedIn, schema.LocatedIn, 0.75, `an organization or body after where it is based: "Madrid-based Repsol"`, (*relator).basedIn},
	{ruleCityOfCountry, schema.LocatedIn, 0.6, `a city the gazetteer places in a country the article names`, (*relator).cityCountries},
	{ruleTitleOfBody, schema.MemberOf, 0.75, `a person whose title runs into "of" or "at" a body: "Jackson, director of the agency"`, (*relator).titleOfBody},
	{ruleBodyAfterVerb, schema.MemberOf, 0.7, `a person who heads, leads, runs or works for a body, or is "from" or "with" it: "Ana Rojas, who heads the Mining Agency"`, (*relator).bodyAfterVerb},
	{ruleBodyTitleName, schema.MemberOf, 0.7, `a body, a title, a name: "the Ministry's spokesperson Ana Costa"`, (*relator).bodyTitleName},
	{ruleTitleFieldBody, schema.MemberOf, 0.65, `a title that names a body's field: "Commerce Secretary" and the "Department of Commerce"`, (*relator).titleBodies},
	{ruleOnBehalfOfBody, schema.MemberOf, 0.75, `people who sign "on behalf of" a body work for it`, (*relator).behalfOfBody},
	{ruleOnBehalfOfCountry, schema.Represents, 0.75, `people who sign "on behalf of" a country, or are its signatories, represent it`, (*relator).behalfOfCountry},
	{ruleBodyOfCountry, schema.PartOf, 0.8, `a government body qualified by a country the article names: "U.S. Department of Commerce"`, (*relator).bodiesOfCountries},
	{ruleBodyUnderBody, schema.PartOf, 0.75, `"the Bureau of Mines, under the Ministry of Mines and Energy": a body under another is part of it`, (*relator).bodiesUnderBodies},
	{ruleCountryTitle, schema.Represents, 0.8, `a person titled by a country: "Japanese Foreign Minister", "ambassador of Senegal"`, (*relator).countryTitles},
	{ruleCountryDelegation, schema.Represents, 0.7, `the people a country's delegation included, or its side was represented or led by`, (*relator).delegations},
	{ruleMemberCountryBody, schema.Represents, 0.7, `a member of a body that is part of a country represents it`, (*relator).membersOfCountryBodies},
	{ruleSignedAtEventPlace, schema.SignedAt, 0.6, `an agreement signed at an event was signed where the event took place`, (*relator).signedAtEventPlaces},
	{ruleSignerAttended, schema.Attended, 0.6, `a person who signed an agreement at an event attended it`, (*relator).signersAttend},
	{ruleWitnessAttended, schema.Attended, 0.6, `who witnessed a signing, or in whose presence it was, attended the event it was signed at`, (*relator).witnessesAttend},
	{ruleSignerCountry, schema.Signed, 0.6, `the country a signer represents is a party to what the signer signed`, (*relator).signersCountries},
	{ruleMemberSigned, schema.Signed, 0.6, `who signed several agreements ("signed two grant agreements") signed each the text singles out ("The first grant ...", "A separate grant ...")`, (*relator).membersSigned},
	{ruleMemberSignedAt, schema.SignedAt, 0.55, `each agreement singled out of several was signed where they were`, (*relator).membersSignedAt},
	{ruleMemberSignedOn, schema.SignedOn, 0.55, `each agreement singled out of several was signed when they were`, (*relator).membersSignedOn},
	{ruleMainPairSigned, schema.Signed, 0.55, `an agreement whose signing names no party at all ("witnessed the exchange of four MoUs"): the article's two main countries, each named twice`, (*relator).mainPairSigned},
}

// relator applies the relation rules to one article.
type relator struct {
	doc      *schema.Document
	res      *resolver
	ids      []string
	sents    []sentence
	text     string
	gaz      *gazetteer
	signings []signing

	bySent [][]int // sentence -> mention indexes, in order
	types  map[string]schema.EntityType
	counts map[string]int
	sideOf map[string]aSide // the people a country's side was represented by (sides), made on first use
}

func (r *relator) run() {
	r.types = map[string]schema.EntityType{}
	r.counts = map[string]int{}
	var kept []mention
	for mi, m := range r.res.ms {
		ei := r.res.mentOf[mi]
		if ei < 0 || r.ids[ei] == "" {
			m.Sent = -1 // left out of the sentence lists below
		} else {
			r.types[r.ids[ei]] = m.Type
			r.counts[r.ids[ei]]++
		}
		kept = append(kept, m)
	}
	r.bySent = mentionsBySentence(kept, len(r.sents))
	for i := range relationRules {
		rule := &relationRules[i]
		rule.find(r, func(subj, obj string, si int) { r.add(rule, subj, obj, si) })
	}
	r.dropIncidentalSectors()
}

func (r *relator) idOf(mi int) string {
	ei := r.res.mentOf[mi]
	if ei < 0 {
		return ""
	}
	return r.ids[ei]
}

// add records a relation the rule found, when the ontology allows its ends.
func (r *relator) add(rule *relationRule, subj, obj string, si int) {
	if subj == "" || obj == "" || subj == obj {
		return
	}
	spec, _ := schema.Spec(rule.Predicate)
	if !spec.Allows(r.types[subj], r.types[obj]) {
		return
	}
	ev := schema.Evidence{}
	conf := rule.Conf
	if si >= 0 && si < len(r.sents) {
		s := r.sents[si]
		ev = schema.Evidence{Text: r.text[s.Start:s.End], Start: s.Start, End: s.End}
		if s.Headline {
			conf -= headlineDiscount
		}
	}
	r.doc.Relations = append(r.doc.Relations, schema.Relation{Subject: subj, Predicate: rule.Predicate, Object: obj,
		Confidence: conf, Rule: string(rule.Name), Evidence: ev})
}

func (r *relator) sentText(si int) string {
	s := r.sents[si]
	return r.text[s.Start:s.End]
}

// of returns the mentions of the given types in sentence si, in order.
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

// mainAgreement is the agreement the article names most.
func (r *relator) mainAgreement() string {
	best, n := "", 0
	for _, e := range r.doc.Entities {
		if e.Type == schema.Agreement && (len(e.Mentions) > n || len(e.Mentions) == n && e.ID < best) {
			best, n = e.ID, len(e.Mentions)
		}
	}
	return best
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
