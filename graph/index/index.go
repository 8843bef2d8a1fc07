package index

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"unique"

	"github.com/newsgraph/newsgraph/schema"
)

// Index is the read model: every article's record (Doc) and what the
// reads derive from them, the entities merged over the articles that
// mention them, the statements with their assertions, the adjacency of
// every entity and the name table search scans. It is derived from the
// records alone, which the write path makes from each document
// (Pack) and the log keeps beside the quads, so it is never a second source
// of truth. Reads are safe for concurrent use with Apply.
type Index struct {
	mu    sync.RWMutex
	docs  map[string]*Doc       // article id -> its record
	ents  map[string]*entityAgg // entity id -> per-article assertions
	stmts map[stmtKey]*stmtAgg  // merged edges
	byID  map[string]*stmtAgg   // the same, by statement id
	adj   map[string][]*stmtAgg // entity id -> statements it takes part in, in no order
	names *nameIndex
	// gone is the version of each article taken out (see Change)
	gone map[string]int64
}

type stmtKey struct {
	S string
	P schema.Predicate
	O string
}

type entityAgg struct {
	id     string // the key in ents, which the articles' records share
	by     []*Doc // the articles that mention it, by article id once merged
	merged schema.Entity
}

// assertion is one article's assertion of a statement: a relation of the
// article's record. It holds the relation's meta (confidence and rule)
// itself: an edge's confidence is read from every assertion, which for a
// statement thousands of articles make should cost no visit to each
// article.
type assertion struct {
	doc  *Doc
	meta unique.Handle[relationMeta]
	at   uint32 // the relation's offset in doc.packed
}

func (a assertion) article() string { return a.doc.Article.id() }

type stmtAgg struct {
	key  stmtKey
	id   string
	asrt []assertion // sorted by article, then evidence offsets
	// at is where the statement lies in adj[key.S] and adj[key.O], so that
	// taking it out of a hub's list costs no search.
	at [2]int32
}

// New returns an empty index.
func New() *Index {
	return &Index{
		docs:  map[string]*Doc{},
		ents:  map[string]*entityAgg{},
		stmts: map[stmtKey]*stmtAgg{},
		byID:  map[string]*stmtAgg{},
		adj:   map[string][]*stmtAgg{},
		names: newNameIndex(),
		gone:  map[string]int64{},
	}
}

// Change is what one committed write did to one article: its new record,
// or nil when the article went away, and the version the store gave the
// article (0 where it keeps none).
type Change struct {
	ID      string
	Doc     *Doc
	Version int64
}

// Apply makes changes visible to reads, in order, at once: a read sees all
// of them or none. A batch merges each entity it touches once. A change
// of an article the index holds at the same or a later version is left
// out: a process that applies its own writes and reads other processes'
// may read a change after a later one.
func (ix *Index) Apply(changes []Change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.apply(changes)
}

// ApplyBehind is Apply done in a goroutine of its own, for a writer that
// has more to do meanwhile. It takes the index's lock before it returns,
// so a read that starts after it waits for the changes and sees them, as
// after Apply. The channel is closed once they are applied.
func (ix *Index) ApplyBehind(changes []Change) <-chan struct{} {
	done := make(chan struct{})
	ix.mu.Lock()
	go func() {
		defer close(done)
		defer ix.mu.Unlock()
		ix.apply(changes)
	}()
	return done
}

// apply is Apply; the caller holds mu.
func (ix *Index) apply(changes []Change) {
	touched := map[string]bool{}
	for _, c := range changes {
		if c.Version != 0 && c.Version <= ix.version(c.ID) {
			continue
		}
		ix.stage(c.ID, c.Doc, touched)
		if c.Doc != nil {
			c.Doc.version = c.Version
			delete(ix.gone, c.ID)
		} else if c.Version != 0 {
			ix.gone[c.ID] = c.Version
		}
	}
	ix.remerge(touched)
}

// version is the version of article id the index holds, present or gone.
func (ix *Index) version(id string) int64 {
	if d := ix.docs[id]; d != nil {
		return d.version
	}
	return ix.gone[id]
}

// Load applies the records of a whole store, then gives back the room that
// growing the lists left (see trim): the first Apply of an index that
// starts from a snapshot or from the quads.
func (ix *Index) Load(changes []Change) {
	ix.Apply(changes)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.trim()
}

// Doc returns the record of article id, or nil. A record does not change
// once made, so the caller may read it without a lock.
func (ix *Index) Doc(id string) *Doc {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.docs[id]
}

