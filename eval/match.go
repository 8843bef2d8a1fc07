package eval

import (
	"fmt"

	"github.com/newsgraph/newsgraph/schema"
)

// Compare scores one extracted document against its gold annotation.
func Compare(doc schema.Document, g Gold) *Score {
	s := NewScore()
	match := matchEntities(doc, g, s)
	scoreRelations(doc, g, match, s)
	scoreTitles(doc, g, match, s)
	scoreMetadata(doc, g, s)
	return s
}

// names are the folded names an entity of type t can match by: its name and
// aliases, less an agreement's bare kind words ("the MoU"), which the
// guidelines ignore on both sides.
func names(t schema.EntityType, name string, aliases []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range append([]string{name}, aliases...) {
		if t == schema.Agreement && schema.BareKind(n) {
			continue
		}
		if f := schema.Fold(n); f != "" {
			out[f] = true
		}
	}
	return out
}

// matchEntities pairs predicted entities with gold ones (rule 2 of the
// guidelines) and returns, for each predicted entity id, the index of the
// gold entity it matched (or -1).
func matchEntities(doc schema.Document, g Gold, s *Score) map[string]int {
	match := map[string]int{}
	used := make([]bool, len(g.Entities))
	goldNames := make([]map[string]bool, len(g.Entities))
	for i, ge := range g.Entities {
		goldNames[i] = names(ge.Type, ge.Name, ge.Aliases)
	}
	for _, e := range doc.Entities {
		match[e.ID] = -1
		pn := names(e.Type, e.Name, e.Aliases)
		hit, dupOf := -1, -1
		for i, ge := range g.Entities {
			if ge.Type != e.Type || !intersects(pn, goldNames[i]) {
				continue
			}
			if used[i] {
				dupOf = i
				continue
			}
			hit = i
			break
		}
		c := s.typeCount(e.Type)
		switch {
		case hit >= 0:
			used[hit] = true
			match[e.ID] = hit
			if !g.Entities[hit].Optional {
				c.TP++
			}
		case dupOf >= 0 && g.Entities[dupOf].Optional:
			// a second match of an optional entity: neither rewarded nor penalised
		default:
			c.FP++
			s.Errors = append(s.Errors, fmt.Sprintf("%s: extra %s %q", g.Article, e.Type, e.Name))
		}
	}
	for i, ge := range g.Entities {
		if !used[i] && !ge.Optional {
			s.typeCount(ge.Type).FN++
			s.Errors = append(s.Errors, fmt.Sprintf("%s: missed %s %q", g.Article, ge.Type, ge.Name))
		}
	}
	for _, c := range s.ByType {
		s.Entities.Add(*c)
	}
	return match
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func scoreRelations(doc schema.Document, g Gold, match map[string]int, s *Score) {
	goldIdx := map[string]int{}
	for i, ge := range g.Entities {
		goldIdx[schema.Fold(ge.Name)] = i
	}
	end := func(id string, p schema.Predicate, object bool) string {
		if spec, _ := schema.Spec(p); spec.ObjectIsDate && object {
			return "date:" + id
		}
		if i, ok := match[id]; ok && i >= 0 {
			return fmt.Sprint(i)
		}
		return "none:" + id
	}
	goldEnd := func(name string, p schema.Predicate, object bool) string {
		if spec, _ := schema.Spec(p); spec.ObjectIsDate && object {
			return "date:" + name
		}
		if i, ok := goldIdx[schema.Fold(name)]; ok {
			return fmt.Sprint(i)
		}
		return "unknown:" + name
	}
	type key struct{ s, p, o string }
	gold := map[key]int{}
	for i, gr := range g.Relations {
		gold[key{goldEnd(gr.Subject, gr.Predicate, false), string(gr.Predicate), goldEnd(gr.Object, gr.Predicate, true)}] = i
	}
	found := map[int]bool{}
	seen := map[key]bool{}
	for _, r := range doc.Relations {
		if _, ok := schema.Spec(r.Predicate); !ok {
			continue
		}
		k := key{end(r.Subject, r.Predicate, false), string(r.Predicate), end(r.Object, r.Predicate, true)}
		if seen[k] {
			continue
		}
		seen[k] = true
		c := s.predCount(r.Predicate)
		if i, ok := gold[k]; ok {
			found[i] = true
			if !g.Relations[i].Optional {
				c.TP++
			}
			continue
		}
		c.FP++
		s.Errors = append(s.Errors, fmt.Sprintf("%s: extra %s %s %s", g.Article, r.Subject, r.Predicate, r.Object))
	}
	for i, gr := range g.Relations {
		if !found[i] && !gr.Optional {
			s.predCount(gr.Predicate).FN++
			s.Errors = append(s.Errors, fmt.Sprintf("%s: missed %s %s %s", g.Article, gr.Subject, gr.Predicate, gr.Object))
		}
	}
	for _, c := range s.ByPredicate {
		s.Relations.Add(*c)
	}
}

func scoreTitles(doc schema.Document, g Gold, match map[string]int, s *Score) {
	byGold := map[int]schema.Entity{}
	for _, e := range doc.Entities {
		if i := match[e.ID]; i >= 0 {
			byGold[i] = e
		}
	}
	for i, ge := range g.Entities {
		for _, t := range ge.Titles {
			e, ok := byGold[i]
			if ok && titleFound(t, e.Titles) {
				s.Titles.TP++
			} else {
				s.Titles.FN++
				s.Errors = append(s.Errors, fmt.Sprintf("%s: missed title %q of %q", g.Article, t, ge.Name))
			}
		}
	}
}

func titleFound(gold string, got []string) bool {
	fg := schema.Fold(gold)
	for _, t := range got {
		ft := schema.Fold(t)
		if ft != "" && (contains(ft, fg) || contains(fg, ft)) {
			return true
		}
	}
	return false
}

func contains(a, b string) bool { return len(b) > 0 && len(a) >= len(b) && indexOf(a, b) >= 0 }

func indexOf(a, b string) int {
	for i := 0; i+len(b) <= len(a); i++ {
		if a[i:i+len(b)] == b {
			return i
		}
	}
	return -1
}

// scoreMetadata counts the metadata fields the gold states: each right one
// is a TP, each wrong or missing one an FN.
func scoreMetadata(doc schema.Document, g Gold, s *Score) {
	a := doc.Article
	for _, f := range []struct{ name, gold, got string }{
		{"published", g.Published, a.Published}, {"title", g.Title, a.Title},
		{"author", g.Author, a.Author}, {"publisher", g.Publisher, a.Publisher},
	} {
		if f.gold == "" {
			continue
		}
		if schema.Fold(f.gold) == schema.Fold(f.got) {
			s.Metadata.TP++
		} else {
			s.Metadata.FN++
			s.Errors = append(s.Errors, fmt.Sprintf("%s: metadata %s = %q, want %q", g.Article, f.name, f.got, f.gold))
		}
	}
}

// CoarseClass maps an entity type onto the three coarse classes of a
// names-only evaluation (GUM): person, organization (Ministry included)
// and place (Country included). Other types have no coarse class.
func CoarseClass(t schema.EntityType) schema.EntityType {
	switch t {
	case schema.Person:
		return schema.Person
	case schema.Organization, schema.Ministry:
		return schema.Organization
	case schema.Location, schema.Country:
		return schema.Location
	}
	return ""
}

// CompareCoarse scores names only, by coarse class: entities of types with
// no coarse class are left out on both sides, and so are relations.
func CompareCoarse(doc schema.Document, g Gold) *Score {
	d, gc := doc, g
	d.Entities = coarsen(doc.Entities, func(e *schema.Entity) *schema.EntityType { return &e.Type })
	gc.Entities = coarsen(g.Entities, func(e *GoldEntity) *schema.EntityType { return &e.Type })
	s := NewScore()
	matchEntities(d, gc, s)
	return s
}

// coarsen keeps the entities that have a coarse class, retyped to it.
func coarsen[E any](es []E, typ func(*E) *schema.EntityType) []E {
	var out []E
	for _, e := range es {
		t := typ(&e)
		if c := CoarseClass(*t); c != "" {
			*t = c
			out = append(out, e)
		}
	}
	return out
}
