package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

var (
	signVerbRE   = regexp.MustCompile(`(?i)\b(sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|seal(?:ed|s)?|exchanged|signator(?:y|ies)|adopted|joined|agreed|award(?:ed|s)?|conferred|clinched|struck)\b`)
	announceRE   = regexp.MustCompile(`(?i)\b(announc(?:ed|es|ing)|unveil(?:ed|s)|launch(?:ed|es))\b`)
	attendRE     = regexp.MustCompile(`(?i)\b(attend(?:ed|s|ing)?|participat(?:ed|es|ing)|took part|joined by|met with|hosted|welcomed|featur(?:ed|es|ing)|brings together|bringing together|convened|chaired|co-chaired|addressed|witnessed|spoke at|held talks)\b`)
	partOfRE     = regexp.MustCompile(`(?i)\b(?:on the (?:sidelines|margins) of|as part of|within the framework of|during)\b`)
	twoCountryRE = regexp.MustCompile(`(?i)\b(?:(?:the|our) (?:two|2) (?:countries|nations|sides|governments)|both (?:countries|nations|sides|governments)|the two)\b`)
	reportVerbRE = regexp.MustCompile(`(?i)\b(announced|announces|said|says|reported|stated|confirmed|noted|added)\b[^.;]*\bthat\b`)
	signedByRE   = regexp.MustCompile(`(?i)\b(signator(?:y|ies)|signed by|signed on behalf)\b`)
	listGap      = regexp.MustCompile(`^(?:\s*(?:,|and|as well as|the|a|an|two|several)\s*)*$`)

	witnessRE = regexp.MustCompile(`(?i)^as\s+(?:an?\s+)?witness`)
	todayRE   = regexp.MustCompile(`(?i)\btoday\b`)
	willRE    = regexp.MustCompile(`(?i)\bwill\s+(?:\w+\s+){0,2}$`)
	unsigned  = regexp.MustCompile(`(?i)\b(?:no|not|never|yet to|plans? to|planned to|will|would|could|may|might|expected to|intends? to|hopes? to|ready to|to be)\s+(?:\w+\s+){0,2}$`)
	talksOnly = regexp.MustCompile(`(?i)^(?:that|on|with|upon)\b|^to\s+(?:start|begin|launch|hold|continue|discuss|negotiate|explore|consider|study|work|keep)\b`)
)

// isSigningVerb: the match txt[start:end] of signVerbRE says something was
// signed; "signing ceremony" names an event, "No agreement was signed",
// "will sign" and "agreed to start talks" say nothing was.
func isSigningVerb(txt string, start, end int) bool {
	rest := strings.TrimSpace(txt[end:])
	if strings.HasPrefix(rest, "ceremony") || strings.HasPrefix(rest, "event") || witnessRE.MatchString(rest) {
		return false // "signed as witnesses"
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

// signedEarlier: "The signatories for Australia were ...": a signing that
// names its parties but no agreement signed the one named just before.
func (r *relator) signedEarlier(emit emitFn) {
	for _, f := range r.signings {
		if len(f.Agreements) > 0 || !signedByRE.MatchString(r.sentText(f.Sent)) {
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
// sidelines of" introduces in a signing clause is where it was signed.
func (r *relator) signedAt(emit emitFn) {
	r.eachSigned(func(f *signing, a string) {
		for _, mi := range r.of(f.Sent, schema.Location, schema.Event) {
			m := r.res.ms[mi]
			if m.Start < f.Start || m.End > f.End {
				continue
			}
			before := strings.TrimSpace(strings.ToLower(r.text[f.Start:m.Start]))
			for _, w := range []string{" at the", " at", " in", " during a", " during the", "margins of the", "sidelines of the"} {
				if strings.HasSuffix(before, w) {
					emit(a, r.idOf(mi), f.Sent)
					break
				}
			}
		}
	})
}

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

// announcing: a body, person or country before "announced" announced the
// agreements named after it.
func (r *relator) announcing(emit emitFn) {
	for si := range r.sents {
		loc := announceRE.FindStringIndex(r.sentText(si))
		if loc == nil {
			continue
		}
		verb := r.sents[si].Start + loc[0]
		var subj []int
		for _, mi := range r.of(si, schema.Ministry, schema.Organization, schema.Person, schema.Country) {
			if r.res.ms[mi].End <= verb && !r.res.ms[mi].Demonym {
				subj = append(subj, mi)
			}
		}
		if len(subj) == 0 {
			continue
		}
		s := subj[len(subj)-1]
		for _, o := range r.of(si, schema.Agreement) {
			if r.res.ms[o].Start > verb {
				emit(r.idOf(s), r.idOf(o), si)
			}
		}
	}
}

// sectorsWithAgreement: a sector named in a sentence with an agreement is
// one it covers.
func (r *relator) sectorsWithAgreement(emit emitFn) {
	for si := range r.sents {
		agrs := r.of(si, schema.Agreement)
		for _, s := range r.of(si, schema.Sector) {
			for _, a := range agrs {
				emit(r.idOf(a), r.idOf(s), si)
			}
		}
	}
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
			emit(main, r.idOf(s), si)
		}
	}
}

// cooperationRE: a sentence that says what the parties will work on; a
// sector named in it is one the article's agreement covers.
var cooperationRE = regexp.MustCompile(`(?i)\b(cooperat\w*|collaborat\w*|partnership|areas?|sectors?|fields?|includ\w*|focus\w*|work(?:ing)? together|covers?|span\w*|technologies|initiatives|pledged|deepen\w*|strengthen\w*|develop\w*|support\w*)\b`)