// Len is the number of articles.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// stage replaces what article id contributed with sd (nil removes it) and
// records the entities it touched; the caller merges them again with
// remerge once per batch, so that a batch merges each entity once. An
// article joins the end of an entity's list here, and remerge sorts it.
// The entity ids of sd become the index's copy (the key of ents), so that
// every article holds the same one.
func (ix *Index) stage(id string, sd *Doc, touched map[string]bool) {
	if old := ix.docs[id]; old != nil {
		for i := range old.Entities {
			eid := old.Entities[i].ID
			agg := ix.ents[eid]
			if j := slices.Index(agg.by, old); j >= 0 {
				agg.by = slices.Delete(agg.by, j, j+1)
			}
			touched[eid] = true
		}
		old.eachRelation(func(at uint32, r relation) {
			ix.dropAssertion(assertion{old, old.metas[r.meta], at}, old.key(r))
		})
		delete(ix.docs, id)
	}
	if sd != nil {
		// keyed by the packed id: the caller's string may hold more (on
		// load, the tail of the label's IRI)
		ix.docs[sd.Article.id()] = sd
		for i := range sd.Entities {
			e := &sd.Entities[i]
			agg := ix.ents[e.ID]
			if agg == nil {
				agg = &entityAgg{id: strings.Clone(e.ID)} // e.ID may lie in a longer string (an IRI)
				ix.ents[agg.id] = agg
			}
			e.ID = agg.id
			agg.by = append(agg.by, sd)
			touched[e.ID] = true
		}
		sd.eachRelation(func(at uint32, r relation) {
			ix.addAssertion(assertion{sd, sd.metas[r.meta], at}, sd.key(r))
		})
	}
}

func (ix *Index) remerge(touched map[string]bool) {
	for eid := range touched {
		agg := ix.ents[eid]
		ix.names.remove(eid)
		if len(agg.by) == 0 {
			delete(ix.ents, eid)
			continue
		}
		if !slices.IsSortedFunc(agg.by, compareArticles) {
			slices.SortFunc(agg.by, compareArticles)
		}
		agg.merged = merge(eid, agg.by)
		ix.names.add(agg.merged)
	}
	ix.names.rebuild()
}

// trim gives back the room that growing by append left at the end of the
// index's lists, up to half of each: a loaded index keeps them as they are
// until its articles go.
func (ix *Index) trim() {
	for _, agg := range ix.ents {
		agg.by = tight(agg.by)
	}
	for _, st := range ix.stmts {
		st.asrt = tight(st.asrt)
	}
	for id, l := range ix.adj {
		ix.adj[id] = tight(l)
	}
}

// tight returns s, or a copy of it without the spare room when that is
// more than an eighth.
func tight[S ~[]E, E any](s S) S {
	if cap(s)-len(s) <= len(s)/8 {
		return s
	}
	return slices.Clone(s)
}

func compareArticles(a, b *Doc) int { return cmp.Compare(a.Article.id(), b.Article.id()) }

func (ix *Index) addAssertion(a assertion, k stmtKey) {
	st := ix.stmts[k]
	if st == nil {
		st = &stmtAgg{key: k, id: schema.StatementID(k.S, k.P, k.O)}
		ix.stmts[k] = st
		ix.byID[st.id] = st
		ix.link(k.S, st, 0)
		if linksObject(k) {
			ix.link(k.O, st, 1)
		}
	}
	i, _ := slices.BinarySearchFunc(st.asrt, a, compareAssertions)
	st.asrt = slices.Insert(st.asrt, i, a)
}

// compareAssertions orders the assertions of one statement, which differ
// only by article and evidence offsets.
func compareAssertions(a, b assertion) int {
	if c := cmp.Compare(a.article(), b.article()); c != 0 {
		return c
	}
	ae, _ := a.doc.evidence(a.at)
	be, _ := b.doc.evidence(b.at)
	return cmp.Or(cmp.Compare(ae.Start, be.Start), cmp.Compare(ae.End, be.End))
}

func (ix *Index) dropAssertion(a assertion, k stmtKey) {
	st := ix.stmts[k]
	if st == nil {
		return
	}
	st.asrt = slices.DeleteFunc(st.asrt, func(b assertion) bool { return b == a })
	if len(st.asrt) == 0 {
		delete(ix.stmts, k)
		delete(ix.byID, st.id)
		ix.unlink(k.S, st, 0)
		if linksObject(k) {
			ix.unlink(k.O, st, 1)
		}
	}
}

