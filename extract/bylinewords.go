package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// bylineWords is the vocabulary of bylines, credit lines and datelines
// (data/bylines.tsv), lower case.
type bylineWords struct {
	outlet, outletHead, outletWord, role, roleHead, label, author, credit map[string]bool
	creditRE                                                              *regexp.Regexp // a credit label and its "by"
}

// bylineVocab is read once from the embedded file; the file is part of the
// binary, so a malformed one is a programmer error (TestBylineWords loads it).
var bylineVocab = sync.OnceValue(func() *bylineWords {
	v, err := loadBylineWords()
	if err != nil {
		panic(err)
	}
	return v
})

func loadBylineWords() (*bylineWords, error) {
	v := &bylineWords{outlet: map[string]bool{}, outletHead: map[string]bool{}, outletWord: map[string]bool{},
		role: map[string]bool{}, roleHead: map[string]bool{}, label: map[string]bool{}, author: map[string]bool{}, credit: map[string]bool{}}
	sets := map[string]map[string]bool{"outlet": v.outlet, "outlethead": v.outletHead, "outletword": v.outletWord,
		"role": v.role, "rolehead": v.roleHead, "label": v.label, "author": v.author, "credit": v.credit}
	b, err := dataFS.ReadFile("data/bylines.tsv")
	if err != nil {
		return nil, fmt.Errorf("extract: bylines.tsv: %w", err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		set := sets[f[0]]
		if len(f) != 2 || set == nil {
			return nil, fmt.Errorf("extract: bylines.tsv line %d: want kind<TAB>forms, the kind one of outlet, outlethead, outletword, role, rolehead, label, author, credit", i+1)
		}
		for _, w := range splitForms(f[1]) {
			set[strings.ToLower(w)] = true
		}
	}
	var labels []string
	for _, set := range []map[string]bool{v.author, v.credit} {
		for w := range set {
			labels = append(labels, regexp.QuoteMeta(w))
		}
	}
	// longest first, so "additional reporting" is read whole
	sort.Slice(labels, func(i, j int) bool {
		if len(labels[i]) != len(labels[j]) {
			return len(labels[i]) > len(labels[j])
		}
		return labels[i] < labels[j]
	})
	v.creditRE = regexp.MustCompile(`(?i)\b(` + strings.Join(labels, "|") + `)\s+by:?\s+`)
	return v, nil
}

// isRole: every word of s is a role word ("Staff Reporter", "By Our
// Special Correspondent", "Agencies").
func (v *bylineWords) isRole(s string) bool {
	ws := strings.Fields(strings.ToLower(s))
	for _, w := range ws {
		if !v.role[strings.Trim(w, ".,")] {
			return false
		}
	}
	return len(ws) > 0
}

// isRoleLine: s is only a writer's role ("Senior Reporter", "Staff Writer").
func (v *bylineWords) isRoleLine(s string) bool {
	ws := strings.Fields(strings.ToLower(s))
	return v.isRole(s) && len(ws) <= 4 && v.roleHead[strings.Trim(ws[len(ws)-1], ".,")]
}

// isOutlet: s names a news outlet: a known one, or a capitalised name
// ending in an outlet's head word ("The Jakarta Post", "Express News
// Service"), or in a word that is one after "The" ("The Star").
func (v *bylineWords) isOutlet(s string) bool {
	s = strings.TrimSpace(s)
	l := strings.ToLower(s)
	if v.outlet[l] || v.outlet[strings.TrimPrefix(l, "the ")] {
		return true
	}
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 6 || v.isRole(s) {
		return false
	}
	last := strings.ToLower(ws[len(ws)-1])
	if !v.outletHead[last] && !(v.outletWord[last] && strings.EqualFold(ws[0], "the")) {
		return false
	}
	for _, w := range ws {
		if !nameWord(w) && !isPlaceParticle(w) && w != "the" && w != "and" && w != "&" {
			return false
		}
	}
	return true
}
