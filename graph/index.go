package graph

import (
	"cmp"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// index is the in-memory view the reads are served from. It is derived from
// the quads alone: built by decoding every article label at Open and updated
// with the decoded quads of each committed write, so it is never a second
// source of truth.
type index struct {
	docs  map[string]*storedDoc           // article id -> what it contributed
	ents  map[string]*entityAgg           // entity id -> per-article assertions
	stmts map[stmtKey]*stmtAgg            // merged edges
	byID  map[string]*stmtAgg             // the same, by statement id
	adj   map[string]map[stmtKey]struct{} // entity id -> statements it takes part in
	names *nameIndex
}

type stmtKey struct {
	S string
	P schema.Predicate
	O string
}

type entityAgg struct {
	by     map[string]*schema.Entity // article id -> the entity as that article has it
	merged schema.Entity
}

// assertion is one article's assertion of a statement: the relation as the
// article's stored document has it.
type assertion struct {
	doc *storedDoc
	rel *schema.Relation
}

func (a assertion) article() string { return a.doc.doc.Article.ID }

type stmtAgg struct {
	key  stmtKey
	id   string
	asrt []assertion // sorted by article, then evidence offsets
}

func newIndex() *index {
	return &index{
		docs:  map[string]*storedDoc{},
		ents:  map[string]*entityAgg{},
		stmts: map[stmtKey]*stmtAgg{},
		byID:  map[string]*stmtAgg{},
		adj:   map[string]map[stmtKey]struct{}{},
		names: newNameIndex(),
	}
}

// stage replaces what article id contributed with sd (nil removes it) and
// records the entities it touched; the caller merges them again with
// remerge once per batch, so that a batch merges each entity once.
func (ix *index) stage(id string, sd *storedDoc, touched map[string]bool) {
	if old := ix.docs[id]; old != nil {
		for _, e := range old.doc.Entities {
			delete(ix.ents[e.ID].by, id)
			touched[e.ID] = true
		}
		for i := range old.doc.Relations {
			ix.dropAssertion(old, &old.doc.Relations[i])
		}
		delete(ix.docs, id)
	}
	if sd != nil {
		ix.docs[id] = sd
		for i := range sd.doc.Entities {
			e := &sd.doc.Entities[i]
			agg := ix.ents[e.ID]
			if agg == nil {
				agg = &entityAgg{by: map[string]*schema.Entity{}}
				ix.ents[e.ID] = agg
			}
			agg.by[id] = e
			touched[e.ID] = true
		}
		for i := range sd.doc.Relations {
			ix.addAssertion(sd, &sd.doc.Relations[i])
		}
	}
}

func (ix *index) remerge(touched map[string]bool) {
	for eid := range touched {
		agg := ix.ents[eid]
		ix.names.remove(eid)
		if len(agg.by) == 0 {
			delete(ix.ents, eid)
			continue
		}
		agg.merged = merge(eid, agg.by)
		ix.names.add(agg.merged)
	}
	ix.names.rebuild()
}

func (ix *index) addAssertion(sd *storedDoc, r *schema.Relation) {
	k := stmtKey{r.Subject, r.Predicate, r.Object}
	st := ix.stmts[k]
	if st == nil {
		st = &stmtAgg{key: k, id: statementID(k.S, k.P, k.O)}
		ix.stmts[k] = st
		ix.byID[st.id] = st
		ix.link(k.S, k)
		if !isDateEdge(k.P) {
			ix.link(k.O, k)
		}
	}
	a := assertion{sd, r}
	i, _ := slices.BinarySearchFunc(st.asrt, a, compareAssertions)
	st.asrt = slices.Insert(st.asrt, i, a)
}

func compareAssertions(a, b assertion) int {
	return cmp.Or(cmp.Compare(a.article(), b.article()), compareRelations(*a.rel, *b.rel))
}

func (ix *index) dropAssertion(sd *storedDoc, r *schema.Relation) {
	k := stmtKey{r.Subject, r.Predicate, r.Object}
	st := ix.stmts[k]
	if st == nil {
		return
	}
	st.asrt = slices.DeleteFunc(st.asrt, func(a assertion) bool { return a.doc == sd && a.rel == r })
	if len(st.asrt) == 0 {
		delete(ix.stmts, k)
		delete(ix.byID, st.id)
		ix.unlink(k.S, k)
		ix.unlink(k.O, k)
	}
}

func (ix *index) link(id string, k stmtKey) {
	m := ix.adj[id]
	if m == nil {
		m = map[stmtKey]struct{}{}
		ix.adj[id] = m
	}
	m[k] = struct{}{}
}

func (ix *index) unlink(id string, k stmtKey) {
	if m := ix.adj[id]; m != nil {
		delete(m, k)
		if len(m) == 0 {
			delete(ix.adj, id)
		}
	}
}

func isDateEdge(p schema.Predicate) bool {
	spec, _ := schema.Spec(p)
	return spec.ObjectIsDate
}

// merge folds what several articles say of one entity into one: the type and
// name most articles give (ties to the smallest), every other name and alias
// as an alias, all titles, the highest confidence. Variants that differ only
// in case, accents or punctuation count once.
func merge(id string, by map[string]*schema.Entity) schema.Entity {
	types := map[schema.EntityType]int{}
	names := map[string]int{}
	out := schema.Entity{ID: id}
	for _, e := range by {
		types[e.Type]++
		names[e.Name]++
		out.Confidence = max(out.Confidence, e.Confidence)
	}
	out.Type = mostCommon(types)
	out.Name = mostCommon(names)
	seen := map[string]bool{schema.Fold(out.Name): true}
	seenTitle := map[string]bool{}
	for _, a := range sortedKeys(by) {
		e := by[a]
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if f := schema.Fold(n); !seen[f] {
				seen[f] = true
				out.Aliases = append(out.Aliases, n)
			}
		}
		for _, t := range e.Titles {
			if f := schema.Fold(t); !seenTitle[f] {
				seenTitle[f] = true
				out.Titles = append(out.Titles, t)
			}
		}
	}
	slices.Sort(out.Aliases)
	slices.Sort(out.Titles)
	return out
}