// linksObject reports whether a statement is listed under its object as
// well as its subject: not when the object is a date, nor when it is the
// subject itself, which lists it once.
func linksObject(k stmtKey) bool { return !isDateEdge(k.P) && k.O != k.S }

// link lists st under entity id, at its end (0 subject, 1 object).
func (ix *Index) link(id string, st *stmtAgg, end int) {
	st.at[end] = int32(len(ix.adj[id]))
	ix.adj[id] = append(ix.adj[id], st)
}

// unlink takes st out of id's list, moving the last statement of the list
// into its place.
func (ix *Index) unlink(id string, st *stmtAgg, end int) {
	l := ix.adj[id]
	i, last := st.at[end], l[len(l)-1]
	l[i] = last
	if last.key.S == id {
		last.at[0] = i
	} else {
		last.at[1] = i
	}
	l[len(l)-1] = nil
	if l = l[:len(l)-1]; len(l) == 0 {
		delete(ix.adj, id)
	} else {
		ix.adj[id] = l
	}
}

func isDateEdge(p schema.Predicate) bool {
	spec, _ := schema.Spec(p)
	return spec.ObjectIsDate
}

// merge folds what several articles (by, in article order) say of one
// entity into one: the type and name most articles give (ties to the
// smallest), every other name and alias as an alias, all titles, the
// highest confidence. Variants that differ only in case, accents or
// punctuation count once.
func merge(id string, by []*Doc) schema.Entity {
	types := map[schema.EntityType]int{}
	names := map[string]int{}
	out := schema.Entity{ID: id}
	own := make([]int, len(by)) // each article's record of the entity
	for i, sd := range by {
		own[i], _ = sd.entityIndex(id)
		e := &sd.Entities[own[i]]
		types[e.typ()]++
		names[e.name()]++
		out.Confidence = max(out.Confidence, e.confidence())
	}
	out.Type = mostCommon(types)
	out.Name = mostCommon(names)
	seen := map[string]bool{schema.Fold(out.Name): true}
	seenTitle := map[string]bool{}
	alias := func(n string) {
		if f := schema.Fold(n); !seen[f] {
			seen[f] = true
			out.Aliases = append(out.Aliases, n)
		}
	}
	for i, sd := range by {
		alias(sd.Entities[own[i]].name())
		for _, n := range sd.aliases(own[i]) {
			alias(n.Value())
		}
		for _, t := range sd.titles(own[i]) {
			if f := schema.Fold(t.Value()); !seenTitle[f] {
				seenTitle[f] = true
				out.Titles = append(out.Titles, t.Value())
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
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		if counts[k] > n {
			best, n = k, counts[k]
		}
	}
	return best
}

// statement renders a merged edge with its evidence, keeping only the
// assertions keep accepts (nil keeps all). ok is false when none is kept.
// The sentences the index does not hold are left empty (FillSentences).
func (ix *Index) statement(st *stmtAgg, keep func(assertion) bool) (schema.Statement, bool) {
	out := schema.Statement{ID: st.id, Subject: st.key.S, Predicate: st.key.P, Object: st.key.O}
	ok := false
	for _, a := range st.asrt {
		if keep != nil && !keep(a) {
			continue
		}
		if m := a.meta.Value(); !ok || m.confidence() > out.Confidence {
			out.Confidence, out.Rule = m.confidence(), m.rule
		}
		ok = true
		out.EvidenceCount++
		ev, _ := a.doc.evidence(a.at)
		ev.Article = a.article()
		ev.Published = a.doc.Article.published()
		m := a.meta.Value()
		ev.Confidence, ev.Rule = m.confidence(), m.rule
		out.Evidence = append(out.Evidence, ev)
	}
	return out, ok
}

// edge renders a merged edge without its evidence: its count only.
func edge(st *stmtAgg) schema.Statement {
	out := schema.Statement{ID: st.id, Subject: st.key.S, Predicate: st.key.P, Object: st.key.O, EvidenceCount: len(st.asrt)}
	for i, a := range st.asrt {
		if m := a.meta.Value(); i == 0 || m.confidence() > out.Confidence {
			out.Confidence, out.Rule = m.confidence(), m.rule
		}
	}
	return out
}

// degree is the number of distinct statements an entity takes part in.
func (ix *Index) degree(id string) int { return len(ix.adj[id]) }

// IDs lists the article ids, sorted.
func (ix *Index) IDs() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return slices.Sorted(maps.Keys(ix.docs))
}
