package eval

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// NameSpan is where an article writes a gold entity's name: bytes
// [Start, End) of its text, and the entity's type.
type NameSpan struct {
	Start, End int
	Type       schema.EntityType
}

// nameTypes are the types whose names ProjectNames returns: the ones a
// name tagger learns (person, organization, place, event).
var nameTypes = map[schema.EntityType]bool{
	schema.Person: true, schema.Organization: true, schema.Ministry: true,
	schema.Country: true, schema.Location: true, schema.Event: true,
}

// ProjectNames finds where text writes the names of g's entities: every
// capitalised occurrence of a name or alias at word boundaries, the longest
// first, none overlapping another, so that labels for a name tagger can be
// read off the article. Agreement and sector names are matched too, so
// that a country inside an agreement's title is not taken for a name of its
// own, but only the types in nameTypes are returned, in text order.
func ProjectNames(text string, g Gold) []NameSpan {
	type cand struct {
		surface string
		typ     schema.EntityType
		order   int
	}
	var cands []cand
	for i, e := range g.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			n = strings.TrimSpace(n)
			if r, _ := utf8.DecodeRuneInString(n); n != "" && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
				cands = append(cands, cand{n, e.Type, i})
				if alt := strings.ReplaceAll(n, "'", "’"); alt != n {
					cands = append(cands, cand{alt, e.Type, i})
				}
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if len(cands[a].surface) != len(cands[b].surface) {
			return len(cands[a].surface) > len(cands[b].surface)
		}
		return cands[a].order < cands[b].order
	})
	var taken []NameSpan
	for _, c := range cands {
		for from := 0; ; {
			i := strings.Index(text[from:], c.surface)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(c.surface)
			from = e
			if !wordEdge(text, s, e) || overlapsAny(taken, s, e) {
				continue
			}
			taken = append(taken, NameSpan{Start: s, End: e, Type: c.typ})
		}
	}
	out := taken[:0]
	for _, t := range taken {
		if nameTypes[t.Type] {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// wordEdge: no letter or digit runs on before s or after e.
func wordEdge(text string, s, e int) bool {
	if r, _ := utf8.DecodeLastRuneInString(text[:s]); s > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(text[e:]); e < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return true
}

func overlapsAny(spans []NameSpan, s, e int) bool {
	for _, t := range spans {
		if s < t.End && t.Start < e {
			return true
		}
	}
	return false
}
