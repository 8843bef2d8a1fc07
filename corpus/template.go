package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// signDate is the relation object that stands for the story's signing date.
const signDate = "@SIGN"

// template is one sentence of data/templates.tsv: literal text and slots,
// and the relations the sentence states between the slots' entities.
type template struct {
	kind  string
	parts []part
	rels  []relSpec
	needs []string // every key the sentence or its relations use
}

// part is literal text, or a slot when key is set: {KEY} or {KEY.form}.
type part struct{ lit, key, form string }

type relSpec struct {
	pred      schema.Predicate
	subj, obj string
}

func (lib *library) addTemplate(f []string) error {
	t := &template{kind: f[0]}
	parts, err := parseSlots(f[2])
	if err != nil {
		return err
	}
	t.parts = parts
	need := map[string]bool{}
	for _, p := range parts {
		if p.key != "" && !need[p.key] {
			need[p.key] = true
			t.needs = append(t.needs, p.key)
		}
	}
	if f[1] != "-" {
		for _, r := range strings.Fields(f[1]) {
			rs, err := parseRel(r)
			if err != nil {
				return err
			}
			for _, k := range []string{rs.subj, rs.obj} {
				if k != signDate && !need[k] {
					need[k] = true
					t.needs = append(t.needs, k)
				}
			}
			t.rels = append(t.rels, rs)
		}
	}
	lib.templates[t.kind] = append(lib.templates[t.kind], t)
	return nil
}

func parseSlots(s string) ([]part, error) {
	var out []part
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			out = append(out, part{lit: s})
			break
		}
		if i > 0 {
			out = append(out, part{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("unclosed slot in %q", s)
		}
		key, form, _ := strings.Cut(s[i+1:i+j], ".")
		out = append(out, part{key: key, form: form})
		s = s[i+j+1:]
	}
	return out, nil
}

func parseRel(s string) (relSpec, error) {
	p, ends, ok := strings.Cut(s, ":")
	subj, obj, ok2 := strings.Cut(ends, ">")
	if !ok || !ok2 {
		return relSpec{}, fmt.Errorf("relation %q, want predicate:SUBJECT>OBJECT", s)
	}
	pred, err := schema.ParsePredicate(p)
	if err != nil {
		return relSpec{}, err
	}
	return relSpec{pred: pred, subj: subj, obj: obj}, nil
}

// piece is a run of a rendered sentence: plain text, or text that names the
// entity of key. title is a person's title the run states; noAlias marks a
// demonym, which points at a country without being one of its names.
type piece struct {
	text    string
	key     string
	title   string
	noAlias bool
}

// span is where a sentence (relative) or the article (absolute) names key.
type span struct {
	key        string
	start, end int
	noAlias    bool
}

type keyTitle struct{ key, title string }

// sentence is a rendered template: its text, what it names where, the
// titles it gives people, and the relations it states.
type sentence struct {
	text     string
	mentions []span
	titles   []keyTitle
	rels     []relSpec
	words    int
}

// render fills t's slots from the draft's cast.
func (d *draft) render(t *template) sentence {
	var b strings.Builder
	s := sentence{rels: t.rels}
	for _, p := range t.parts {
		if p.key == "" {
			b.WriteString(p.lit)
			continue
		}
		for _, pc := range d.pieces(p.key, p.form) {
			if pc.key != "" {
				s.mentions = append(s.mentions, span{key: pc.key, start: b.Len(), end: b.Len() + len(pc.text), noAlias: pc.noAlias})
			}
			if pc.title != "" {
				s.titles = append(s.titles, keyTitle{p.key, pc.title})
			}
			b.WriteString(pc.text)
		}
	}
	s.text = capitalize(b.String())
	s.words = len(strings.Fields(s.text))
	return s
}

// pieces renders one slot. An unknown key or form is a bug in the
// templates, which the tests catch by rendering many articles.
func (d *draft) pieces(key, form string) []piece {
	if v, ok := d.vals[key]; ok {
		return []piece{{text: v()}}
	}
	e, ok := d.ents[key]
	if !ok {
		panic(fmt.Sprintf("corpus: template slot %s is not in the cast", key))
	}
	ps, ok := e.forms[form]
	if !ok {
		panic(fmt.Sprintf("corpus: template slot %s has no form %q", key, form))
	}
	return ps
}

// capitalize makes a sentence start with a capital letter when its first
// letter is a lower-case ASCII letter ("the United States ..."); only then,
// so that no byte offset moves.
func capitalize(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if r < utf8.RuneSelf && unicode.IsLower(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+1:]
		}
		return s
	}
	return s
}