func mostCommon[K cmp.Ordered](counts map[K]int) K {
	var best K
	n := -1
	for _, k := range sortedKeys(counts) {
		if counts[k] > n {
			best, n = k, counts[k]
		}
	}
	return best
}

func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// statement renders a merged edge with its evidence, keeping only the
// assertions keep accepts (nil keeps all). ok is false when none is kept.
func (ix *index) statement(st *stmtAgg, keep func(assertion) bool) (schema.Statement, bool) {
	out := schema.Statement{ID: st.id, Subject: st.key.S, Predicate: st.key.P, Object: st.key.O}
	ok := false
	for _, a := range st.asrt {
		if keep != nil && !keep(a) {
			continue
		}
		if !ok || a.rel.Confidence > out.Confidence {
			out.Confidence, out.Rule = a.rel.Confidence, a.rel.Rule
		}
		ok = true
		out.EvidenceCount++
		ev := a.rel.Evidence
		ev.Article = a.article()
		ev.Published = a.doc.doc.Article.Published
		out.Evidence = append(out.Evidence, ev)
	}
	return out, ok
}

// edge renders a merged edge without its evidence: its count only.
func edge(st *stmtAgg) schema.Statement {
	out := schema.Statement{ID: st.id, Subject: st.key.S, Predicate: st.key.P, Object: st.key.O, EvidenceCount: len(st.asrt)}
	for i, a := range st.asrt {
		if i == 0 || a.rel.Confidence > out.Confidence {
			out.Confidence, out.Rule = a.rel.Confidence, a.rel.Rule
		}
	}
	return out
}

// degree is the number of distinct statements an entity takes part in.
func (ix *index) degree(id string) int { return len(ix.adj[id]) }
