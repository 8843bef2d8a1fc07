package extract

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/schema"
)

// NameSource says what finds the names of people, organizations, places
// and events.
type NameSource string

const (
	// NamesBoth: the rules first; the tagger types the capitalised runs
	// no rule could type, drops those it is sure are not names, splits runs
	// that hold several names and adds names the rules did not see.
	NamesBoth NameSource = "both"
	// NamesRules: the chunker, gazetteers and context rules alone.
	NamesRules NameSource = "rules"
	// NamesModel: the tagger alone finds names; gazetteers only give a
	// name its canonical form (a Country, a Ministry).
	NamesModel NameSource = "model"
)

// ParseNameSource reads a NameSource; "" is NamesBoth.
func ParseNameSource(s string) (NameSource, error) {
	switch NameSource(s) {
	case "", NamesBoth:
		return NamesBoth, nil
	case NamesRules, NamesModel:
		return NameSource(s), nil
	}
	return "", fmt.Errorf("extract: names %q: want rules, model or both", s)
}

// The rules the tagger's mentions carry.
const (
	ruleTagger    = "name-tagger"     // a name the tagger typed or, alone, found
	ruleTaggerNew = "name-tagger-new" // a name beside the rules that only the tagger found
)

// How sure the tagger must be, in mean label probability (calibrated on
// held-out text when the model is trained). The tagger, trained on little
// news, types the runs the rules leave over worse than it tells names from
// non-names: typing asks for near certainty, dropping for a clear majority
// (`make ablation` shows what each adds).
const (
	taggerTypeMin = 0.95 // to type, retype or split a run a weak rule typed or none did
	taggerDropO   = 0.6  // that such a run is not a name at all
	taggerNewMin  = 0.9  // to add a name the rules did not see
)

func loadTagger(cfg Config) (*NameModel, error) {
	switch {
	case cfg.Names == NamesRules:
		return nil, nil
	case cfg.NameModel != nil:
		return cfg.NameModel, nil
	}
	m, err := embeddedNameModel()
	if err != nil {
		return nil, fmt.Errorf("extract: loading the embedded name tagger: %w", err)
	}
	return m, nil
}

// nameTagging is one article's use of the tagger, with its buffers.
type nameTagging struct {
	model *NameModel
	feats *nameFeatures
	alone bool
	sc    tagScratch
	spans []nameSpan
}

func (x *Extractor) nameTagger() *nameTagging {
	if x.tagger == nil {
		return nil
	}
	return &nameTagging{model: x.tagger, feats: x.names, alone: x.cfg.Names == NamesModel}
}

// modelNames, when the tagger works alone, makes its names the
// sentence's names, before the appositive rule gives people their titles.
// Title-cased headlines are left to the gazetteer, as the rules leave them.
func (r *recognizer) modelNames(si int, s sentence, first int) {
	t := r.names
	if t == nil || !t.alone || !t.run(r, s) {
		return
	}
	for _, sp := range t.spans {
		r.addTagged(si, s.Tokens, sp, len(r.text), ruleTagger, 0.5+0.3*float64(sp.Conf))
	}
}

// reviewNames, when the tagger works beside the rules, reviews what the
// weakest rules made of the sentence's capitalised runs (from mention first
// on) and adds the sure names no rule saw.
func (r *recognizer) reviewNames(si int, s sentence, first int) {
	t := r.names
	if t == nil || t.alone || !t.run(r, s) {
		return
	}
	r.reviewRuns(si, s.Tokens, first)
	r.proposeNames(si, s.Tokens, first)
}

// run tags a sentence; false for a title-cased headline or no tokens.
func (t *nameTagging) run(r *recognizer, s sentence) bool {
	if r.headline || len(s.Tokens) == 0 {
		return false
	}
	t.model.tag(t.feats, r.text, s.Tokens, &t.sc)
	t.spans = trimSpans(s.Tokens, spans(t.sc.labels, t.sc.probs, t.spans[:0]))
	return true
}

// trimSpans cuts what cannot begin or end a name off the tagger's names:
// lower-case words and punctuation at either end ("Taikoo of the").
func trimSpans(toks []token, sps []nameSpan) []nameSpan {
	out := sps[:0]
	for _, sp := range sps {
		for sp.I < sp.J && !nameEdge(toks[sp.I].Text) {
			sp.I++
		}
		for sp.J > sp.I && !nameEdge(toks[sp.J-1].Text) {
			sp.J--
		}
		if sp.I < sp.J {
			out = append(out, sp)
		}
	}
	return out
}

func nameEdge(s string) bool {
	return capWord(s) || strings.IndexFunc(s, unicode.IsDigit) >= 0 && strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// reviewable: the rules typed the run from its shape or a preposition
// alone, or not at all; the tagger, which reads the whole context, may
// overrule them. Gazetteer, title, head-word, appositive and speech-verb
// evidence stands above it.
func reviewable(m mention) bool {
	switch m.Rule {
	case "capitalised", "name-shape", "place-preposition", "company-shape":
		return !m.Generic
	}
	return false
}

// reviewRuns reviews each run a weak rule typed, or no rule did, by the
// tagger's names inside it: one name over the whole run types it; several,
// or one over part of it, stand for it; none, with the tagger sure, drops
// it.
func (r *recognizer) reviewRuns(si int, toks []token, first int) {
	t := r.names
	keep := r.out[:first]
	var added []mention
	for _, m := range r.out[first:] {
		if m.Sent != si || !reviewable(m) {
			keep = append(keep, m)
			continue
		}
		a, b := tokenAfter(toks, m.Start), tokenAfter(toks, m.End)
		if b < 0 {
			b = len(toks)
		}
		if a < 0 || a >= b {
			keep = append(keep, m)
			continue
		}
		inside := t.spansWithin(a, b)
		switch {
		case len(inside) == 0:
			if t.meanProbO(a, b) < taggerDropO {
				keep = append(keep, m)
			}
		case len(inside) == 1 && inside[0].I == a && inside[0].J == b:
			sp := inside[0]
			if sp.Conf >= taggerTypeMin && (m.Type == "" || classOf(m.Type) != sp.Class) {
				m.Type, m.Rule, m.Conf = classType(sp.Class), ruleTagger, 0.5+0.3*float64(sp.Conf)
				r.refineTagged(&m, toks, sp)
			}
			keep = append(keep, m)
		case minConf(inside) >= taggerTypeMin:
			for _, sp := range inside {
				added = r.appendTagged(added, si, toks, sp, m.End, ruleTagger, 0.5+0.3*float64(sp.Conf))
			}
		default:
			keep = append(keep, m)
		}
	}
	r.out = append(keep, added...)
}

// proposeNames adds the tagger's sure names that no mention of the
// sentence touches.
func (r *recognizer) proposeNames(si int, toks []token, first int) {
	for _, sp := range r.names.spans {
		if sp.Conf < taggerNewMin {
			continue
		}
		start, end := toks[sp.I].Start, toks[sp.J-1].End
		free := true
		for _, m := range r.out[first:] {
			if m.Sent == si && m.Start < end && start < m.End {
				free = false
				break
			}
		}
		if free && !isCommonCapitalised(r.text[start:end]) {
			r.addTagged(si, toks, sp, len(r.text), ruleTaggerNew, 0.3+0.3*float64(sp.Conf))
		}
	}
}

// spansWithin returns the tagger's names that overlap tokens [a, b),
// clipped to them.
func (t *nameTagging) spansWithin(a, b int) []nameSpan {
	var out []nameSpan
	for _, sp := range t.spans {
		if sp.I < b && a < sp.J {
			sp.I, sp.J = max(sp.I, a), min(sp.J, b)
			out = append(out, sp)
		}
	}
	return out
}

func (t *nameTagging) meanProbO(a, b int) float32 {
	var sum float32
	for k := a; k < b; k++ {
		sum += t.sc.probO[k]
	}
	return sum / float32(b-a)
}

func minConf(sps []nameSpan) float32 {
	low := float32(1)
	for _, sp := range sps {
		low = min(low, sp.Conf)
	}
	return low
}

func classType(c nameClass) schema.EntityType {
	switch c {
	case classPER:
		return schema.Person
	case classORG:
		return schema.Organization
	case classLOC:
		return schema.Location
	}
	return schema.Event
}

func (r *recognizer) addTagged(si int, toks []token, sp nameSpan, limit int, rule string, conf float64) {
	r.out = r.appendTagged(r.out, si, toks, sp, limit, rule, conf)
}

// appendTagged appends the tagger's name sp (its end no later than limit)
// as a mention, unless it holds no capitalised word.
func (r *recognizer) appendTagged(out []mention, si int, toks []token, sp nameSpan, limit int, rule string, conf float64) []mention {
	hasName := false
	for k := sp.I; k < sp.J; k++ {
		hasName = hasName || capWord(toks[k].Text)
	}
	start, end := toks[sp.I].Start, min(toks[sp.J-1].End, limit)
	if !hasName || start >= end {
		return out
	}
	m := mention{Start: start, End: end, Sent: si, Type: classType(sp.Class), Name: r.text[start:end], Rule: rule, Conf: conf}
	r.refineTagged(&m, toks, sp)
	return append(out, m)
}

// refineTagged gives a tagged name what the gazetteers and head words say
// beyond its coarse class: a place that is a Country, an organization that
// is a Ministry, and their canonical names.
func (r *recognizer) refineTagged(m *mention, toks []token, sp nameSpan) {
	for _, e := range r.g.lookup(m.Name) {
		if classOf(e.Type) == sp.Class {
			m.Type, m.Canon, m.Country, m.Demonym = e.Type, e.Name, e.Country, e.Demonym
			return
		}
	}
	if sp.Class == classORG {
		if t, ok := r.headType(toks, sp.I, sp.J); ok && t == schema.Ministry {
			m.Type = schema.Ministry
		}
	}
}

// WithNameModel returns an Extractor that shares x's models and
// gazetteers and tags names with m, as x's Config.Names says (a rules-only
// x stays rules-only). Cross-validation builds one per fold this way.
func (x *Extractor) WithNameModel(m *NameModel) *Extractor {
	y := *x
	y.cfg.NameModel = m
	if y.cfg.Names != NamesRules {
		y.tagger = m
	}
	return &y
}
